package fft

import "math"

// maxOddRadix is the largest prime factor handled by a direct generic
// odd-radix pass. Lengths with a larger prime factor use Bluestein's
// algorithm.
const maxOddRadix = 31

// factorize splits n into the radices of the Stockham passes, in the order
// they are applied, and reports whether every factor has a direct pass.
//
// The order was chosen by counting instructions: a radix-8 pass is cheapest
// where it needs no per-block setup, that is first (stride 1) or last (no
// twiddles); radix-4 passes are cheapest in between. Odd factors come last,
// in increasing order, so that a radix-5 or larger butterfly runs without
// twiddles when it can.
func factorize(n int) (radices []int, ok bool) {
	k := 0
	for n%2 == 0 {
		n /= 2
		k++
	}
	switch {
	case k == 1:
		radices = append(radices, 2)
	case k == 2 || k == 4:
		radices = append(radices, 4, 4)[:k/2]
	case k%2 == 1: // 8·4^a
		radices = append(radices, 8)
		for k -= 3; k > 0; k -= 2 {
			radices = append(radices, 4)
		}
	case k >= 6: // 8·4^a·8
		radices = append(radices, 8)
		for k -= 6; k > 0; k -= 2 {
			radices = append(radices, 4)
		}
		radices = append(radices, 8)
	}
	for f := 3; f*f <= n; f += 2 {
		for n%f == 0 {
			if f > maxOddRadix {
				return nil, false
			}
			radices = append(radices, f)
			n /= f
		}
	}
	if n > 1 {
		if n > maxOddRadix {
			return nil, false
		}
		radices = append(radices, n)
	}
	return radices, true
}

// bluesteinLength returns the inner transform length for a Bluestein
// transform of length n: the 2,3,5-smooth m ≥ 2n-1 with the least estimated
// cost m·(10·a + 14.5·(b·log₂3 + c·log₂5)) for m = 2^a·3^b·5^c. The weights
// are measured instructions per point per bit of the radix-8/4 passes and
// of the radix-3 and radix-5 passes, so a power of two usually wins unless
// a smooth length is much shorter.
func bluesteinLength(n int) int {
	lo := 2*n - 1
	best, bestCost := 0, math.Inf(1)
	for p5, c := 1, 0; p5 < 2*lo; p5, c = p5*5, c+1 {
		for p35, b := p5, 0; p35 < 2*lo; p35, b = p35*3, b+1 {
			m, a := p35, 0
			for m < lo {
				m *= 2
				a++
			}
			cost := float64(m) * (10*float64(a) + 14.5*(float64(b)*math.Log2(3)+float64(c)*math.Log2(5)))
			if cost < bestCost {
				best, bestCost = m, cost
			}
		}
	}
	return best
}

// expi returns exp(-2πi·k/n). The angle is folded into [0, π/4] with exact
// integer arithmetic before Sincos, so quarter turns are exact and every
// twiddle is accurate to about one ulp.
func expi(k, n int) complex128 {
	k %= n
	if k < 0 {
		k += n
	}
	// θ = 2π·a/d, in 64 bits so that 8·d cannot overflow on 32-bit targets.
	a, d := int64(k), int64(n)
	negSin, negCos, swap := false, false, false
	if 2*a > d { // θ in (π, 2π): use 2π-θ
		a = d - a
		negSin = true
	}
	if 4*a > d { // θ in (π/2, π]: use π-θ
		a, d = d-2*a, 2*d
		negCos = true
	}
	if 8*a > d { // θ in (π/4, π/2]: use π/2-θ
		a, d = d-4*a, 4*d
		swap = true
	}
	s, c := math.Sincos(2 * math.Pi * float64(a) / float64(d))
	if swap {
		s, c = c, s
	}
	if negCos {
		c = -c
	}
	if !negSin {
		s = -s // forward sign: exp(-iθ)
	}
	return complex(c, s)
}

// unitRoots returns w[k] = exp(-2πi·k/n) for k < n. Only the first octant
// (or quadrant, or half, as the divisibility of n allows) is computed with
// Sincos; the rest follows by exact reflections, which makes building a
// plan several times cheaper.
func unitRoots(n int) []complex128 {
	w := make([]complex128, n)
	direct := n - 1
	switch {
	case n%8 == 0:
		direct = n / 8
	case n%4 == 0:
		direct = n / 4
	case n%2 == 0:
		direct = n / 2
	}
	for k := 0; k <= direct && k < n; k++ {
		w[k] = expi(k, n)
	}
	if n%8 == 0 { // θ = π/2 - φ
		for k := n/8 + 1; k <= n/4; k++ {
			v := w[n/4-k]
			w[k] = complex(-imag(v), -real(v))
		}
	}
	if n%4 == 0 { // θ = π - φ
		for k := n/4 + 1; k <= n/2; k++ {
			v := w[n/2-k]
			w[k] = complex(-real(v), imag(v))
		}
	}
	if n%2 == 0 { // θ = 2π - φ
		for k := n/2 + 1; k < n; k++ {
			v := w[n-k]
			w[k] = complex(real(v), -imag(v))
		}
	}
	return w
}
