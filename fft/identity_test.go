package fft

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// identityLengths cover every kind of plan: trivial, each radix, the
// generic odd pass, Bluestein, and real plans of odd and even length.
var identityLengths = []int{1, 2, 3, 7, 16, 60, 97, 128, 360, 1000, 2048, 4097, 10007, 12000}

// TestRoundTrip checks Inverse(Forward(x)) == x to 1e-12 of max|x| up to
// n = 2^20, for complex and real plans.
func TestRoundTrip(t *testing.T) {
	ns := []int{1, 5, 64, 1875, 10007, 1 << 16, 3 * 1 << 14, 1<<16 + 1}
	if !testing.Short() {
		ns = append(ns, 1<<20, 1000003)
	}
	for _, n := range ns {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			x := randComplex(n, uint64(n))
			p := must(NewPlan(n))
			back := p.Inverse(nil, p.Forward(nil, x))
			assert.LessOrEqual(t, maxAbsDiff(back, x)/maxAbs(x), 1e-12, "complex")

			xr := randReal(n, uint64(n))
			rp := must(NewRealPlan(n))
			backR := rp.Inverse(nil, rp.Forward(nil, xr))
			var e, m float64
			for i := range xr {
				e = math.Max(e, math.Abs(backR[i]-xr[i]))
				m = math.Max(m, math.Abs(xr[i]))
			}
			assert.LessOrEqual(t, e/m, 1e-12, "real")
		})
	}
}

func TestParseval(t *testing.T) {
	for _, n := range identityLengths {
		x := randComplex(n, 11)
		X := must(NewPlan(n)).Forward(nil, x)
		ex, eX := energy(x), energy(X)/float64(n)
		assert.InDelta(t, 1, eX/ex, 1e-13, "complex n=%d", n)

		xr := randReal(n, 12)
		XR := must(NewRealPlan(n)).Forward(nil, xr)
		var er float64
		for _, v := range xr {
			er += v * v
		}
		// Bins 1..(n-1)/2 stand for themselves and their mirror images.
		eR := real(XR[0]) * real(XR[0])
		for k := 1; k < len(XR); k++ {
			w := 2.0
			if 2*k == n {
				w = 1
			}
			eR += w * (real(XR[k])*real(XR[k]) + imag(XR[k])*imag(XR[k]))
		}
		assert.InDelta(t, 1, eR/float64(n)/er, 1e-13, "real n=%d", n)
	}
}

func TestLinearity(t *testing.T) {
	a, b := complex(0.7, -1.3), complex(-2.1, 0.4)
	for _, n := range identityLengths {
		x, y := randComplex(n, 21), randComplex(n, 22)
		z := make([]complex128, n)
		for i := range z {
			z[i] = a*x[i] + b*y[i]
		}
		p := must(NewPlan(n))
		X, Y, Z := p.Forward(nil, x), p.Forward(nil, y), p.Forward(nil, z)
		want := make([]complex128, n)
		for k := range want {
			want[k] = a*X[k] + b*Y[k]
		}
		assert.LessOrEqual(t, maxAbsDiff(Z, want)/l2(z), 1e-14, "complex n=%d", n)

		// Real plans are linear over real coefficients.
		xr, yr := randReal(n, 23), randReal(n, 24)
		zr := make([]float64, n)
		for i := range zr {
			zr[i] = 0.7*xr[i] - 2.1*yr[i]
		}
		rp := must(NewRealPlan(n))
		XR, YR, ZR := rp.Forward(nil, xr), rp.Forward(nil, yr), rp.Forward(nil, zr)
		wantR := make([]complex128, len(XR))
		for k := range wantR {
			wantR[k] = 0.7*XR[k] - 2.1*YR[k]
		}
		assert.LessOrEqual(t, maxAbsDiff(ZR, wantR)/l2(widen(zr)), 1e-14, "real n=%d", n)
	}
}

// TestCircularShift checks that delaying x by d samples multiplies bin k
// by exp(-2πi·k·d/n).
func TestCircularShift(t *testing.T) {
	for _, n := range identityLengths {
		d := n/3 + 1
		x := randComplex(n, 31)
		shifted := make([]complex128, n)
		for j := range x {
			shifted[(j+d)%n] = x[j]
		}
		p := must(NewPlan(n))
		X, S := p.Forward(nil, x), p.Forward(nil, shifted)
		want := make([]complex128, n)
		for k := range want {
			want[k] = X[k] * expi(k*d%n, n)
		}
		assert.LessOrEqual(t, maxAbsDiff(S, want)/l2(x), 1e-13, "complex n=%d", n)

		xr := randReal(n, 32)
		sr := make([]float64, n)
		for j := range xr {
			sr[(j+d)%n] = xr[j]
		}
		rp := must(NewRealPlan(n))
		XR, SR := rp.Forward(nil, xr), rp.Forward(nil, sr)
		wantR := make([]complex128, len(XR))
		for k := range wantR {
			wantR[k] = XR[k] * expi(k*d%n, n)
		}
		assert.LessOrEqual(t, maxAbsDiff(SR, wantR)/l2(widen(xr)), 1e-13, "real n=%d", n)
	}
}

// TestRealMatchesComplex checks that the real plan returns the first
// n/2+1 bins of the complex transform of the widened input.
func TestRealMatchesComplex(t *testing.T) {
	for n := 1; n <= 300; n++ {
		x := randReal(n, uint64(n))
		want := must(NewPlan(n)).Forward(nil, widen(x))
		got := must(NewRealPlan(n)).Forward(nil, x)
		require.LessOrEqual(t, maxAbsDiff(got, want[:n/2+1])/l2(widen(x)), 1e-14, "n=%d", n)
	}
}

// energy returns Σ|x|².
func energy(x []complex128) float64 {
	var e float64
	for _, v := range x {
		e += real(v)*real(v) + imag(v)*imag(v)
	}
	return e
}

// FuzzRoundTrip checks, for fuzzed lengths and inputs, that complex and
// real plans agree and invert each other.
func FuzzRoundTrip(f *testing.F) {
	for _, n := range []uint16{1, 2, 3, 8, 30, 37, 64, 97, 128, 360, 1009} {
		f.Add(n, uint64(n))
	}
	f.Fuzz(func(t *testing.T, n16 uint16, seed uint64) {
		n := int(n16%2048) + 1
		x := randReal(n, seed)
		X := must(NewPlan(n)).Forward(nil, widen(x))
		rp := must(NewRealPlan(n))
		XR := rp.Forward(nil, x)
		scale := l2(widen(x))
		require.LessOrEqual(t, maxAbsDiff(XR, X[:n/2+1]), 1e-13*scale, "n=%d: real and complex plans disagree", n)
		back := rp.Inverse(nil, XR)
		for i := range x {
			require.InDelta(t, x[i], back[i], 1e-12, "n=%d sample %d", n, i)
		}
		c := randComplex(n, seed)
		p := must(NewPlan(n))
		require.LessOrEqual(t, maxAbsDiff(p.Inverse(nil, p.Forward(nil, c)), c), 1e-12, "n=%d complex round trip", n)
	})
}
