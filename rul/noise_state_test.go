package rul

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var stateNoiseConfigs = []NoiseConfig{
	RobustNoise(),
	{PriorDOF: 3},
	{PriorDOF: 2, Autocorrelation: true, MaxAutocorrelation: 0.9, Forgetting: 0.97, CrossingNoise: true},
}

// TestNoiseStateRoundTrip saves models with non-classical noise configs
// mid-stream (version-2 records), restores them and checks that further
// updates and forecasts are bit-identical.
func TestNoiseStateRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	su := simScenario{rho: 0.9, smooth: 3}.unit(rng, testExpPrior, 5, 1)
	h := su.h
	half := len(h.Time) / 2
	for _, cfg := range stateNoiseConfigs {
		sc := SamplingConfig{Samples: 300, Seed: 3, Noise: cfg}
		a, err := NewExponentialModel(testExpPrior, sc)
		require.NoError(t, err)
		require.NoError(t, a.UpdateBatch(h.Time[:half], h.Value[:half]))
		_, err = a.Predict(nil, 5)
		require.NoError(t, err)
		b := &ExponentialModel{}
		roundTrip(t, a, b)
		raw, _ := a.MarshalBinary()
		assert.Equal(t, byte(2), raw[5], "version")
		assert.Equal(t, a.NoiseConfig(), b.NoiseConfig())
		sameFuture(t, a, b, h.Time[half:half+5], h.Value[half:half+5], 5)

		la, err := NewLinearModel(testLinPrior, sc)
		require.NoError(t, err)
		for i := 1; i <= 20; i++ {
			require.NoError(t, la.Update(float64(i), 0.5+0.01*float64(i)+0.01*rng.NormFloat64()))
		}
		lb := &LinearModel{}
		roundTrip(t, la, lb)
		require.NoError(t, la.Update(21, 0.72))
		require.NoError(t, lb.Update(21, 0.72))
		dla, _ := la.Predict(nil, 2)
		dlb, _ := lb.Predict(nil, 2)
		samplesEqual(t, dla, dlb)
	}
}

// TestStateVersions: classical models keep writing version 1; a version-2
// record claiming the classical config, an invalid config or a
// non-canonical one is rejected; an unknown version says so.
func TestStateVersions(t *testing.T) {
	m, err := NewExponentialModel(testExpPrior, SamplingConfig{})
	require.NoError(t, err)
	require.NoError(t, m.Update(1, 1.6))
	b, _ := m.MarshalBinary()
	assert.Equal(t, byte(1), b[5])

	r, err := NewExponentialModel(testExpPrior, SamplingConfig{Noise: NoiseConfig{PriorDOF: 2}})
	require.NoError(t, err)
	require.NoError(t, r.Update(1, 1.6))
	b2, _ := r.MarshalBinary()
	require.Equal(t, byte(2), b2[5])
	// The noise config follows the 7 prior floats: PriorDOF at offset 6+56.
	const off = 6 + 7*8
	bad := append([]byte(nil), b2...)
	copy(bad[off:], []byte{0, 0, 0, 0, 0, 0, 0, 0}) // PriorDOF 0 → classical
	assert.ErrorIs(t, (&ExponentialModel{}).UnmarshalBinary(bad), ErrState)
	bad = append([]byte(nil), b2...)
	bad[off+7] = 0xbf // PriorDOF negative
	assert.ErrorIs(t, (&ExponentialModel{}).UnmarshalBinary(bad), ErrState)
	bad = append([]byte(nil), b2...)
	bad[off+8+1+7] = 0x3f // MaxAutocorrelation set while Autocorrelation is off
	assert.ErrorIs(t, (&ExponentialModel{}).UnmarshalBinary(bad), ErrState)
	bad = append([]byte(nil), b2...)
	bad[5] = 3
	err = (&ExponentialModel{}).UnmarshalBinary(bad)
	assert.ErrorIs(t, err, ErrState)
	assert.Contains(t, err.Error(), "unsupported version 3")
	// Similarity and Weibull records stay at version 1 only.
	w, err := FitWeibull([]float64{100, 150, 210}, []bool{true, true, true})
	require.NoError(t, err)
	wb, _ := w.MarshalBinary()
	wb[5] = 2
	assert.ErrorIs(t, (&WeibullModel{}).UnmarshalBinary(wb), ErrState)
}

