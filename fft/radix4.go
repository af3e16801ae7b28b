package fft

// bfly4 is the 4-point forward DFT.
func bfly4(a0, a1, a2, a3 complex128) (y0, y1, y2, y3 complex128) {
	return join4(a0+a2, a0-a2, a1+a3, a1-a3)
}

// join4 finishes a 4-point DFT from t0 = a0+a2, t1 = a0-a2, t2 = a1+a3 and
// d = a1-a3.
func join4(t0, t1, t2, d complex128) (y0, y1, y2, y3 complex128) {
	y1, y3 = pmNegI(t1, d)
	return t0 + t2, y1, t0 - t2, y3
}

// pmNegI returns c - i·e and c + i·e, spelt out in real arithmetic because
// the compiler does not fold a negated operand into a subtraction.
func pmNegI(c, e complex128) (complex128, complex128) {
	return complex(real(c)+imag(e), imag(c)-real(e)), complex(real(c)-imag(e), imag(c)+real(e))
}

// pass4 is a radix-4 Stockham pass; see stage.
func pass4(y, x, tw []complex128, s, m int) {
	switch {
	case m == 1: // last pass: no twiddles, four blocks of s
		pass4NoTw(y, x, s, s)
	case s == 1: // first pass: one butterfly per p
		x0, x1, x2, x3 := x[:m], x[m:2*m], x[2*m:3*m], x[3*m:4*m]
		x1, x2, x3 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)]
		for p := range x0 {
			w := tw[3*p : 3*p+3 : 3*p+3]
			o := y[4*p : 4*p+4 : 4*p+4]
			t0, t2 := x0[p]+x2[p], x1[p]+x3[p]
			o[0], o[2] = t0+t2, (t0-t2)*w[1]
			b1, b3 := pmNegI(x0[p]-x2[p], x1[p]-x3[p])
			o[1], o[3] = b1*w[0], b3*w[2]
		}
	default:
		// p = 0 has unit twiddles.
		pass4NoTw(y, x, s, s*m)
		for p := 1; p < m; p++ {
			w1, w2, w3 := tw[3*p], tw[3*p+1], tw[3*p+2]
			xp, yp := x[s*p:], y[4*s*p:]
			x0, x1, x2, x3 := xp[:s], xp[s*m:s*m+s], xp[2*s*m:2*s*m+s], xp[3*s*m:3*s*m+s]
			y0, y1, y2, y3 := yp[:s], yp[s:2*s], yp[2*s:3*s], yp[3*s:4*s]
			x1, x2, x3 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)]
			y0, y1, y2, y3 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)]
			for q := range x0 {
				t0, t2 := x0[q]+x2[q], x1[q]+x3[q]
				y0[q], y2[q] = t0+t2, (t0-t2)*w2
				b1, b3 := pmNegI(x0[q]-x2[q], x1[q]-x3[q])
				y1[q], y3[q] = b1*w1, b3*w3
			}
		}
	}
}

// pass4NoTw runs the s butterflies of a radix-4 pass whose twiddles are all
// 1 (the block p = 0): inputs x[q+k·sx], outputs y[q+j·s] for q < s.
func pass4NoTw(y, x []complex128, s, sx int) {
	x0, x1, x2, x3 := x[:s], x[sx:sx+s], x[2*sx:2*sx+s], x[3*sx:3*sx+s]
	y0, y1, y2, y3 := y[:s], y[s:2*s], y[2*s:3*s], y[3*s:4*s]
	x1, x2, x3 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)]
	y0, y1, y2, y3 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)]
	for q := range x0 {
		y0[q], y1[q], y2[q], y3[q] = bfly4(x0[q], x1[q], x2[q], x3[q])
	}
}
