package rul

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBadTimeDoesNotPoison: Update(1e308, v) used to be accepted, after
// which every update failed with ErrTimeOrder. Times beyond a model's
// Horizon are now rejected (ErrBadInput) and leave the model as it was:
// its later forecasts are bit-identical to one that never saw them.
func TestBadTimeDoesNotPoison(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 21))
	h, _ := simExponential(rng, testExpPrior, 5, 1)
	half := len(h.Time) / 2
	bad := []float64{1e308, -1e308, 1.7e9, math.MaxFloat64}

	t.Run("exponential", func(t *testing.T) {
		a, _ := NewExponentialModel(testExpPrior, SamplingConfig{Samples: 300, Seed: 2, Noise: RobustNoise()})
		b, _ := NewExponentialModel(testExpPrior, SamplingConfig{Samples: 300, Seed: 2, Noise: RobustNoise()})
		require.NoError(t, a.UpdateBatch(h.Time[:half], h.Value[:half]))
		require.NoError(t, b.UpdateBatch(h.Time[:half], h.Value[:half]))
		for _, tb := range bad {
			assert.ErrorIs(t, a.Update(tb, h.Value[half]), ErrBadInput, "t=%g", tb)
		}
		sameFuture(t, a, b, h.Time[half:], h.Value[half:], 1e3)
	})
	t.Run("linear", func(t *testing.T) {
		a, _ := NewLinearModel(testLinPrior, SamplingConfig{Samples: 300, Seed: 2})
		b, _ := NewLinearModel(testLinPrior, SamplingConfig{Samples: 300, Seed: 2})
		tt, v := []float64{1, 2, 3}, []float64{0.51, 0.52, 0.53}
		require.NoError(t, a.UpdateBatch(tt, v))
		require.NoError(t, b.UpdateBatch(tt, v))
		for _, tb := range []float64{1e308, math.MaxFloat64, 2 * a.Horizon()} {
			assert.ErrorIs(t, a.Update(tb, 0.54), ErrBadInput, "t=%g", tb)
		}
		sameFuture(t, a, b, []float64{4, 5}, []float64{0.54, 0.56}, 2)
	})
	t.Run("similarity", func(t *testing.T) {
		lib := simLibrary(rng, 8)
		a, _ := NewSimilarityModel(lib, SimilarityConfig{K: 4})
		b, _ := NewSimilarityModel(lib, SimilarityConfig{K: 4})
		require.NoError(t, a.UpdateBatch(h.Time[:half], h.Value[:half]))
		require.NoError(t, b.UpdateBatch(h.Time[:half], h.Value[:half]))
		assert.ErrorIs(t, a.Update(1e308, 1), ErrBadInput)
		assert.ErrorIs(t, a.Update(h.Time[half], 1e200), ErrBadInput)
		require.NoError(t, a.UpdateBatch(h.Time[half:half+3], h.Value[half:half+3]))
		require.NoError(t, b.UpdateBatch(h.Time[half:half+3], h.Value[half:half+3]))
		da, err := a.Predict(nil)
		require.NoError(t, err)
		db, err := b.Predict(nil)
		require.NoError(t, err)
		samplesEqual(t, da, db)
	})
}

// TestUnixTimeRejected: with a prior fitted on times since the start of
// life, Unix-epoch times gave a silently absurd forecast (β ≈ 5e-10 instead
// of ≈ 0.02, a median remaining life of ages). They are now rejected with
// an error that says so, while the same observations on the prior's clock
// recover β.
func TestUnixTimeRejected(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 22))
	h, _ := simExponential(rng, testExpPrior, 5, 1)
	const epoch = 1.7e9
	m, err := NewExponentialModel(testExpPrior, SamplingConfig{Seed: 1})
	require.NoError(t, err)
	err = m.Update(epoch+h.Time[0], h.Value[0])
	assert.ErrorIs(t, err, ErrBadInput)
	assert.ErrorContains(t, err, "start of life")
	assert.Zero(t, m.N())
	require.NoError(t, m.UpdateBatch(h.Time, h.Value))
	mean, _ := m.Posterior()
	t.Logf("β on the prior's clock %.4f (prior mean %.3f), horizon %.0f", mean[1], testExpPrior.BetaMean, m.Horizon())
	assert.InDelta(t, testExpPrior.BetaMean, mean[1], 4*math.Sqrt(testExpPrior.BetaVariance))
	assert.Less(t, h.Time[len(h.Time)-1], m.Horizon())
}
