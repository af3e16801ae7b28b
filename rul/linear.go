package rul

import (
	"fmt"
	"math"
)

// LinearPrior is the prior of a LinearModel.
//
// The model (as MATLAB's linearDegradationModel) is
//
//	S(t) = φ + θ·t + ε(t),   θ ~ N(SlopeMean, SlopeVariance),  ε ~ N(0, σ²),
//
// with φ and σ² known.
type LinearPrior struct {
	Phi                      float64 // intercept φ
	SlopeMean, SlopeVariance float64 // prior of θ, per time unit
	NoiseVariance            float64 // σ²
}

func (p LinearPrior) validate() error {
	for _, v := range []float64{p.Phi, p.SlopeMean, p.SlopeVariance, p.NoiseVariance} {
		if !finite(v) {
			return errorf(ErrBadPrior, "linear prior %+v has a non-finite parameter", p)
		}
	}
	if !(p.SlopeVariance > 0) || !(p.NoiseVariance > 0) {
		return errorf(ErrBadPrior, "linear prior variances must be > 0 (slope %g, noise %g)", p.SlopeVariance, p.NoiseVariance)
	}
	return nil
}

// LinearModel is a linear degradation model with conjugate Bayesian
// updating of the slope θ (see LinearPrior).
//
// Update. With prior θ ~ N(μ₀, v₀) and observations y_i at t_i, the
// posterior is normal with
//
//	1/v = 1/v₀ + Σt_i²/σ²,   μ = v·(μ₀/v₀ + Σt_i(y_i − φ)/σ²),
//
// kept from the running sums Σt², Σt(y−φ): O(1), allocation-free.
//
// Forecast. Predict draws θ from the posterior; the path φ + θ·t reaches
// the threshold D at t* = (D − φ)/θ (never, +Inf, when t* ≤ 0, i.e. the
// draw slopes away from D). The remaining life is max(0, t* − t_now), t_now
// being the latest observation's time (0 before any). Falling indicators
// (D < φ) are handled alike.
//
// A LinearModel is not safe for concurrent use.
type LinearModel struct {
	prior        LinearPrior
	s            sampler
	n            int
	stt, sty     float64
	tLast, yLast float64
	mean, vari   float64 // posterior of θ
}

// NewLinearModel returns a model with the given prior and no observations;
// ErrBadPrior for an impossible prior.
func NewLinearModel(prior LinearPrior, cfg SamplingConfig) (*LinearModel, error) {
	if err := prior.validate(); err != nil {
		return nil, err
	}
	m := &LinearModel{prior: prior, s: newSampler(cfg)}
	m.posterior()
	return m, nil
}

func (m *LinearModel) posterior() {
	p := m.prior
	prec := 1/p.SlopeVariance + m.stt/p.NoiseVariance
	m.vari = 1 / prec
	m.mean = m.vari * (p.SlopeMean/p.SlopeVariance + m.sty/p.NoiseVariance)
}

// Prior returns the model's prior.
func (m *LinearModel) Prior() LinearPrior { return m.prior }

// Posterior returns the posterior mean and variance of the slope θ.
func (m *LinearModel) Posterior() (mean, variance float64) { return m.mean, m.vari }

// N returns the number of observations absorbed.
func (m *LinearModel) N() int { return m.n }

// Update absorbs the observation S(t) = value; t must follow the previous
// observation's time. On error the model is unchanged.
func (m *LinearModel) Update(t, value float64) error {
	if err := checkObservation("linear model", m.n, m.tLast, t, value); err != nil {
		return err
	}
	m.n++
	m.stt += t * t
	m.sty += t * (value - m.prior.Phi)
	m.tLast, m.yLast = t, value
	m.posterior()
	return nil
}

// UpdateBatch absorbs value[i] at t[i] in order, stopping at the first
// invalid observation. It panics if the lengths differ.
func (m *LinearModel) UpdateBatch(t, value []float64) error {
	if len(t) != len(value) {
		panic("rul: len(t) != len(value)")
	}
	for i := range t {
		if err := m.Update(t[i], value[i]); err != nil {
			return fmt.Errorf("observation %d: %w", i, err)
		}
	}
	return nil
}

