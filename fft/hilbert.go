package fft

import (
	"fmt"
	"math"
)

// Hilbert computes the analytic signal of real sequences of one length n,
// as scipy.signal.hilbert: the inverse transform of the spectrum with its
// negative-frequency bins zeroed and its positive-frequency bins doubled
// (DC and, for even n, Nyquist kept once). Its real part is the input and
// its imaginary part the Hilbert transform. It is immutable and safe for
// concurrent use. With a dst of the right length the plain methods
// allocate nothing while their scratch pool holds a buffer, and the …Work
// methods, with caller-owned scratch (see Work), allocate nothing at all.
// NaN or Inf in the input spread to the whole result.
type Hilbert struct {
	real *RealPlan
	cplx *Plan
	work int      // scratch of one transform: the larger of real's and cplx's
	pool workPool // Works of n + work values for the plain methods
}

// NewHilbert returns a Hilbert transform for length n. It returns an
// error wrapping ErrLength unless 1 ≤ n ≤ MaxLength.
func NewHilbert(n int) (*Hilbert, error) {
	if err := checkLength("Hilbert length", n); err != nil {
		return nil, err
	}
	h := &Hilbert{real: newRealPlan(n), cplx: newPlan(n)}
	h.work = max(h.real.work, h.cplx.work)
	h.pool.nc = n + h.work
	return h, nil
}

// Len returns the sequence length n.
func (h *Hilbert) Len() int { return h.cplx.Len() }

// NewWork returns scratch space for h's …Work methods.
func (h *Hilbert) NewWork() *Work { return newWork(h.Len()+h.work, 0) }

// Analytic writes the analytic signal x + i·H{x} of x into dst and returns
// dst. A nil dst is allocated. Analytic panics if len(x), or the length of
// a non-nil dst, is not Len().
func (h *Hilbert) Analytic(dst []complex128, x []float64) []complex128 {
	w := h.pool.get()
	dst = h.AnalyticWork(dst, x, w)
	h.pool.put(w)
	return dst
}

// AnalyticWork is Analytic with caller-owned scratch w from h.NewWork; it
// allocates only when dst is nil.
func (h *Hilbert) AnalyticWork(dst []complex128, x []float64, w *Work) []complex128 {
	n := h.Len()
	w.check(n+h.work, 0)
	if len(x) != n {
		panic(fmt.Sprintf("fft: Hilbert input length %d, want %d", len(x), n))
	}
	dst = sizedComplex(dst, n)
	h.analytic(dst, x, w.c[:h.work])
	return dst
}

// analytic writes the analytic signal of x into dst, both of length n,
// with scratch of length h.work.
func (h *Hilbert) analytic(dst []complex128, x []float64, work []complex128) {
	b := h.real.Bins()
	h.real.forward(dst[:b], x, work[:h.real.work])
	lo, hi := doubledRange(len(x))
	for k := lo; k < hi; k++ {
		dst[k] *= 2
	}
	clear(dst[b:])
	h.cplx.inverse(dst, dst, work[:h.cplx.work])
}

// Envelope writes the envelope |x + i·H{x}| of x, the magnitude of its
// analytic signal, into dst and returns dst. A nil dst is allocated; dst
// may be x. Envelope panics if len(x), or the length of a non-nil dst, is
// not Len().
func (h *Hilbert) Envelope(dst, x []float64) []float64 {
	w := h.pool.get()
	dst = h.EnvelopeWork(dst, x, w)
	h.pool.put(w)
	return dst
}

// EnvelopeWork is Envelope with caller-owned scratch w from h.NewWork; it
// allocates only when dst is nil.
func (h *Hilbert) EnvelopeWork(dst, x []float64, w *Work) []float64 {
	n := h.Len()
	w.check(n+h.work, 0)
	if len(x) != n {
		panic(fmt.Sprintf("fft: Hilbert input length %d, want %d", len(x), n))
	}
	dst = sizedFloats(dst, n)
	a := w.c[:n]
	h.analytic(a, x, w.c[n:n+h.work])
	for i, c := range a {
		dst[i] = math.Hypot(real(c), imag(c))
	}
	return dst
}
