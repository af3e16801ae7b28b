package fft

import (
	"fmt"
	"math"
	"sync"
)

// Hilbert computes the analytic signal of real sequences of one length n,
// as scipy.signal.hilbert: the inverse transform of the spectrum with its
// negative-frequency bins zeroed and its positive-frequency bins doubled
// (DC and, for even n, Nyquist kept once). Its real part is the input and
// its imaginary part the Hilbert transform. It is immutable and safe for
// concurrent use; with a dst of the right length its methods do not
// allocate. NaN or Inf in the input spread to the whole result.
type Hilbert struct {
	real *RealPlan
	cplx *Plan
	pool sync.Pool // *[]complex128 of length n
}

// NewHilbert returns a Hilbert transform for length n. It panics if n < 1.
func NewHilbert(n int) *Hilbert {
	if n < 1 {
		panic(fmt.Sprintf("fft: Hilbert length %d, want ≥ 1", n))
	}
	h := &Hilbert{real: NewRealPlan(n), cplx: NewPlan(n)}
	h.pool.New = func() any {
		s := make([]complex128, n)
		return &s
	}
	return h
}

// Len returns the sequence length n.
func (h *Hilbert) Len() int { return h.cplx.Len() }

// Analytic writes the analytic signal x + i·H{x} of x into dst and returns
// dst. A nil dst is allocated. Analytic panics if len(x), or the length of
// a non-nil dst, is not Len().
func (h *Hilbert) Analytic(dst []complex128, x []float64) []complex128 {
	n := h.Len()
	if len(x) != n {
		panic(fmt.Sprintf("fft: Hilbert input length %d, want %d", len(x), n))
	}
	dst = sizedComplex(dst, n)
	b := h.real.Bins()
	h.real.Forward(dst[:b], x)
	lo, hi := doubledRange(n)
	for k := lo; k < hi; k++ {
		dst[k] *= 2
	}
	clear(dst[b:])
	h.cplx.Inverse(dst, dst)
	return dst
}

// Envelope writes the envelope |x + i·H{x}| of x, the magnitude of its
// analytic signal, into dst and returns dst. A nil dst is allocated; dst
// may be x. Envelope panics if len(x), or the length of a non-nil dst, is
// not Len().
func (h *Hilbert) Envelope(dst, x []float64) []float64 {
	dst = sizedFloats(dst, h.Len())
	p := h.pool.Get().(*[]complex128)
	a := h.Analytic(*p, x)
	for i, c := range a {
		dst[i] = math.Hypot(real(c), imag(c))
	}
	h.pool.Put(p)
	return dst
}
