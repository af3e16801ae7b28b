package rul

import "math"

// OnsetConfig is the prior of OnsetPosterior.
type OnsetConfig struct {
	// Rate is the prior probability, per value, that degradation starts
	// at that value given it has not started before (a geometric prior on
	// the onset index; e.g. the sampling interval over the fleet's mean
	// life). In (0, 1).
	Rate float64
	// ShiftVar is the prior variance v0 of the degraded mean, in units of
	// the healthy standard deviation squared (e.g. 25: shifts of about
	// 5 σ). > 0.
	ShiftVar float64
}

// OnsetPosterior is the posterior probability that a standardised
// indicator series x (healthy values i.i.d. N(0, 1): e.g. the health
// indicator minus its baseline mean over the baseline standard deviation,
// thinned to independent values) changed from "no degradation" to
// "degrading" at each index, against the hypothesis that it has not
// changed. The degraded values after an onset at τ are N(m, 1) with m ~
// N(0, v0) unknown, so the Bayes factor of an onset at τ against none is
// the closed form
//
//	BF_τ = exp(S_τ²·v0 / (2(1 + n_τ v0))) / √(1 + n_τ v0),
//
// S_τ and n_τ the sum and number of the values from τ on. With the
// geometric prior P(τ) = ρ(1−ρ)^τ, P(none) = (1−ρ)^n, the posterior is
// w_τ ∝ P(τ)·BF_τ and w_none ∝ P(none). The weights are written into dst
// (resized to len(x); nil allocates) and pNone returned; they sum to 1.
// An empty x, a non-finite value or an invalid cfg is an error wrapping
// ErrBadInput.
func OnsetPosterior(dst, x []float64, cfg OnsetConfig) (w []float64, pNone float64, err error) {
	if !(cfg.Rate > 0 && cfg.Rate < 1) || !(cfg.ShiftVar > 0) || math.IsInf(cfg.ShiftVar, 0) {
		return dst, 0, errorf(ErrBadInput, "onset: rate %g (want in (0, 1)), shift variance %g (want finite, > 0)", cfg.Rate, cfg.ShiftVar)
	}
	n := len(x)
	if n == 0 {
		return dst, 0, errorf(ErrBadInput, "onset: no values")
	}
	for i, v := range x {
		if !finite(v) {
			return dst, 0, errorf(ErrBadInput, "onset: value %d is %g", i, v)
		}
	}
	w = append(dst[:0], make([]float64, n)...)
	lr, l1r := math.Log(cfg.Rate), math.Log1p(-cfg.Rate)
	v0 := cfg.ShiftVar
	s, top := 0.0, float64(n)*l1r // log P(none)
	for tau := n - 1; tau >= 0; tau-- {
		s += x[tau]
		m := float64(n - tau)
		w[tau] = lr + float64(tau)*l1r + s*s*v0/(2*(1+m*v0)) - 0.5*math.Log1p(m*v0)
		top = math.Max(top, w[tau])
	}
	pNone = math.Exp(float64(n)*l1r - top)
	sum := pNone
	for i, lw := range w {
		w[i] = math.Exp(lw - top)
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w, pNone / sum, nil
}
