package features

import (
	"fmt"
	"math"
)

// MEDFilter performs minimum entropy deconvolution (MED) of signals of one
// length n: it designs the FIR filter f of L taps whose output y = f ⊛ x has
// the greatest kurtosis Σy⁴/(Σy²)², and applies it (Wiggins, Geoexploration
// 16 (1978) 21-35; Endo & Randall, MSSP 21 (2007) 906-919). A train of
// impacts blurred by a transmission path h (a structural resonance, an
// echo) is spread out and buried in noise; the filter that makes the output
// most impulsive approximates the inverse of h, so y recovers the impacts —
// sharpening the bearing signature before envelope analysis, as Smith &
// Randall (MSSP 64-65 (2015) 100-131) used it on the CWRU data.
//
// The convolution is circular (x is taken as one period of a periodic
// signal, as its FFT spectrum takes it), so the output has n samples and the
// normal equations are exactly Toeplitz. The design is Wiggins' fixed-point
// iteration: starting from a unit impulse at tap L/2, each step solves
//
//	R f = b,   R[i][j] = Σ_k x[k−i]·x[k−j],   b[l] = Σ_k y[k]³·x[k−l]
//
// (R the circular autocorrelation matrix, solved by Levinson recursion in
// O(L²)) and rescales f to unit norm, until the kurtosis of y changes by
// less than 10⁻⁴ relative or the iteration limit is reached. Each step
// costs 2·n·L multiply-adds.
//
// An MEDFilter keeps its filter and scratch buffers, so it is not safe for
// concurrent use; Deconvolve allocates nothing with a non-nil dst.
type MEDFilter struct {
	n, l, iters int
	r, b, f     []float64 // autocorrelation lags, right-hand side, filter
	v, z, yl    []float64 // Levinson scratch
	y3          []float64 // cube of the output
	kurt        float64
	steps       int
}

// medTolerance is the relative change of kurtosis at which the MED
// iteration stops.
const medTolerance = 1e-4

// NewMEDFilter returns a deconvolver for signals of n samples with filters
// of filterLen taps designed in at most iterations steps. It returns an
// error wrapping ErrConfig if filterLen < 2 or iterations < 1, or ErrInput
// if n < 2·filterLen.
func NewMEDFilter(n, filterLen, iterations int) (*MEDFilter, error) {
	if filterLen < 2 || n < 2*filterLen || iterations < 1 {
		class := ErrInput
		if filterLen < 2 || iterations < 1 {
			class = ErrConfig
		}
		return nil, errorf(class, "MED of %d samples with %d taps and %d iterations: need ≥ 2 taps, n ≥ 2·taps, ≥ 1 iteration",
			n, filterLen, iterations)
	}
	return &MEDFilter{
		n: n, l: filterLen, iters: iterations,
		r: make([]float64, filterLen), b: make([]float64, filterLen), f: make([]float64, filterLen),
		v: make([]float64, filterLen), z: make([]float64, filterLen), yl: make([]float64, filterLen),
		y3: make([]float64, n),
	}, nil
}

// Len returns the signal length n the deconvolver was built for.
func (m *MEDFilter) Len() int { return m.n }

// Taps returns the filter length L.
func (m *MEDFilter) Taps() int { return m.l }

// Filter returns the filter of the last Deconvolve (L taps, unit norm); the
// slice is the deconvolver's own and changes with the next call.
func (m *MEDFilter) Filter() []float64 { return m.f }

// Kurtosis returns the kurtosis n·Σy⁴/(Σy²)² of the last output (3 for a
// Gaussian signal, n for a single impulse).
func (m *MEDFilter) Kurtosis() float64 { return m.kurt }

// Iterations returns the number of design steps the last Deconvolve took.
func (m *MEDFilter) Iterations() int { return m.steps }

