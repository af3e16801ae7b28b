package features

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpectralFeaturesClosedForms(t *testing.T) {
	const n, df = 101, 2.5 // bins 0..250 Hz
	// Flat spectrum: maximal entropy and flatness, crest 1, all centres in
	// the middle.
	flat := make([]float64, n)
	for i := range flat {
		flat[i] = 0.04
	}
	s, err := ComputeSpectralFeatures(flat, df)
	require.NoError(t, err)
	assert.InDelta(t, 0.04*n*df, s.TotalPower, 1e-12)
	assert.InDelta(t, 125, s.MeanFrequency, 1e-12)
	assert.InDelta(t, 125, s.Centroid, 1e-12)
	assert.InDelta(t, 125, s.MedianFrequency, 1e-12)
	// Uniform on 101 points spaced 2.5: σ = 2.5·√((101²−1)/12).
	assert.InDelta(t, 2.5*math.Sqrt((n*n-1)/12.0), s.Spread, 1e-9)
	assert.InDelta(t, 1, s.Entropy, 1e-14)
	assert.InDelta(t, 1, s.Flatness, 1e-14)
	assert.InDelta(t, 1, s.Crest, 1e-14)
	assert.Equal(t, 0.0, s.PeakFrequency) // first on a tie
	// Half the power of a DC-only spectrum lies in [0, df/2]: median df/4.
	s, err = ComputeSpectralFeatures([]float64{2, 0, 0}, df)
	require.NoError(t, err)
	assert.InDelta(t, df/4, s.MedianFrequency, 1e-15)

	// A single line: zero entropy, flatness and spread, crest n.
	line := make([]float64, n)
	line[40] = 3
	s, err = ComputeSpectralFeatures(line, df)
	require.NoError(t, err)
	assert.Equal(t, 100.0, s.PeakFrequency)
	assert.Equal(t, 3.0, s.PeakPower)
	assert.InDelta(t, 100, s.MeanFrequency, 1e-12)
	assert.InDelta(t, 100, s.Centroid, 1e-12)
	assert.InDelta(t, 100, s.MedianFrequency, 1e-12)
	assert.InDelta(t, 0, s.Spread, 1e-12)
	assert.Equal(t, 0.0, s.Entropy)
	assert.Equal(t, 0.0, s.Flatness)
	assert.InDelta(t, float64(n), s.Crest, 1e-12)
	assert.InDelta(t, 3*df, s.TotalPower, 1e-12)

	// Two lines, power 4:1 at 20 and 80 Hz: power-weighted mean 32 Hz,
	// amplitude-weighted centroid (2·20+1·80)/3 = 40 Hz.
	two := make([]float64, n)
	two[8], two[32] = 4, 1
	s, err = ComputeSpectralFeatures(two, df)
	require.NoError(t, err)
	assert.InDelta(t, 32, s.MeanFrequency, 1e-12)
	assert.InDelta(t, 40, s.Centroid, 1e-12)
	assert.InDelta(t, math.Sqrt((2*400+1*1600)/3.0), s.Spread, 1e-12)
	q := []float64{0.8, 0.2}
	assert.InDelta(t, -(q[0]*math.Log(q[0])+q[1]*math.Log(q[1]))/math.Log(n), s.Entropy, 1e-14)
}

func TestBandPower(t *testing.T) {
	p := []float64{1, 2, 3, 4, 5} // 0, 10, 20, 30, 40 Hz
	for _, c := range []struct{ lo, hi, want float64 }{
		{0, 40, 150}, {10, 30, 90}, {5, 25, 50}, {10, 10.0000001, 20}, {39, 40, 50}, {11, 19, 0},
	} {
		got, err := BandPower(p, 10, c.lo, c.hi)
		require.NoError(t, err, "%v", c)
		assert.InDelta(t, c.want, got, 1e-12, "%v", c)
	}
	// Edges that are exact bin frequencies computed in floating point are
	// inclusive: 0.1·3 is 0.30000000000000004.
	got, err := BandPower([]float64{1, 1, 1, 1, 1}, 0.1, 0.1*3, 0.4)
	require.NoError(t, err)
	assert.InDelta(t, 0.2, got, 1e-15)

	bad := []struct {
		lo, hi float64
		msg    string
	}{
		{0, 40.5, "above"}, {30, 10, "inverted"}, {10, 10, "inverted"}, {-1, 10, "≥ 0"},
		{math.NaN(), 10, "≥ 0"}, {0, math.Inf(1), "finite"},
	}
	for _, c := range bad {
		_, err := BandPower(p, 10, c.lo, c.hi)
		require.Error(t, err, "%v", c)
		assert.Contains(t, err.Error(), c.msg)
	}
}

func TestSpectralErrors(t *testing.T) {
	_, err := ComputeSpectralFeatures(nil, 1)
	assert.ErrorContains(t, err, "empty")
	for _, df := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		_, err = ComputeSpectralFeatures([]float64{1, 2}, df)
		assert.ErrorContains(t, err, "df")
		_, err = BandPower([]float64{1, 2}, df, 0, 1)
		assert.ErrorContains(t, err, "df")
	}
	for _, v := range []float64{-1, math.NaN(), math.Inf(1)} {
		_, err = ComputeSpectralFeatures([]float64{1, 2, v, 3}, 1)
		assert.ErrorContains(t, err, "bin 2")
		_, err = BandPower([]float64{1, 2, v, 3}, 1, 0, 1)
		assert.ErrorContains(t, err, "bin 2")
	}
	_, err = ComputeSpectralFeatures(make([]float64, 8), 1)
	assert.ErrorContains(t, err, "no power")
	_, err = ComputeSpectralFeatures([]float64{1e308, 1e308}, 1)
	assert.ErrorContains(t, err, "overflow")
	bp, err := BandPower(make([]float64, 8), 1, 0, 7) // silence has zero band power
	require.NoError(t, err)
	assert.Equal(t, 0.0, bp)
}

// TestSpectralEntropyHugePower: bins near MaxFloat64, where p·ln p
// overflows, still give the entropy of their distribution (two equal
// bins: ln 2 / ln 2 = 1).
func TestSpectralEntropyHugePower(t *testing.T) {
	s, err := ComputeSpectralFeatures([]float64{1e306, 1e306}, 1)
	require.NoError(t, err)
	assert.InDelta(t, 1, s.Entropy, 1e-12)
}
