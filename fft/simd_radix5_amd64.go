//go:build goexperiment.simd

package fft

import (
	"simd/archsimd"
	"unsafe"
)

// consts5 holds the constants of bfly5V: -1/4, √5/4 and sin72·signs,
// -sin72·signs, sin144·signs.
type consts5 struct{ negQuarter, sqrt5, sin72, negSin72, sin144 vec }

// newConsts5 returns the constants of bfly5V.
func newConsts5() consts5 {
	sgn := archsimd.LoadFloat64x4(&signs)
	b := archsimd.BroadcastFloat64x4
	return consts5{b(-0.25), b(sqrt5Quarter), sgn.Mul(b(sin72)), sgn.Mul(b(-sin72)), sgn.Mul(b(sin144))}
}

// bfly5V is the 5-point DFT of pass5 (cos5 and sin5) on two lanes.
func bfly5V(a0, a1, a2, a3, a4 vec, k consts5) (y0, y1, y2, y3, y4 vec) {
	t1, t2 := a1.Add(a4), a2.Add(a3)
	s := t1.Add(t2)
	b := s.MulAdd(k.negQuarter, a0)
	c := t1.Sub(t2).Mul(k.sqrt5)
	b1, b2 := b.Add(c), b.Sub(c)
	u1, u2 := swap(a1.Sub(a4)), swap(a2.Sub(a3))
	d1 := u2.MulAdd(k.sin144, u1.Mul(k.sin72))
	d2 := u1.MulAdd(k.sin144, u2.Mul(k.negSin72))
	return a0.Add(s), b1.Add(d1), b2.Add(d2), b2.Sub(d2), b1.Sub(d1)
}

// pass5V is pass5 for an even stride s, two columns q at a time.
func pass5V(y, x, tw []complex128, s, m int) {
	sm := s * m
	_, _ = x[5*sm-1], y[5*sm-1]
	_ = tw[4*(m-1):]
	xb, yb := addr(x), addr(y)
	k := newConsts5()
	// p = 0 has unit twiddles; when m == 1 it is the whole pass.
	pass5NoTwV(yb, xb, s, sm, k)
	for p := 1; p < m; p++ {
		w := tw[4*p : 4*p+4 : 4*p+4]
		xp, yp := s*p, 5*s*p
		for q := 0; q < s; q += 2 {
			i, o := xp+q, yp+q
			b0, b1, b2, b3, b4 := bfly5V(ld(xb, i), ld(xb, i+sm), ld(xb, i+2*sm), ld(xb, i+3*sm), ld(xb, i+4*sm), k)
			st(yb, o, b0)
			st(yb, o+s, bcast(w[0]).mul(b1))
			st(yb, o+2*s, bcast(w[1]).mul(b2))
			st(yb, o+3*s, bcast(w[2]).mul(b3))
			st(yb, o+4*s, bcast(w[3]).mul(b4))
		}
	}
}

// pass5NoTwV is pass5NoTw for an even s, on the arrays at yb and xb.
func pass5NoTwV(yb, xb unsafe.Pointer, s, sx int, k consts5) {
	for q := 0; q < s; q += 2 {
		b0, b1, b2, b3, b4 := bfly5V(ld(xb, q), ld(xb, q+sx), ld(xb, q+2*sx), ld(xb, q+3*sx), ld(xb, q+4*sx), k)
		st(yb, q, b0)
		st(yb, q+s, b1)
		st(yb, q+2*s, b2)
		st(yb, q+3*s, b3)
		st(yb, q+4*s, b4)
	}
}
