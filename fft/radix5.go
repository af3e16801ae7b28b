package fft

// Radix-5 constants: sin of 2π/5 and 4π/5, and √5/4 (see cos5).
const (
	sin72        = 0.951056516295153572116439333379382143
	sin144       = 0.587785252292473129168705954639072769
	sqrt5Quarter = 0.559016994374947424102293417182819059
)

// The 5-point forward DFT is written out in the loops of pass5 as
//
//	t1, t2 := a1+a4, a2+a3
//	y0, b1, b2 := cos5(a0, t1, t2)
//	d1, d2 := sin5(a1-a4, a2-a3)
//	y1, y2, y3, y4 = b1+d1, b2+d2, b2-d2, b1-d1
//
// because the compiler inlines only small functions: outputs j and 5-j
// share the cosine part and differ in the sign of the sine part. y0 is
// stored before the sine parts are formed, so that their inputs are
// reloaded rather than kept live (and spilled) across the cosine part.

// cos5 returns output 0, a0 + t1 + t2, and the cosine parts
// a0 + cos(2πj/5)·t1 + cos(4πj/5)·t2 of 5-point DFT outputs j = 1, 2,
// formed as a0 - (t1+t2)/4 ± (√5/4)·(t1-t2) (cos(2π/5) = (√5-1)/4,
// cos(4π/5) = (-√5-1)/4): two real multiplications per part instead of
// four.
func cos5(a0, t1, t2 complex128) (y0, b1, b2 complex128) {
	s := t1 + t2
	b := a0 - scaleC(s, 0.25)
	k := scaleC(t1-t2, sqrt5Quarter)
	return a0 + s, b + k, b - k
}

// sin5 returns the sine parts -i·(sin(2πj/5)·u1 + sin(4πj/5)·u2) of
// 5-point DFT outputs 1 and 2.
func sin5(u1, u2 complex128) (d1, d2 complex128) {
	return mulNegI(scaleC(u1, sin72) + scaleC(u2, sin144)), mulNegI(scaleC(u1, sin144) - scaleC(u2, sin72))
}

// pass5 is a radix-5 Stockham pass; see stage.
func pass5(y, x, tw []complex128, s, m int) {
	switch {
	case m == 1:
		pass5NoTw(y, x, s, s)
	case s == 1:
		x0, x1, x2, x3, x4 := x[:m], x[m:2*m], x[2*m:3*m], x[3*m:4*m], x[4*m:5*m]
		x1, x2, x3, x4 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)]
		for p := range x0 {
			w := tw[4*p : 4*p+4 : 4*p+4]
			o := y[5*p : 5*p+5 : 5*p+5]
			a0, t1, t2 := x0[p], x1[p]+x4[p], x2[p]+x3[p]
			y0, b1, b2 := cos5(a0, t1, t2)
			o[0] = y0
			d1, d2 := sin5(x1[p]-x4[p], x2[p]-x3[p])
			o[1] = (b1 + d1) * w[0]
			o[4] = (b1 - d1) * w[3]
			o[2] = (b2 + d2) * w[1]
			o[3] = (b2 - d2) * w[2]
		}
	default:
		// p = 0 has unit twiddles.
		pass5NoTw(y, x, s, s*m)
		for p := 1; p < m; p++ {
			// The twiddles are read from memory in the loop: held in
			// registers they leave too few for the butterfly, which spills.
			w := tw[4*p : 4*p+4 : 4*p+4]
			xp, yp := x[s*p:], y[5*s*p:]
			x0, x1, x2, x3, x4 := xp[:s], xp[s*m:s*m+s], xp[2*s*m:2*s*m+s], xp[3*s*m:3*s*m+s], xp[4*s*m:4*s*m+s]
			x1, x2, x3, x4 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)]
			y0, y1, y2, y3, y4 := yp[:s], yp[s:2*s], yp[2*s:3*s], yp[3*s:4*s], yp[4*s:5*s]
			y0, y1, y2, y3, y4 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)], y4[:len(x0)]
			for q := range x0 {
				a0, t1, t2 := x0[q], x1[q]+x4[q], x2[q]+x3[q]
				v0, b1, b2 := cos5(a0, t1, t2)
				y0[q] = v0
				d1, d2 := sin5(x1[q]-x4[q], x2[q]-x3[q])
				// One statement per store, so that each product is
				// stored as soon as it is formed.
				y1[q] = (b1 + d1) * w[0]
				y4[q] = (b1 - d1) * w[3]
				y2[q] = (b2 + d2) * w[1]
				y3[q] = (b2 - d2) * w[2]
			}
		}
	}
}

// pass5NoTw runs the s butterflies of a radix-5 pass whose twiddles are all
// 1 (the block p = 0): inputs x[q+k·sx], outputs y[q+j·s] for q < s.
func pass5NoTw(y, x []complex128, s, sx int) {
	x0, x1, x2, x3, x4 := x[:s], x[sx:sx+s], x[2*sx:2*sx+s], x[3*sx:3*sx+s], x[4*sx:4*sx+s]
	x1, x2, x3, x4 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)]
	y0, y1, y2, y3, y4 := y[:s], y[s:2*s], y[2*s:3*s], y[3*s:4*s], y[4*s:5*s]
	y0, y1, y2, y3, y4 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)], y4[:len(x0)]
	for q := range x0 {
		a0, t1, t2 := x0[q], x1[q]+x4[q], x2[q]+x3[q]
		v0, b1, b2 := cos5(a0, t1, t2)
		y0[q] = v0
		d1, d2 := sin5(x1[q]-x4[q], x2[q]-x3[q])
		y1[q], y2[q], y3[q], y4[q] = b1+d1, b2+d2, b2-d2, b1-d1
	}
}
