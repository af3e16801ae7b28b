package rul

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// logMarginalQuad is ln ∫ Π N(x_i; m, 1) N(m; 0, v0) dm by the trapezoid
// rule on a fine grid, for TestOnsetPosteriorMatchesQuadrature.
func logMarginalQuad(x []float64, v0 float64) float64 {
	const lo, hi, steps = -60.0, 60.0, 240000
	h := (hi - lo) / steps
	var vals []float64
	top := math.Inf(-1)
	for i := 0; i <= steps; i++ {
		m := lo + float64(i)*h
		l := -m*m/(2*v0) - 0.5*math.Log(2*math.Pi*v0)
		for _, v := range x {
			l += -(v-m)*(v-m)/2 - 0.5*math.Log(2*math.Pi)
		}
		vals = append(vals, l)
		top = math.Max(top, l)
	}
	s := 0.0
	for i, l := range vals {
		c := 1.0
		if i == 0 || i == steps {
			c = 0.5
		}
		s += c * math.Exp(l-top)
	}
	return top + math.Log(s*h)
}

// TestOnsetPosteriorMatchesQuadrature: the closed-form posterior equals
// the one built from the prior and the marginal likelihoods integrated
// numerically over the degraded mean.
func TestOnsetPosteriorMatchesQuadrature(t *testing.T) {
	x := []float64{0.3, -1.1, 0.4, 0.2, 2.5, 3.1, 1.9, 3.6}
	cfg := OnsetConfig{Rate: 0.05, ShiftVar: 9}
	w, pNone, err := OnsetPosterior(nil, x, cfg)
	require.NoError(t, err)
	healthy := func(v []float64) float64 {
		l := 0.0
		for _, e := range v {
			l += -e*e/2 - 0.5*math.Log(2*math.Pi)
		}
		return l
	}
	n := len(x)
	logs := make([]float64, n+1)
	for tau := range n {
		logs[tau] = math.Log(cfg.Rate) + float64(tau)*math.Log(1-cfg.Rate) + healthy(x[:tau]) + logMarginalQuad(x[tau:], cfg.ShiftVar)
	}
	logs[n] = float64(n)*math.Log(1-cfg.Rate) + healthy(x)
	top := math.Inf(-1)
	for _, l := range logs {
		top = math.Max(top, l)
	}
	sum := 0.0
	for _, l := range logs {
		sum += math.Exp(l - top)
	}
	for tau := range n {
		require.InDelta(t, math.Exp(logs[tau]-top)/sum, w[tau], 1e-9, "τ=%d", tau)
	}
	require.InDelta(t, math.Exp(logs[n]-top)/sum, pNone, 1e-9)
}

// TestOnsetPosteriorFindsStep: a 4 σ step after 200 healthy values puts
// the posterior mode at the step with nearly all mass within 3 values of
// it; pure noise leaves most of the mass on "no onset".
func TestOnsetPosteriorFindsStep(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, 240)
	for i := range x {
		x[i] = rng.NormFloat64()
		if i >= 200 {
			x[i] += 4
		}
	}
	cfg := OnsetConfig{Rate: 1.0 / 500, ShiftVar: 25}
	w, pNone, err := OnsetPosterior(nil, x, cfg)
	require.NoError(t, err)
	mode, near := 0, 0.0
	for i, v := range w {
		if v > w[mode] {
			mode = i
		}
		if i >= 197 && i <= 203 {
			near += v
		}
	}
	require.Equal(t, 200, mode)
	require.Greater(t, near, 0.95)
	require.Less(t, pNone, 1e-6)
	_, pNone, err = OnsetPosterior(w, x[:200], cfg)
	require.NoError(t, err)
	require.Greater(t, pNone, 0.5)
	_, _, err = OnsetPosterior(nil, nil, cfg)
	require.True(t, errors.Is(err, ErrBadInput))
	_, _, err = OnsetPosterior(nil, x, OnsetConfig{Rate: 1, ShiftVar: 1})
	require.True(t, errors.Is(err, ErrBadInput))
	_, _, err = OnsetPosterior(nil, []float64{math.NaN()}, cfg)
	require.True(t, errors.Is(err, ErrBadInput))
}