// Deconvolve designs the MED filter of x and writes its output y = f ⊛ x
// (circular convolution, n samples) into dst, which it returns. A nil dst
// is allocated; len(x) and a non-nil len(dst) must be n, or it panics; dst
// must not share memory with x. It returns an error for a NaN or ±Inf
// sample or a signal that is all zeros.
func (m *MEDFilter) Deconvolve(dst, x []float64) ([]float64, error) {
	if len(x) != m.n {
		panic(fmt.Sprintf("features: MED of %d samples given %d", m.n, len(x)))
	}
	if dst == nil {
		dst = make([]float64, m.n)
	}
	if len(dst) != m.n {
		panic(fmt.Sprintf("features: MED output of %d samples, need %d", len(dst), m.n))
	}
	if err := requireFinite(x, "signal"); err != nil {
		return dst, err
	}
	circularLags(m.r, x)
	if !(m.r[0] > 0) {
		return dst, errorf(ErrInput, "MED of an all-zero signal")
	}
	// Diagonal loading of 10⁻⁹ keeps R positive definite in floating
	// point for band-limited signals without changing the design.
	r0 := m.r[0]
	m.r[0] *= 1 + 1e-9
	clear(m.f)
	m.f[m.l/2] = 1
	m.kurt, m.steps = 0, 0
	for it := 0; it < m.iters; it++ {
		circularFIR(dst, m.f, x)
		k := kurtosisOf(dst, m.y3)
		m.steps = it + 1
		if it > 0 && math.Abs(k-m.kurt) <= medTolerance*m.kurt {
			m.kurt = k
			break
		}
		m.kurt = k
		if it == m.iters-1 {
			break
		}
		circularXCorr(m.b, m.y3, x)
		m.solveToeplitz()
		normalise(m.f)
	}
	m.r[0] = r0
	return dst, nil
}

// kurtosisOf returns n·Σy⁴/(Σy²)² and writes y³ into y3.
func kurtosisOf(y, y3 []float64) float64 {
	var s2, s4 float64
	for i, v := range y {
		v2 := v * v
		s2 += v2
		s4 += v2 * v2
		y3[i] = v2 * v
	}
	if s2 == 0 {
		return 0
	}
	return float64(len(y)) * s4 / (s2 * s2)
}

// circularLags sets r[l] = Σ_k x[k]·x[(k+l) mod n] for l < len(r).
func circularLags(r, x []float64) {
	n := len(x)
	for l := range r {
		var s float64
		for k := 0; k < n-l; k++ {
			s += x[k] * x[k+l]
		}
		for k := n - l; k < n; k++ {
			s += x[k] * x[k+l-n]
		}
		r[l] = s
	}
}

// circularFIR sets y[k] = Σ_l f[l]·x[(k−l) mod n].
func circularFIR(y, f, x []float64) {
	n := len(x)
	clear(y)
	for j, c := range f {
		if c == 0 {
			continue
		}
		// y[k] += c·x[k−j] for k ≥ j, and c·x[k−j+n] for k < j.
		axpy(y[j:], c, x[:n-j])
		axpy(y[:j], c, x[n-j:])
	}
}

// circularXCorr sets b[l] = Σ_k u[k]·x[(k−l) mod n].
func circularXCorr(b, u, x []float64) {
	n := len(x)
	for j := range b {
		b[j] = dot(u[j:], x[:n-j]) + dot(u[:j], x[n-j:])
	}
}

func axpy(y []float64, a float64, x []float64) {
	x = x[:len(y)]
	for i := range y {
		y[i] += a * x[i]
	}
}

func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

func normalise(f []float64) {
	var s float64
	for _, v := range f {
		s += v * v
	}
	if s == 0 {
		return
	}
	s = 1 / math.Sqrt(s)
	for i := range f {
		f[i] *= s
	}
}

// solveToeplitz solves R f = b for the symmetric positive definite
// Toeplitz R of first row m.r by Levinson's recursion (Golub & Van Loan,
// Matrix Computations, Algorithm 4.7.3), writing m.f.
func (m *MEDFilter) solveToeplitz() {
	n := m.l
	r0 := m.r[0]
	r := m.r[1:] // normalised below: r[i]/r0
	x, y, v, z := m.f, m.yl, m.v, m.z
	x[0] = m.b[0] / r0
	y[0] = -r[0] / r0
	beta, alpha := 1.0, -r[0]/r0
	for k := 1; k < n; k++ {
		beta *= 1 - alpha*alpha
		var s float64
		for i := 0; i < k; i++ {
			s += r[i] / r0 * x[k-1-i]
		}
		mu := (m.b[k]/r0 - s) / beta
		for i := 0; i < k; i++ {
			v[i] = x[i] + mu*y[k-1-i]
		}
		copy(x[:k], v[:k])
		x[k] = mu
		if k < n-1 {
			s = 0
			for i := 0; i < k; i++ {
				s += r[i] / r0 * y[k-1-i]
			}
			alpha = -(r[k]/r0 + s) / beta
			for i := 0; i < k; i++ {
				z[i] = y[i] + alpha*y[k-1-i]
			}
			copy(y[:k], z[:k])
			y[k] = alpha
		}
	}
}
