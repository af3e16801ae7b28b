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
// A RealPlan is immutable and safe for concurrent use by many goroutines;
// transforms do not allocate in steady state.
type RealPlan struct {
	n    int
	half *Plan        // n/2-point complex plan when n is even
	full *Plan        // n-point complex plan when n is odd
	tw   []complex128 // tw[k] = exp(-2πi·k/n), k ≤ n/4, when n is even
	pool scratchPool
}

// NewRealPlan returns a real transform plan for length n. It panics if n < 1.
func NewRealPlan(n int) *RealPlan {
	if n < 1 {
		panic(fmt.Sprintf("fft: invalid length %d", n))
	}
	p := &RealPlan{n: n}
	if n%2 == 1 {
		p.full = NewPlan(n)
		p.pool.n = n + p.full.work
		return p
	}
	m := n / 2
	p.half = NewPlan(m)
	p.tw = make([]complex128, m/2+1)
	for k := range p.tw {
		p.tw[k] = expi(k, n)
	}
	p.pool.n = m + p.half.work
	return p
}

// Len returns the transform length n.
func (p *RealPlan) Len() int { return p.n }

// Bins returns n/2+1, the number of non-negative-frequency bins.
func (p *RealPlan) Bins() int { return p.n/2 + 1 }

// Forward computes the n/2+1 bins X[k] = Σ_j x[j]·exp(-2πi·jk/n),
// k = 0..n/2, of the unnormalised forward transform of the real sequence
// src into dst and returns dst. A nil dst is allocated. Forward panics
// unless len(src) is n and a non-nil dst has length n/2+1.
func (p *RealPlan) Forward(dst []complex128, src []float64) []complex128 {
	if len(src) != p.n {
		panic(fmt.Sprintf("fft: source length %d, plan length %d", len(src), p.n))
	}
	if dst == nil {
		dst = make([]complex128, p.Bins())
	} else if len(dst) != p.Bins() {
		panic(fmt.Sprintf("fft: destination length %d, want %d bins", len(dst), p.Bins()))
	}
	buf := p.pool.get()
	if p.full != nil {
		p.forwardOdd(dst, src, *buf)
	} else {
		p.forwardEven(dst, src, *buf)
	}
	p.pool.put(buf)
	return dst
}

// Inverse computes the real sequence x[j] = (1/n)·Σ_k X[k]·exp(2πi·jk/n),
// whose spectrum has the n/2+1 non-negative-frequency bins src and is
// Hermitian, into dst and returns dst. The imaginary parts of the
// zero-frequency bin (and of the Nyquist bin when n is even) are ignored.
// A nil dst is allocated. Inverse panics unless len(src) is n/2+1 and a
// non-nil dst has length n.
func (p *RealPlan) Inverse(dst []float64, src []complex128) []float64 {
	if len(src) != p.Bins() {
		panic(fmt.Sprintf("fft: source length %d, want %d bins", len(src), p.Bins()))
	}
	if dst == nil {
		dst = make([]float64, p.n)
	} else if len(dst) != p.n {
		panic(fmt.Sprintf("fft: destination length %d, plan length %d", len(dst), p.n))
	}
	buf := p.pool.get()
	if p.full != nil {
		p.inverseOdd(dst, src, *buf)
	} else {
		p.inverseEven(dst, src, *buf)
	}
	p.pool.put(buf)
	return dst
}

// forwardEven packs x as z[j] = x[2j] + i·x[2j+1], transforms z with the
// half-length plan into dst[:m] and untangles the spectra E of the even
// and O of the odd samples: X[k] = E[k] + w^k·O[k] with w = exp(-2πi/n),
// E[k] = (Z[k] + conj Z[m-k])/2 and O[k] = -i·(Z[k] - conj Z[m-k])/2.
// X[k] and X[m-k] come from the same pair, in place.
func (p *RealPlan) forwardEven(dst []complex128, src []float64, buf []complex128) {
	m := p.n / 2
	z, work := dst[:m], buf[m:]
	in := p.half.inputBuf(z, work)
	src = src[:2*m]
	for j := range in {
		in[j] = complex(src[2*j], src[2*j+1])
	}
	p.half.exec(z, in, work)

	z0 := dst[0]
	dst[0] = complex(real(z0)+imag(z0), 0)
	dst[m] = complex(real(z0)-imag(z0), 0)
	tw := p.tw
	for k := 1; 2*k <= m; k++ {
		a, b := dst[k], dst[m-k]
		b = complex(real(b), -imag(b))
		e := scaleC(a+b, 0.5)
		o := scaleC(mulNegI(a-b), 0.5) * tw[k]
		dst[k] = e + o
		d := e - o
		dst[m-k] = complex(real(d), -imag(d))
	}
}

// inverseEven rebuilds Z[k] = E[k] + i·O[k] from the bins (the inverse of
// forwardEven's untangling), inverse-transforms it with the half-length
// plan and unpacks x[2j], x[2j+1] from the real and imaginary parts.
// The inverse runs as conj(DFT(conj Z)), so conj Z is what is built.
func (p *RealPlan) inverseEven(dst []float64, src []complex128, buf []complex128) {
	m := p.n / 2
	c, work := buf[:m], buf[m:]
	in := p.half.inputBuf(c, work)
	x0, xm := real(src[0]), real(src[m])
	in[0] = complex(x0+xm, xm-x0)
	tw := p.tw
	for k := 1; 2*k <= m; k++ {
		a, b := src[k], src[m-k]
		b = complex(real(b), -imag(b))
		w := tw[k]
		e := a + b                                // 2E[k]
		o := (a - b) * complex(real(w), -imag(w)) // 2O[k]
		// conj(e + i·o) and conj(conj(e) + i·conj(o))
		in[k] = complex(real(e)-imag(o), -imag(e)-real(o))
		in[m-k] = complex(real(e)+imag(o), imag(e)-real(o))
	}
	p.half.exec(c, in, work)
	f := 1 / float64(p.n)
	dst = dst[:2*m]
	for j, v := range c {
		dst[2*j] = real(v) * f
		dst[2*j+1] = -imag(v) * f
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
