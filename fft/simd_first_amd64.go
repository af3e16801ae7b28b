//go:build goexperiment.simd

package fft

import (
	"simd/archsimd"
	"unsafe"
)

// The first pass of a transform (stride s = 1) has a single column q, so
// its kernels vectorise over the blocks p instead, two at a time: input k
// of blocks p and p+1, x[p+k·m] and x[p+1+k·m], are adjacent, and output
// j of block p goes to y[r·p+j]. The two lanes have different twiddles,
// laid out at plan time by simdFirstTwiddles. These kernels need an even
// m; pass8FirstV also serves the first pass of a packed real transform
// (pass8Real), whose real samples x[2j], x[2j+1] are laid out as the
// complex values z[j] are.

// simdFirstTwiddles returns the twiddles tw of a first pass of radix r
// and m blocks laid out for pass4FirstV or pass8FirstV (see
// laneTwiddles), or nil when the SIMD path is off or has no kernel for
// the pass (r not 4 or 8, m odd or 1).
func simdFirstTwiddles(r, m int, tw []complex128) []float64 {
	if !useSIMD || (r != 4 && r != 8) || m%2 != 0 {
		return nil
	}
	// Entry i = P·(r-1)+j holds the twiddles of output j+1 of blocks
	// p = 2P and p+1.
	k := r - 1
	return laneTwiddles(k*m/2, func(i int) complex128 { return tw[2*k*(i/k)+i%k] },
		func(i int) complex128 { return tw[2*k*(i/k)+k+i%k] })
}

// simdPass8Real runs pass8FirstV in place of pass8Real for the first pass
// g of a packed plan when the SIMD path is on and has its twiddles, and
// reports whether it did.
func simdPass8Real(y []complex128, x []float64, g *stage) bool {
	if !useSIMD || g.vtw == nil {
		return false
	}
	pass8FirstV(y, x, g.vtw, g.m)
	archsimd.ClearAVXUpperBits()
	return true
}

// floats views x as its interleaved real and imaginary parts.
func floats(x []complex128) []float64 {
	return unsafe.Slice((*float64)(addr(x)), 2*len(x))
}

// stLanes stores the lanes of v into the complex values b[j] and
// b[j+r].
func stLanes(b unsafe.Pointer, j, r int, v vec) {
	st1(b, cb*j, v.GetLo())
	st1(b, cb*(j+r), v.GetHi())
}

// pass4FirstV is the first pass (s = 1) of pass4 for an even m, with the
// twiddles vtw from simdFirstTwiddles.
func pass4FirstV(y []complex128, x, vtw []float64, m int) {
	_, _, _ = x[8*m-1], y[4*m-1], vtw[3*m/2*twf-1]
	xq, yq, wq := faddr(x), addr(y), faddr(vtw)
	sgn := archsimd.LoadFloat64x4(&signs)
	r := cb * m // byte stride of the rows read
	for p := 0; ; {
		b0, b1, b2, b3 := bfly4V(ld(xq, 0), ld(xq, r), ld(xq, 2*r), ld(xq, 3*r), sgn)
		stLanes(yq, 0, 4, b0)
		stLanes(yq, 1, 4, ldTw(wq, 0).mul(b1))
		stLanes(yq, 2, 4, ldTw(wq, twb).mul(b2))
		stLanes(yq, 3, 4, ldTw(wq, 2*twb).mul(b3))
		if p += 2; p >= m {
			break // advance no pointer past the end of its slice
		}
		xq, yq, wq = unsafe.Add(xq, 2*cb), unsafe.Add(yq, 8*cb), unsafe.Add(wq, 3*twb)
	}
}

// pass8FirstV is the first pass (s = 1) of pass8, and pass8Real, for an
// even m, with the twiddles vtw from simdFirstTwiddles. The even outputs
// are stored before the odd ones are formed, as in pass8V.
func pass8FirstV(y []complex128, x, vtw []float64, m int) {
	_, _, _ = x[16*m-1], y[8*m-1], vtw[7*m/2*twf-1]
	xq, yq, wq := faddr(x), addr(y), faddr(vtw)
	sgn := archsimd.LoadFloat64x4(&signs)
	r := cb * m // byte stride of the rows read
	r3 := 3 * r
	for p := 0; ; {
		b0, b2, b4, b6 := even8V(xq, r, r3, sgn)
		stLanes(yq, 0, 8, b0)
		stLanes(yq, 2, 8, ldTw(wq, twb).mul(b2))
		stLanes(yq, 4, 8, ldTw(wq, 3*twb).mul(b4))
		stLanes(yq, 6, 8, ldTw(wq, 5*twb).mul(b6))
		d0, d1, d2, d3 := diff8V(xq, r, r3)
		b1, b3, b5, b7 := odd8V(d0, d1, d2, d3)
		stLanes(yq, 1, 8, ldTw(wq, 0).mul(b1))
		stLanes(yq, 3, 8, ldTw(wq, 2*twb).mul(b3))
		stLanes(yq, 5, 8, ldTw(wq, 4*twb).mul(b5))
		stLanes(yq, 7, 8, ldTw(wq, 6*twb).mul(b7))
		if p += 2; p >= m {
			break // advance no pointer past the end of its slice
		}
		xq, yq, wq = unsafe.Add(xq, 2*cb), unsafe.Add(yq, 16*cb), unsafe.Add(wq, 7*twb)
	}
}
