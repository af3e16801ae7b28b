package fft

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tone returns n samples of a·sin(2π·k·j/n + phase) + dc.
func tone(n int, k, a, phase, dc float64) []float64 {
	x := make([]float64, n)
	for j := range x {
		x[j] = dc + a*math.Sin(2*math.Pi*k*float64(j)/float64(n)+phase)
	}
	return x
}

func mustWindow(t testing.TB, kind WindowKind, n int, param float64) *Window {
	t.Helper()
	w, err := NewWindow(kind, n, param)
	require.NoError(t, err)
	return w
}

// leakageTol bounds how far an on-bin tone's reading may move under a
// window: nothing but rounding for the sum-of-cosines windows (whose
// transform vanishes at every bin beyond their last term, so the tone's
// negative-frequency image adds nothing) and for the Tukey window at the
// bin used below; for Kaiser, the window's far sidelobe relative to its
// main lobe (9e-8 for β = 8.6 at 512 bins).
func leakageTol(kind WindowKind) float64 {
	if kind == Kaiser {
		return 1e-6
	}
	return 1e-12
}

func TestAmplitudeReadsToneAmplitudeUnderEveryWindow(t *testing.T) {
	const (
		n  = 1024
		k  = 256 // the image at −k lands 2k = 512 bins away
		a  = 1.7
		ph = 0.3
	)
	x := tone(n, k, a, ph, 0)
	for _, c := range allWindows {
		s := must(NewSpectrum(mustWindow(t, c.kind, n, c.param)))
		require.Equal(t, n, s.Len())
		require.Equal(t, n/2+1, s.Bins())
		amp := s.Amplitude(nil, x)
		assert.InDelta(t, a, amp[k], a*leakageTol(c.kind), "%v(%v)", c.kind, c.param)
		pow := s.Power(nil, x)
		assert.InDelta(t, a*a/2, pow[k], a*a*leakageTol(c.kind), "%v(%v)", c.kind, c.param)
		// Interior bins: P = A²/2 for every bin, an identity of the scalings.
		for i := 1; i < n/2; i++ {
			require.InDelta(t, amp[i]*amp[i]/2, pow[i], 1e-12, "%v bin %d", c.kind, i)
		}
	}
}

func TestAmplitudeDCAndNyquistNotDoubled(t *testing.T) {
	for _, n := range []int{64, 65} {
		x := make([]float64, n)
		for j := range x {
			x[j] = 0.25 + 0.75*math.Cos(math.Pi*float64(j)) // DC plus the alternating sequence
		}
		for _, c := range allWindows {
			s := must(NewSpectrum(mustWindow(t, c.kind, n, c.param)))
			amp := s.Amplitude(nil, x)
			pow := s.Power(nil, x)
			assert.InDelta(t, amp[0]*amp[0], pow[0], 1e-12, "%v DC", c.kind)
			if n%2 == 0 {
				assert.InDelta(t, amp[n/2]*amp[n/2], pow[n/2], 1e-12, "%v Nyquist", c.kind)
				if c.kind == Rectangular {
					assert.InDelta(t, 0.75, amp[n/2], 1e-12)
				}
			}
			if c.kind == Rectangular {
				assert.InDelta(t, mean(x), amp[0], 1e-12, "DC reads the mean")
			}
		}
	}
}

// Parseval: with the rectangular window the one-sided power spectrum sums
// to the mean square of the frame, for even and odd n.
func TestPowerParsevalRectangular(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 7, 128, 255} {
		x := make([]float64, n)
		var ms float64
		for i := range x {
			x[i] = 3 + 2*rng.NormFloat64()
			ms += x[i] * x[i]
		}
		ms /= float64(n)
		p := must(NewSpectrum(mustWindow(t, Rectangular, n, 0))).Power(nil, x)
		var sum float64
		for _, v := range p {
			sum += v
		}
		assert.InEpsilon(t, ms, sum, 1e-12, "n=%d", n)
	}
}

func TestSpectrumPanics(t *testing.T) {
	s := must(NewSpectrum(mustWindow(t, Hann, 16, 0)))
	assert.Panics(t, func() { s.Amplitude(nil, make([]float64, 15)) })
	assert.Panics(t, func() { s.Power(make([]float64, 8), make([]float64, 16)) })
	assert.NotPanics(t, func() { s.Power(make([]float64, 9), make([]float64, 16)) })
}

func TestSpectrumCopiesWindow(t *testing.T) {
	w := mustWindow(t, Hann, 32, 0)
	x := tone(32, 4, 1, 0, 0)
	s := must(NewSpectrum(w))
	before := s.Amplitude(nil, x)
	for i := range w.Coef {
		w.Coef[i] = 1
	}
	assert.Equal(t, before, s.Amplitude(nil, x))
}

// skipUnderRace skips allocation counts in -race builds, whose sync.Pool
// discards scratch at random.
func skipUnderRace(t *testing.T) {
	t.Helper()
	if raceEnabled {
		t.Skip("allocation counts are meaningless under -race")
	}
}

func TestSpectrumAllocs(t *testing.T) {
	skipUnderRace(t)
	for _, n := range []int{256, 1000, 97} {
		s := must(NewSpectrum(mustWindow(t, Hann, n, 0)))
		x := tone(n, 10, 1, 0, 0)
		dst := make([]float64, s.Bins())
		s.Amplitude(dst, x) // warm the pool
		assert.Zero(t, testing.AllocsPerRun(20, func() { s.Amplitude(dst, x) }), "Amplitude n=%d", n)
		assert.Zero(t, testing.AllocsPerRun(20, func() { s.Power(dst, x) }), "Power n=%d", n)
	}
}
