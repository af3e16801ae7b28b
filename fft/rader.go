package fft

// rader computes DFTs of a prime length p by Rader's algorithm: with g a
// primitive root mod p, the outputs j = g^u, u < p-1, are
//
//	X[g^u] = x[0] + Σ_v x[g^-v]·ω^(g^(u-v)),  ω = exp(-2πi/p),
//
// a cyclic convolution of length p-1 of the permuted input with the
// sequence c[w] = ω^(g^w), done with fast transforms of length m (see
// raderLength): m = p-1, or, when p-1 transforms slowly, a zero-padded
// 2,3,5-smooth m ≥ 2p-3 (see padConv).
// X[0] = x[0] + Σ_v x[g^-v] is the first bin of the first transform.
type rader struct {
	p, m int
	conv *padConv // with c wrapped to length m (c itself when m = p-1)
	in   []int32  // in[v] = g^-v mod p, v < p-1: the input gathered into slot v
	out  []int32  // out[u] = g^u mod p: the output read from slot u
}

// newRader precomputes the permutations and the transformed kernel for a
// convolution of length m: p-1, or at least 2p-3.
func newRader(p, m int) *rader {
	l := p - 1
	rd := &rader{p: p, m: m, in: make([]int32, l), out: make([]int32, l)}
	g := primitiveRoot(p)
	gInv := powMod(g, p-2, p)
	for v, a, b := 0, 1, 1; v < l; v++ {
		rd.out[v], rd.in[v] = int32(a), int32(b)
		a, b = mulMod(a, g, p), mulMod(b, gInv, p)
	}
	// kern[d mod m] = c[d mod l] for |d| < l; when m = l that is c itself.
	kern := make([]complex128, m)
	f := 1 / float64(m)
	for d := -(l - 1); d < l; d++ {
		w := ((d % l) + l) % l
		kern[((d%m)+m)%m] = scaleC(expi(int(rd.out[w]), p), f)
	}
	rd.conv = newPadConv(kern)
	return rd
}

// raderBlockBytes bounds the scratch columns one block of a Rader pass
// fills (see rader.block): about half the 1 MB L2 cache of the machine the
// pass was tuned on, so that a block's columns stay in cache between the
// gather, the two inner transforms and the scatter.
const raderBlockBytes = 512 << 10

// block returns how many of the s transforms of a pass with stride s are
// gathered, convolved and scattered together: at most raderBlockBytes of
// columns, in blocks of equal size but for the last.
func (rd *rader) block(s int) int {
	b := min(s, max(1, raderBlockBytes/(16*rd.m)))
	blocks := (s + b - 1) / b
	return (s + blocks - 1) / blocks
}

// workLen is the scratch length of a pass with stride s: block(s) columns
// of m and one convolution's scratch.
func (rd *rader) workLen(s int) int { return rd.block(s)*rd.m + rd.conv.workLen() }

// pass is the Stockham pass of radix p (see stage) by Rader's algorithm;
// work has length workLen(g.s). The s transforms of a block p read the
// inputs x[q+s·(p+k·m)] and write the outputs y[q+s·(r·p+j)], q < s, so
// for each k and j the s values are contiguous: the pass gathers and
// scatters runs of up to block(s) of them, through that many columns of
// scratch, instead of striding across x and y once per transform, and
// without a scratch column per transform when s is large.
func (rd *rader) pass(y, x []complex128, g *stage, work []complex128) {
	r, s, m := g.r, g.s, g.m
	sm, l, cm := s*m, r-1, rd.m
	b := rd.block(s)
	cols, iw := work[:b*cm], work[b*cm:rd.workLen(s)]
	perm, out := rd.in[:l], rd.out[:l]
	for p := 0; p < m; p++ {
		var w []complex128
		if m > 1 {
			w = g.tw[p*l : (p+1)*l]
		}
		xp, yp := x[s*p:], y[s*r*p:]
		for q0 := 0; q0 < s; q0 += b {
			nb := min(b, s-q0)
			x0 := xp[q0 : q0+nb]
			gather(cols, xp[q0:], perm, nb, sm, cm)
			for q := range x0 {
				yp[q0+q] = x0[q] + rd.conv.run(cols[q*cm:(q+1)*cm], l, iw)
			}
			scatter(yp[q0:], cols, x0, out, w, s, cm)
		}
	}
}

// gather writes x[k·sm+q] into cols[q·cm+v] for k = perm[v] and q < nb.
func gather(cols, x []complex128, perm []int32, nb, sm, cm int) {
	if nb == 1 {
		cols = cols[:len(perm)]
		for v, k := range perm {
			cols[v] = x[int(k)*sm]
		}
		return
	}
	for v, k := range perm {
		run := x[int(k)*sm:]
		run = run[:nb]
		for q, z := range run {
			cols[q*cm+v] = z
		}
	}
}

// scatter writes (x0[q] + conj cols[q·cm+u])·w[j-1] into y[j·s+q] for
// j = out[u] and q < len(x0); w is nil for unit twiddles.
func scatter(y, cols, x0 []complex128, out []int32, w []complex128, s, cm int) {
	if len(x0) == 1 && w == nil {
		v := x0[0]
		cols = cols[:len(out)]
		for u, j := range out {
			z := cols[u]
			y[int(j)*s] = v + complex(real(z), -imag(z))
		}
		return
	}
	for u, j := range out {
		run := y[int(j)*s:]
		run = run[:len(x0)]
		if w == nil {
			for q, v := range x0 {
				z := cols[q*cm+u]
				run[q] = v + complex(real(z), -imag(z))
			}
			continue
		}
		t := w[j-1]
		for q, v := range x0 {
			z := cols[q*cm+u]
			run[q] = (v + complex(real(z), -imag(z))) * t
		}
	}
}

// primitiveRoot returns the least generator of the multiplicative group
// mod the prime p.
func primitiveRoot(p int) int {
	var factors []int
	for f, n := 2, p-1; n > 1; f++ {
		if f*f > n {
			factors = append(factors, n)
			break
		}
		if n%f == 0 {
			factors = append(factors, f)
			for n%f == 0 {
				n /= f
			}
		}
	}
	for g := 2; ; g++ {
		ok := true
		for _, f := range factors {
			if powMod(g, (p-1)/f, p) == 1 {
				ok = false
				break
			}
		}
		if ok {
			return g
		}
	}
}

// powMod returns b^e mod p for 0 ≤ b < p < 2³¹.
func powMod(b, e, p int) int {
	r := 1
	for ; e > 0; e >>= 1 {
		if e&1 == 1 {
			r = mulMod(r, b, p)
		}
		b = mulMod(b, b, p)
	}
	return r
}

// mulMod returns a·b mod p for 0 ≤ a, b < p < 2³¹, in 64 bits so that it
// cannot overflow on 32-bit targets.
func mulMod(a, b, p int) int { return int(uint64(a) * uint64(b) % uint64(p)) }
