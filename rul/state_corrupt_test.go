package rul

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// savedStates returns real records of every model (both state versions of
// the degradation models), the seed corpus of the state fuzzers.
func savedStates(t testing.TB) map[string][]byte {
	rng := rand.New(rand.NewPCG(11, 11))
	h, _ := simExponential(rng, testExpPrior, 5, 1)
	half := len(h.Time) / 2
	out := map[string][]byte{}
	save := func(name string, m stateful) {
		b, err := m.MarshalBinary()
		require.NoError(t, err)
		out[name] = b
	}
	for _, noise := range []NoiseConfig{{}, RobustNoise(), {PriorDOF: 4}} {
		e, err := NewExponentialModel(testExpPrior, SamplingConfig{Samples: 500, Seed: 1, Noise: noise})
		require.NoError(t, err)
		require.NoError(t, e.UpdateBatch(h.Time[:half], h.Value[:half]))
		save(fmt.Sprintf("exponential %+v", noise), e)
		l, err := NewLinearModel(testLinPrior, SamplingConfig{Samples: 500, Seed: 1, Noise: noise})
		require.NoError(t, err)
		require.NoError(t, l.UpdateBatch([]float64{1, 2, 3, 4, 5, 6}, []float64{0.51, 0.52, 0.535, 0.54, 0.55, 0.57}))
		save(fmt.Sprintf("linear %+v", noise), l)
	}
	s, err := NewSimilarityModel(simLibrary(rng, 6), SimilarityConfig{K: 5, MaxShift: 2, ShiftStep: 1})
	require.NoError(t, err)
	require.NoError(t, s.UpdateBatch(h.Time[:half], h.Value[:half]))
	save("similarity", s)
	w, err := FitWeibull([]float64{100, 150, 210, 90}, []bool{true, true, true, false})
	require.NoError(t, err)
	save("weibull", w)
	ph, err := NewWeibullPH(1.7, 300, 0.8)
	require.NoError(t, err)
	save("weibull PH", ph)
	return out
}

// restoreAny restores data into whichever model its tag names and calls
// every method on what was accepted; it returns the restore error. A
// panic, a NaN forecast or a forecast of more than MaxSamples draws fails
// the test.
func restoreAny(t *testing.T, data []byte) error {
	t.Helper()
	if len(data) < 5 {
		return (&LinearModel{}).UnmarshalBinary(data)
	}
	var dst *Distribution
	check := func(d *Distribution, err error) {
		t.Helper()
		if err != nil {
			return
		}
		require.LessOrEqual(t, d.Len(), MaxSamples)
		for _, p := range []float64{0, 0.1, 0.5, 0.9, 1} {
			require.False(t, math.IsNaN(d.Quantile(p)), "quantile %g of an accepted state", p)
		}
		d.Mean()
		d.CDF(1)
		d.Interval(0.9)
	}
	switch data[4] {
	case tagExponential:
		var m ExponentialModel
		if err := m.UnmarshalBinary(data); err != nil {
			return err
		}
		for _, th := range []float64{m.prior.Phi + 1e-3, m.prior.Phi + 5, 1e300} {
			check(m.Predict(dst, th))
		}
		m.Posterior()
		m.Noise()
		_ = m.Update(m.sums.tLast+1, m.prior.Phi+1)
		_, err := m.MarshalBinary()
		require.NoError(t, err)
	case tagLinear:
		var m LinearModel
		if err := m.UnmarshalBinary(data); err != nil {
			return err
		}
		for _, th := range []float64{m.prior.Phi + 1, m.prior.Phi - 1, 1e300} {
			check(m.Predict(dst, th))
		}
		m.Posterior()
		m.Noise()
		_ = m.Update(m.sums.tLast+1, m.prior.Phi+1)
		_, err := m.MarshalBinary()
		require.NoError(t, err)
	case tagSimilarity:
		var m SimilarityModel
		if err := m.UnmarshalBinary(data); err != nil {
			return err
		}
		check(m.Predict(dst))
		_ = m.Update(m.tLast+1, 1)
		check(m.Predict(dst))
		_, err := m.MarshalBinary()
		require.NoError(t, err)
	case tagWeibull:
		var m WeibullModel
		if err := m.UnmarshalBinary(data); err != nil {
			return err
		}
		for _, age := range []float64{0, 50, 1e300} {
			check(m.Predict(dst, age))
		}
		_ = m.Observe(10, true)
		_, err := m.MarshalBinary()
		require.NoError(t, err)
	case tagWeibullPH:
		var m WeibullPH
		if err := m.UnmarshalBinary(data); err != nil {
			return err
		}
		for _, age := range []float64{0, 50, 1e300} {
			for _, z := range []float64{-3, 0, 5} {
				check(m.Predict(dst, age, z))
			}
		}
		_, err := m.MarshalBinary()
		require.NoError(t, err)
	default:
		return (&LinearModel{}).UnmarshalBinary(data)
	}
	return nil
}

