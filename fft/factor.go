package fft

import "math"

// maxOddRadix is the largest prime factor handled by a direct generic
// odd-radix pass. Lengths with a larger prime factor use Bluestein's
// algorithm.
const maxOddRadix = 31

// factorize splits n into the radices of the Stockham passes of a complex
// plan, in the order they are applied; see factorizeFor.
func factorize(n int) []int { return factorizeFor(n, false) }

// factorizeFor splits n into the radices of the Stockham passes, in the
// order they are applied; packed is set for the half-length plan of a real
// transform, whose first radix-8 pass reads the real samples directly
// (pass8Real). Prime factors above maxOddRadix come last, in increasing
// order; they need a Rader pass (see rader) or, if the planner finds that
// dearer, Bluestein's algorithm for the whole length.
//
// The order was chosen by timing transforms (best of interleaved rounds
// on one pinned core): 8·4^a for an odd power of two 2^k, k ≥ 3, took
// 3-12 % less time than the 8·8·4^a·8 that instruction counts had
// favoured (chosen on the half lengths of the real transforms of 1024 to
// 65536 points, confirmed on 2¹⁷ and 2¹⁹); a factor 2⁴ beside odd factors
// is 8·2 rather than 4·4 (5-12 % less, chosen on 6000, confirmed on
// 10000, 2160 and 48). An even power 12 ≤ k ≤ 18 is 4^(k/2) in a complex
// plan (2-7 % less than 8·4^a·8 in BenchmarkFactorOrdersComplex; chosen
// on 2¹², 2¹⁴, 2¹⁶, 2¹⁸, 20480 and 36864, confirmed on 102400 and 49152),
// but stays 8·4^a·8 in a packed one, whose first pass also packs the
// samples, and for other even k ≥ 6 (4^(k/2) took 2-11 % more at k = 6,
// 8 and 10, and was within 4 % at k = 20). Odd factors come last, in increasing order, so that a radix-5
// or larger butterfly runs without twiddles when it can.
func factorizeFor(n int, packed bool) (radices []int) {
	k := 0
	for n%2 == 0 {
		n /= 2
		k++
	}
	switch {
	case k == 1:
		radices = append(radices, 2)
	case k == 2:
		radices = append(radices, 4)
	case k == 4 && n > 1:
		radices = append(radices, 8, 2)
	case k == 4:
		radices = append(radices, 4, 4)
	case k%2 == 1: // 8·4^a
		radices = append(radices, 8)
		for k -= 3; k > 0; k -= 2 {
			radices = append(radices, 4)
		}
	case k%2 == 0 && k >= 12 && k <= 18 && !packed: // 4^(k/2)
		for ; k > 0; k -= 2 {
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
			radices = append(radices, f)
			n /= f
		}
	}
	if n > 1 {
		radices = append(radices, n)
	}
	return radices
}

// bluesteinLength returns the circular convolution length m of a
// Bluestein transform of length n: smoothLength(2n-1).
func bluesteinLength(n int) int { return smoothLength(2*n - 1) }

// smoothLength returns the 2,3,5-smooth m ≥ lo with the least estimated
// cost m·(10·a + 14.5·(b·log₂3 + c·log₂5)) for m = 2^a·3^b·5^c. The weights
// are measured instructions per point per bit of the radix-8/4 passes and
// of the radix-3 and radix-5 passes, so a power of two usually wins unless
// a smooth length is much shorter.
func smoothLength(lo int) int {
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
