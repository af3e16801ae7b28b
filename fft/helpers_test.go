package fft

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
)

// refDFT is the direct O(n·len(bins)) DFT of x at the given bins, with the
// sign of the exponent given by sign (-1 forward, +1 inverse, unscaled).
// Twiddles come from exact integer index reduction, so its error is only
// the summation's.
func refDFT(x []complex128, bins []int, sign float64) []complex128 {
	n := len(x)
	out := make([]complex128, len(bins))
	for i, k := range bins {
		var sum complex128
		for j, v := range x {
			jk := int(int64(j) * int64(k) % int64(n)) // int64: j·k passes 2^31 on 32-bit CPUs
			s, c := math.Sincos(2 * math.Pi * float64(jk) / float64(n))
			sum += v * complex(c, sign*s)
		}
		out[i] = sum
	}
	return out
}

// allBins returns 0..n-1.
func allBins(n int) []int {
	b := make([]int, n)
	for i := range b {
		b[i] = i
	}
	return b
}

// someBins returns up to about 40 bins of an n-point transform: the edges,
// the middle and a deterministic spread, all < limit.
func someBins(n, limit int) []int {
	if limit <= 48 {
		return allBins(limit)
	}
	set := map[int]bool{0: true, 1: true, 2: true, limit - 1: true, limit - 2: true, n / 2 % limit: true, (n/2 + 1) % limit: true}
	r := rand.New(rand.NewPCG(uint64(n), 7))
	for len(set) < 40 {
		set[r.IntN(limit)] = true
	}
	b := make([]int, 0, len(set))
	for k := range set {
		b = append(b, k)
	}
	return b
}

// randComplex returns n deterministic pseudo-random values in [-1, 1)².
func randComplex(n int, seed uint64) []complex128 {
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]complex128, n)
	for i := range x {
		x[i] = complex(2*r.Float64()-1, 2*r.Float64()-1)
	}
	return x
}

// randReal returns n deterministic pseudo-random values in [-1, 1).
func randReal(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 2))
	x := make([]float64, n)
	for i := range x {
		x[i] = 2*r.Float64() - 1
	}
	return x
}

// widen returns x as complex values.
func widen(x []float64) []complex128 {
	c := make([]complex128, len(x))
	for i, v := range x {
		c[i] = complex(v, 0)
	}
	return c
}

// l2 returns the Euclidean norm of x, the typical size of a bin of its
// transform and the scale that transform errors are measured against.
func l2(x []complex128) float64 {
	var s float64
	for _, v := range x {
		s += real(v)*real(v) + imag(v)*imag(v)
	}
	return math.Sqrt(s)
}

// dftTol is the allowed error against refDFT relative to l2(x): the
// reference's own summation error grows like √n, the FFT's like log n.
func dftTol(n int) float64 { return 1e-15 * (2 + 0.4*math.Sqrt(float64(n))) }

// maxAbsDiff returns max_i |a[i] - b[i]|.
func maxAbsDiff(a, b []complex128) float64 {
	var m float64
	for i := range a {
		m = math.Max(m, cmplx.Abs(a[i]-b[i]))
	}
	return m
}

// maxAbs returns max_i |x[i]|.
func maxAbs(x []complex128) float64 {
	var m float64
	for _, v := range x {
		m = math.Max(m, cmplx.Abs(v))
	}
	return m
}

// testLengths are the lengths checked against the direct DFT: every n ≤ 64
// and larger ones covering each radix, the generic odd pass, Bluestein and
// mixtures.
func testLengths() []int {
	var ns []int
	for n := 1; n <= 64; n++ {
		ns = append(ns, n)
	}
	// 4096, 8192 and 16384 have complex plans of radix 4 only (see
	// factorizeFor) and real plans whose half-length plans are not.
	return append(ns, 100, 127, 243, 256, 625, 899, 961, 1000, 1001, 1024, 1536, 2048, 4096, 4097, 8192, 10007, 12000, 16384, 20480)
}

// must returns v, failing the test run with a panic if err is not nil:
// for constructors whose arguments a test knows to be valid.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
