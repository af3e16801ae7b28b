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
	rx, ry := cb*sm, cb*s // byte strides of the rows read and written
	rx3, ry3 := 3*rx, 3*ry
	for p := 1; p < m; p++ {
		w1, w2, w3 := bcast(tw[3*p]), bcast(tw[3*p+1]), bcast(tw[3*p+2])
		xq, yq := unsafe.Add(xb, cb*s*p), unsafe.Add(yb, 4*cb*s*p)
		for q := 0; ; {
			b0, b1, b2, b3 := bfly4V(ld(xq, 0), ld(xq, rx), ld(xq, 2*rx), ld(xq, rx3), sgn)
			st(yq, 0, b0)
			st(yq, ry, w1.mul(b1))
			st(yq, 2*ry, w2.mul(b2))
			st(yq, ry3, w3.mul(b3))
			if q += 2; q >= s {
				break // advance no pointer past the end of its slice
			}
			xq, yq = unsafe.Add(xq, 2*cb), unsafe.Add(yq, 2*cb)
		}
	}
}

// pass4NoTwV is pass4NoTw for an even s, on the arrays at yb and xb.
func pass4NoTwV(yb, xb unsafe.Pointer, s, sx int, sgn vec) {
	rx, ry := cb*sx, cb*s
	rx3, ry3 := 3*rx, 3*ry
	for q := 0; ; {
		b0, b1, b2, b3 := bfly4V(ld(xb, 0), ld(xb, rx), ld(xb, 2*rx), ld(xb, rx3), sgn)
		st(yb, 0, b0)
		st(yb, ry, b1)
		st(yb, 2*ry, b2)
		st(yb, ry3, b3)
		if q += 2; q >= s {
			break // advance no pointer past the end of its slice
		}
		xb, yb = unsafe.Add(xb, 2*cb), unsafe.Add(yb, 2*cb)
	}
}
