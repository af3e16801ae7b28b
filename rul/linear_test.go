package rul

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLinearPosteriorByHand: prior θ ~ N(1, 4), φ = 0, σ² = 1, data
// (1, 3), (2, 5): precision 1/4 + (1 + 4) = 5.25, mean (1/4 + 3 + 10)/5.25.
func TestLinearPosteriorByHand(t *testing.T) {
	m, err := NewLinearModel(LinearPrior{SlopeMean: 1, SlopeVariance: 4, NoiseVariance: 1}, SamplingConfig{})
	require.NoError(t, err)
	require.NoError(t, m.UpdateBatch([]float64{1, 2}, []float64{3, 5}))
	mean, v := m.Posterior()
	assert.InDelta(t, 13.25/5.25, mean, 1e-14)
	assert.InDelta(t, 1/5.25, v, 1e-15)
}

func TestLinearCoverage(t *testing.T) {
	const units = 200
	rng := rand.New(rand.NewPCG(11, 12))
	threshold := 2.0
	rate, _ := halfLifeCoverage(t, units, threshold,
		func() (History, float64) { return simLinear(rng, testLinPrior, threshold, 2) },
		func(seed uint64) (thresholdModel, error) {
			return NewLinearModel(testLinPrior, SamplingConfig{Samples: 1000, Seed: seed})
		})
	t.Logf("linear: 90%% interval coverage %.3f over %d units", rate, units)
	assert.GreaterOrEqual(t, rate, 0.80)
	assert.LessOrEqual(t, rate, 0.97)
}

func TestLinearFitPriorAndFalling(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var hs []History
	for u := 0; u < 50; u++ {
		h, _ := simLinear(rng, testLinPrior, 2, 2)
		hs = append(hs, h)
	}
	p, err := FitLinearPrior(hs)
	require.NoError(t, err)
	assert.InDelta(t, testLinPrior.Phi, p.Phi, 0.02)
	assert.InDelta(t, testLinPrior.SlopeMean, p.SlopeMean, 0.001)
	assert.InEpsilon(t, testLinPrior.NoiseVariance, p.NoiseVariance, 0.1)

	// A falling indicator: S = 10 − 0.1 t, threshold 2 → crossing at t = 80.
	m, err := NewLinearModel(LinearPrior{Phi: 10, SlopeMean: -0.1, SlopeVariance: 1e-8, NoiseVariance: 1e-6}, SamplingConfig{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, m.Update(20, 8))
	d, err := m.Predict(nil, 2)
	require.NoError(t, err)
	assert.InDelta(t, 60, d.Median(), 0.1)
}

func TestLinearErrors(t *testing.T) {
	_, err := NewLinearModel(LinearPrior{SlopeVariance: 0, NoiseVariance: 1}, SamplingConfig{})
	assert.ErrorIs(t, err, ErrBadPrior)
	m, err := NewLinearModel(testLinPrior, SamplingConfig{})
	require.NoError(t, err)
	assert.ErrorIs(t, m.Update(math.Inf(1), 1), ErrNaN)
	require.NoError(t, m.Update(3, 1))
	assert.ErrorIs(t, m.Update(3, 1), ErrTimeOrder)
	_, err = m.Predict(nil, testLinPrior.Phi)
	assert.ErrorIs(t, err, ErrBadInput)
	_, err = m.Predict(nil, 0.9)
	assert.ErrorIs(t, err, ErrThresholdCrossed)
	// A slope prior far below zero: most draws never reach the threshold,
	// and the forecast says so with +Inf rather than NaN.
	m2, err := NewLinearModel(LinearPrior{SlopeMean: -1, SlopeVariance: 1e-4, NoiseVariance: 1}, SamplingConfig{})
	require.NoError(t, err)
	d, err := m2.Predict(nil, 5)
	require.NoError(t, err)
	assert.True(t, math.IsInf(d.Median(), 1))
	assert.True(t, math.IsInf(d.Mean(), 1))
}
