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
	for p := 1; p < m; p++ {
		w1, w2 := bcast(tw[2*p]), bcast(tw[2*p+1])
		xp, yp := s*p, 3*s*p
		for q := 0; q < s; q += 2 {
			i, o := xp+q, yp+q
			b0, b1, b2 := bfly3V(ld(xb, i), ld(xb, i+sm), ld(xb, i+2*sm), k)
			st(yb, o, b0)
			st(yb, o+s, w1.mul(b1))
			st(yb, o+2*s, w2.mul(b2))
		}
	}
}

// pass3NoTwV is pass3NoTw for an even s, on the arrays at yb and xb.
func pass3NoTwV(yb, xb unsafe.Pointer, s, sx int, k consts3) {
	for q := 0; q < s; q += 2 {
		b0, b1, b2 := bfly3V(ld(xb, q), ld(xb, q+sx), ld(xb, q+2*sx), k)
		st(yb, q, b0)
		st(yb, q+s, b1)
		st(yb, q+2*s, b2)
	}
}
