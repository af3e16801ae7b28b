package features

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// TestModFilterMatchesComplexFIR checks the modulated real filters of the
// kurtogram against the direct complex FIR y[i] = Σ_k f[k]·x[i−k] at
// i = j·m + m − 1, and that the filters are the rotation times real taps
// (what the rotation leaves imaginary is rounding).
func TestModFilterMatchesComplexFIR(t *testing.T) {
	k := must(NewKurtogram(4, 1000))
	g17 := append(append([]complex128(nil), k.g...), 0)
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]complex128, 301)
	for i := range x {
		x[i] = complex(rng.NormFloat64(), rng.NormFloat64())
	}
	u := make([]complex128, len(x)+32)
	for _, c := range []struct {
		name string
		f    []complex128
		mf   modFilter
		m    int
	}{
		{"h", k.h, k.bin[0], 2}, {"g", g17, k.bin[1], 2},
		{"h1", k.h1, k.tri[0], 3}, {"h2", k.h2, k.tri[1], 3}, {"h3", k.h3, k.tri[2], 3},
	} {
		p := len(c.mf.rot)
		for i, v := range c.f {
			left := v * cmplx.Conj(c.mf.rot[(i+c.mf.off)%p])
			if math.Abs(imag(left)) > 1e-15 {
				t.Errorf("%s tap %d: %v is not real after derotation", c.name, i, left)
			}
		}
		y := make([]complex128, len(x)/c.m)
		c.mf.decimate(y, x, u, c.m)
		for j := range y {
			i := j*c.m + c.m - 1
			var want complex128
			for q, v := range c.f {
				if i-q >= 0 {
					want += v * x[i-q]
				}
			}
			if cmplx.Abs(y[j]-want) > 1e-13 {
				t.Fatalf("%s output %d: %v, want %v", c.name, j, y[j], want)
			}
		}
	}
}

// TestKurtogramComputeLevels checks that a kurtogram stopped after l
// levels holds the first 2·l rows of the full one, bit for bit, and that
// reusing results across depths does not allocate.
func TestKurtogramComputeLevels(t *testing.T) {
	x := benchSignal(1 << 13)
	k := must(NewKurtogram(6, 12000))
	full := must(k.Compute(nil, x))
	r := must(k.ComputeLevels(nil, x, 6))
	for l := 1; l <= 6; l++ {
		r = must(k.ComputeLevels(r, x, l))
		if len(r.Kurtosis) != 2*l || len(r.Levels) != 2*l {
			t.Fatalf("depth %d: %d rows, want %d", l, len(r.Kurtosis), 2*l)
		}
		for i, row := range r.Kurtosis {
			if r.Levels[i] != full.Levels[i] {
				t.Errorf("depth %d row %d: level %v, want %v", l, i, r.Levels[i], full.Levels[i])
			}
			for j, v := range row {
				if v != full.Kurtosis[i][j] {
					t.Errorf("depth %d row %d band %d: %v, want %v", l, i, j, v, full.Kurtosis[i][j])
				}
			}
		}
	}
	if n := testing.AllocsPerRun(3, func() {
		_, _ = k.ComputeLevels(r, x, 2)
		_, _ = k.ComputeLevels(r, x, 5)
	}); n != 0 {
		t.Errorf("ComputeLevels allocates %v times per run with a reused result", n)
	}
}

// TestKurtogramLevelsFor checks that the shallower kurtogram LevelsFor
// picks gives the full kurtogram's BestBand for minimum widths around
// every row width, and that it is the shallowest that does.
func TestKurtogramLevelsFor(t *testing.T) {
	const rate = 12000
	x := benchSignal(1 << 14)
	k := must(NewKurtogram(7, rate))
	full := must(k.Compute(nil, x))
	r := new(KurtogramResult)
	for i, row := range full.Kurtosis {
		w := rate / 2 / float64(len(row))
		for _, mw := range []float64{w * 0.999, w, w * 1.001} {
			l := k.LevelsFor(mw)
			r = must(k.ComputeLevels(r, x, l))
			if got, want := r.BestBand(mw, rate/4), full.BestBand(mw, rate/4); got != want {
				t.Errorf("row %d, minWidth %g: %d levels give %+v, want %+v", i, mw, l, got, want)
			}
			// With one level fewer, row 2(l−1) would be missing: it must
			// be one BestBand could choose.
			if lw := rate / 2 / float64(len(full.Kurtosis[2*(l-1)])); l > 1 && lw < mw*(1-1e-12) {
				t.Errorf("row %d, minWidth %g: %d levels, but row %d (%g Hz) is too narrow: fewer would do", i, mw, l, 2*(l-1), lw)
			}
		}
	}
	if l := k.LevelsFor(0); l != 7 {
		t.Errorf("LevelsFor(0) = %d, want every level (7)", l)
	}
}
