package features

import (
	"math/cmplx"
	"math/rand/v2"
	"testing"
)

// TestKurtogramSplitsMatchComplexFIR checks the phase-sum filters of the
// kurtogram (splitBinary, splitTernary, on complex and on real input)
// against the direct complex FIR y[i] = Σ_k f[k]·x[i−k] of Antoni's
// filters h, g, h1, h2, h3 at i = j·m + m − 1, x zero before its start.
func TestKurtogramSplitsMatchComplexFIR(t *testing.T) {
	k := must(NewKurtogram(4, 1000))
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 301
	xc := make([]complex128, n)
	xr := make([]float64, n)
	for i := range xc {
		xc[i] = complex(rng.NormFloat64(), rng.NormFloat64())
		xr[i] = rng.NormFloat64()
	}
	xrc := make([]complex128, n)
	for i, v := range xr {
		xrc[i] = complex(v, 0)
	}
	u := make([]complex128, n+24)
	ur := make([]float64, n+24)
	out := func(m int) []complex128 { return make([]complex128, n/m) }
	for _, in := range []struct {
		name string
		x    []complex128
		run  func(y [5][]complex128)
	}{
		{"complex", xc, func(y [5][]complex128) {
			splitBinary(y[0], y[1], xc, u, &k.bt)
			splitTernary(y[2], y[3], y[4], xc, u, &k.bt)
		}},
		{"real", xrc, func(y [5][]complex128) {
			splitBinaryReal(y[0], y[1], xr, ur, &k.bt)
			splitTernaryReal(y[2], y[3], y[4], xr, ur, &k.bt)
		}},
	} {
		y := [5][]complex128{out(2), out(2), out(3), out(3), out(3)}
		in.run(y)
		for f, c := range []struct {
			name string
			taps []complex128
			m    int
		}{{"h", k.h, 2}, {"g", k.g, 2}, {"h1", k.h1, 3}, {"h2", k.h2, 3}, {"h3", k.h3, 3}} {
			for j, got := range y[f] {
				i := j*c.m + c.m - 1
				var want complex128
				for q, v := range c.taps {
					if i-q >= 0 {
						want += v * in.x[i-q]
					}
				}
				if cmplx.Abs(got-want) > 1e-13 {
					t.Fatalf("%s input, %s output %d: %v, want %v", in.name, c.name, j, got, want)
				}
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