// FuzzNoiseState feeds arbitrary bytes to the decoders seeded with
// version-2 records: they must return an error or a model that re-encodes
// to the same bytes, never panic.
func FuzzNoiseState(f *testing.F) {
	for _, cfg := range stateNoiseConfigs {
		m, _ := NewExponentialModel(testExpPrior, SamplingConfig{Noise: cfg})
		_ = m.UpdateBatch([]float64{1, 2}, []float64{1.6, 1.7})
		b, _ := m.MarshalBinary()
		f.Add(b)
		l, _ := NewLinearModel(testLinPrior, SamplingConfig{Noise: cfg})
		_ = l.UpdateBatch([]float64{1, 2}, []float64{0.51, 0.52})
		b, _ = l.MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte("SPRLE\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var e ExponentialModel
		if err := e.UnmarshalBinary(data); err == nil {
			out, err := e.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, data, out)
		}
		var l LinearModel
		if err := l.UnmarshalBinary(data); err == nil {
			out, err := l.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, data, out)
		}
	})
}

func benchNoiseUpdate(b *testing.B, cfg NoiseConfig) {
	m, _ := NewExponentialModel(testExpPrior, SamplingConfig{Noise: cfg})
	rng := rand.New(rand.NewPCG(1, 1))
	b.ReportAllocs()
	t := 0.0
	for i := 0; i < b.N; i++ {
		t++
		_ = m.Update(t, 1.5+0.01*rng.Float64())
	}
}

func BenchmarkExponentialUpdateRobust(b *testing.B) { benchNoiseUpdate(b, RobustNoise()) }
func BenchmarkExponentialUpdateNIGAR(b *testing.B) {
	benchNoiseUpdate(b, NoiseConfig{PriorDOF: 2, Autocorrelation: true, CrossingNoise: true})
}

func benchNoisePredict(b *testing.B, cfg NoiseConfig) {
	m, _ := NewExponentialModel(testExpPrior, SamplingConfig{Samples: 2000, Noise: cfg})
	rng := rand.New(rand.NewPCG(1, 1))
	su := simScenario{rho: 0.9}.unit(rng, testExpPrior, 5, 1)
	h := prefix(su.h, 0.5)
	_ = m.UpdateBatch(h.Time, h.Value)
	d := &Distribution{}
	_, _ = m.Predict(d, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = m.Predict(d, 5)
	}
}

func BenchmarkExponentialPredict2000Robust(b *testing.B) { benchNoisePredict(b, RobustNoise()) }
func BenchmarkExponentialPredict2000NIGAR(b *testing.B) {
	benchNoisePredict(b, NoiseConfig{PriorDOF: 2, Autocorrelation: true, CrossingNoise: true})
}

func BenchmarkLinearUpdateRobust(b *testing.B) {
	m, _ := NewLinearModel(testLinPrior, SamplingConfig{Noise: RobustNoise()})
	rng := rand.New(rand.NewPCG(1, 1))
	b.ReportAllocs()
	t := 0.0
	for i := 0; i < b.N; i++ {
		t++
		_ = m.Update(t, 0.5+0.01*t+0.01*rng.Float64())
	}
}

func BenchmarkLinearPredict2000Robust(b *testing.B) {
	m, _ := NewLinearModel(testLinPrior, SamplingConfig{Samples: 2000, Noise: RobustNoise()})
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 1; i <= 50; i++ {
		_ = m.Update(float64(i), 0.5+0.01*float64(i)+0.01*rng.NormFloat64())
	}
	d := &Distribution{}
	_, _ = m.Predict(d, 2)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = m.Predict(d, 2)
	}
}
