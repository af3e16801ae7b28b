package fft

import "sync"

// scratchPool hands out scratch buffers of a fixed length. It stores
// pointers to slices so that Get and Put do not allocate, and it is safe for
// concurrent use; the zero value is not ready, set n first.
type scratchPool struct {
	n int
	p sync.Pool
}

// get returns a scratch buffer of length sp.n, allocating only when the
// pool is empty.
func (sp *scratchPool) get() *[]complex128 {
	if b, ok := sp.p.Get().(*[]complex128); ok {
		return b
	}
	b := make([]complex128, sp.n)
	return &b
}

// put returns a buffer obtained from get.
func (sp *scratchPool) put(b *[]complex128) { sp.p.Put(b) }
