//go:build goexperiment.simd

package fft

import (
	"simd/archsimd"
	"unsafe"
)

// bfly4V is bfly4 on two lanes; sgn = signs.
func bfly4V(a0, a1, a2, a3, sgn vec) (y0, y1, y2, y3 vec) {
	t0, t1 := a0.Add(a2), a0.Sub(a2)
	t2, u := a1.Add(a3), negI(a1.Sub(a3), sgn)
	return t0.Add(t2), t1.Add(u), t0.Sub(t2), t1.Sub(u)
}

// pass4V is pass4 for an even stride s, two columns q at a time.
func pass4V(y, x, tw []complex128, s, m int) {
	sm := s * m
	_, _ = x[4*sm-1], y[4*sm-1]
	_ = tw[3*(m-1):]
	xb, yb := addr(x), addr(y)
	sgn := archsimd.LoadFloat64x4(&signs)
	// p = 0 has unit twiddles; when m == 1 it is the whole pass.
	pass4NoTwV(yb, xb, s, sm, sgn)
	for p := 1; p < m; p++ {
		w1, w2, w3 := bcast(tw[3*p]), bcast(tw[3*p+1]), bcast(tw[3*p+2])
		xp, yp := s*p, 4*s*p
		for q := 0; q < s; q += 2 {
			i, o := xp+q, yp+q
			b0, b1, b2, b3 := bfly4V(ld(xb, i), ld(xb, i+sm), ld(xb, i+2*sm), ld(xb, i+3*sm), sgn)
			st(yb, o, b0)
			st(yb, o+s, w1.mul(b1))
			st(yb, o+2*s, w2.mul(b2))
			st(yb, o+3*s, w3.mul(b3))
		}
	}
}

// pass4NoTwV is pass4NoTw for an even s, on the arrays at yb and xb.
func pass4NoTwV(yb, xb unsafe.Pointer, s, sx int, sgn vec) {
	for q := 0; q < s; q += 2 {
		b0, b1, b2, b3 := bfly4V(ld(xb, q), ld(xb, q+sx), ld(xb, q+2*sx), ld(xb, q+3*sx), sgn)
		st(yb, q, b0)
		st(yb, q+s, b1)
		st(yb, q+2*s, b2)
		st(yb, q+3*s, b3)
	}
}
