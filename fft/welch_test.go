package fft

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func noise(n int, sigma float64, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 7))
	x := make([]float64, n)
	for i := range x {
		x[i] = sigma * rng.NormFloat64()
	}
	return x
}

func mustWelch(t testing.TB, cfg WelchConfig) *Welch {
	t.Helper()
	w, err := NewWelch(cfg)
	require.NoError(t, err)
	return w
}

// The density integrates to the variance of white noise.
func TestWelchDensityIntegratesToVariance(t *testing.T) {
	const (
		fs    = 2000.0
		l     = 256
		sigma = 2.0
	)
	x := noise(1<<15, sigma, 1)
	for _, c := range allWindows {
		w := mustWelch(t, WelchConfig{Window: mustWindow(t, c.kind, l, c.param), Overlap: l / 2, Detrend: ConstantDetrend})
		psd, err := w.PSD(nil, x, fs)
		require.NoError(t, err)
		var area float64
		for _, v := range psd {
			area += v * fs / l
		}
		assert.InEpsilon(t, sigma*sigma, area, 0.03, "%v(%v)", c.kind, c.param)
	}
}

// PowerSpectrum = Density·fs·ENBW/L exactly, for any input.
func TestWelchSpectrumDensityRelation(t *testing.T) {
	const fs, l = 48000.0, 200
	x := noise(3000, 1, 2)
	for i := range x {
		x[i] += math.Sin(0.3 * float64(i))
	}
	for _, c := range allWindows {
		win := mustWindow(t, c.kind, l, c.param)
		cfg := WelchConfig{Window: win, Overlap: 150, Detrend: LinearDetrend}
		d, err := mustWelch(t, cfg).PSD(nil, x, fs)
		require.NoError(t, err)
		cfg.Scaling = PowerSpectrum
		p, err := mustWelch(t, cfg).PSD(nil, x, fs)
		require.NoError(t, err)
		r := fs * win.ENBW() / l
		for k := range d {
			require.InDelta(t, d[k]*r, p[k], 1e-12*math.Abs(p[k]), "%v bin %d", c.kind, k)
		}
	}
}

// With the rectangular window, no overlap and no detrend, the power
// spectrum sums to the mean square of the samples the segments cover.
func TestWelchParsevalRectangular(t *testing.T) {
	x := noise(1000, 3, 3)
	for _, l := range []int{100, 99, 333} {
		w := mustWelch(t, WelchConfig{Window: mustWindow(t, Rectangular, l, 0), Scaling: PowerSpectrum})
		p, err := w.PSD(nil, x, 1)
		require.NoError(t, err)
		used := w.Segments(len(x)) * l
		var ms, sum float64
		for _, v := range x[:used] {
			ms += v * v
		}
		for _, v := range p {
			sum += v
		}
		assert.InEpsilon(t, ms/float64(used), sum, 1e-12, "L=%d", l)
	}
}

func TestWelchDetrend(t *testing.T) {
	const l = 64
	x := noise(640, 1, 4)
	offset := make([]float64, len(x))
	ramp := make([]float64, len(x))
	for i, v := range x {
		offset[i] = v + 5
		ramp[i] = v + 5 - 0.01*float64(i)
	}
	win := mustWindow(t, Hann, l, 0)
	psd := func(d Detrend, x []float64) []float64 {
		p, err := mustWelch(t, WelchConfig{Window: win, Overlap: 32, Detrend: d}).PSD(nil, x, 100)
		require.NoError(t, err)
		return p
	}
	// Removing a segment's mean makes a constant offset vanish; removing
	// its line makes a ramp vanish.
	assert.InDeltaSlice(t, psd(ConstantDetrend, x), psd(ConstantDetrend, offset), 1e-12)
	assert.InDeltaSlice(t, psd(LinearDetrend, x), psd(LinearDetrend, ramp), 1e-12)
	assert.Greater(t, psd(NoDetrend, offset)[0], 100*psd(ConstantDetrend, offset)[0])
	line := make([]float64, 200)
	for i := range line {
		line[i] = 3 - 0.2*float64(i)
	}
	for _, v := range psd(LinearDetrend, line) {
		assert.InDelta(t, 0, v, 1e-20)
	}
}

func TestWelchSegments(t *testing.T) {
	w := mustWelch(t, WelchConfig{Window: mustWindow(t, Hann, 100, 0), Overlap: 40})
	assert.Equal(t, 51, w.Bins())
	assert.Equal(t, 0, w.Segments(99))
	assert.Equal(t, 1, w.Segments(100))
	assert.Equal(t, 1, w.Segments(159))
	assert.Equal(t, 2, w.Segments(160))
	assert.Equal(t, 16, w.Segments(1000)) // scipy: (1000−40)//60
}

func TestWelchErrors(t *testing.T) {
	win := mustWindow(t, Hann, 32, 0)
	for _, c := range []struct {
		cfg  WelchConfig
		want string
	}{
		{WelchConfig{}, "nil window"},
		{WelchConfig{Window: &Window{}}, "empty window"},
		{WelchConfig{Window: win, Overlap: 32}, "overlap 32"},
		{WelchConfig{Window: win, Overlap: -1}, "overlap -1"},
		{WelchConfig{Window: win, Scaling: 7}, "scaling"},
		{WelchConfig{Window: win, Detrend: 3}, "detrend"},
		{WelchConfig{Window: win, Detrend: -1}, "detrend"},
	} {
		w, err := NewWelch(c.cfg)
		require.Error(t, err, c.want)
		assert.Nil(t, w)
		assert.Contains(t, err.Error(), c.want)
	}
	w := mustWelch(t, WelchConfig{Window: win, Overlap: 31})
	x := noise(100, 1, 5)
	_, err := w.PSD(nil, x[:31], 10)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "31 samples is shorter than one segment of 32")
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		y := append([]float64(nil), x...)
		y[57] = bad
		_, err = w.PSD(nil, y, 10)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "sample 57 of 100")
	}
	for _, fs := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		_, err = w.PSD(nil, x, fs)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "sample rate")
	}
	assert.Panics(t, func() { w.PSD(make([]float64, 16), x, 10) })
}

func TestWelchAllocs(t *testing.T) {
	skipUnderRace(t)
	const l = 128
	w := mustWelch(t, WelchConfig{Window: mustWindow(t, Hann, l, 0), Overlap: l / 2, Detrend: LinearDetrend})
	x := noise(l*4, 1, 6) // 7 segments
	dst := make([]float64, w.Bins())
	_, err := w.PSD(dst, x, 1000)
	require.NoError(t, err)
	assert.Zero(t, testing.AllocsPerRun(20, func() { _, _ = w.PSD(dst, x, 1000) }))
}
