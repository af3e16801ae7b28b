package fft

// pass2 is a radix-2 Stockham pass; see stage.
func pass2(y, x, tw []complex128, s, m int) {
	switch {
	case m == 1:
		x0, x1 := x[:s], x[s:2*s]
		y0, y1 := y[:s], y[s:2*s]
		x1, y0, y1 = x1[:len(x0)], y0[:len(x0)], y1[:len(x0)]
		for q := range x0 {
			a, b := x0[q], x1[q]
			y0[q], y1[q] = a+b, a-b
		}
	case s == 1:
		x0, x1 := x[:m], x[m:2*m]
		x1, tw = x1[:len(x0)], tw[:len(x0)]
		for p := range x0 {
			a, b := x0[p], x1[p]
			o := y[2*p : 2*p+2 : 2*p+2]
			o[0], o[1] = a+b, (a-b)*tw[p]
		}
	default:
		for p := 0; p < m; p++ {
			w := tw[p]
			xp, yp := x[s*p:], y[2*s*p:]
			x0, x1 := xp[:s], xp[s*m:s*m+s]
			y0, y1 := yp[:s], yp[s:2*s]
			x1, y0, y1 = x1[:len(x0)], y0[:len(x0)], y1[:len(x0)]
			for q := range x0 {
				a, b := x0[q], x1[q]
				y0[q], y1[q] = a+b, (a-b)*w
			}
		}
	}
}
