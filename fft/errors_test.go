package fft

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// sentinels are the package's error classes.
var sentinels = []error{ErrLength, ErrConfig, ErrInput}

// assertClass checks that err wraps want and no other sentinel.
func assertClass(t *testing.T, err, want error, what string) {
	t.Helper()
	if !assert.Error(t, err, what) {
		return
	}
	for _, s := range sentinels {
		assert.Equal(t, s == want, errors.Is(err, s), "%s: %v, want class %v", what, err, want)
	}
}

// TestErrLength checks that lengths outside [1, MaxLength], huge ones
// included, are refused with ErrLength, without a panic or an attempt to
// allocate them.
func TestErrLength(t *testing.T) {
	for _, n := range []int{0, -1, math.MinInt, MaxLength + 1, min(1<<40, math.MaxInt), math.MaxInt} {
		assert.NotPanics(t, func() {
			p, err := NewPlan(n)
			assert.Nil(t, p)
			assertClass(t, err, ErrLength, "NewPlan")
			rp, err := NewRealPlan(n)
			assert.Nil(t, rp)
			assertClass(t, err, ErrLength, "NewRealPlan")
			h, err := NewHilbert(n)
			assert.Nil(t, h)
			assertClass(t, err, ErrLength, "NewHilbert")
			w, err := NewWindow(Hann, n, 0)
			assert.Nil(t, w)
			assertClass(t, err, ErrLength, "NewWindow")
			_, err = NewSymmetricWindow(Kaiser, n, 1)
			assertClass(t, err, ErrLength, "NewSymmetricWindow")
		}, "n=%d", n)
	}
	assert.NoError(t, checkLength("n", MaxLength))
	assert.NoError(t, checkLength("n", 1))
}

// TestErrConfig checks that every unusable window, Welch or STFT setting
// is reported with ErrConfig.
func TestErrConfig(t *testing.T) {
	hann := mustWindow(t, Hann, 16, 0)
	bad := map[string]*Window{
		"nil":      nil,
		"empty":    {},
		"NaN":      {Coef: []float64{1, math.NaN()}},
		"Inf":      {Coef: []float64{math.Inf(-1), 1}},
		"zero sum": {Coef: []float64{1, -1}},
	}
	for name, w := range bad {
		s, err := NewSpectrum(w)
		assert.Nil(t, s)
		assertClass(t, err, ErrConfig, "NewSpectrum "+name)
		_, err = NewWelch(WelchConfig{Window: w})
		assertClass(t, err, ErrConfig, "NewWelch "+name)
		_, err = NewSTFT(w, 1)
		assertClass(t, err, ErrConfig, "NewSTFT "+name)
	}
	for name, cfg := range map[string]WelchConfig{
		"overlap < 0":  {Window: hann, Overlap: -1},
		"overlap = L":  {Window: hann, Overlap: 16},
		"scaling":      {Window: hann, Scaling: 7},
		"detrend":      {Window: hann, Detrend: -1},
		"detrend high": {Window: hann, Detrend: LinearDetrend + 1},
	} {
		_, err := NewWelch(cfg)
		assertClass(t, err, ErrConfig, "NewWelch "+name)
	}
	_, err := NewSTFT(hann, 0)
	assertClass(t, err, ErrConfig, "NewSTFT hop 0")
	_, err = NewWindow(Kaiser, 8, -1)
	assertClass(t, err, ErrConfig, "Kaiser β < 0")
	_, err = NewWindow(Tukey, 8, 1.5)
	assertClass(t, err, ErrConfig, "Tukey α > 1")
	_, err = NewWindow(WindowKind(99), 8, 0)
	assertClass(t, err, ErrConfig, "unknown kind")
	_, err = NewSymmetricWindow(Hann, 2, 0)
	assertClass(t, err, ErrConfig, "zero-sum symmetric Hann")
}

// TestErrInput checks that short or non-finite signals and bad sample
// rates are reported with ErrInput.
func TestErrInput(t *testing.T) {
	hann := mustWindow(t, Hann, 16, 0)
	wl := mustWelch(t, WelchConfig{Window: hann, Overlap: 8})
	st := mustSTFT(t, hann, 4)
	x := noise(64, 1, 3)
	nan := append([]float64(nil), x...)
	nan[20] = math.NaN()
	inf := append([]float64(nil), x...)
	inf[63] = math.Inf(1)
	cases := []struct {
		name string
		x    []float64
		fs   float64
	}{
		{"short", x[:15], 100},
		{"NaN", nan, 100},
		{"Inf", inf, 100},
		{"fs 0", x, 0},
		{"fs NaN", x, math.NaN()},
		{"fs Inf", x, math.Inf(1)},
	}
	for _, c := range cases {
		_, err := wl.PSD(nil, c.x, c.fs)
		assertClass(t, err, ErrInput, "PSD "+c.name)
		_, err = st.Spectrogram(nil, c.x, c.fs)
		assertClass(t, err, ErrInput, "Spectrogram "+c.name)
	}
	_, err := st.Transform(nil, x[:15])
	assertClass(t, err, ErrInput, "Transform short")
}
