package fft

import (
	"fmt"
	"sync"
)

// Work is caller-owned scratch space for the transforms of one plan. Get
// one from the NewWork method of a Plan, RealPlan, Hilbert, Spectrum, Welch
// or STFT and pass it to that value's …Work methods (Plan.ForwardWork,
// Welch.PSDWork, …): they then use only the Work and the caller's slices,
// so a steady-state caller allocates nothing, even across garbage
// collections.
//
// The plain methods (Plan.Forward, Welch.PSD, …) take their scratch from a
// per-plan sync.Pool instead. That needs no bookkeeping and does not
// allocate while the pool holds a buffer, but a garbage collection may
// empty the pool, and the next transform then allocates its scratch again.
//
// A Work may be reused for any number of transforms of the plan that made
// it, or of another plan of the same kind and length, but it must not be
// used by two transforms at once: give each goroutine its own. The
// …Work methods panic if w is nil or too small for the plan.
type Work struct {
	c []complex128
	f []float64
}

// newWork returns a Work holding nc complex and nf real values.
func newWork(nc, nf int) *Work {
	return &Work{c: make([]complex128, nc), f: make([]float64, nf)}
}

// check panics unless w holds at least nc complex and nf real values.
func (w *Work) check(nc, nf int) {
	if w == nil {
		panic("fft: nil *Work")
	}
	if len(w.c) < nc || len(w.f) < nf {
		panic(fmt.Sprintf("fft: Work of %d complex and %d real values, need %d and %d (a Work from another plan?)", len(w.c), len(w.f), nc, nf))
	}
}

// workPool hands out Works of a fixed size for the plain methods. It
// stores pointers so that get and put do not allocate, and it is safe for
// concurrent use; set nc and nf before the first get.
type workPool struct {
	nc, nf int
	p      sync.Pool
}

// get returns a Work of the pool's size, allocating only when the pool is
// empty.
func (wp *workPool) get() *Work {
	if w, ok := wp.p.Get().(*Work); ok {
		return w
	}
	return newWork(wp.nc, wp.nf)
}

// put returns a Work obtained from get.
func (wp *workPool) put(w *Work) { wp.p.Put(w) }
