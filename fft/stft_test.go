package fft

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustSTFT(t testing.TB, w *Window, hop int) *STFT {
	t.Helper()
	s, err := NewSTFT(w, hop)
	require.NoError(t, err)
	return s
}

func TestSTFTFrames(t *testing.T) {
	s := mustSTFT(t, mustWindow(t, Hann, 64, 0), 16)
	assert.Equal(t, 33, s.Bins())
	assert.Equal(t, 0, s.Frames(63))
	assert.Equal(t, 1, s.Frames(64))
	assert.Equal(t, 1, s.Frames(79))
	assert.Equal(t, 2, s.Frames(80))
	assert.Equal(t, 34, s.Frames(600)) // (600−64)/16 + 1
	gap := mustSTFT(t, mustWindow(t, Hann, 10, 0), 25)
	assert.Equal(t, 2, gap.Frames(35), "hop longer than the window skips samples")
}

// Each row of Transform is the real transform of its windowed frame, and
// each row of Spectrogram is that frame's one-sided density.
func TestSTFTTransformAndSpectrogram(t *testing.T) {
	const l, hop, fs = 50, 20, 800.0
	win := mustWindow(t, Hamming, l, 0)
	s := mustSTFT(t, win, hop)
	x := noise(333, 1, 9)
	for i := range x {
		x[i] += math.Cos(0.7 * float64(i))
	}
	frames, b := s.Frames(len(x)), s.Bins()
	require.Equal(t, 15, frames)
	tr, err := s.Transform(nil, x)
	require.NoError(t, err)
	require.Len(t, tr, frames*b)
	sg, err := s.Spectrogram(nil, x, fs)
	require.NoError(t, err)
	require.Len(t, sg, frames*b)
	p := must(NewRealPlan(l))
	spec := must(NewSpectrum(win))
	for i := 0; i < frames; i++ {
		frame := x[i*hop : i*hop+l]
		want := p.Forward(nil, win.Apply(nil, frame))
		for k := range want {
			require.InDelta(t, real(want[k]), real(tr[i*b+k]), 1e-12)
			require.InDelta(t, imag(want[k]), imag(tr[i*b+k]), 1e-12)
		}
		// The density differs from the power spectrum by fs·ENBW/L.
		pow := spec.Power(nil, frame)
		r := fs * win.ENBW() / l
		for k := range pow {
			require.InDelta(t, pow[k], sg[i*b+k]*r, 1e-12*pow[k]+1e-300)
		}
	}
	// Reuse of dst.
	dst := make([]float64, frames*b)
	got, err := s.Spectrogram(dst, x, fs)
	require.NoError(t, err)
	assert.Equal(t, sg, got)
	assert.Equal(t, &dst[0], &got[0])
}

func TestSTFTErrors(t *testing.T) {
	win := mustWindow(t, Hann, 32, 0)
	for _, hop := range []int{0, -4} {
		s, err := NewSTFT(win, hop)
		require.Error(t, err)
		assert.Nil(t, s)
		assert.Contains(t, err.Error(), "hop")
	}
	_, err := NewSTFT(&Window{Coef: []float64{0, 0}}, 1)
	require.Error(t, err)
	_, err = NewSTFT(nil, 1)
	assert.ErrorIs(t, err, ErrConfig)
	s := mustSTFT(t, win, 8)
	x := noise(100, 1, 10)
	_, err = s.Transform(nil, x[:31])
	require.Error(t, err)
	assert.Contains(t, err.Error(), "shorter than one frame")
	_, err = s.Spectrogram(nil, x[:31], 100)
	require.Error(t, err)
	x[40] = math.NaN()
	_, err = s.Spectrogram(nil, x, 100)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sample 40")
	x[40] = 0
	_, err = s.Spectrogram(nil, x, 0)
	require.Error(t, err)
	assert.Panics(t, func() { _, _ = s.Transform(make([]complex128, 3), x) })
	assert.Panics(t, func() { _, _ = s.Spectrogram(make([]float64, 3), x, 100) })
}

func TestSTFTAllocs(t *testing.T) {
	skipUnderRace(t)
	const l = 64
	s := mustSTFT(t, mustWindow(t, Hann, l, 0), 32)
	x := noise(l*4, 1, 11)
	tr := make([]complex128, s.Frames(len(x))*s.Bins())
	sg := make([]float64, len(tr))
	_, _ = s.Spectrogram(sg, x, 1)
	assert.Zero(t, testing.AllocsPerRun(10, func() { _, _ = s.Transform(tr, x) }))
	assert.Zero(t, testing.AllocsPerRun(10, func() { _, _ = s.Spectrogram(sg, x, 1) }))
}
