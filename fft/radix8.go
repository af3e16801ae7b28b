package fft

// sqrtHalf is √½ = cos(π/4).
const sqrtHalf = 0.707106781186547524400844362104849039

// The 8-point forward DFT is written out in the loops below as a 4-point
// DFT of the sums a[k]+a[k+4], giving the even outputs, and a 4-point DFT
// of the differences (a[k]-a[k+4])·exp(-iπk/4), giving the odd ones:
//
//	y0, y2, y4, y6 = bfly4(a0+a4, a1+a5, a2+a6, a3+a7)
//	t0, t1 := pmNegI(a0-a4, a2-a6)
//	t2, d := pmNegI(rot8(a1-a5), rot8(a3-a7))
//	y1, y3, y5, y7 = join4(t0, t1, t2, d)
//
// The compiler inlines only small functions, so no bfly8 function holds
// it. The even outputs are stored before the odd ones are formed from
// reloaded inputs: reloading from L1 is cheaper than spilling sixteen live
// values.

// rot8 returns z·exp(-iπ/4).
func rot8(z complex128) complex128 {
	return complex((real(z)+imag(z))*sqrtHalf, (imag(z)-real(z))*sqrtHalf)
}

// even8 stores the even outputs join4(t0, t1, t2, d) of a twiddled
// 8-point DFT (t0 = e0+e2, t1 = e0-e2, t2 = e1+e3, d = e1-e3 with
// e_k = a_k + a_(k+4)), times 1, w[1], w[3], w[5], into o[0], o[2], o[4],
// o[6], one statement per store: a parallel assignment would keep all four
// products live until the last is formed, and spill.
func even8(o, w []complex128, t0, t1, t2, d complex128) {
	o[0] = t0 + t2
	o[4] = (t0 - t2) * w[3]
	c2, c6 := pmNegI(t1, d)
	o[2] = c2 * w[1]
	o[6] = c6 * w[5]
}

// odd8 stores the odd outputs join4(t0, t1, t2, d) of a twiddled 8-point
// DFT, times w[0], w[2], w[4], w[6], into o[1], o[3], o[5], o[7], one
// statement per store like even8.
func odd8(o, w []complex128, t0, t1, t2, d complex128) {
	o[1] = (t0 + t2) * w[0]
	o[5] = (t0 - t2) * w[4]
	c3, c7 := pmNegI(t1, d)
	o[3] = c3 * w[2]
	o[7] = c7 * w[6]
}

// pass8 is a radix-8 Stockham pass; see stage.
func pass8(y, x, tw []complex128, s, m int) {
	switch {
	case m == 1:
		pass8NoTw(y, x, s, s)
	case s == 1:
		x0, x1, x2, x3 := x[:m], x[m:2*m], x[2*m:3*m], x[3*m:4*m]
		x4, x5, x6, x7 := x[4*m:5*m], x[5*m:6*m], x[6*m:7*m], x[7*m:8*m]
		x1, x2, x3, x4, x5, x6, x7 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)], x5[:len(x0)], x6[:len(x0)], x7[:len(x0)]
		for p := range x0 {
			w := tw[7*p : 7*p+7 : 7*p+7]
			o := y[8*p : 8*p+8 : 8*p+8]
			e0, e1, e2, e3 := x0[p]+x4[p], x1[p]+x5[p], x2[p]+x6[p], x3[p]+x7[p]
			even8(o, w, e0+e2, e0-e2, e1+e3, e1-e3)
			t0, t1 := pmNegI(x0[p]-x4[p], x2[p]-x6[p])
			t2, d := pmNegI(rot8(x1[p]-x5[p]), rot8(x3[p]-x7[p]))
			odd8(o, w, t0, t1, t2, d)
		}
	default:
		// p = 0 has unit twiddles.
		pass8NoTw(y, x, s, s*m)
		for p := 1; p < m; p++ {
			w := tw[7*p : 7*p+7 : 7*p+7]
			xp, yp := x[s*p:], y[8*s*p:]
			sm := s * m
			x0, x1, x2, x3 := xp[:s], xp[sm:sm+s], xp[2*sm:2*sm+s], xp[3*sm:3*sm+s]
			x4, x5, x6, x7 := xp[4*sm:4*sm+s], xp[5*sm:5*sm+s], xp[6*sm:6*sm+s], xp[7*sm:7*sm+s]
			x1, x2, x3, x4, x5, x6, x7 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)], x5[:len(x0)], x6[:len(x0)], x7[:len(x0)]
			y0, y1, y2, y3 := yp[:s], yp[s:2*s], yp[2*s:3*s], yp[3*s:4*s]
			y4, y5, y6, y7 := yp[4*s:5*s], yp[5*s:6*s], yp[6*s:7*s], yp[7*s:8*s]
			y0, y1, y2, y3, y4, y5, y6, y7 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)], y4[:len(x0)], y5[:len(x0)], y6[:len(x0)], y7[:len(x0)]
			for q := range x0 {
				b0, b2, b4, b6 := bfly4(x0[q]+x4[q], x1[q]+x5[q], x2[q]+x6[q], x3[q]+x7[q])
				y0[q], y2[q], y4[q], y6[q] = b0, b2*w[1], b4*w[3], b6*w[5]
				t0, t1 := pmNegI(x0[q]-x4[q], x2[q]-x6[q])
				t2, d := pmNegI(rot8(x1[q]-x5[q]), rot8(x3[q]-x7[q]))
				b1, b3, b5, b7 := join4(t0, t1, t2, d)
				y1[q], y3[q], y5[q], y7[q] = b1*w[0], b3*w[2], b5*w[4], b7*w[6]
			}
		}
	}
}

