package filter

import (
	"fmt"
	"math"
)

// PadLen returns the number of samples FiltFilt extends the signal by at
// each end, scipy.signal.sosfiltfilt's default: 3·(2·len(sos) + 1 − m),
// where m is the smaller of the numbers of sections with b2 = 0 and with
// a2 = 0.
func (sos SOS) PadLen() int {
	nb, na := 0, 0
	for _, s := range sos {
		if s[2] == 0 {
			nb++
		}
		if s[5] == 0 {
			na++
		}
	}
	return 3 * (2*len(sos) + 1 - min(nb, na))
}

// FiltFilt filters x forward and backward through sos for zero phase and
// squared magnitude response, as scipy.signal.sosfiltfilt(sos, x) with its
// defaults: the signal is extended at each end by PadLen samples of odd
// reflection about its end values (padtype 'odd'), each pass starts from
// the steady state of its first value (sosfilt_zi), and the extension is
// cut off again. The result goes into dst (nil: allocated; it may be x,
// for in-place filtering) and is returned.
//
// It returns an error wrapping ErrInput if len(x) ≤ PadLen (scipy's
// condition) or a sample is NaN or ±Inf, and panics if a non-nil dst has
// a length other than len(x) or sos is empty. It allocates a buffer of
// len(x) + 2·PadLen samples; use FiltFilter for repeated calls without
// allocation.
func FiltFilt(dst, x []float64, sos SOS) ([]float64, error) {
	return NewFiltFilter(sos).FiltFilt(dst, x)
}

// FiltFilter is FiltFilt with reusable buffers: after the first call with
// the longest signal it allocates nothing. It must not be used by several
// goroutines at once.
type FiltFilter struct {
	sos SOS
	zi  [][2]float64
	ext []float64
}

// NewFiltFilter returns a zero-phase filter for sos; it panics if sos is
// empty or a section has a0 ≠ 1.
func NewFiltFilter(sos SOS) *FiltFilter {
	f := NewFilter(sos) // validates
	return &FiltFilter{sos: f.sos, zi: f.zi}
}

// FiltFilt is the function FiltFilt with the filter's buffers.
func (f *FiltFilter) FiltFilt(dst, x []float64) ([]float64, error) {
	pad := f.sos.PadLen()
	if len(x) <= pad {
		return dst, errorf(ErrInput, "signal of %d samples: FiltFilt needs more than %d", len(x), pad)
	}
	if dst == nil {
		dst = make([]float64, len(x))
	} else if len(dst) != len(x) {
		panic(fmt.Sprintf("filter: destination length %d, source length %d", len(dst), len(x)))
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return dst, errorf(ErrInput, "sample %d is %v", i, v)
		}
	}
	n := len(x) + 2*pad
	if cap(f.ext) < n {
		f.ext = make([]float64, n)
	}
	e := f.ext[:n]
	// Odd extension: 2·x[0] − x[pad..1], x, 2·x[n−1] − x[n−2..n−1−pad].
	last := len(x) - 1
	for i := 0; i < pad; i++ {
		e[i] = 2*x[0] - x[pad-i]
		e[pad+len(x)+i] = 2*x[last] - x[last-1-i]
	}
	copy(e[pad:], x)
	steadyState(f.zi, f.sos, e[0])
	run(e, e, f.sos, f.zi)
	// Backward pass over the reversed output.
	reverse(e)
	steadyState(f.zi, f.sos, e[0])
	run(e, e, f.sos, f.zi)
	reverse(e)
	copy(dst, e[pad:pad+len(x)])
	return dst, nil
}

// reverse reverses v in place.
func reverse(v []float64) {
	for i, j := 0, len(v)-1; i < j; i, j = i+1, j-1 {
		v[i], v[j] = v[j], v[i]
	}
}
