package fft

import "fmt"

// RealPlan is a transform of real sequences of one length n ≥ 1, producing
// or consuming the n/2+1 non-negative-frequency bins.
//
// For even n the n real samples are packed as n/2 complex values, which a
// half-length complex transform processes; a twiddle pass then separates
// the spectra of the even and odd samples. Odd n uses a full-length
// complex transform.
//
// A RealPlan is immutable and safe for concurrent use by many goroutines.
// Forward and Inverse take scratch from a per-plan pool; ForwardWork and
// InverseWork use caller-owned scratch (see Work) and never allocate.
type RealPlan struct {
	n    int
	half *Plan        // n/2-point complex plan when n is even
	full *Plan        // n-point complex plan when n is odd
	tw   []complex128 // tw[k] = exp(-2πi·k/n), k ≤ n/4, when n is even
	htw  []complex128 // htw[k] = tw[k]/2, for the forward transform
	vhtw []float64    // htw laid out for the SIMD path; nil without it
	work int          // scratch length of forward and inverse
	pool workPool     // Works for the plain methods
}

// NewRealPlan returns a real transform plan for length n. It returns an
// error wrapping ErrLength unless 1 ≤ n ≤ MaxLength.
func NewRealPlan(n int) (*RealPlan, error) {
	if err := checkLength("transform length", n); err != nil {
		return nil, err
	}
	return newRealPlan(n), nil
}

// newRealPlan builds the plan for a valid length n.
func newRealPlan(n int) *RealPlan {
	p := &RealPlan{n: n}
	if n%2 == 1 {
		p.full = newPlan(n)
		p.work = n + p.full.work
		p.pool.nc = p.work
		return p
	}
	m := n / 2
	p.half = buildPlan(m, true)
	p.tw = make([]complex128, m/2+1)
	p.htw = make([]complex128, m/2+1)
	for k := range p.tw {
		p.tw[k] = expi(k, n)
		p.htw[k] = scaleC(p.tw[k], 0.5)
	}
	p.vhtw = simdUntangleTwiddles(p.htw)
	p.work = m + p.half.work
	p.pool.nc = p.work
	return p
}

// Len returns the transform length n.
func (p *RealPlan) Len() int { return p.n }

// Bins returns n/2+1, the number of non-negative-frequency bins.
func (p *RealPlan) Bins() int { return p.n/2 + 1 }

// Forward computes the n/2+1 bins X[k] = Σ_j x[j]·exp(-2πi·jk/n),
// k = 0..n/2, of the unnormalised forward transform of the real sequence
// src into dst and returns dst. A nil dst is allocated. Forward panics
// unless len(src) is n and a non-nil dst has length n/2+1. Its scratch
// comes from the plan's pool; see Work.
func (p *RealPlan) Forward(dst []complex128, src []float64) []complex128 {
	w := p.pool.get()
	dst = p.ForwardWork(dst, src, w)
	p.pool.put(w)
	return dst
}

// ForwardWork is Forward with caller-owned scratch w from p.NewWork; it
// allocates only when dst is nil.
func (p *RealPlan) ForwardWork(dst []complex128, src []float64, w *Work) []complex128 {
	w.check(p.work, 0)
	if len(src) != p.n {
		panic(fmt.Sprintf("fft: source length %d, plan length %d", len(src), p.n))
	}
	if dst == nil {
		dst = make([]complex128, p.Bins())
	} else if len(dst) != p.Bins() {
		panic(fmt.Sprintf("fft: destination length %d, want %d bins", len(dst), p.Bins()))
	}
	p.forward(dst, src, w.c[:p.work])
	return dst
}

// forward writes the bins of src into dst, both of the right length, with
// scratch buf of length p.work.
func (p *RealPlan) forward(dst []complex128, src []float64, buf []complex128) {
	if p.full != nil {
		p.forwardOdd(dst, src, buf)
	} else {
		p.forwardEven(dst, src, buf)
	}
}