// pass8NoTw runs the s butterflies of a radix-8 pass whose twiddles are all
// 1 (the block p = 0): inputs x[q+k·sx], outputs y[q+j·s] for q < s.
func pass8NoTw(y, x []complex128, s, sx int) {
	x0, x1, x2, x3 := x[:s], x[sx:sx+s], x[2*sx:2*sx+s], x[3*sx:3*sx+s]
	x4, x5, x6, x7 := x[4*sx:4*sx+s], x[5*sx:5*sx+s], x[6*sx:6*sx+s], x[7*sx:7*sx+s]
	x1, x2, x3, x4, x5, x6, x7 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)], x5[:len(x0)], x6[:len(x0)], x7[:len(x0)]
	y0, y1, y2, y3 := y[:s], y[s:2*s], y[2*s:3*s], y[3*s:4*s]
	y4, y5, y6, y7 := y[4*s:5*s], y[5*s:6*s], y[6*s:7*s], y[7*s:8*s]
	y0, y1, y2, y3, y4, y5, y6, y7 = y0[:len(x0)], y1[:len(x0)], y2[:len(x0)], y3[:len(x0)], y4[:len(x0)], y5[:len(x0)], y6[:len(x0)], y7[:len(x0)]
	for q := range x0 {
		y0[q], y2[q], y4[q], y6[q] = bfly4(x0[q]+x4[q], x1[q]+x5[q], x2[q]+x6[q], x3[q]+x7[q])
		t0, t1 := pmNegI(x0[q]-x4[q], x2[q]-x6[q])
		t2, d := pmNegI(rot8(x1[q]-x5[q]), rot8(x3[q]-x7[q]))
		y1[q], y3[q], y5[q], y7[q] = join4(t0, t1, t2, d)
	}
}

// pass8Real is the first (stride 1) radix-8 pass of a transform of
// z[j] = x[2j] + i·x[2j+1], reading the real pairs straight from x; it is
// the s == 1 case of pass8 with the packing of z folded in, which saves the
// real transforms a pass over memory. It needs m > 1.
func pass8Real(y []complex128, x []float64, tw []complex128, m int) {
	x0, x1, x2, x3 := x[:2*m], x[2*m:4*m], x[4*m:6*m], x[6*m:8*m]
	x4, x5, x6, x7 := x[8*m:10*m], x[10*m:12*m], x[12*m:14*m], x[14*m:16*m]
	x1, x2, x3, x4, x5, x6, x7 = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], x4[:len(x0)], x5[:len(x0)], x6[:len(x0)], x7[:len(x0)]
	for p := 0; 2*p+1 < len(x0); p++ {
		i, j := 2*p, 2*p+1
		w := tw[7*p : 7*p+7 : 7*p+7]
		o := y[8*p : 8*p+8 : 8*p+8]
		e0, e1 := complex(x0[i]+x4[i], x0[j]+x4[j]), complex(x1[i]+x5[i], x1[j]+x5[j])
		e2, e3 := complex(x2[i]+x6[i], x2[j]+x6[j]), complex(x3[i]+x7[i], x3[j]+x7[j])
		even8(o, w, e0+e2, e0-e2, e1+e3, e1-e3)
		t0, t1 := pmNegI(complex(x0[i]-x4[i], x0[j]-x4[j]), complex(x2[i]-x6[i], x2[j]-x6[j]))
		t2, d := pmNegI(rot8(complex(x1[i]-x5[i], x1[j]-x5[j])), rot8(complex(x3[i]-x7[i], x3[j]-x7[j])))
		odd8(o, w, t0, t1, t2, d)
	}
}
