package fft

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allWindows lists one instance of every kind, with a typical parameter.
var allWindows = []struct {
	kind  WindowKind
	param float64
}{
	{Rectangular, 0}, {Hann, 0}, {Hamming, 0}, {Blackman, 0}, {BlackmanHarris, 0},
	{FlatTop, 0}, {Kaiser, 8.6}, {Kaiser, 0}, {Kaiser, 30}, {Tukey, 0.5}, {Tukey, 0}, {Tukey, 1},
}

func TestWindowKindString(t *testing.T) {
	assert.Equal(t, "Hann", Hann.String())
	assert.Equal(t, "BlackmanHarris", BlackmanHarris.String())
	assert.Equal(t, "Tukey", Tukey.String())
	assert.Equal(t, "WindowKind(42)", WindowKind(42).String())
	assert.Equal(t, "WindowKind(-1)", WindowKind(-1).String())
}

// For a periodic sum-of-cosines window of length n > 2K, every cosine sums
// to zero over its whole periods, so Σw = n·a0 and Σw² = n·(a0² + Σ_{k≥1} a_k²/2):
// the coherent gain is a0 and the ENBW is (a0² + Σa_k²/2)/a0², exactly.
func TestWindowGainAndENBWClosedForms(t *testing.T) {
	cases := []struct {
		kind     WindowKind
		cg, enbw float64 // the textbook values, for readability
	}{
		{Rectangular, 1, 1},
		{Hann, 0.5, 1.5},
		{Hamming, 0.54, 1.3628},
		{Blackman, 0.42, 1.7268},
		{BlackmanHarris, 0.35875, 2.0044},
		{FlatTop, 0.21557895, 3.7702},
	}
	for _, c := range cases {
		for _, n := range []int{64, 1001, 4096} {
			w, err := NewWindow(c.kind, n, 0)
			require.NoError(t, err)
			require.Equal(t, n, w.Len())
			a := []float64{1}
			if c.kind != Rectangular {
				a = cosineTerms[c.kind]
			}
			s2 := a[0] * a[0]
			for _, ak := range a[1:] {
				s2 += ak * ak / 2
			}
			assert.InDelta(t, a[0], w.CoherentGain(), 1e-14, "%v n=%d", c.kind, n)
			assert.InDelta(t, s2/(a[0]*a[0]), w.ENBW(), 1e-12, "%v n=%d", c.kind, n)
			assert.InDelta(t, c.cg, w.CoherentGain(), 1e-8, "%v n=%d", c.kind, n)
			assert.InDelta(t, c.enbw, w.ENBW(), 1e-4, "%v n=%d", c.kind, n)
		}
	}
}

func TestWindowLimitsOfParameters(t *testing.T) {
	rect, err := NewWindow(Rectangular, 33, 0)
	require.NoError(t, err)
	hann, err := NewWindow(Hann, 33, 0)
	require.NoError(t, err)
	k0, err := NewWindow(Kaiser, 33, 0)
	require.NoError(t, err)
	t0, err := NewWindow(Tukey, 33, 0)
	require.NoError(t, err)
	t1, err := NewWindow(Tukey, 33, 1)
	require.NoError(t, err)
	assert.InDeltaSlice(t, rect.Coef, k0.Coef, 1e-15, "Kaiser β=0 is rectangular")
	assert.Equal(t, rect.Coef, t0.Coef, "Tukey α=0 is rectangular")
	assert.Equal(t, hann.Coef, t1.Coef, "Tukey α=1 is Hann")
	assert.Equal(t, 0.0, hann.Param)
	assert.Equal(t, 1.0, t1.Param)
	h, err := NewWindow(Hann, 8, 123) // param ignored for Hann
	require.NoError(t, err)
	assert.Equal(t, 0.0, h.Param)
}

func TestWindowShapes(t *testing.T) {
	for _, c := range allWindows {
		for _, n := range []int{2, 3, 16, 17, 200, 201} {
			p, err := NewWindow(c.kind, n, c.param)
			require.NoError(t, err, "%v n=%d", c.kind, n)
			require.Len(t, p.Coef, n)
			assert.Equal(t, c.kind, p.Kind)
			// The periodic window is the symmetric one of length n+1, truncated.
			s1, err := NewSymmetricWindow(c.kind, n+1, c.param)
			require.NoError(t, err, "%v n=%d", c.kind, n+1)
			assert.InDeltaSlice(t, s1.Coef[:n], p.Coef, 1e-15, "%v n=%d", c.kind, n)
			for i, v := range s1.Coef {
				j := len(s1.Coef) - 1 - i
				assert.InDelta(t, v, s1.Coef[j], 1e-14, "%v symmetric n=%d [%d]", c.kind, n+1, i)
			}
			// Every window peaks at 1 in the middle (n odd symmetric).
			if m := len(s1.Coef); m%2 == 1 && c.kind != FlatTop {
				assert.InDelta(t, 1, s1.Coef[m/2], 1e-8, "%v n=%d centre", c.kind, m)
			}
		}
	}
}

