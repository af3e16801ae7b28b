package fft

import "fmt"

// Plan is a complex discrete Fourier transform of one length n ≥ 1.
//
// Lengths whose prime factors are all at most 31 run as a mixed-radix
// Stockham autosort transform (radix 8, 4, 2, 3, 5, 7 and a generic odd
// radix) with precomputed twiddles. A larger prime factor p gets a Rader
// pass, a cyclic convolution of length p-1 (or a zero-padded 2,3,5-smooth
// length ≥ 2p-3) done with fast transforms, unless Bluestein's chirp-z
// algorithm on a 2,3,5-smooth length ≥ 2n-1 is estimated to be cheaper for
// the whole length; so every n costs O(n log n).
//
// A Plan is immutable and safe for concurrent use by many goroutines.
// Forward and Inverse take scratch space from a per-plan pool, so they do
// not allocate in steady state between garbage collections;
// ForwardWork and InverseWork use caller-owned scratch (see Work) and never
// allocate.
type Plan struct {
	n      int
	stages []stage    // mixed-radix passes, when blue is nil
	blue   *bluestein // Bluestein transform for lengths with a large prime factor
	work   int        // scratch length needed by exec
	pool   workPool   // Works for the plain methods
}

// NewPlan returns a complex transform plan for length n. It returns an
// error wrapping ErrLength unless 1 ≤ n ≤ MaxLength.
func NewPlan(n int) (*Plan, error) {
	if err := checkLength("transform length", n); err != nil {
		return nil, err
	}
	return newPlan(n), nil
}

// newPlan builds the plan for a valid length n.
func newPlan(n int) *Plan { return buildPlan(n, false) }

// buildPlan builds the plan for a valid length n; packed is set for the
// half-length plan of a real transform (see factorizeFor).
func buildPlan(n int, packed bool) *Plan {
	p := &Plan{n: n, work: n}
	if radices, blue, _ := choosePlan(n); !blue {
		if packed {
			radices = factorizeFor(n, true)
		}
		p.stages = newStages(n, radices)
		for i := range p.stages {
			p.work = max(p.work, n+p.stages[i].workLen())
		}
	} else {
		p.blue = newBluestein(n)
		p.work = p.blue.workLen()
	}
	p.pool.nc = p.work
	return p
}

// Len returns the transform length n.
func (p *Plan) Len() int { return p.n }

// Forward computes the unnormalised forward transform
// X[k] = Σ_j x[j]·exp(-2πi·jk/n) of src into dst and returns dst. A nil dst
// is allocated. dst may be src (in place) but must not otherwise overlap
// it. Forward panics unless len(src) and a non-nil dst have length n.
// Its scratch comes from the plan's pool; see Work.
func (p *Plan) Forward(dst, src []complex128) []complex128 {
	w := p.pool.get()
	dst = p.ForwardWork(dst, src, w)
	p.pool.put(w)
	return dst
}

// ForwardWork is Forward with caller-owned scratch w from p.NewWork; it
// allocates only when dst is nil.
func (p *Plan) ForwardWork(dst, src []complex128, w *Work) []complex128 {
	w.check(p.work, 0)
	dst = p.checkLen(dst, len(src))
	p.exec(dst, src, w.c[:p.work])
	return dst
}

// Inverse computes the inverse transform x[j] = (1/n)·Σ_k X[k]·exp(2πi·jk/n)
// of src into dst and returns dst, with the same rules as Forward.
func (p *Plan) Inverse(dst, src []complex128) []complex128 {
	w := p.pool.get()
	dst = p.InverseWork(dst, src, w)
	p.pool.put(w)
	return dst
}

// InverseWork is Inverse with caller-owned scratch w from p.NewWork; it
// allocates only when dst is nil.
func (p *Plan) InverseWork(dst, src []complex128, w *Work) []complex128 {
	w.check(p.work, 0)
	dst = p.checkLen(dst, len(src))
	p.inverse(dst, src, w.c[:p.work])
	return dst
}

