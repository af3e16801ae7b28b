//go:build goexperiment.simd

package fft

import (
	"simd/archsimd"
	"unsafe"
)

// consts8 holds the constants of the radix-8 kernels: signs, √½ and
// √½·signs.
type consts8 struct{ sgn, h, hs vec }

// newConsts8 returns the constants of the radix-8 kernels.
func newConsts8() consts8 {
	sgn := archsimd.LoadFloat64x4(&signs)
	h := archsimd.BroadcastFloat64x4(sqrtHalf)
	return consts8{sgn, h, sgn.Mul(h)}
}

// rot8V is rot8 on two lanes: z·√½ + swap(z)·√½·signs.
func rot8V(z vec, k consts8) vec { return swap(z).MulAdd(k.hs, z.Mul(k.h)) }

// odd8V returns the odd outputs y1, y3, y5, y7 of the 8-point DFT from
// the differences dk = a_k - a_(k+4), as in pass8.
func odd8V(d0, d1, d2, d3 vec, k consts8) (y1, y3, y5, y7 vec) {
	u := negI(d2, k.sgn)
	t0, t1 := d0.Add(u), d0.Sub(u)
	r1, r3 := rot8V(d1, k), rot8V(d3, k)
	v := negI(r3, k.sgn)
	t2, d := r1.Add(v), r1.Sub(v)
	e := negI(d, k.sgn)
	return t0.Add(t2), t1.Add(e), t0.Sub(t2), t1.Sub(e)
}

// pass8V is pass8 for an even stride s, two columns q at a time. Like
// pass8 it stores the even outputs before it forms the odd ones from
// reloaded inputs.
func pass8V(y, x, tw []complex128, s, m int) {
	sm := s * m
	_, _ = x[8*sm-1], y[8*sm-1]
	_ = tw[7*(m-1):]
	xb, yb := addr(x), addr(y)
	k := newConsts8()
	for p := 0; p < m; p++ {
		var w []complex128
		if m > 1 {
			w = tw[7*p : 7*p+7 : 7*p+7]
		}
		xp, yp := s*p, 8*s*p
		for q := 0; q < s; q += 2 {
			i, o := xp+q, yp+q
			b0, b2, b4, b6 := bfly4V(ld(xb, i).Add(ld(xb, i+4*sm)), ld(xb, i+sm).Add(ld(xb, i+5*sm)),
				ld(xb, i+2*sm).Add(ld(xb, i+6*sm)), ld(xb, i+3*sm).Add(ld(xb, i+7*sm)), k.sgn)
			b1, b3, b5, b7 := odd8V(ld(xb, i).Sub(ld(xb, i+4*sm)), ld(xb, i+sm).Sub(ld(xb, i+5*sm)),
				ld(xb, i+2*sm).Sub(ld(xb, i+6*sm)), ld(xb, i+3*sm).Sub(ld(xb, i+7*sm)), k)
			if p > 0 {
				b1, b2, b3 = bcast(w[0]).mul(b1), bcast(w[1]).mul(b2), bcast(w[2]).mul(b3)
				b4, b5, b6, b7 = bcast(w[3]).mul(b4), bcast(w[4]).mul(b5), bcast(w[5]).mul(b6), bcast(w[6]).mul(b7)
			}
			st(yb, o, b0)
			st(yb, o+s, b1)
			st(yb, o+2*s, b2)
			st(yb, o+3*s, b3)
			st(yb, o+4*s, b4)
			st(yb, o+5*s, b5)
			st(yb, o+6*s, b6)
			st(yb, o+7*s, b7)
		}
	}
}

// simdPass8Real runs pass8RealV in place of pass8Real when the CPU has
// the SIMD instructions and m is even, and reports whether it did.
func simdPass8Real(y []complex128, x []float64, tw []complex128, m int) bool {
	if !useSIMD || m%2 != 0 {
		return false
	}
	pass8RealV(y, x, tw, m)
	return true
}

// pass8RealV is pass8Real for an even m, two butterflies p, p+1 at a
// time: the packed values z[p+k·m], z[p+1+k·m] are adjacent in x, so a
// vector holds the same input of two butterflies, and output j of
// butterfly p goes to y[8p+j].
func pass8RealV(y []complex128, x []float64, tw []complex128, m int) {
	_, _, _ = x[16*m-1], y[8*m-1], tw[7*m-1]
	xb, yb, wb := unsafe.Pointer(unsafe.SliceData(x)), addr(y), addr(tw)
	k := newConsts8()
	for p := 0; p < m; p += 2 {
		b0, b2, b4, b6 := bfly4V(ld(xb, p).Add(ld(xb, p+4*m)), ld(xb, p+m).Add(ld(xb, p+5*m)),
			ld(xb, p+2*m).Add(ld(xb, p+6*m)), ld(xb, p+3*m).Add(ld(xb, p+7*m)), k.sgn)
		b1, b3, b5, b7 := odd8V(ld(xb, p).Sub(ld(xb, p+4*m)), ld(xb, p+m).Sub(ld(xb, p+5*m)),
			ld(xb, p+2*m).Sub(ld(xb, p+6*m)), ld(xb, p+3*m).Sub(ld(xb, p+7*m)), k)
		o := 8 * p
		st2(yb, o, b0)
		st2(yb, o+1, mulLanes(b1, twLanes(wb, 7*p+0)))
		st2(yb, o+2, mulLanes(b2, twLanes(wb, 7*p+1)))
		st2(yb, o+3, mulLanes(b3, twLanes(wb, 7*p+2)))
		st2(yb, o+4, mulLanes(b4, twLanes(wb, 7*p+3)))
		st2(yb, o+5, mulLanes(b5, twLanes(wb, 7*p+4)))
		st2(yb, o+6, mulLanes(b6, twLanes(wb, 7*p+5)))
		st2(yb, o+7, mulLanes(b7, twLanes(wb, 7*p+6)))
	}
}

// st2 stores the lanes of v into b[i] and b[i+8].
func st2(b unsafe.Pointer, i int, v vec) {
	st1(b, i, v.GetLo())
	st1(b, i+8, v.GetHi())
}

// twLanes returns the twiddles b[i] and b[i+7] of one output of two
// adjacent butterflies of pass8Real (b[i+1] is in range when b[i+7] is).
func twLanes(b unsafe.Pointer, i int) vec { return ld(b, i).SetHi(ld1(b, i+7)) }
