package fft

// Radix-7 constants: cos and sin of 2π/7, 4π/7 and 6π/7.
const (
	cos7a = 0.623489801858733530525004884004239810 // cos(2π/7)
	cos7b = -0.222520933956314404288902564496794759
	cos7c = -0.900968867902419126236102319507445051
	sin7a = 0.781831482468029808708444526674057750 // sin(2π/7)
	sin7b = 0.974927912181823607018131682993931217
	sin7c = 0.433883739117558120475768332848358754
)

// The 7-point forward DFT pairs inputs k and 7-k, t_k = a_k + a_{7-k} and
// u_k = a_k - a_{7-k} (k = 1..3), so that outputs j and 7-j share the
// cosine part b_j and differ in the sign of the sine part d_j:
//
//	y0 = a0 + t1 + t2 + t3
//	y_j, y_{7-j} = b_j ± d_j,  b_j = a0 + Σ_k cos(2πjk/7)·t_k,
//	                           d_j = -i·Σ_k sin(2πjk/7)·u_k
//
// 18 real multiplications per butterfly where a plain DFT needs 72; the
// generic odd pass (passOdd) computes the same sums from tables, with its
// loop and index overhead. As in pass5, the butterfly is written out in
// each loop because the compiler inlines only small functions.

// cos7 returns output 0 and the cosine parts b_1, b_2, b_3 of a 7-point DFT.
func cos7(a0, t1, t2, t3 complex128) (y0, b1, b2, b3 complex128) {
	y0 = a0 + t1 + t2 + t3
	b1 = a0 + scaleC(t1, cos7a) + scaleC(t2, cos7b) + scaleC(t3, cos7c)
	b2 = a0 + scaleC(t1, cos7b) + scaleC(t2, cos7c) + scaleC(t3, cos7a)
	b3 = a0 + scaleC(t1, cos7c) + scaleC(t2, cos7a) + scaleC(t3, cos7b)
	return y0, b1, b2, b3
}

// sin7 returns the sine parts d_1, d_2, d_3 of a 7-point DFT.
func sin7(u1, u2, u3 complex128) (d1, d2, d3 complex128) {
	d1 = mulNegI(scaleC(u1, sin7a) + scaleC(u2, sin7b) + scaleC(u3, sin7c))
	d2 = mulNegI(scaleC(u1, sin7b) - scaleC(u2, sin7c) - scaleC(u3, sin7a))
	d3 = mulNegI(scaleC(u1, sin7c) - scaleC(u2, sin7a) + scaleC(u3, sin7b))
	return d1, d2, d3
}

// pass7 is a radix-7 Stockham pass; see stage.
func pass7(y, x, tw []complex128, s, m int) {
	// p = 0 has unit twiddles.
	pass7NoTw(y, x, s, s*m)
	for p := 1; p < m; p++ {
		w := tw[6*p : 6*p+6 : 6*p+6]
		xp, yp := x[s*p:], y[7*s*p:]
		sm := s * m
		x0, x1, x2, x3 := xp[:s], xp[sm:sm+s], xp[2*sm:2*sm+s], xp[3*sm:3*sm+s]
		x4, x5, x6 := xp[4*sm:4*sm+s], xp[5*sm:5*sm+s], xp[6*sm:6*sm+s]
		x1, x2, x3, x4, x5, x6 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)], x5[:len(x0)], x6[:len(x0)]
		y0, y1, y2, y3 := yp[:s], yp[s:2*s], yp[2*s:3*s], yp[3*s:4*s]
		y4, y5, y6 := yp[4*s:5*s], yp[5*s:6*s], yp[6*s:7*s]
		y0, y1, y2, y3, y4, y5, y6 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)], y4[:len(x0)], y5[:len(x0)], y6[:len(x0)]
		for q := range x0 {
			v0, b1, b2, b3 := cos7(x0[q], x1[q]+x6[q], x2[q]+x5[q], x3[q]+x4[q])
			y0[q] = v0
			d1, d2, d3 := sin7(x1[q]-x6[q], x2[q]-x5[q], x3[q]-x4[q])
			y1[q] = (b1 + d1) * w[0]
			y6[q] = (b1 - d1) * w[5]
			y2[q] = (b2 + d2) * w[1]
			y5[q] = (b2 - d2) * w[4]
			y3[q] = (b3 + d3) * w[2]
			y4[q] = (b3 - d3) * w[3]
		}
	}
}

// pass7NoTw runs the s butterflies of a radix-7 pass whose twiddles are all
// 1 (the block p = 0): inputs x[q+k·sx], outputs y[q+j·s] for q < s.
func pass7NoTw(y, x []complex128, s, sx int) {
	x0, x1, x2, x3 := x[:s], x[sx:sx+s], x[2*sx:2*sx+s], x[3*sx:3*sx+s]
	x4, x5, x6 := x[4*sx:4*sx+s], x[5*sx:5*sx+s], x[6*sx:6*sx+s]
	x1, x2, x3, x4, x5, x6 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)], x5[:len(x0)], x6[:len(x0)]
	y0, y1, y2, y3 := y[:s], y[s:2*s], y[2*s:3*s], y[3*s:4*s]
	y4, y5, y6 := y[4*s:5*s], y[5*s:6*s], y[6*s:7*s]
	y0, y1, y2, y3, y4, y5, y6 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)], y4[:len(x0)], y5[:len(x0)], y6[:len(x0)]
	for q := range x0 {
		v0, b1, b2, b3 := cos7(x0[q], x1[q]+x6[q], x2[q]+x5[q], x3[q]+x4[q])
		y0[q] = v0
		d1, d2, d3 := sin7(x1[q]-x6[q], x2[q]-x5[q], x3[q]-x4[q])
		y1[q], y6[q] = b1+d1, b1-d1
		y2[q], y5[q] = b2+d2, b2-d2
		y3[q], y4[q] = b3+d3, b3-d3
	}
}
