package filter

import (
	"fmt"
	"math"
)

// Filter runs an SOS cascade over a stream: samples may come in chunks of
// any size and the output is that of one pass over the whole stream (as
// scipy.signal.sosfilt with the state zi carried from chunk to chunk).
// Each section is evaluated in transposed direct form II, exactly as
// scipy's sosfilt. Process allocates nothing when dst is given. A Filter
// must not be used by several goroutines at once.
type Filter struct {
	sos SOS
	zi  [][2]float64
}

// NewFilter returns a streaming filter for sos with a zero initial state.
// It panics if sos is empty or a section has a0 ≠ 1 (a programmer error:
// the design functions return normalised sections).
func NewFilter(sos SOS) *Filter {
	if len(sos) == 0 {
		panic("filter: empty SOS")
	}
	for i, s := range sos {
		if s[3] != 1 {
			panic(fmt.Sprintf("filter: section %d has a0 = %v, want 1", i, s[3]))
		}
	}
	return &Filter{sos: append(SOS(nil), sos...), zi: make([][2]float64, len(sos))}
}

// Reset sets the state to zero, as before the first sample.
func (f *Filter) Reset() {
	for i := range f.zi {
		f.zi[i] = [2]float64{}
	}
}

// SetSteady sets the state to the steady state of a constant input x0
// (scipy.signal.sosfilt_zi(sos)·x0), so that a stream starting at x0
// starts without a transient.
func (f *Filter) SetSteady(x0 float64) {
	steadyState(f.zi, f.sos, x0)
}

// Process filters the chunk x into dst and returns dst; a nil dst is
// allocated, and dst may be x (in place). It returns an error wrapping
// ErrInput, and leaves the state unchanged, if a sample is NaN or ±Inf,
// so one bad sample cannot poison a filter that runs for years. It panics
// if a non-nil dst has a length other than len(x).
func (f *Filter) Process(dst, x []float64) ([]float64, error) {
	if dst == nil {
		dst = make([]float64, len(x))
	} else if len(dst) != len(x) {
		panic(fmt.Sprintf("filter: destination length %d, source length %d", len(dst), len(x)))
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return dst, errorf(ErrInput, "sample %d of the chunk is %v", i, v)
		}
	}
	run(dst, x, f.sos, f.zi)
	return dst, nil
}

// run filters x into dst through sos with state zi, updated in place.
// The arithmetic is that of scipy's _sosfilt.
func run(dst, x []float64, sos SOS, zi [][2]float64) {
	for n, xc := range x {
		for s := range sos {
			c, z := &sos[s], &zi[s]
			xn := c[0]*xc + z[0]
			z[0] = c[1]*xc - c[4]*xn + z[1]
			z[1] = c[2]*xc - c[5]*xn
			xc = xn
		}
		dst[n] = xc
	}
}

// steadyState sets zi to scipy.signal.sosfilt_zi(sos)·x0: for each
// section scipy's lfilter_zi (the state of a unit step at rest) scaled by
// the DC gain of the sections before it.
func steadyState(zi [][2]float64, sos SOS, x0 float64) {
	scale := 1.0
	for s, c := range sos {
		b0, b1, b2, a1, a2 := c[0], c[1], c[2], c[4], c[5]
		// Solve (I − Aᵀ)·z = B, B = b[1:] − a[1:]·b0, companion A of a.
		B0, B1 := b1-a1*b0, b2-a2*b0
		z0 := (B0 + B1) / (1 + a1 + a2)
		z1 := B1 - a2*z0
		zi[s] = [2]float64{scale * z0 * x0, scale * z1 * x0}
		scale *= (b0 + b1 + b2) / (1 + a1 + a2)
	}
}

// Apply filters the whole signal x once from a zero state, as
// scipy.signal.sosfilt(sos, x), into dst (nil: allocated; may be x). It
// returns an error wrapping ErrInput if a sample is NaN or ±Inf.
func (sos SOS) Apply(dst, x []float64) ([]float64, error) {
	return NewFilter(sos).Process(dst, x)
}
