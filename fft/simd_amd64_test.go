//go:build goexperiment.simd

package fft

import (
	"fmt"
	"testing"
)

// simdTol is the agreement asked of the SIMD and pure-Go kernels, relative
// to the largest input: they differ only in rounding (fused
// multiply-adds).
const simdTol = 1e-12

// passTwiddles returns the twiddles newStages gives a pass of radix r,
// stride s and m blocks (the passes of radix s and m around it are not
// run).
func passTwiddles(r, s, m int) []complex128 {
	return newStages(r*s*m, []int{s, r, m})[1].tw
}

// checkClose fails t unless got and want agree to simdTol relative to
// scale.
func checkClose(t *testing.T, what string, got, want []complex128, scale float64) {
	t.Helper()
	if d := maxAbsDiff(got, want); !(d <= simdTol*scale) {
		t.Errorf("%s: SIMD and pure Go differ by %.3g (scale %.3g)", what, d, scale)
	}
}

func TestSIMDPassesMatchPureGo(t *testing.T) {
	if !useSIMD {
		t.Skip("CPU lacks AVX2 or FMA")
	}
	pure := map[int]func(y, x, tw []complex128, s, m int){2: pass2, 3: pass3, 4: pass4, 5: pass5, 8: pass8}
	simd := map[int]func(y, x, tw []complex128, s, m int){2: pass2V, 3: pass3V, 4: pass4V, 5: pass5V, 8: pass8V}
	for _, r := range []int{2, 3, 4, 5, 8} {
		for _, s := range []int{2, 4, 6, 8, 10, 14, 32} {
			for _, m := range []int{1, 2, 3, 4, 5, 7, 16} {
				n := r * s * m
				x, tw := randComplex(n, uint64(n+r)), passTwiddles(r, s, m)
				want, got := make([]complex128, n), make([]complex128, n)
				pure[r](want, x, tw, s, m)
				simd[r](got, x, tw, s, m)
				checkClose(t, fmt.Sprintf("radix %d, s %d, m %d", r, s, m), got, want, maxAbs(x))
			}
		}
	}
}

func TestSIMDFirstPassesMatchPureGo(t *testing.T) {
	if !useSIMD {
		t.Skip("CPU lacks AVX2 or FMA")
	}
	defer func() { useSIMD = true }()
	for _, m := range []int{2, 4, 6, 8, 10, 24, 64, 250} {
		for _, r := range []int{4, 8} {
			n := r * m
			x, tw := randComplex(n, uint64(m)), passTwiddles(r, 1, m)
			g := &stage{r: r, s: 1, m: m, tw: tw, vtw: simdFirstTwiddles(r, m, tw)}
			want, got := make([]complex128, n), make([]complex128, n)
			useSIMD = false
			g.apply(want, x, nil)
			useSIMD = true
			if !simdPass(got, x, g) {
				t.Fatalf("radix %d, m %d: SIMD path declined", r, m)
			}
			checkClose(t, fmt.Sprintf("radix %d, m %d", r, m), got, want, maxAbs(x))
			if r == 8 {
				xr := floats(x)
				pass8Real(want, xr, tw, m)
				if !simdPass8Real(got, xr, g) {
					t.Fatalf("real, m %d: SIMD path declined", m)
				}
				checkClose(t, fmt.Sprintf("real, m %d", m), got, want, maxAbs(x))
			}
		}
	}
	// Odd m and other radices are left to pure Go.
	for _, r := range []int{2, 3, 4, 5, 8} {
		if simdFirstTwiddles(r, 3, passTwiddles(r, 1, 3)) != nil || (r != 4 && r != 8 && simdFirstTwiddles(r, 4, passTwiddles(r, 1, 4)) != nil) {
			t.Errorf("radix %d: SIMD path did not decline", r)
		}
	}
}

func TestSIMDUntangleMatchesPureGo(t *testing.T) {
	if !useSIMD {
		t.Skip("CPU lacks AVX2 or FMA")
	}
	for m := 1; m <= 70; m++ {
		n := 2 * m
		htw := newRealPlan(n).htw
		X := randComplex(m+1, uint64(m))
		want := append([]complex128(nil), X...)
		untangle(want, htw)
		if !simdUntangle(X, simdUntangleTwiddles(htw)) {
			if h := m / 2; h > 0 && h%2 == 0 {
				t.Errorf("m %d: SIMD path declined", m)
			}
			continue
		}
		checkClose(t, fmt.Sprintf("m %d", m), X, want, maxAbs(want))
	}
}

// TestSIMDTransformsMatchPureGo runs whole transforms, real and complex,
// with the SIMD path on and off, on lengths whose passes have odd and
// even strides and block counts.
func TestSIMDTransformsMatchPureGo(t *testing.T) {
	if !useSIMD {
		t.Skip("CPU lacks AVX2 or FMA")
	}
	lengths := []int{1024, 4096, 12000, 20480, 65536, 2160, 6000, 240, 1200, 1000, 3 * 5 * 7 * 11, 2 * 97, 4 * 1031}
	for n := 1; n <= 200; n++ {
		lengths = append(lengths, n)
	}
	defer func() { useSIMD = true }()
	for _, n := range lengths {
		x := randComplex(n, uint64(n))
		xr := randReal(n, uint64(n))
		p, rp := newPlan(n), newRealPlan(n)
		useSIMD = false
		want, wantR := p.Forward(nil, x), rp.Forward(nil, xr)
		useSIMD = true
		got, gotR := p.Forward(nil, x), rp.Forward(nil, xr)
		checkClose(t, fmt.Sprintf("complex n %d", n), got, want, maxAbs(want))
		checkClose(t, fmt.Sprintf("real n %d", n), gotR, wantR, maxAbs(wantR))
	}
}

// TestSIMDDispatch checks which passes the SIMD path takes: every radix
// 2, 3, 4, 5 and 8 pass with an even stride, no pass with an odd stride
// or another radix, and none at all when it is switched off.
func TestSIMDDispatch(t *testing.T) {
	if !useSIMD {
		t.Skip("CPU lacks AVX2 or FMA")
	}
	defer func() { useSIMD = true }()
	for _, r := range []int{2, 3, 4, 5, 7, 8, 11} {
		for _, s := range []int{1, 2, 3, 4, 9, 12} {
			for _, on := range []bool{true, false} {
				m := 3
				n := r * s * m
				g := &newStages(n, []int{s, r, m})[1]
				if s == 1 {
					g = &newStages(n, []int{r, m})[0]
				}
				x, y := randComplex(n, 1), make([]complex128, n)
				useSIMD = on
				want := on && s%2 == 0 && (r <= 5 || r == 8)
				if got := simdPass(y, x, g); got != want {
					t.Errorf("radix %d, stride %d, SIMD on %v: simdPass took the pass: %v, want %v", r, s, on, got, want)
				}
			}
		}
	}
}
