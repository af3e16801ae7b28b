package features

import "math"

// The kurtogram's analysis filters are real low-pass taps c modulated by
// v^(q·(k+off)), v = exp(2πi/p), with p even and q odd (h: p = 8, q = 1;
// g: q = 3, off = 1, its taps those of h shifted by one; h1, h2, h3:
// p = 12, q = 1, 3, 5). As v^(q·p/2) = −1 for odd q, with P = p/2
//
//	y[i] = Σ_k c[k]·v^(q(k+off))·x[i−k] = Σ_{r<P} v^(q·r)·D_r[i],
//	D_r[i] = Σ_{(k+off) mod P = r} (−1)^⌊(k+off)/P⌋·c[k]·x[i−k]:
//
// the phase sums D_r cost two real multiplications per tap (one for a
// real x), need no demodulated copy of x, and serve every filter of the
// same taps (the three ternary filters share them); each filter then adds
// a few complex multiplications by constants per output. The phase sums
// are computed over a window w of the input whose last sample is x[i], so
// w[t] = x[i−(K−t)] for K = len(c)−1; the window's length is chosen so
// that K+off is a multiple of P, which makes the phase of w[t] (−t) mod P.

// windowTaps returns the signed taps of c for the phase sums, in window
// order: w[t] is weighted by (−1)^⌊(K−t+off)/P⌋·c[K−t]. It panics unless
// K+off is a multiple of P (a programming error).
func windowTaps(c []float64, P, off int) []float64 {
	K := len(c) - 1
	if (K+off)%P != 0 {
		panic("features: kurtogram filter window not aligned to its phases")
	}
	cw := make([]float64, len(c))
	for t := range cw {
		k := K - t
		cw[t] = c[k]
		if (k+off)/P%2 == 1 {
			cw[t] = -cw[t]
		}
	}
	return cw
}

// Rotations by 1/8 and 1/12 of a turn: w8 = exp(iπ/4), v12 = exp(iπ/6),
// v12sq = v12².
var (
	w8    = complex(math.Sqrt2/2, math.Sqrt2/2)
	v12   = complex(math.Sqrt(3)/2, 0.5)
	v12sq = complex(0.5, math.Sqrt(3)/2)
)

// mulI returns i·z exactly.
func mulI(z complex128) complex128 { return complex(-imag(z), real(z)) }

// combineBinary returns y = Σ_r w8^(q·r)·D_r of the binary low-pass h
// (g false, q = 1) or high-pass g (g true, q = 3) from the phase sums
// s_e of the window positions e mod 4 (D_r = s_((−r) mod 4)):
// h: (D0 + iD2) + w8·(D1 + iD3); g: (D0 − iD2) + w8·(iD1 + D3).
func combineBinary(g bool, s0, s1, s2, s3 complex128) complex128 {
	d0, d1, d2, d3 := s0, s3, s2, s1
	if g {
		return d0 - mulI(d2) + w8*(mulI(d1)+d3)
	}
	return d0 + mulI(d2) + w8*(d1+mulI(d3))
}

// combineTernary writes y_q = Σ_r v12^(q·r)·D_r, q = 1, 3, 5, of the
// ternary filters h1, h2, h3 into t0[j], t1[j], t2[j], from the phase
// sums s_e of the window positions e mod 6 (D_r = s_((−r) mod 6)).
func combineTernary(t0, t1, t2 []complex128, j int, s0, s1, s2, s3, s4, s5 complex128) {
	d0, d1, d2, d3, d4, d5 := s0, s5, s4, s3, s2, s1
	e0 := d0 + mulI(d3)
	t0[j] = e0 + v12*(d1+mulI(d4)) + v12sq*(d2+mulI(d5))
	t1[j] = (d0 - d2 + d4) + mulI(d1-d3+d5)
	t2[j] = e0 + v12*(d5-mulI(d2)) + v12sq*(mulI(d1)-d4)
}

// mac2 returns the sums (r0, i0) and (r1, i1) plus c[0]·s[0] and
// c[1]·s[1], the step of the phase sums of a complex window.
func mac2(c []float64, s []complex128, r0, i0, r1, i1 float64) (float64, float64, float64, float64) {
	c, s = c[:2], s[:2]
	return r0 + c[0]*real(s[0]), i0 + c[0]*imag(s[0]), r1 + c[1]*real(s[1]), i1 + c[1]*imag(s[1])
}

// bankTaps holds the window-order signed taps of the kurtogram's filters.
type bankTaps struct {
	h, g, t []float64 // binary h (17), g (16), ternary h1, h2, h3 (25)
}

// newBankTaps returns the taps of h = fir1(16, 0.4) (off 0), g (those
// taps shifted by one, off 1) and the ternary fir1(24, 0.8/3).
func newBankTaps() bankTaps {
	b := fir1(16, binaryCutoff)
	return bankTaps{
		h: windowTaps(b, 4, 0),
		g: windowTaps(b[1:], 4, 1),
		t: windowTaps(fir1(24, ternaryCutoff), 6, 0),
	}
}

// binaryPad is the number of zeros before x in the scratch of a split:
// the longest filter's length − 1.
const binaryPad = 24

// padded returns u holding binaryPad zeros and then x.
func padded[E float64 | complex128](u, x []E) []E {
	u = u[:len(x)+binaryPad]
	clear(u[:binaryPad])
	copy(u[binaryPad:], x)
	return u
}