// NewWork returns scratch space for p's …Work methods.
func (p *Plan) NewWork() *Work { return newWork(p.work, 0) }

// inverse writes the inverse transform of src into dst; work has length
// p.work and aliases neither.
func (p *Plan) inverse(dst, src, work []complex128) {
	// The inverse is conj(DFT(conj(x)))/n: conjugate on the way in, and
	// conjugate and scale on the way out.
	in := p.inputBuf(dst, work)
	for i, v := range src {
		in[i] = complex(real(v), -imag(v))
	}
	p.exec(dst, in, work)
	f := 1 / float64(p.n)
	for i, v := range dst {
		dst[i] = complex(real(v)*f, -imag(v)*f)
	}
}

// checkLen panics on a source of the wrong length and returns dst, or a
// new slice when dst is nil.
func (p *Plan) checkLen(dst []complex128, nsrc int) []complex128 {
	if nsrc != p.n {
		panic(fmt.Sprintf("fft: source length %d, plan length %d", nsrc, p.n))
	}
	if dst == nil {
		return make([]complex128, p.n)
	}
	if len(dst) != p.n {
		panic(fmt.Sprintf("fft: destination length %d, plan length %d", len(dst), p.n))
	}
	return dst
}

// inputBuf returns the buffer, dst or work[:n], into which a caller that
// prepares the input of exec (conjugating, packing) should write it so that
// exec(dst, buf, work) needs no extra copy.
func (p *Plan) inputBuf(dst, work []complex128) []complex128 {
	if p.blue == nil && len(p.stages)%2 == 1 {
		return work[:p.n]
	}
	return dst[:p.n]
}

// exec writes the forward DFT of src into dst. src may be dst or, when
// obtained from inputBuf, work; otherwise it is left unchanged. work must
// have length p.work and must not alias dst.
func (p *Plan) exec(dst, src, work []complex128) {
	if p.blue != nil {
		p.blue.exec(dst, src, work)
		return
	}
	n := p.n
	dst, src = dst[:n], src[:n]
	if len(p.stages) == 0 {
		copy(dst, src)
		return
	}
	// An odd number of passes writes dst first, which must not clobber
	// the input.
	if len(p.stages)%2 == 1 && &src[0] == &dst[0] {
		src = work[:n]
		copy(src, dst)
	}
	p.runStages(dst, work, src, 0)
}

// execPacked writes the forward DFT of z[j] = x[2j] + i·x[2j+1] into dst,
// reading x directly in a first radix-8 pass when there is one.
func (p *Plan) execPacked(dst []complex128, x []float64, work []complex128) {
	if p.blue != nil || len(p.stages) < 2 || p.stages[0].r != 8 {
		in := p.inputBuf(dst, work)
		pack(in, x)
		p.exec(dst, in, work)
		return
	}
	dst = dst[:p.n]
	out := p.passOut(0, dst, work[:p.n])
	if !simdPass8Real(out, x[:2*p.n], &p.stages[0]) {
		pass8Real(out, x[:2*p.n], p.stages[0].tw, p.stages[0].m)
	}
	p.runStages(dst, work, out, 1)
}

// passOut returns the buffer pass i writes: dst when the number of passes
// left after it is even, so that the last pass lands in dst.
func (p *Plan) passOut(i int, dst, work []complex128) []complex128 {
	if (len(p.stages)-1-i)%2 == 0 {
		return dst
	}
	return work
}

// runStages runs passes from, from+1, ... with in as the input of the
// first, alternating between dst and work[:n]; the passes that need
// scratch (Rader's) get work[n:].
func (p *Plan) runStages(dst, work, in []complex128, from int) {
	ping, extra := work[:p.n], work[p.n:p.work]
	for i := from; i < len(p.stages); i++ {
		out := p.passOut(i, dst, ping)
		p.stages[i].apply(out, in, extra)
		in = out
	}
}
