package fft

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanMatchesDFT(t *testing.T) {
	for _, n := range testLengths() {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			p := must(NewPlan(n))
			require.Equal(t, n, p.Len())
			x := randComplex(n, uint64(n))
			orig := append([]complex128(nil), x...)
			bins := someBins(n, n)
			scale, tol := l2(x), dftTol(n)

			got := p.Forward(nil, x)
			require.Equal(t, orig, x, "Forward modified its source")
			want := refDFT(x, bins, -1)
			for i, k := range bins {
				assert.InDelta(t, 0, cmplx.Abs(got[k]-want[i])/scale, tol, "forward bin %d", k)
			}

			inv := p.Inverse(nil, x)
			require.Equal(t, orig, x, "Inverse modified its source")
			want = refDFT(x, bins, 1)
			for i, k := range bins {
				assert.InDelta(t, 0, cmplx.Abs(inv[k]*complex(float64(n), 0)-want[i])/scale, tol, "inverse bin %d", k)
			}
		})
	}
}

func TestPlanInPlace(t *testing.T) {
	for _, n := range []int{1, 2, 3, 8, 16, 32, 12, 45, 97, 1000, 2048, 4096, 4097, 20480} {
		p := must(NewPlan(n))
		x := randComplex(n, 3)
		want := p.Forward(nil, x)
		y := append([]complex128(nil), x...)
		got := p.Forward(y, y)
		assert.Equal(t, want, got, "n=%d forward in place", n)
		wantInv := p.Inverse(nil, x)
		y = append(y[:0], x...)
		got = p.Inverse(y, y)
		assert.Equal(t, wantInv, got, "n=%d inverse in place", n)
	}
}

func TestPlanReusesDst(t *testing.T) {
	p := must(NewPlan(48))
	dst := make([]complex128, 48)
	got := p.Forward(dst, randComplex(48, 1))
	assert.Same(t, &dst[0], &got[0])
	got = p.Inverse(dst, randComplex(48, 2))
	assert.Same(t, &dst[0], &got[0])
}

func TestPlanPanics(t *testing.T) {
	p := must(NewPlan(8))
	assert.Panics(t, func() { p.Forward(nil, make([]complex128, 7)) })
	assert.Panics(t, func() { p.Forward(make([]complex128, 9), make([]complex128, 8)) })
	assert.Panics(t, func() { p.Inverse(nil, make([]complex128, 9)) })
	assert.Panics(t, func() { p.Inverse(make([]complex128, 7), make([]complex128, 8)) })
}

// TestPlanNonFinite checks that NaN and Inf propagate and never hang or
// crash, for a Stockham and a Bluestein length.
func TestPlanNonFinite(t *testing.T) {
	for _, n := range []int{64, 60, 1009} {
		p := must(NewPlan(n))
		x := randComplex(n, 5)
		x[3] = complex(math.NaN(), 0)
		y := p.Forward(nil, x)
		for k, v := range y {
			require.True(t, cmplx.IsNaN(v), "n=%d bin %d = %v, want NaN", n, k, v)
		}
		x[3] = complex(math.Inf(1), 0)
		y = p.Inverse(nil, x)
		assert.True(t, cmplx.IsInf(y[0]) || cmplx.IsNaN(y[0]), "n=%d: %v", n, y[0])
	}
}

func TestFactorize(t *testing.T) {
	for n := 1; n <= 5000; n++ {
		r := factorize(n)
		prod, large := 1, 0
		for _, f := range r {
			if f > maxOddRadix {
				require.Equal(t, 1, btoi(isPrime(f)), "n=%d: large radix %d is not prime", n, f)
				require.GreaterOrEqual(t, f, large, "n=%d: large radices %v out of order", n, r)
				large = f
			} else {
				require.Zero(t, large, "n=%d: radix %d after a large one (%v)", n, f, r)
			}
			prod *= f
		}
		require.Equal(t, n, prod, "radices %v", r)
	}
	assert.Equal(t, []int{37}, factorize(37))
	assert.Equal(t, []int{2, 3, 31}, factorize(2*3*31))
}

func TestBluesteinLength(t *testing.T) {
	smooth := func(m int) bool {
		for _, f := range []int{2, 3, 5} {
			for m%f == 0 {
				m /= f
			}
		}
		return m == 1
	}
	for n := 1; n <= 5000; n++ {
		m := bluesteinLength(n)
		require.GreaterOrEqual(t, m, 2*n-1, "n=%d", n)
		require.True(t, smooth(m), "n=%d: %d is not 5-smooth", n, m)
		p := 1
		for p < 2*n-1 {
			p *= 2
		}
		require.LessOrEqual(t, m, p, "n=%d: %d is longer than the power of two %d", n, m, p)
	}
	assert.Equal(t, 2048, bluesteinLength(1009))
	assert.Equal(t, 20480, bluesteinLength(10007))
}

func TestUnitRoots(t *testing.T) {
	for n := 1; n <= 200; n++ {
		w := unitRoots(n)
		require.Len(t, w, n)
		for k, v := range w {
			require.Equal(t, expi(k, n), v, "n=%d k=%d", n, k)
		}
	}
}

func TestExpi(t *testing.T) {
	for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 12, 360, 1000, 1 << 20} {
		for k := -n; k <= 2*n; k += 1 + n/97 {
			s, c := math.Sincos(-2 * math.Pi * float64(k) / float64(n))
			assert.InDelta(t, 0, cmplx.Abs(expi(k, n)-complex(c, s)), 1e-15*(1+math.Abs(float64(k)/float64(n))), "expi(%d,%d)", k, n)
		}
	}
	assert.Equal(t, complex(0, -1), expi(1, 4))
	assert.Equal(t, complex(-1, 0), expi(2, 4))
	assert.Equal(t, complex(0, 1), expi(3, 4))
}

func TestFactorizeForPacked(t *testing.T) {
	assert.Equal(t, []int{4, 4, 4, 4, 4, 4}, factorize(4096))
	assert.Equal(t, []int{8, 4, 4, 4, 8}, factorizeFor(4096, true))
	assert.Equal(t, []int{4, 4, 4, 4, 4, 4, 5}, factorize(20480))
	assert.Equal(t, []int{8, 4, 4, 8}, factorize(1024))
	assert.Equal(t, []int{8, 4, 4, 4, 4}, factorizeFor(2048, true))
	assert.Equal(t, []int{8, 2, 3, 5, 5, 5}, factorize(6000))
	half := must(NewRealPlan(8192)).half
	require.Len(t, half.stages, 5)
	assert.Equal(t, 8, half.stages[0].r, "the packed half plan starts with radix 8 (pass8Real)")
}