func TestWindowLengthOneIsOne(t *testing.T) {
	for _, c := range allWindows {
		for _, f := range []func(WindowKind, int, float64) (*Window, error){NewWindow, NewSymmetricWindow} {
			w, err := f(c.kind, 1, c.param)
			require.NoError(t, err)
			assert.Equal(t, []float64{1}, w.Coef)
			assert.Equal(t, 1.0, w.CoherentGain())
			assert.Equal(t, 1.0, w.ENBW())
		}
	}
}

func TestWindowErrors(t *testing.T) {
	bad := []struct {
		kind  WindowKind
		n     int
		param float64
		want  string
	}{
		{Hann, 0, 0, "length 0"},
		{Rectangular, -3, 0, "length -3"},
		{Kaiser, 16, -0.1, "β"},
		{Kaiser, 16, math.NaN(), "β"},
		{Kaiser, 16, math.Inf(1), "β"},
		{Tukey, 16, -0.01, "α"},
		{Tukey, 16, 1.01, "α"},
		{Tukey, 16, math.NaN(), "α"},
		{WindowKind(99), 16, 0, "unknown window kind"},
		{WindowKind(-1), 16, 0, "unknown window kind"},
	}
	for _, c := range bad {
		for _, f := range []func(WindowKind, int, float64) (*Window, error){NewWindow, NewSymmetricWindow} {
			w, err := f(c.kind, c.n, c.param)
			require.Error(t, err, "%v n=%d param=%v", c.kind, c.n, c.param)
			assert.Nil(t, w)
			assert.Contains(t, err.Error(), c.want)
		}
	}
	// Symmetric windows of length 2 that are zero at both ends have no gain.
	for _, c := range []struct {
		kind  WindowKind
		param float64
	}{{Hann, 0}, {Blackman, 0}, {FlatTop, 0}, {Tukey, 0.5}, {Tukey, 1}} {
		_, err := NewSymmetricWindow(c.kind, 2, c.param)
		require.Error(t, err, "%v", c.kind)
		assert.Contains(t, err.Error(), "sums to")
		_, err = NewWindow(c.kind, 2, c.param) // the periodic one is [0, 1]
		require.NoError(t, err, "%v", c.kind)
	}
}

func TestBesselI0e(t *testing.T) {
	// I0 at a few points (Abramowitz & Stegun table 9.8 / scipy.special.i0).
	for _, c := range []struct{ x, i0 float64 }{
		{0, 1},
		{1, 1.2660658777520082},
		{2.5, 3.2898391440501231},
		{10, 2815.7166284662544},
		{20, 43558282.559553534},
		{50, 2.9325537838493355e+20},
		{100, 1.0737517071310738e+42},
	} {
		got := besselI0e(c.x) * math.Exp(c.x)
		assert.InEpsilon(t, c.i0, got, 2e-15, "I0(%v)", c.x)
	}
	// The series and the asymptotic expansion meet smoothly at x = 30.
	below, above := besselI0e(math.Nextafter(30, 0)), besselI0e(math.Nextafter(30, 31))
	assert.InEpsilon(t, below, above, 1e-14)
	// Large β stays finite: the window still peaks at 1 with tiny tails.
	w, err := NewSymmetricWindow(Kaiser, 101, 2000)
	require.NoError(t, err)
	assert.InDelta(t, 1, w.Coef[50], 1e-15)
	for _, v := range w.Coef {
		require.False(t, math.IsNaN(v) || math.IsInf(v, 0))
	}
	assert.Less(t, w.Coef[0], 1e-300)
}

func TestWindowApply(t *testing.T) {
	w, err := NewWindow(Hann, 4, 0) // [0, 0.5, 1, 0.5]
	require.NoError(t, err)
	x := []float64{3, 4, 5, 6}
	got := w.Apply(nil, x)
	assert.InDeltaSlice(t, []float64{0, 2, 5, 3}, got, 1e-15)
	assert.Equal(t, []float64{3, 4, 5, 6}, x, "src untouched")
	w.Apply(x, x)
	assert.InDeltaSlice(t, []float64{0, 2, 5, 3}, x, 1e-15, "in place")
	assert.Panics(t, func() { w.Apply(nil, make([]float64, 3)) })
	assert.Panics(t, func() { w.Apply(make([]float64, 5), make([]float64, 4)) })
	assert.Equal(t, 0.0, testing.AllocsPerRun(10, func() { w.Apply(x, x) }))
}
