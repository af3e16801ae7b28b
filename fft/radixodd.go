package fft

// passOdd is a Stockham pass for any odd radix r ≤ maxOddRadix; see stage.
// It pairs inputs k and r-k so that each output pair (j, r-j) costs one
// real multiply per input pair for the cosine part and one for the sine
// part, half the work of a plain r-point DFT.
func passOdd(y, x []complex128, g *stage) {
	r, s, m := g.r, g.s, g.m
	h := (r - 1) / 2
	cs, sn := g.cos[:r], g.sin[:r]
	var t, u [maxOddRadix / 2]complex128
	for p := 0; p < m; p++ {
		var w []complex128
		if m > 1 {
			w = g.tw[p*(r-1) : (p+1)*(r-1)]
		}
		for q := 0; q < s; q++ {
			in := q + s*p
			a0 := x[in]
			sum := a0
			for k := 1; k <= h; k++ {
				ak, bk := x[in+k*s*m], x[in+(r-k)*s*m]
				t[k-1], u[k-1] = ak+bk, ak-bk
				sum += t[k-1]
			}
			out := q + s*r*p
			y[out] = sum
			for j := 1; j <= h; j++ {
				re, im := a0, complex128(0)
				l := 0
				for k := 0; k < h; k++ {
					l += j
					if l >= r {
						l -= r
					}
					re += scaleC(t[k], cs[l])
					im += scaleC(u[k], sn[l])
				}
				// y_j = re - i·im, y_{r-j} = re + i·im
				d := mulNegI(im)
				yj, yr := re+d, re-d
				if w != nil {
					yj, yr = yj*w[j-1], yr*w[r-j-1]
				}
				y[out+j*s], y[out+(r-j)*s] = yj, yr
			}
		}
	}
}
