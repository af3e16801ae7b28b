package rul

import (
	"encoding"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type stateful interface {
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// roundTrip checks that marshal → unmarshal → marshal is byte-identical.
func roundTrip(t *testing.T, m, fresh stateful) {
	t.Helper()
	b, err := m.MarshalBinary()
	require.NoError(t, err)
	require.NoError(t, fresh.UnmarshalBinary(b))
	b2, err := fresh.MarshalBinary()
	require.NoError(t, err)
	require.Equal(t, b, b2)
	// Every truncation and a flipped header are rejected, never panic.
	for i := 0; i < len(b); i++ {
		assert.ErrorIs(t, fresh.UnmarshalBinary(b[:i]), ErrState, "truncated at %d", i)
	}
	bad := append([]byte(nil), b...)
	bad[4] ^= 0xff
	assert.ErrorIs(t, fresh.UnmarshalBinary(bad), ErrState)
	require.NoError(t, fresh.UnmarshalBinary(b))
}

func samplesEqual(t *testing.T, a, b *Distribution) {
	t.Helper()
	sa, sb := a.Samples(nil), b.Samples(nil)
	require.Equal(t, len(sa), len(sb))
	for i := range sa {
		require.Equal(t, math.Float64bits(sa[i]), math.Float64bits(sb[i]))
	}
}

// thresholdModel is what LinearModel and ExponentialModel share: online
// updates and forecasts to a threshold.
type thresholdModel interface {
	UpdateBatch(t, value []float64) error
	Predict(dst *Distribution, threshold float64) (*Distribution, error)
}

// sameFuture feeds a and b the observations value at times tt and checks
// that their forecasts to threshold are bit-identical.
func sameFuture(t *testing.T, a, b thresholdModel, tt, value []float64, threshold float64) {
	t.Helper()
	require.NoError(t, a.UpdateBatch(tt, value))
	require.NoError(t, b.UpdateBatch(tt, value))
	da, err := a.Predict(nil, threshold)
	require.NoError(t, err)
	db, err := b.Predict(nil, threshold)
	require.NoError(t, err)
	samplesEqual(t, da, db)
}

// TestStateRoundTripContinues saves each model mid-stream, restores it and
// checks that further updates and forecasts are bit-identical.
func TestStateRoundTripContinues(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	h, _ := simExponential(rng, testExpPrior, 5, 1)
	half := len(h.Time) / 2

	t.Run("exponential", func(t *testing.T) {
		a, err := NewExponentialModel(testExpPrior, SamplingConfig{Samples: 500, Seed: 3})
		require.NoError(t, err)
		require.NoError(t, a.UpdateBatch(h.Time[:half], h.Value[:half]))
		_, err = a.Predict(nil, 5) // advance the random stream
		require.NoError(t, err)
		b := &ExponentialModel{}
		roundTrip(t, a, b)
		sameFuture(t, a, b, h.Time[half:half+5], h.Value[half:half+5], 5)
	})
	t.Run("linear", func(t *testing.T) {
		a, err := NewLinearModel(testLinPrior, SamplingConfig{Samples: 500, Seed: 3})
		require.NoError(t, err)
		require.NoError(t, a.UpdateBatch([]float64{1, 2, 3}, []float64{0.51, 0.52, 0.53}))
		_, err = a.Predict(nil, 2)
		require.NoError(t, err)
		b := &LinearModel{}
		roundTrip(t, a, b)
		require.NoError(t, a.Update(4, 0.55))
		require.NoError(t, b.Update(4, 0.55))
		da, _ := a.Predict(nil, 2)
		db, _ := b.Predict(nil, 2)
		samplesEqual(t, da, db)
	})
	t.Run("similarity", func(t *testing.T) {
		lib := simLibrary(rng, 20)
		a, err := NewSimilarityModel(lib, SimilarityConfig{K: 5, MaxShift: 4, ShiftStep: 2})
		require.NoError(t, err)
		require.NoError(t, a.UpdateBatch(h.Time[:half], h.Value[:half]))
		b := &SimilarityModel{}
		roundTrip(t, a, b)
		require.NoError(t, a.UpdateBatch(h.Time[half:half+5], h.Value[half:half+5]))
		require.NoError(t, b.UpdateBatch(h.Time[half:half+5], h.Value[half:half+5]))
		da, err := a.Predict(nil)
		require.NoError(t, err)
		db, err := b.Predict(nil)
		require.NoError(t, err)
		samplesEqual(t, da, db)
		assert.Equal(t, da.Weights(nil), db.Weights(nil))
	})
	t.Run("weibull", func(t *testing.T) {
		a, err := FitWeibull([]float64{100, 150, 210, 90}, []bool{true, true, true, false})
		require.NoError(t, err)
		b := &WeibullModel{}
		roundTrip(t, a, b)
		require.NoError(t, a.Observe(300, true))
		require.NoError(t, b.Observe(300, true))
		assert.Equal(t, math.Float64bits(a.Shape()), math.Float64bits(b.Shape()))
		assert.Equal(t, math.Float64bits(a.Scale()), math.Float64bits(b.Scale()))
	})
	t.Run("wrong model", func(t *testing.T) {
		w, err := FitWeibull([]float64{100, 150, 210}, []bool{true, true, true})
		require.NoError(t, err)
		b, _ := w.MarshalBinary()
		assert.ErrorIs(t, (&LinearModel{}).UnmarshalBinary(b), ErrState)
	})
}

// FuzzExponentialState feeds arbitrary bytes to the decoder: it must return
// an error or a model that re-encodes to the same bytes, never panic.
func FuzzExponentialState(f *testing.F) {
	m, _ := NewExponentialModel(testExpPrior, SamplingConfig{})
	_ = m.Update(1, 2)
	b, _ := m.MarshalBinary()
	f.Add(b)
	f.Add([]byte("SPRLE\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r ExponentialModel
		if err := r.UnmarshalBinary(data); err != nil {
			return
		}
		out, err := r.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, data, out)
	})
}
