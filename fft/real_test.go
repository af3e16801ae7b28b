package fft

import (
	"fmt"
	"math"
	"math/cmplx"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRealPlanMatchesDFT(t *testing.T) {
	for _, n := range testLengths() {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			p := must(NewRealPlan(n))
			require.Equal(t, n, p.Len())
			require.Equal(t, n/2+1, p.Bins())
			x := randReal(n, uint64(n))
			orig := append([]float64(nil), x...)
			xc := widen(x)
			scale, tol := l2(xc), dftTol(n)
			bins := someBins(n, n/2+1)

			got := p.Forward(nil, x)
			require.Len(t, got, n/2+1)
			require.Equal(t, orig, x, "Forward modified its source")
			want := refDFT(xc, bins, -1)
			for i, k := range bins {
				assert.InDelta(t, 0, cmplx.Abs(got[k]-want[i])/scale, tol, "bin %d: got %v want %v", k, got[k], want[i])
			}

			// Inverse of a random Hermitian half-spectrum against the
			// direct inverse DFT of the full spectrum it stands for.
			spec := randComplex(n/2+1, uint64(n)+1)
			specOrig := append([]complex128(nil), spec...)
			full := make([]complex128, n)
			for k := range full {
				if k <= n/2 {
					full[k] = spec[k]
				} else {
					full[k] = cmplx.Conj(spec[n-k])
				}
			}
			// Bins whose imaginary part Inverse ignores.
			full[0] = complex(real(full[0]), 0)
			if n%2 == 0 {
				full[n/2] = complex(real(full[n/2]), 0)
			}
			inv := p.Inverse(nil, spec)
			require.Len(t, inv, n)
			require.Equal(t, specOrig, spec, "Inverse modified its source")
			jbins := someBins(n, n)
			want = refDFT(full, jbins, 1)
			fs := l2(full)
			for i, j := range jbins {
				assert.InDelta(t, 0, math.Abs(inv[j]*float64(n)-real(want[i]))/fs, tol, "sample %d", j)
			}
		})
	}
}

func TestRealPlanReusesDst(t *testing.T) {
	for _, n := range []int{9, 10} {
		p := must(NewRealPlan(n))
		dst := make([]complex128, p.Bins())
		got := p.Forward(dst, randReal(n, 1))
		assert.Same(t, &dst[0], &got[0])
		back := make([]float64, n)
		gotBack := p.Inverse(back, dst)
		assert.Same(t, &back[0], &gotBack[0])
	}
}

func TestRealPlanPanics(t *testing.T) {
	for _, n := range []int{8, 9} {
		p := must(NewRealPlan(n))
		b := p.Bins()
		assert.Panics(t, func() { p.Forward(nil, make([]float64, n-1)) })
		assert.Panics(t, func() { p.Forward(make([]complex128, b+1), make([]float64, n)) })
		assert.Panics(t, func() { p.Forward(make([]complex128, n), make([]float64, n)) })
		assert.Panics(t, func() { p.Inverse(nil, make([]complex128, b-1)) })
		assert.Panics(t, func() { p.Inverse(make([]float64, n+1), make([]complex128, b)) })
	}
}

func TestRealPlanNonFinite(t *testing.T) {
	for _, n := range []int{64, 60, 1009, 2018} {
		p := must(NewRealPlan(n))
		x := randReal(n, 9)
		x[5] = math.NaN()
		y := p.Forward(nil, x)
		for k, v := range y {
			require.True(t, cmplx.IsNaN(v), "n=%d bin %d = %v, want NaN", n, k, v)
		}
		y[2] = cmplx.Inf()
		back := p.Inverse(nil, y)
		require.Len(t, back, n)
		assert.True(t, math.IsNaN(back[0]) || math.IsInf(back[0], 0))
	}
}
