package fft

import "fmt"

// RealPlan is a transform of real sequences of one length n, producing or
// consuming the n/2+1 non-negative-frequency bins. It is immutable and safe
// for concurrent use.
type RealPlan struct {
	n int
	c *Plan
}

// NewRealPlan returns a real transform plan for length n. It panics if n < 1.
func NewRealPlan(n int) *RealPlan {
	if n < 1 {
		panic(fmt.Sprintf("fft: invalid length %d", n))
	}
	return &RealPlan{n: n, c: NewPlan(n)}
}

// Len returns the transform length n.
func (p *RealPlan) Len() int { return p.n }

// Bins returns n/2+1, the number of non-negative-frequency bins.
func (p *RealPlan) Bins() int { return p.n/2 + 1 }

// Forward computes the n/2+1 bins of the unnormalised forward transform of
// the real sequence src into dst and returns dst. A nil dst is allocated;
// len(src) must be n and a non-nil dst must have length n/2+1, or Forward
// panics.
func (p *RealPlan) Forward(dst []complex128, src []float64) []complex128 {
	if len(src) != p.n {
		panic(fmt.Sprintf("fft: source length %d, plan length %d", len(src), p.n))
	}
	if dst == nil {
		dst = make([]complex128, p.Bins())
	} else if len(dst) != p.Bins() {
		panic(fmt.Sprintf("fft: destination length %d, want %d bins", len(dst), p.Bins()))
	}
	tmp := make([]complex128, p.n)
	for i, v := range src {
		tmp[i] = complex(v, 0)
	}
	p.c.Forward(tmp, tmp)
	copy(dst, tmp[:p.Bins()])
	return dst
}

// Inverse computes the real sequence whose forward transform has the n/2+1
// bins src, scaled by 1/n, into dst and returns dst. The imaginary parts of
// the zero-frequency bin (and of the Nyquist bin when n is even) are
// ignored. A nil dst is allocated; len(src) must be n/2+1 and a non-nil dst
// must have length n, or Inverse panics.
func (p *RealPlan) Inverse(dst []float64, src []complex128) []float64 {
	if len(src) != p.Bins() {
		panic(fmt.Sprintf("fft: source length %d, want %d bins", len(src), p.Bins()))
	}
	if dst == nil {
		dst = make([]float64, p.n)
	} else if len(dst) != p.n {
		panic(fmt.Sprintf("fft: destination length %d, plan length %d", len(dst), p.n))
	}
	tmp := make([]complex128, p.n)
	copy(tmp, src)
	tmp[0] = complex(real(tmp[0]), 0)
	if p.n%2 == 0 {
		tmp[p.n/2] = complex(real(tmp[p.n/2]), 0)
	}
	for k := 1; k < p.Bins(); k++ {
		if k == p.n-k {
			continue
		}
		v := src[k]
		tmp[p.n-k] = complex(real(v), -imag(v))
	}
	p.c.Inverse(tmp, tmp)
	for i := range dst {
		dst[i] = real(tmp[i])
	}
	return dst
}