// Inverse computes the real sequence x[j] = (1/n)·Σ_k X[k]·exp(2πi·jk/n),
// whose spectrum has the n/2+1 non-negative-frequency bins src and is
// Hermitian, into dst and returns dst. The imaginary parts of the
// zero-frequency bin (and of the Nyquist bin when n is even) are ignored.
// A nil dst is allocated. Inverse panics unless len(src) is n/2+1 and a
// non-nil dst has length n. Its scratch comes from the plan's pool; see
// Work.
func (p *RealPlan) Inverse(dst []float64, src []complex128) []float64 {
	w := p.pool.get()
	dst = p.InverseWork(dst, src, w)
	p.pool.put(w)
	return dst
}

// InverseWork is Inverse with caller-owned scratch w from p.NewWork; it
// allocates only when dst is nil.
func (p *RealPlan) InverseWork(dst []float64, src []complex128, w *Work) []float64 {
	w.check(p.work, 0)
	if len(src) != p.Bins() {
		panic(fmt.Sprintf("fft: source length %d, want %d bins", len(src), p.Bins()))
	}
	if dst == nil {
		dst = make([]float64, p.n)
	} else if len(dst) != p.n {
		panic(fmt.Sprintf("fft: destination length %d, plan length %d", len(dst), p.n))
	}
	buf := w.c[:p.work]
	if p.full != nil {
		p.inverseOdd(dst, src, buf)
	} else {
		p.inverseEven(dst, src, buf)
	}
	return dst
}

// NewWork returns scratch space for p's …Work methods.
func (p *RealPlan) NewWork() *Work { return newWork(p.work, 0) }

// forwardEven transforms z[j] = x[2j] + i·x[2j+1] with the half-length
// plan into dst[:m] and untangles the result (see untangle).
func (p *RealPlan) forwardEven(dst []complex128, src []float64, buf []complex128) {
	m := p.n / 2
	p.half.execPacked(dst[:m], src, buf[m:])
	if !simdUntangle(dst[:m+1], p.vhtw) {
		untangle(dst[:m+1], p.htw)
	}
}

// pack writes z[j] = x[2j] + i·x[2j+1]. It is kept out of line: inlined,
// the loop competes for registers with its caller and spills.
//
//go:noinline
func pack(z []complex128, x []float64) {
	for j := range z {
		if 2*j+1 >= len(x) {
			break // never: len(x) == 2·len(z); this lets the compiler drop bounds checks
		}
		z[j] = complex(x[2*j], x[2*j+1])
	}
}

// untangle turns Z, the m-point DFT of z[j] = x[2j] + i·x[2j+1] held in
// X[:m], into the m+1 = n/2+1 bins X of the real sequence x, in place.
// With E and O the DFTs of the even and odd samples,
//
//	E[k] = (Z[k] + conj Z[m-k])/2,  O[k] = -i·(Z[k] - conj Z[m-k])/2,
//	X[k] = E[k] + w^k·O[k],  X[m-k] = conj(E[k] - w^k·O[k]),
//
// w = exp(-2πi/n), so each pair k, m-k is computed from Z[k] and Z[m-k].
// htw[k] = w^k/2 for k ≤ m/2, which folds the halving of O into the table.
func untangle(X, htw []complex128) {
	m := len(X) - 1
	z0 := X[0]
	X[0] = complex(real(z0)+imag(z0), 0)
	X[m] = complex(real(z0)-imag(z0), 0)
	h := m / 2
	// lo[k] and hi[h-k] are the pair X[k], X[m-k] for k = 1..h.
	lo, hi, htw := X[1:h+1], X[m-h:m], htw[1:h+1]
	hi, htw = hi[:len(lo)], htw[:len(lo)]
	for k, j := 0, len(hi)-1; k < len(lo) && j >= 0; k, j = k+1, j-1 {
		a, b := lo[k], hi[j]
		// E = (er, ei); 2O = (or, oi)
		er, ei := 0.5*(real(a)+real(b)), 0.5*(imag(a)-imag(b))
		or, oi := imag(a)+imag(b), real(b)-real(a)
		w := htw[k]
		xr := real(w)*or - imag(w)*oi
		xi := real(w)*oi + imag(w)*or
		lo[k] = complex(er+xr, ei+xi)
		hi[j] = complex(er-xr, xi-ei)
	}
}

