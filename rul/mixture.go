package rul

import "math"

// Mixer builds the Distribution of a finite mixture: each component added
// with its weight is represented by its quantiles at (i+½)/m, i = 0 … m−1,
// each carrying weight/m, so the mixture's CDF is within 1/(2m) of the
// exact Σ w_c F_c(x)/Σ w_c at every x. A Mixer's storage is reused by the
// next Reset; it is not safe for concurrent use.
type Mixer struct {
	m                int
	samples, weights []float64
}

// Reset empties x and sets the quantiles per component (m ≥ 1; less
// means 1).
func (x *Mixer) Reset(m int) {
	x.m = max(m, 1)
	x.samples, x.weights = x.samples[:0], x.weights[:0]
}

// Add adds component c with weight w (finite, > 0; anything else is an
// error wrapping ErrBadInput and adds nothing). Quantiles of c that are
// +Inf stay +Inf.
func (x *Mixer) Add(c *Distribution, w float64) error {
	if !(w > 0) || math.IsInf(w, 0) || c == nil {
		return errorf(ErrBadInput, "mixture: component weight %g, want finite and > 0", w)
	}
	if x.m == 0 {
		x.m = 1
	}
	for i := range x.m {
		x.samples = append(x.samples, c.Quantile((float64(i)+0.5)/float64(x.m)))
		x.weights = append(x.weights, w/float64(x.m))
	}
	return nil
}

// Into writes the mixture into dst (nil allocates) as a weighted
// empirical Distribution. With nothing added it is an error wrapping
// ErrTooFewPoints.
func (x *Mixer) Into(dst *Distribution) (*Distribution, error) {
	if dst == nil {
		dst = &Distribution{}
	}
	if err := dst.setSamples(x.samples, x.weights); err != nil {
		return dst, err
	}
	return dst, nil
}
