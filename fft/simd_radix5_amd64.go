//go:build goexperiment.simd

package fft

import (
	"simd/archsimd"
	"unsafe"
)

// The constants of bfly5V, read from memory where they are used (held in
// registers, they leave too few for the butterfly): -1/4, √5/4 and
// sin72·signs, -sin72·signs, sin144·signs.
var (
	negQuarter4 = [4]float64{-0.25, -0.25, -0.25, -0.25}
	sqrt5Q4     = [4]float64{sqrt5Quarter, sqrt5Quarter, sqrt5Quarter, sqrt5Quarter}
	sin72s      = [4]float64{sin72, -sin72, sin72, -sin72}
	negSin72s   = [4]float64{-sin72, sin72, -sin72, sin72}
	sin144s     = [4]float64{sin144, -sin144, sin144, -sin144}
)

// bfly5V is the 5-point DFT of pass5 (cos5 and sin5) on two lanes.
func bfly5V(a0, a1, a2, a3, a4 vec) (y0, y1, y2, y3, y4 vec) {
	t1, t2 := a1.Add(a4), a2.Add(a3)
	s := t1.Add(t2)
	b := s.MulAdd(archsimd.LoadFloat64x4(&negQuarter4), a0)
	c := t1.Sub(t2).Mul(archsimd.LoadFloat64x4(&sqrt5Q4))
	b1, b2 := b.Add(c), b.Sub(c)
	u1, u2 := swap(a1.Sub(a4)), swap(a2.Sub(a3))
	d1 := u2.MulAdd(archsimd.LoadFloat64x4(&sin144s), u1.Mul(archsimd.LoadFloat64x4(&sin72s)))
	d2 := u1.MulAdd(archsimd.LoadFloat64x4(&sin144s), u2.Mul(archsimd.LoadFloat64x4(&negSin72s)))
	return a0.Add(s), b1.Add(d1), b2.Add(d2), b2.Sub(d2), b1.Sub(d1)
}

// pass5V is pass5 for an even stride s, two columns q at a time.
func pass5V(y, x, tw []complex128, s, m int) {
	sm := s * m
	_, _ = x[5*sm-1], y[5*sm-1]
	_ = tw[4*(m-1):]
	xb, yb := addr(x), addr(y)
	// p = 0 has unit twiddles; when m == 1 it is the whole pass.
	pass5NoTwV(yb, xb, s, sm)
	rx, ry := cb*sm, cb*s // byte strides of the rows read and written
	rx3, ry3 := 3*rx, 3*ry
	for p := 1; p < m; p++ {
		w := tw[4*p : 4*p+4 : 4*p+4]
		xq, yq := unsafe.Add(xb, cb*s*p), unsafe.Add(yb, 5*cb*s*p)
		for q := 0; ; {
			b0, b1, b2, b3, b4 := bfly5V(ld(xq, 0), ld(xq, rx), ld(xq, 2*rx), ld(xq, rx3), ld(xq, 4*rx))
			st(yq, 0, b0)
			st(yq, ry, bcast(w[0]).mul(b1))
			st(yq, 2*ry, bcast(w[1]).mul(b2))
			st(yq, ry3, bcast(w[2]).mul(b3))
			st(yq, 4*ry, bcast(w[3]).mul(b4))
			if q += 2; q >= s {
				break // advance no pointer past the end of its slice
			}
			xq, yq = unsafe.Add(xq, 2*cb), unsafe.Add(yq, 2*cb)
		}
	}
}

// pass5NoTwV is pass5NoTw for an even s, on the arrays at yb and xb.
func pass5NoTwV(yb, xb unsafe.Pointer, s, sx int) {
	rx, ry := cb*sx, cb*s
	rx3, ry3 := 3*rx, 3*ry
	for q := 0; ; {
		b0, b1, b2, b3, b4 := bfly5V(ld(xb, 0), ld(xb, rx), ld(xb, 2*rx), ld(xb, rx3), ld(xb, 4*rx))
		st(yb, 0, b0)
		st(yb, ry, b1)
		st(yb, 2*ry, b2)
		st(yb, ry3, b3)
		st(yb, 4*ry, b4)
		if q += 2; q >= s {
			break // advance no pointer past the end of its slice
		}
		xb, yb = unsafe.Add(xb, 2*cb), unsafe.Add(yb, 2*cb)
	}
}
