package fft

// sin60 is sin(π/3) = √3/2.
const sin60 = 0.866025403784438646763723170752936183

// bfly3 is the 3-point forward DFT.
func bfly3(a0, a1, a2 complex128) (y0, y1, y2 complex128) {
	t := a1 + a2
	c := a0 - scaleC(t, 0.5)
	d := scaleC(mulNegI(a1-a2), sin60)
	return a0 + t, c + d, c - d
}

// pass3 is a radix-3 Stockham pass; see stage.
func pass3(y, x, tw []complex128, s, m int) {
	switch {
	case m == 1:
		pass3NoTw(y, x, s, s)
	case s == 1:
		x0, x1, x2 := x[:m], x[m:2*m], x[2*m:3*m]
		x1, x2 = x1[:len(x0)], x2[:len(x0)]
		for p := range x0 {
			w := tw[2*p : 2*p+2 : 2*p+2]
			o := y[3*p : 3*p+3 : 3*p+3]
			b0, b1, b2 := bfly3(x0[p], x1[p], x2[p])
			o[0], o[1], o[2] = b0, b1*w[0], b2*w[1]
		}
	default:
		// p = 0 has unit twiddles.
		pass3NoTw(y, x, s, s*m)
		for p := 1; p < m; p++ {
			w1, w2 := tw[2*p], tw[2*p+1]
			xp, yp := x[s*p:], y[3*s*p:]
			x0, x1, x2 := xp[:s], xp[s*m:s*m+s], xp[2*s*m:2*s*m+s]
			y0, y1, y2 := yp[:s], yp[s:2*s], yp[2*s:3*s]
			x1, x2 = x1[:len(x0)], x2[:len(x0)]
			y0, y1, y2 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)]
			// bfly3 spelt out, one statement per store: the parallel
			// assignment of its results keeps them live until the last
			// product is formed (8-10 % slower).
			for q := range x0 {
				a0, a1, a2 := x0[q], x1[q], x2[q]
				t := a1 + a2
				y0[q] = a0 + t
				c := a0 - scaleC(t, 0.5)
				d := scaleC(mulNegI(a1-a2), sin60)
				y1[q] = (c + d) * w1
				y2[q] = (c - d) * w2
			}
		}
	}
}

// pass3NoTw runs the s butterflies of a radix-3 pass whose twiddles are all
// 1 (the block p = 0): inputs x[q+k·sx], outputs y[q+j·s] for q < s.
func pass3NoTw(y, x []complex128, s, sx int) {
	x0, x1, x2 := x[:s], x[sx:sx+s], x[2*sx:2*sx+s]
	y0, y1, y2 := y[:s], y[s:2*s], y[2*s:3*s]
	x1, x2 = x1[:len(x0)], x2[:len(x0)]
	y0, y1, y2 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)]
	for q := range x0 {
		y0[q], y1[q], y2[q] = bfly3(x0[q], x1[q], x2[q])
	}
}
