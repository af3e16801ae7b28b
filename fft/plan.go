package fft

import (
	"fmt"
	"math"
)

// Plan is a complex discrete Fourier transform of one length. It is
// immutable and safe for concurrent use.
type Plan struct {
	n  int
	tw []complex128 // tw[k] = exp(-2πi k/n)
}

// NewPlan returns a complex transform plan for length n. It panics if n < 1.
func NewPlan(n int) *Plan {
	if n < 1 {
		panic(fmt.Sprintf("fft: invalid length %d", n))
	}
	p := &Plan{n: n, tw: make([]complex128, n)}
	for k := range p.tw {
		s, c := math.Sincos(-2 * math.Pi * float64(k) / float64(n))
		p.tw[k] = complex(c, s)
	}
	return p
}

// Len returns the transform length n.
func (p *Plan) Len() int { return p.n }

// Forward computes the unnormalised forward transform of src into dst and
// returns dst. A nil dst is allocated. dst may be src (in place); len(src)
// and a non-nil dst must have length n, or Forward panics.
func (p *Plan) Forward(dst, src []complex128) []complex128 {
	return p.transform(dst, src, false)
}

// Inverse computes the inverse transform of src, scaled by 1/n, into dst and
// returns dst, with the same rules as Forward.
func (p *Plan) Inverse(dst, src []complex128) []complex128 {
	return p.transform(dst, src, true)
}

// transform is a direct O(n²) DFT, a placeholder until the fast kernels land.
func (p *Plan) transform(dst, src []complex128, inverse bool) []complex128 {
	n := p.n
	if len(src) != n {
		panic(fmt.Sprintf("fft: source length %d, plan length %d", len(src), n))
	}
	if dst == nil {
		dst = make([]complex128, n)
	} else if len(dst) != n {
		panic(fmt.Sprintf("fft: destination length %d, plan length %d", len(dst), n))
	}
	tmp := make([]complex128, n)
	for k := 0; k < n; k++ {
		var s complex128
		for j := 0; j < n; j++ {
			w := p.tw[(j*k)%n]
			if inverse {
				w = complex(real(w), -imag(w))
			}
			s += src[j] * w
		}
		tmp[k] = s
	}
	if inverse {
		inv := 1 / float64(n)
		for k := range tmp {
			tmp[k] *= complex(inv, 0)
		}
	}
	copy(dst, tmp)
	return dst
}
