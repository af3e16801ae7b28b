//go:build goexperiment.simd

package fft

import (
	"simd/archsimd"
	"unsafe"
)

// consts3 holds the constants of bfly3V: -1/2 and sin60·signs.
type consts3 struct{ negHalf, sin vec }

// newConsts3 returns the constants of bfly3V.
func newConsts3() consts3 {
	return consts3{archsimd.BroadcastFloat64x4(-0.5), archsimd.LoadFloat64x4(&signs).Mul(archsimd.BroadcastFloat64x4(sin60))}
}

// bfly3V is bfly3 on two lanes.
func bfly3V(a0, a1, a2 vec, k consts3) (y0, y1, y2 vec) {
	t := a1.Add(a2)
	c := t.MulAdd(k.negHalf, a0)
	d := swap(a1.Sub(a2)).Mul(k.sin)
	return a0.Add(t), c.Add(d), c.Sub(d)
}

// pass3V is pass3 for an even stride s, two columns q at a time.
func pass3V(y, x, tw []complex128, s, m int) {
	sm := s * m
	_, _ = x[3*sm-1], y[3*sm-1]
	_ = tw[2*(m-1):]
	xb, yb := addr(x), addr(y)
	k := newConsts3()
	// p = 0 has unit twiddles; when m == 1 it is the whole pass.
	pass3NoTwV(yb, xb, s, sm, k)
	rx, ry := cb*sm, cb*s // byte strides of the rows read and written
	for p := 1; p < m; p++ {
		w1, w2 := bcast(tw[2*p]), bcast(tw[2*p+1])
		xq, yq := unsafe.Add(xb, cb*s*p), unsafe.Add(yb, 3*cb*s*p)
		for q := 0; ; {
			b0, b1, b2 := bfly3V(ld(xq, 0), ld(xq, rx), ld(xq, 2*rx), k)
			st(yq, 0, b0)
			st(yq, ry, w1.mul(b1))
			st(yq, 2*ry, w2.mul(b2))
			if q += 2; q >= s {
				break // advance no pointer past the end of its slice
			}
			xq, yq = unsafe.Add(xq, 2*cb), unsafe.Add(yq, 2*cb)
		}
	}
}

// pass3NoTwV is pass3NoTw for an even s, on the arrays at yb and xb.
func pass3NoTwV(yb, xb unsafe.Pointer, s, sx int, k consts3) {
	rx, ry := cb*sx, cb*s
	for q := 0; ; {
		b0, b1, b2 := bfly3V(ld(xb, 0), ld(xb, rx), ld(xb, 2*rx), k)
		st(yb, 0, b0)
		st(yb, ry, b1)
		st(yb, 2*ry, b2)
		if q += 2; q >= s {
			break // advance no pointer past the end of its slice
		}
		xb, yb = unsafe.Add(xb, 2*cb), unsafe.Add(yb, 2*cb)
	}
}
