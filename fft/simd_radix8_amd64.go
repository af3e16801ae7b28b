//go:build goexperiment.simd

package fft

import (
	"simd/archsimd"
	"unsafe"
)

// The constants of odd8V, read from memory where they are used (held in
// registers, they leave too few for the butterfly): √½ and √½·signs.
var (
	sqrtHalf4     = [4]float64{sqrtHalf, sqrtHalf, sqrtHalf, sqrtHalf}
	sqrtHalfSigns = [4]float64{sqrtHalf, -sqrtHalf, sqrtHalf, -sqrtHalf}
)

// rot8V is rot8 on two lanes: z·√½ + swap(z)·√½·signs.
func rot8V(z vec) vec {
	return swap(z).MulAdd(archsimd.LoadFloat64x4(&sqrtHalfSigns), z.Mul(archsimd.LoadFloat64x4(&sqrtHalf4)))
}

// odd8V returns the odd outputs y1, y3, y5, y7 of the 8-point DFT from
// the differences dk = a_k - a_(k+4), as in pass8.
func odd8V(d0, d1, d2, d3 vec) (y1, y3, y5, y7 vec) {
	u := negI(d2, archsimd.LoadFloat64x4(&signs))
	t0, t1 := d0.Add(u), d0.Sub(u)
	r1, r3 := rot8V(d1), rot8V(d3)
	v := negI(r3, archsimd.LoadFloat64x4(&signs))
	t2, d := r1.Add(v), r1.Sub(v)
	e := negI(d, archsimd.LoadFloat64x4(&signs))
	return t0.Add(t2), t1.Add(e), t0.Sub(t2), t1.Sub(e)
}

// even8V returns the even outputs y0, y2, y4, y6 of the 8-point DFT of
// the inputs at b, b+r, …, b+7r.
func even8V(b unsafe.Pointer, r, r3 int, sgn vec) (y0, y2, y4, y6 vec) {
	h := unsafe.Add(b, 4*r)
	return bfly4V(ld(b, 0).Add(ld(h, 0)), ld(b, r).Add(ld(h, r)), ld(b, 2*r).Add(ld(h, 2*r)), ld(b, r3).Add(ld(h, r3)), sgn)
}

// diff8V returns the differences a_k - a_(k+4), k < 4, of the inputs a_k
// at b+k·r of an 8-point DFT, from which odd8V forms its odd outputs.
func diff8V(b unsafe.Pointer, r, r3 int) (d0, d1, d2, d3 vec) {
	h := unsafe.Add(b, 4*r)
	return ld(b, 0).Sub(ld(h, 0)), ld(b, r).Sub(ld(h, r)), ld(b, 2*r).Sub(ld(h, 2*r)), ld(b, r3).Sub(ld(h, r3))
}

// pass8V is pass8 for an even stride s, two columns q at a time. Like
// pass8 it stores the even outputs before it forms the odd ones from
// reloaded inputs.
func pass8V(y, x, tw []complex128, s, m int) {
	sm := s * m
	_, _ = x[8*sm-1], y[8*sm-1]
	_ = tw[7*(m-1):]
	xb, yb := addr(x), addr(y)
	sgn := archsimd.LoadFloat64x4(&signs)
	rx, ry := cb*sm, cb*s // byte strides of the rows read and written
	rx3 := 3 * rx
	for p := 0; p < m; p++ {
		xq, yq := unsafe.Add(xb, cb*s*p), unsafe.Add(yb, 8*cb*s*p)
		if p == 0 { // unit twiddles; when m == 1 the whole pass
			for q := 0; ; {
				b0, b2, b4, b6 := even8V(xq, rx, rx3, sgn)
				st(yq, 0, b0)
				st(yq, 2*ry, b2)
				st(yq, 4*ry, b4)
				st(yq, 6*ry, b6)
				d0, d1, d2, d3 := diff8V(xq, rx, rx3)
				b1, b3, b5, b7 := odd8V(d0, d1, d2, d3)
				st(yq, ry, b1)
				st(yq, 3*ry, b3)
				st(yq, 5*ry, b5)
				st(yq, 7*ry, b7)
				if q += 2; q >= s {
					break // advance no pointer past the end of its slice
				}
				xq, yq = unsafe.Add(xq, 2*cb), unsafe.Add(yq, 2*cb)
			}
			continue
		}
		w := tw[7*p : 7*p+7 : 7*p+7]
		for q := 0; ; {
			b0, b2, b4, b6 := even8V(xq, rx, rx3, sgn)
			st(yq, 0, b0)
			st(yq, 2*ry, bcast(w[1]).mul(b2))
			st(yq, 4*ry, bcast(w[3]).mul(b4))
			st(yq, 6*ry, bcast(w[5]).mul(b6))
			d0, d1, d2, d3 := diff8V(xq, rx, rx3)
			b1, b3, b5, b7 := odd8V(d0, d1, d2, d3)
			st(yq, ry, bcast(w[0]).mul(b1))
			st(yq, 3*ry, bcast(w[2]).mul(b3))
			st(yq, 5*ry, bcast(w[4]).mul(b5))
			st(yq, 7*ry, bcast(w[6]).mul(b7))
			if q += 2; q >= s {
				break // advance no pointer past the end of its slice
			}
			xq, yq = unsafe.Add(xq, 2*cb), unsafe.Add(yq, 2*cb)
		}
	}
}
