//go:build goexperiment.simd

package fft

import (
	"simd/archsimd"
	"unsafe"
)

// simdUntangleTwiddles returns the twiddles htw of untangle laid out for
// simdUntangle (see laneTwiddles), or nil when the SIMD path is off or
// cannot run it (an odd number of pairs).
func simdUntangleTwiddles(htw []complex128) []float64 {
	h := len(htw) - 1 // pairs
	if !useSIMD || h%2 != 0 || h == 0 {
		return nil
	}
	// Vector i holds pairs k = 2i+1 and k+1.
	return laneTwiddles(h/2, func(i int) complex128 { return htw[2*i+1] }, func(i int) complex128 { return htw[2*i+2] })
}

// simdUntangle runs untangle with vectors, two pairs k, m-k at a time,
// when the SIMD path is on and laid out twiddles vhtw (from
// simdUntangleTwiddles) exist, and reports whether it did.
func simdUntangle(X []complex128, vhtw []float64) bool {
	m := len(X) - 1
	h := m / 2
	if !useSIMD || vhtw == nil {
		return false
	}
	z0 := X[0]
	X[0] = complex(real(z0)+imag(z0), 0)
	X[m] = complex(real(z0)-imag(z0), 0)
	// Lane pairs k and m-k, k = 1..h, are read before they are written;
	// when m is even the last vector holds X[h] in both, and the hi store
	// comes last, as in untangle.
	_, _ = X[m], vhtw[h/2*twf-1]
	xb, wb := addr(X), faddr(vhtw)
	half := archsimd.BroadcastFloat64x4(0.5)
	sgn := archsimd.LoadFloat64x4(&signs)
	lo, hi := unsafe.Add(xb, cb), unsafe.Add(xb, cb*(m-2))
	for k := 1; ; {
		a := ld(lo, 0)
		b := ld(hi, 0)
		b = b.Select128FromPair(1, 0, b) // lanes X[m-k], X[m-k-1]
		u, v := a.Add(b), a.Sub(b)
		// E = ((ar+br)/2, (ai-bi)/2), 2O = (ai+bi, br-ar)
		e := u.SelectFromPairGrouped(0, 3, v).Mul(half)
		o := u.SelectFromPairGrouped(1, 2, v).Mul(sgn)
		t := ldTw(wb, 0).mul(o)
		zl, zh := e.Add(t), e.Sub(t).Mul(sgn) // zh = conj(E - w·O)
		st(lo, 0, zl)
		st(hi, 0, zh.Select128FromPair(1, 0, zh))
		if k += 2; k >= h {
			break // advance no pointer past the end of its slice
		}
		lo, hi, wb = unsafe.Add(lo, 2*cb), unsafe.Add(hi, -2*cb), unsafe.Add(wb, twb)
	}
	archsimd.ClearAVXUpperBits()
	return true
}
