//go:build goexperiment.simd

package fft

import "simd/archsimd"

// simdUntangle runs untangle with vectors, two pairs k, m-k at a time,
// when the CPU has the SIMD instructions and the number of pairs m/2 is
// even, and reports whether it did.
func simdUntangle(X, htw []complex128) bool {
	m := len(X) - 1
	h := m / 2
	if !useSIMD || h%2 != 0 {
		return false
	}
	z0 := X[0]
	X[0] = complex(real(z0)+imag(z0), 0)
	X[m] = complex(real(z0)-imag(z0), 0)
	if h == 0 {
		return true
	}
	// Lane pairs k and m-k, k = 1..h, are read before they are written;
	// when m is even the last vector holds X[h] in both, and the hi store
	// comes last, as in untangle.
	_, _ = X[m], htw[h]
	xb, wb := addr(X), addr(htw)
	half := archsimd.BroadcastFloat64x4(0.5)
	sgn := archsimd.LoadFloat64x4(&signs)
	for k := 1; k < h; k += 2 {
		a := ld(xb, cb*k)
		b := ld(xb, cb*(m-k-1))
		b = b.Select128FromPair(1, 0, b) // lanes X[m-k], X[m-k-1]
		u, v := a.Add(b), a.Sub(b)
		// E = ((ar+br)/2, (ai-bi)/2), 2O = (ai+bi, br-ar)
		e := u.SelectFromPairGrouped(0, 3, v).Mul(half)
		o := u.SelectFromPairGrouped(1, 2, v).Mul(sgn)
		t := mulLanes(o, ld(wb, cb*k))
		lo, hi := e.Add(t), e.Sub(t).Mul(sgn) // hi = conj(E - w·O)
		st(xb, cb*k, lo)
		st(xb, cb*(m-k-1), hi.Select128FromPair(1, 0, hi))
	}
	return true
}