// window returns u[i : i+n].
func window[E float64 | complex128](u []E, i, n int) []E { return u[i:][:n] }

// splitBinary writes into a[j] and d[j], j < len(x)/2, the outputs of h
// and g at i = 2j+1 (MATLAB's filter(h, 1, x) and filter(g, 1, x) at
// 2:2:end), x zero before its start. u is scratch of len(x)+binaryPad
// values.
func splitBinary(a, d, x, u []complex128, bt *bankTaps) {
	u = padded(u, x)
	// The window of output j ends at x[i], u[i+binaryPad].
	binaryFilter(a, u[binaryPad-16:], bt.h, false)
	binaryFilter(d[:len(a)], u[binaryPad-15:], bt.g, true)
}

// splitBinaryReal is splitBinary of a real x.
func splitBinaryReal(a, d []complex128, x, u []float64, bt *bankTaps) {
	u = padded(u, x)
	binaryFilterReal(a, u[binaryPad-16:], bt.h, false)
	binaryFilterReal(d[:len(a)], u[binaryPad-15:], bt.g, true)
}

// binaryFilter writes into y[j] the output of h or g (see combineBinary)
// whose window is u[2j+1:][:len(cw)].
func binaryFilter(y, u []complex128, cw []float64, g bool) {
	for j := range y {
		w := u[2*j+1:]
		w = w[:len(cw)]
		var r0, i0, r1, i1, r2, i2, r3, i3 float64
		t := 0
		for ; t+4 <= len(cw); t += 4 {
			c, s := cw[t:t+4:t+4], w[t:t+4:t+4]
			r0, i0, r1, i1 = mac2(c[0:2], s[0:2], r0, i0, r1, i1)
			r2, i2, r3, i3 = mac2(c[2:4], s[2:4], r2, i2, r3, i3)
		}
		if t < len(cw) { // h's 17th tap, at a position ≡ 0 mod 4
			r0 += cw[t] * real(w[t])
			i0 += cw[t] * imag(w[t])
		}
		y[j] = combineBinary(g, complex(r0, i0), complex(r1, i1), complex(r2, i2), complex(r3, i3))
	}
}

// binaryFilterReal is binaryFilter of a real window.
func binaryFilterReal(y []complex128, u, cw []float64, g bool) {
	for j := range y {
		w := u[2*j+1:]
		w = w[:len(cw)]
		var r0, r1, r2, r3 float64
		t := 0
		for ; t+4 <= len(cw); t += 4 {
			c, s := cw[t:t+4:t+4], w[t:t+4:t+4]
			r0 += c[0] * s[0]
			r1 += c[1] * s[1]
			r2 += c[2] * s[2]
			r3 += c[3] * s[3]
		}
		if t < len(cw) {
			r0 += cw[t] * w[t]
		}
		y[j] = combineBinary(g, complex(r0, 0), complex(r1, 0), complex(r2, 0), complex(r3, 0))
	}
}

// splitTernary writes into t0[j], t1[j], t2[j], j < len(x)/3, the outputs
// of h1, h2, h3 at i = 3j+2, x zero before its start. u is scratch of
// len(x)+binaryPad values.
func splitTernary(t0, t1, t2, x, u []complex128, bt *bankTaps) {
	u, cw := padded(u, x), bt.t[:25]
	t1, t2 = t1[:len(t0)], t2[:len(t0)]
	for j := range t0 {
		// The window ends at x[3j+2], u[3j+2+binaryPad].
		w := window(u, 3*j+2, len(cw))
		var r0, i0, r1, i1, r2, i2, r3, i3, r4, i4, r5, i5 float64
		for t := 0; t+6 <= len(cw); t += 6 {
			c, s := cw[t:t+6:t+6], w[t:t+6:t+6]
			r0, i0, r1, i1 = mac2(c[0:2], s[0:2], r0, i0, r1, i1)
			r2, i2, r3, i3 = mac2(c[2:4], s[2:4], r2, i2, r3, i3)
			r4, i4, r5, i5 = mac2(c[4:6], s[4:6], r4, i4, r5, i5)
		}
		r0 += cw[24] * real(w[24]) // the 25th tap, at a position ≡ 0 mod 6
		i0 += cw[24] * imag(w[24])
		combineTernary(t0, t1, t2, j, complex(r0, i0), complex(r1, i1), complex(r2, i2), complex(r3, i3), complex(r4, i4), complex(r5, i5))
	}
}

// splitTernaryReal is splitTernary of a real x.
func splitTernaryReal(t0, t1, t2 []complex128, x, u []float64, bt *bankTaps) {
	u, cw := padded(u, x), bt.t[:25]
	t1, t2 = t1[:len(t0)], t2[:len(t0)]
	for j := range t0 {
		w := window(u, 3*j+2, len(cw))
		var r0, r1, r2, r3, r4, r5 float64
		for t := 0; t+6 <= len(cw); t += 6 {
			c, s := cw[t:t+6:t+6], w[t:t+6:t+6]
			r0 += c[0] * s[0]
			r1 += c[1] * s[1]
			r2 += c[2] * s[2]
			r3 += c[3] * s[3]
			r4 += c[4] * s[4]
			r5 += c[5] * s[5]
		}
		r0 += cw[24] * w[24]
		combineTernary(t0, t1, t2, j, complex(r0, 0), complex(r1, 0), complex(r2, 0), complex(r3, 0), complex(r4, 0), complex(r5, 0))
	}
}
