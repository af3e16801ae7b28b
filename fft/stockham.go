package fft

// A stage is one pass of the Stockham autosort transform (decimation in
// frequency). With sub-transform length l = r·m and stride s, it reads the
// r inputs x[q+s·(p+k·m)], k = 0..r-1, applies an r-point DFT, multiplies
// output j by exp(-2πi·j·p/l) and writes it to y[q+s·(r·p+j)], for every
// p < m and q < s. Passes alternate between two buffers and the result
// lands in natural order, so no bit reversal is needed.
type stage struct {
	r, s, m int
	// tw holds the twiddles of the pass, r-1 per p:
	// tw[p·(r-1)+j-1] = exp(-2πi·j·p/(r·m)). It is empty when m == 1.
	tw []complex128
	// cos and sin hold cos(2πjk/r) and sin(2πjk/r) at [(j-1)·h+k-1] for
	// j, k = 1..h, h = (r-1)/2, for the generic odd-radix pass (r > 7);
	// nil otherwise.
	cos, sin []float64
	// rader runs the pass for a prime r > maxOddRadix; nil otherwise.
	rader *rader
	// vtw holds tw laid out for the SIMD kernel of a first pass (s == 1)
	// of radix 4 or 8; nil without one (see simd_first_amd64.go).
	vtw []float64
}

// newStages builds the passes for the given radices of n.
func newStages(n int, radices []int) []stage {
	st := make([]stage, len(radices))
	// Every twiddle is exp(-2πi·k/n) with k = j·p·s < r·m·s ≤ n: compute
	// each of those once.
	var base []complex128
	if len(radices) > 1 {
		base = unitRoots(n)
	}
	s := 1
	for i, r := range radices {
		m := n / (s * r)
		g := stage{r: r, s: s, m: m}
		if m > 1 {
			g.tw = make([]complex128, m*(r-1))
			for p := 0; p < m; p++ {
				for j := 1; j < r; j++ {
					g.tw[p*(r-1)+j-1] = base[j*p*s]
				}
			}
		}
		if r > maxOddRadix {
			m, _ := raderLength(r)
			g.rader = newRader(r, m)
		} else if r%2 == 1 && r > 7 {
			g.cos, g.sin = oddTables(r)
		}
		if s == 1 {
			g.vtw = simdFirstTwiddles(r, m, g.tw)
		}
		st[i] = g
		s *= r
	}
	return st
}

// oddTables returns the cos and sin tables of stage for the generic pass of
// odd radix r.
func oddTables(r int) (cos, sin []float64) {
	h := (r - 1) / 2
	cos, sin = make([]float64, h*h), make([]float64, h*h)
	for j := 1; j <= h; j++ {
		for k := 1; k <= h; k++ {
			w := expi(j*k, r)
			cos[(j-1)*h+k-1], sin[(j-1)*h+k-1] = real(w), -imag(w)
		}
	}
	return cos, sin
}

// workLen is the scratch length apply needs.
func (g *stage) workLen() int {
	if g.rader != nil {
		return g.rader.workLen(g.s)
	}
	return 0
}

// apply runs the pass from x into y; both have length r·s·m. work has
// length workLen.
func (g *stage) apply(y, x, work []complex128) {
	if g.rader != nil {
		g.rader.pass(y, x, g, work)
		return
	}
	if simdPass(y, x, g) {
		return
	}
	switch g.r {
	case 2:
		pass2(y, x, g.tw, g.s, g.m)
	case 3:
		pass3(y, x, g.tw, g.s, g.m)
	case 4:
		pass4(y, x, g.tw, g.s, g.m)
	case 5:
		pass5(y, x, g.tw, g.s, g.m)
	case 7:
		pass7(y, x, g.tw, g.s, g.m)
	case 8:
		pass8(y, x, g.tw, g.s, g.m)
	default:
		passOdd(y, x, g)
	}
}

// mulNegI returns -i·z.
func mulNegI(z complex128) complex128 { return complex(imag(z), -real(z)) }

// scaleC returns z·f for real f without the cost of a complex product.
func scaleC(z complex128, f float64) complex128 { return complex(real(z)*f, imag(z)*f) }