// TestStateBitFlips: every single-bit corruption of every model's record is
// either rejected with ErrState or restores a model whose methods all
// work. A flip that made the draw count 2^35+500 used to pass and hang
// Predict; two flipped floats used to make SimilarityModel.Predict panic.
func TestStateBitFlips(t *testing.T) {
	for name, b := range savedStates(t) {
		start, accepted := time.Now(), 0
		for i := 0; i < 8*len(b); i++ {
			bad := append([]byte(nil), b...)
			bad[i/8] ^= 1 << (i % 8)
			err := restoreAny(t, bad)
			if err == nil {
				accepted++
			} else {
				require.ErrorIs(t, err, ErrState, "%s bit %d", name, i)
			}
		}
		t.Logf("%s: %d of %d single-bit flips accepted (%v)", name, accepted, 8*len(b), time.Since(start).Round(time.Millisecond))
	}
}

// TestStateInvariants: explicit corruptions that passed restore before.
func TestStateInvariants(t *testing.T) {
	states := savedStates(t)
	// The draw count follows the version-1 exponential record's 7 prior
	// floats, the count and 6 sums.
	b := append([]byte(nil), states[fmt.Sprintf("exponential %+v", NoiseConfig{})]...)
	off := 6 + 8*(7+1+6)
	require.Equal(t, uint64(500), binary.LittleEndian.Uint64(b[off:]))
	binary.LittleEndian.PutUint64(b[off:], 1<<35+500)
	assert.ErrorIs(t, (&ExponentialModel{}).UnmarshalBinary(b), ErrState, "draw count 2^35+500")
	binary.LittleEndian.PutUint64(b[off:], MaxSamples+1)
	assert.ErrorIs(t, (&ExponentialModel{}).UnmarshalBinary(b), ErrState)
	_, err := NewExponentialModel(testExpPrior, SamplingConfig{Samples: MaxSamples + 1})
	assert.ErrorIs(t, err, ErrBadInput)

	// Similarity: residual sums and offsets must be consistent.
	s := states["similarity"]
	var m SimilarityModel
	require.NoError(t, m.UnmarshalBinary(s))
	for _, corrupt := range []func(*SimilarityModel){
		func(m *SimilarityModel) { m.ssr[3] = -1 },
		func(m *SimilarityModel) { m.ssr[0] = math.NaN() },
		func(m *SimilarityModel) { m.shifts[0] = math.Float64frombits(math.Float64bits(m.shifts[0]) ^ 1<<62) },
		func(m *SimilarityModel) { m.coef[1] = math.Inf(1) },
		func(m *SimilarityModel) { m.tLast = 1e308 },
	} {
		var c SimilarityModel
		require.NoError(t, c.UnmarshalBinary(s))
		corrupt(&c)
		enc, err := c.MarshalBinary()
		require.NoError(t, err)
		assert.ErrorIs(t, restoreAny(t, enc), ErrState)
	}
}

// TestHeavyWeightsMedian: weights whose sum overflows used to make Median
// panic; they are now rejected.
func TestHeavyWeightsMedian(t *testing.T) {
	_, err := NewSampleDistribution([]float64{1, 2, 3}, []float64{1e308, 1e308, 1e308})
	assert.ErrorIs(t, err, ErrBadInput)
	d, err := NewSampleDistribution([]float64{1, 2, 3}, []float64{1e307, 1e307, 1e307})
	require.NoError(t, err)
	assert.Equal(t, 2.0, d.Median())
}

// fuzzState runs a state fuzzer seeded with the real records.
func fuzzState(f *testing.F, tag byte) {
	for _, b := range savedStates(f) {
		if b[4] == tag {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := restoreAny(t, data); err != nil && !errors.Is(err, ErrState) {
			t.Fatalf("restore error %v does not wrap ErrState", err)
		}
	})
}

func FuzzLinearState(f *testing.F)     { fuzzState(f, tagLinear) }
func FuzzSimilarityState(f *testing.F) { fuzzState(f, tagSimilarity) }
func FuzzWeibullState(f *testing.F)    { fuzzState(f, tagWeibull) }
func FuzzWeibullPHState(f *testing.F)  { fuzzState(f, tagWeibullPH) }
func FuzzExponentialMethods(f *testing.F) {
	fuzzState(f, tagExponential)
}