// Predict forecasts the remaining life until the signal reaches threshold
// (≠ φ) by sampling the posterior slope (see LinearModel), writing into dst
// (reused; nil allocates). It returns ErrThresholdCrossed when the latest
// observation is already at or beyond threshold.
func (m *LinearModel) Predict(dst *Distribution, threshold float64) (*Distribution, error) {
	phi := m.prior.Phi
	if !finite(threshold) || threshold == phi {
		return dst, errorf(ErrBadInput, "linear model: threshold %g must be finite and differ from φ=%g", threshold, phi)
	}
	up := threshold > phi
	if m.n > 0 && (up && m.yLast >= threshold || !up && m.yLast <= threshold) {
		return dst, errorf(ErrThresholdCrossed, "linear model: value %g at t=%g reached threshold %g", m.yLast, m.tLast, threshold)
	}
	if dst == nil {
		dst = &Distribution{}
	}
	tNow := 0.0
	if m.n > 0 {
		tNow = m.tLast
	}
	gap := math.Abs(threshold - phi)
	sd := math.Sqrt(m.vari)
	out := dst.resetSamples(m.s.n)
	for i := range out {
		theta := m.mean + sd*m.s.rng.NormFloat64()
		if !up {
			theta = -theta
		}
		out[i] = crossing(gap, theta, tNow)
	}
	dst.sortSamples()
	return dst, nil
}

// FitLinearPrior estimates a LinearPrior from histories by the method of
// moments: each history is fitted by least squares with φ_j + θ_j·t; φ is
// the mean intercept, the noise variance the pooled residual variance, and
// the slope prior the sample mean and variance of the θ_j, less their
// average sampling variance σ²/Sₜₜ when that leaves a positive variance. It
// needs at least 3 histories of 3 or more points.
func FitLinearPrior(histories []History) (LinearPrior, error) {
	if len(histories) < 3 {
		return LinearPrior{}, errorf(ErrTooFewPoints, "linear fit: %d histories, need at least 3", len(histories))
	}
	fits := make([]lineFit, len(histories))
	for j, h := range histories {
		if err := h.validate(fmt.Sprintf("linear fit: history %d", j), 3); err != nil {
			return LinearPrior{}, err
		}
		fits[j] = fitLine(h.Time, h.Value)
	}
	p, err := momentPrior(fits)
	if err != nil {
		return LinearPrior{}, fmt.Errorf("linear fit: %w", err)
	}
	return LinearPrior{Phi: p.ma, SlopeMean: p.mb, SlopeVariance: p.vb, NoiseVariance: p.noise}, nil
}

// MarshalBinary encodes the model bit-exactly (prior, sufficient
// statistics, random-stream position).
func (m *LinearModel) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagLinear, 16*8)
	p := m.prior
	for _, v := range []float64{p.Phi, p.SlopeMean, p.SlopeVariance, p.NoiseVariance} {
		e.f64(v)
	}
	e.int(m.n)
	for _, v := range []float64{m.stt, m.sty, m.tLast, m.yLast} {
		e.f64(v)
	}
	m.s.encode(e)
	return e.b, nil
}

// UnmarshalBinary restores a model saved by MarshalBinary.
func (m *LinearModel) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagLinear, "linear model")
	var r LinearModel
	for _, f := range []*float64{&r.prior.Phi, &r.prior.SlopeMean, &r.prior.SlopeVariance, &r.prior.NoiseVariance} {
		*f = d.f64("prior")
	}
	r.n = d.int("count", math.MaxInt32)
	for _, f := range []*float64{&r.stt, &r.sty, &r.tLast, &r.yLast} {
		*f = d.f64("sums")
	}
	r.s.decode(d)
	if err := d.finish(); err != nil {
		return err
	}
	if err := r.prior.validate(); err != nil {
		return errorf(ErrState, "linear model state holds an invalid prior (%v)", err)
	}
	for _, v := range []float64{r.stt, r.sty, r.tLast, r.yLast} {
		if !finite(v) {
			return errorf(ErrState, "linear model state holds a non-finite sum")
		}
	}
	r.posterior()
	*m = r
	return nil
}
