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

// smoothAtLeast returns the smallest 2^a·3^b·5^c that is at least n.
func smoothAtLeast(n int) int {
	best := math.MaxInt
	for p5 := 1; p5 < best; p5 *= 5 {
		for p35 := p5; p35 < best; p35 *= 3 {
			m := p35
			for m < n {
				m *= 2
			}
			if m < best {
				best = m
			}
			if p35 >= n {
				break
			}
		}
		if p5 >= n {
			break
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
	// θ = 2π·a/d.
	a, d := k, n
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
