package features

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/fft"
)

func newSK(t *testing.T, l, hop int) *SpectralKurtosis {
	t.Helper()
	w, err := fft.NewWindow(fft.Hann, l, 0)
	require.NoError(t, err)
	s, err := NewSpectralKurtosis(w, hop)
	require.NoError(t, err)
	return s
}

func TestSpectralKurtosisGoldenScipy(t *testing.T) {
	g := loadEnvelopeGolden(t).SK
	s := newSK(t, g.NFFT, g.Hop)
	got, err := s.Compute(nil, g.X)
	require.NoError(t, err)
	require.Len(t, got, len(g.Want))
	for k := range got {
		assert.InDelta(t, g.Want[k], got[k], 1e-10, "bin %d", k)
	}
}

// Gaussian noise: SK ≈ 0 away from DC and Nyquist, with the estimator's
// standard deviation about 2/√frames. A steady sinusoid: SK = −1 at its bin.
// Impulses: SK ≫ 0 in the band where they ring.
func TestSpectralKurtosisClosedForms(t *testing.T) {
	const (
		n    = 1 << 17
		l    = 128
		hop  = 128 // independent frames
		rate = 12800.0
	)
	rng := rand.New(rand.NewSource(5))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	s := newSK(t, l, hop)
	sk := make([]float64, s.Bins())
	_, err := s.Compute(sk, x)
	require.NoError(t, err)
	frames := float64(n / hop)
	var mean float64
	for k := 4; k <= l/2-4; k++ {
		assert.InDelta(t, 0, sk[k], 5*2/math.Sqrt(frames), "noise bin %d", k)
		mean += sk[k]
	}
	mean /= float64(l/2 - 7)
	assert.InDelta(t, 0, mean, 0.02)
	assert.InDelta(t, 1, sk[0], 0.2, "real DC coefficients: SK 1")

	// Sinusoid on bin 20 (2000 Hz).
	for i := range x {
		x[i] = math.Sin(2 * math.Pi * 2000 * float64(i) / rate)
	}
	_, err = s.Compute(sk, x)
	require.NoError(t, err)
	assert.InDelta(t, -1, sk[20], 1e-9)

	// Impulses every 1237 samples ringing at 3 kHz (bin 30) in weak noise.
	for i := range x {
		x[i] = 0.05 * rng.NormFloat64()
	}
	for s0 := 100; s0+200 < n; s0 += 1237 {
		for j := 0; j < 200; j++ {
			tt := float64(j) / rate
			x[s0+j] += math.Exp(-tt*1500) * math.Sin(2*math.Pi*3000*tt)
		}
	}
	_, err = s.Compute(sk, x)
	require.NoError(t, err)
	assert.Greater(t, sk[30], 5.0)
	assert.InDelta(t, 0, sk[55], 0.5, "a noise-only bin far from the resonance")
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := s.Compute(sk, x); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

func TestSpectralKurtosisBadInput(t *testing.T) {
	s := newSK(t, 64, 16)
	_, err := s.Compute(nil, make([]float64, 70))
	require.ErrorContains(t, err, "need at least 2")
	x := make([]float64, 200)
	x[150] = math.NaN()
	_, err = s.Compute(nil, x)
	require.ErrorContains(t, err, "sample 150 is NaN")
	// All zeros: SK 0, no NaN.
	sk, err := s.Compute(nil, make([]float64, 200))
	require.NoError(t, err)
	for _, v := range sk {
		require.Zero(t, v)
	}
	w, err := fft.NewWindow(fft.Hann, 64, 0)
	require.NoError(t, err)
	_, err = NewSpectralKurtosis(w, 0)
	require.ErrorContains(t, err, "hop")
	assert.Panics(t, func() { _, _ = s.Compute(make([]float64, 3), make([]float64, 200)) })
}
