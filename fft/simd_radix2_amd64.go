//go:build goexperiment.simd

package fft

// pass2V is pass2 for an even stride s, two columns q at a time.
func pass2V(y, x, tw []complex128, s, m int) {
	sm := s * m
	_, _ = x[2*sm-1], y[2*sm-1]
	xb, yb := addr(x), addr(y)
	if m == 1 { // no twiddles
		for q := 0; q < s; q += 2 {
			a, b := ld(xb, q), ld(xb, q+s)
			st(yb, q, a.Add(b))
			st(yb, q+s, a.Sub(b))
		}
		return
	}
	tw = tw[:m]
	for p, v := range tw {
		w := bcast(v)
		xp, yp := s*p, 2*s*p
		for q := 0; q < s; q += 2 {
			a, b := ld(xb, xp+q), ld(xb, xp+q+sm)
			st(yb, yp+q, a.Add(b))
			st(yb, yp+q+s, w.mul(a.Sub(b)))
		}
	}
}