// inverseEven rebuilds Z from the bins (see tangle), inverse-transforms it
// with the half-length plan and unpacks x[2j], x[2j+1] from the real and
// imaginary parts. The inverse runs as conj(DFT(conj Z))/m.
func (p *RealPlan) inverseEven(dst []float64, src []complex128, buf []complex128) {
	m := p.n / 2
	c, work := buf[:m], buf[m:]
	in := p.half.inputBuf(c, work)
	tangle(in, src[:m+1], p.tw)
	p.half.exec(c, in, work)
	unpack(dst, c, 1/float64(p.n))
}

// tangle is the inverse of untangle: from the n/2+1 bins X of a real
// sequence it builds 2·conj Z, twice the conjugate of the m-point DFT of
// z[j] = x[2j] + i·x[2j+1], using E[k] = (X[k] + conj X[m-k])/2 and
// O[k] = (X[k] - conj X[m-k])·conj(w^k)/2, Z[k] = E[k] + i·O[k] and
// Z[m-k] = conj E[k] + i·conj O[k]. The imaginary parts of X[0] and X[m]
// are ignored.
func tangle(Z, X, tw []complex128) {
	m := len(Z)
	x0, xm := real(X[0]), real(X[m])
	Z[0] = complex(x0+xm, xm-x0)
	h := m / 2
	lo, hi, tw := X[:h+1], X[:m], tw[:h+1]
	zlo, zhi := Z[:h+1], Z[:m]
	for k := 1; k < len(lo); k++ {
		j := len(hi) - k
		a, b := lo[k], hi[j]
		// 2E = (er, ei); 2O = (a - conj b)·conj w = (dr, di)·conj w
		er, ei := real(a)+real(b), imag(a)-imag(b)
		dr, di := real(a)-real(b), imag(a)+imag(b)
		w := tw[k]
		or := real(w)*dr + imag(w)*di
		oi := real(w)*di - imag(w)*dr
		// conj(E + i·O) and conj(conj E + i·conj O)
		zlo[k] = complex(er-oi, -ei-or)
		zhi[j] = complex(er+oi, ei-or)
	}
}

// unpack writes x[2j] = f·Re c[j] and x[2j+1] = -f·Im c[j], undoing the
// conjugation of the inverse and scaling by f.
//
//go:noinline
func unpack(x []float64, c []complex128, f float64) {
	for j, v := range c {
		if 2*j+1 >= len(x) {
			break // never: len(x) == 2·len(c); this lets the compiler drop bounds checks
		}
		x[2*j] = real(v) * f
		x[2*j+1] = -imag(v) * f
	}
}

// forwardOdd widens x to complex and runs the full-length plan.
func (p *RealPlan) forwardOdd(dst []complex128, src []float64, buf []complex128) {
	n := p.n
	c, work := buf[:n], buf[n:]
	in := p.full.inputBuf(c, work)
	for j, v := range src {
		in[j] = complex(v, 0)
	}
	p.full.exec(c, in, work)
	copy(dst, c)
}

// inverseOdd rebuilds the conjugate of the full Hermitian spectrum and
// runs the full-length plan; the real part of the result, scaled by 1/n,
// is x.
func (p *RealPlan) inverseOdd(dst []float64, src []complex128, buf []complex128) {
	n := p.n
	c, work := buf[:n], buf[n:]
	in := p.full.inputBuf(c, work)
	in[0] = complex(real(src[0]), 0)
	for k := 1; k < len(src); k++ {
		v := src[k]
		in[k] = complex(real(v), -imag(v))
		in[n-k] = v
	}
	p.full.exec(c, in, work)
	f := 1 / float64(n)
	for j := range dst {
		dst[j] = real(c[j]) * f
	}
}
