package fft

// passOdd is a Stockham pass for any odd radix r ≤ maxOddRadix; see stage.
// It pairs inputs k and r-k, t_k = a_k + a_{r-k} and u_k = a_k - a_{r-k},
// so that the output pair j, r-j shares one sum:
//
//	y_j, y_{r-j} = a_0 + Σ_k cos(2πjk/r)·t_k ∓ i·Σ_k sin(2πjk/r)·u_k,
//
// half the multiplications of a plain r-point DFT.
func passOdd(y, x []complex128, g *stage) {
	r, s, m := g.r, g.s, g.m
	h := (r - 1) / 2
	sm := s * m
	var tb, ub [maxOddRadix / 2]complex128
	t, u := tb[:h], ub[:h]
	for p := 0; p < m; p++ {
		var w []complex128
		if m > 1 {
			w = g.tw[p*(r-1) : (p+1)*(r-1)]
		}
		for q := 0; q < s; q++ {
			in := q + s*p
			a0 := x[in]
			sum := a0
			for k := range t {
				ak, bk := x[in+(k+1)*sm], x[in+(r-1-k)*sm]
				t[k], u[k] = ak+bk, ak-bk
				sum += t[k]
			}
			out := q + s*r*p
			y[out] = sum
			for j := 1; j <= h; j++ {
				ct, st := g.cos[(j-1)*h:j*h], g.sin[(j-1)*h:j*h]
				ct, st = ct[:len(t)], st[:len(t)]
				re, im := a0, complex128(0)
				for k, tk := range t {
					re += scaleC(tk, ct[k])
					im += scaleC(u[k], st[k])
				}
				yj, yr := pmNegI(re, im) // re - i·im, re + i·im
				if w != nil {
					yj, yr = yj*w[j-1], yr*w[r-j-1]
				}
				y[out+j*s], y[out+(r-j)*s] = yj, yr
			}
		}
	}
}
