package fft

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gcTwice runs two collections: sync.Pool keeps its buffers for one cycle
// in a victim cache, so only the second one empties a plan's pool.
func gcTwice() {
	runtime.GC()
	runtime.GC()
}

// workCase is one …Work method beside its plain twin. Both write into the
// same caller-owned destination, a []complex128 or []float64.
type workCase struct {
	name         string
	plain, viaWk func()
	dst          any
}

// snapshot returns a copy of the case's destination and zeroes it.
func (c workCase) snapshot() any {
	switch d := c.dst.(type) {
	case []complex128:
		defer clear(d)
		return append([]complex128(nil), d...)
	case []float64:
		defer clear(d)
		return append([]float64(nil), d...)
	}
	panic("unreachable")
}

// noErr panics on a non-nil error; it keeps the cases free of allocation.
func noErr(err error) {
	if err != nil {
		panic(err)
	}
}

// workCases returns a case for every …Work method at length n.
func workCases(t testing.TB, n int) []workCase {
	x, xr := randComplex(n, 3), randReal(n, 4)
	long := randReal(3*n, 5)
	p, rp, h := must(NewPlan(n)), must(NewRealPlan(n)), must(NewHilbert(n))
	s := must(NewSpectrum(mustWindow(t, Hann, n, 0)))
	wl := mustWelch(t, WelchConfig{Window: mustWindow(t, Hann, n, 0), Overlap: n / 2, Detrend: LinearDetrend})
	st, err := NewSTFT(mustWindow(t, Hann, n, 0), max(1, n/3))
	require.NoError(t, err)
	pw, rw, hw, sw, ww, tw := p.NewWork(), rp.NewWork(), h.NewWork(), s.NewWork(), wl.NewWork(), st.NewWork()
	b := rp.Bins()
	c, f, fb := make([]complex128, n), make([]float64, n), make([]float64, b)
	frames := st.Frames(len(long))
	sc, sf := make([]complex128, frames*st.Bins()), make([]float64, frames*st.Bins())
	return []workCase{
		{"Plan.Forward", func() { p.Forward(c, x) }, func() { p.ForwardWork(c, x, pw) }, c},
		{"Plan.Inverse", func() { p.Inverse(c, x) }, func() { p.InverseWork(c, x, pw) }, c},
		{"RealPlan.Forward", func() { rp.Forward(c[:b], xr) }, func() { rp.ForwardWork(c[:b], xr, rw) }, c[:b]},
		{"RealPlan.Inverse", func() { rp.Inverse(f, x[:b]) }, func() { rp.InverseWork(f, x[:b], rw) }, f},
		{"Hilbert.Analytic", func() { h.Analytic(c, xr) }, func() { h.AnalyticWork(c, xr, hw) }, c},
		{"Hilbert.Envelope", func() { h.Envelope(f, xr) }, func() { h.EnvelopeWork(f, xr, hw) }, f},
		{"Spectrum.Amplitude", func() { s.Amplitude(fb, xr) }, func() { s.AmplitudeWork(fb, xr, sw) }, fb},
		{"Spectrum.Power", func() { s.Power(fb, xr) }, func() { s.PowerWork(fb, xr, sw) }, fb},
		{"Welch.PSD", func() { _, err := wl.PSD(fb, long, 100); noErr(err) }, func() { _, err := wl.PSDWork(fb, long, 100, ww); noErr(err) }, fb},
		{"STFT.Transform", func() { _, err := st.Transform(sc, long); noErr(err) }, func() { _, err := st.TransformWork(sc, long, tw); noErr(err) }, sc},
		{"STFT.Spectrogram", func() { _, err := st.Spectrogram(sf, long, 100); noErr(err) }, func() { _, err := st.SpectrogramWork(sf, long, 100, tw); noErr(err) }, sf},
	}
}

// TestWorkMatchesPlain checks that every …Work method computes exactly
// what its pooled twin does, for Stockham, generic-odd, Bluestein and odd
// real lengths.
func TestWorkMatchesPlain(t *testing.T) {
	for _, n := range []int{1, 2, 7, 64, 97, 360, 1009, 4096} {
		for _, c := range workCases(t, n) {
			c.plain()
			want := c.snapshot()
			c.viaWk()
			assert.Equal(t, want, c.snapshot(), "n=%d %s", n, c.name)
		}
	}
}

// TestWorkAllocatesNothingAcrossGC runs every …Work method with garbage
// collections in between and requires no allocation at all; the pooled
// twins, for contrast, must allocate after the collections.
func TestWorkAllocatesNothingAcrossGC(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	for _, n := range []int{97, 1009, 4096} {
		for _, c := range workCases(t, n) {
			c.viaWk() // warm up
			allocs := testing.AllocsPerRun(5, func() { gcTwice(); c.viaWk() })
			assert.Zero(t, allocs, "n=%d %s", n, c.name)
			allocs = testing.AllocsPerRun(5, func() { gcTwice(); c.plain() })
			assert.NotZero(t, allocs, "n=%d plain %s", n, c.name)
		}
	}
}

// TestWorkPanics checks that a nil or too small Work is refused.
func TestWorkPanics(t *testing.T) {
	p, small := must(NewPlan(64)), must(NewPlan(16)).NewWork()
	x := make([]complex128, 64)
	assert.Panics(t, func() { p.ForwardWork(nil, x, nil) })
	assert.Panics(t, func() { p.ForwardWork(nil, x, small) })
	assert.NotPanics(t, func() { must(NewPlan(16)).ForwardWork(nil, x[:16], must(NewPlan(64)).NewWork()) })
	s := must(NewSpectrum(mustWindow(t, Hann, 64, 0)))
	assert.Panics(t, func() { s.PowerWork(nil, make([]float64, 64), must(NewSpectrum(mustWindow(t, Hann, 32, 0))).NewWork()) })
	assert.Panics(t, func() { s.PowerWork(nil, make([]float64, 64), p.NewWork()) }, "a Plan's Work has no real buffer")
}
