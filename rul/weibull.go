package rul

import (
	"fmt"
	"math"
)

// WeibullModel is a survival model: a two-parameter Weibull lifetime
// distribution, S(t) = exp(−(t/λ)^k), fitted by maximum likelihood to the
// failure and right-censoring (suspension) times of a fleet, and used to
// forecast the remaining life of a unit known to have survived to its age.
//
// Fit. With failure indicators δ_i and r = Σδ_i failures, the censored
// log-likelihood
//
//	ℓ(k, λ) = Σ δ_i [ln k − k ln λ + (k−1) ln t_i] − Σ (t_i/λ)^k
//
// is maximised over λ in closed form, λ^k = Σ t_i^k / r, leaving the
// profile equation for the shape
//
//	Σ t_i^k ln t_i / Σ t_i^k − 1/k − (1/r) Σ δ_i ln t_i = 0,
//
// whose left side increases with k; it is solved by Newton's method
// safeguarded by bisection (times are scaled by their maximum first).
//
// Forecast. Given survival to age t the residual life R has
// P(R > x) = exp((t/λ)^k − ((t+x)/λ)^k), so its quantiles are closed forms
// (see Distribution.Quantile) and its mean an incomplete gamma function.
//
// Observe adds fleet observations online and refits.
type WeibullModel struct {
	times  []float64
	failed []bool
	shape  float64
	scale  float64
}

// FitWeibull fits a WeibullModel to times (> 0, finite) with failed[i]
// telling a failure (true) from a right-censored survival (false). It needs
// at least 2 failures at distinct times. It panics if the lengths differ.
func FitWeibull(times []float64, failed []bool) (*WeibullModel, error) {
	if len(times) != len(failed) {
		panic("rul: len(times) != len(failed)")
	}
	m := &WeibullModel{}
	for i, t := range times {
		if err := m.add(t, failed[i]); err != nil {
			return nil, fmt.Errorf("observation %d: %w", i, err)
		}
	}
	if err := m.fit(); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *WeibullModel) add(t float64, failed bool) error {
	if !finite(t) || !(t > 0) {
		return errorf(ErrBadInput, "weibull: time %g must be finite and > 0", t)
	}
	m.times = append(m.times, t)
	m.failed = append(m.failed, failed)
	return nil
}

// Observe adds one fleet observation (a failure at t, or a unit still
// running/removed at t when failed is false) and refits. On error the model
// is unchanged.
func (m *WeibullModel) Observe(t float64, failed bool) error {
	if err := m.add(t, failed); err != nil {
		return err
	}
	if err := m.fit(); err != nil {
		m.times = m.times[:len(m.times)-1]
		m.failed = m.failed[:len(m.failed)-1]
		return err
	}
	return nil
}

// Shape returns the fitted shape k.
func (m *WeibullModel) Shape() float64 { return m.shape }

// Scale returns the fitted scale λ (same unit as the times).
func (m *WeibullModel) Scale() float64 { return m.scale }

// fit solves the profile likelihood equation for k.
func (m *WeibullModel) fit() error {
	r := 0
	tmax := 0.0
	first, distinct := math.NaN(), false
	for i, t := range m.times {
		tmax = math.Max(tmax, t)
		if m.failed[i] {
			r++
			if math.IsNaN(first) {
				first = t
			} else if t != first {
				distinct = true
			}
		}
	}
	if r < 2 || !distinct {
		return errorf(ErrTooFewPoints, "weibull fit: %d failures, need at least 2 at distinct times", r)
	}
	// Work with u = t/tmax ∈ (0, 1] so that u^k never overflows.
	var meanLogF float64
	for i, t := range m.times {
		if m.failed[i] {
			meanLogF += math.Log(t/tmax) / float64(r)
		}
	}
	g := func(k float64) (val, deriv float64) {
		var s0, s1, s2 float64
		for _, t := range m.times {
			lu := math.Log(t / tmax)
			w := math.Exp(k * lu)
			s0 += w
			s1 += w * lu
			s2 += w * lu * lu
		}
		val = s1/s0 - 1/k - meanLogF
		deriv = (s2*s0-s1*s1)/(s0*s0) + 1/(k*k)
		return val, deriv
	}
	lo, hi := 1e-3, 1.0
	for v, _ := g(hi); v < 0; v, _ = g(hi) {
		lo, hi = hi, 2*hi
		if hi > 1e4 {
			return errorf(ErrBadInput, "weibull fit: shape diverges (failure times nearly identical)")
		}
	}
	k := (lo + hi) / 2
	for iter := 0; iter < 200; iter++ {
		v, d := g(k)
		if v > 0 {
			hi = k
		} else {
			lo = k
		}
		next := k - v/d
		if !(next > lo && next < hi) {
			next = (lo + hi) / 2
		}
		if math.Abs(next-k) <= 1e-13*k {
			k = next
			break
		}
		k = next
	}
	var s0 float64
	for _, t := range m.times {
		s0 += math.Pow(t/tmax, k)
	}
	m.shape = k
	m.scale = tmax * math.Pow(s0/float64(r), 1/k)
	return nil
}

// Predict returns the residual-life distribution of a unit that has
// survived to age (≥ 0), written into dst (nil allocates).
func (m *WeibullModel) Predict(dst *Distribution, age float64) (*Distribution, error) {
	if !finite(age) || age < 0 {
		return dst, errorf(ErrBadInput, "weibull: age %g must be finite and ≥ 0", age)
	}
	if dst == nil {
		dst = &Distribution{}
	}
	dst.setWeibull(m.shape, m.scale, age)
	return dst, nil
}

// MarshalBinary encodes the fleet data and fitted parameters bit-exactly.
func (m *WeibullModel) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagWeibull, 8*(3+len(m.times))+len(m.failed)+8)
	e.f64(m.shape)
	e.f64(m.scale)
	e.f64s(m.times)
	for _, f := range m.failed {
		e.bool(f)
	}
	return e.b, nil
}

// UnmarshalBinary restores a model saved by MarshalBinary.
func (m *WeibullModel) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagWeibull, "weibull model")
	var r WeibullModel
	r.shape = d.f64("shape")
	r.scale = d.f64("scale")
	r.times = d.f64s("times")
	if d.err == nil && len(d.b) < len(r.times) {
		d.fail("failure flags")
	}
	if d.err == nil {
		r.failed = make([]bool, len(r.times))
		for i := range r.failed {
			r.failed[i] = d.bool("failure flags")
		}
	}
	if err := d.finish(); err != nil {
		return err
	}
	if !(r.shape > 0) || !(r.scale > 0) || !finite(r.shape) || !finite(r.scale) {
		return errorf(ErrState, "weibull state: invalid parameters k=%g λ=%g", r.shape, r.scale)
	}
	for _, t := range r.times {
		if !finite(t) || !(t > 0) {
			return errorf(ErrState, "weibull state: invalid time %g", t)
		}
	}
	*m = r
	return nil
}
