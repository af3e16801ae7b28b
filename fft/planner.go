package fft

import "math"

// The planner chooses, for a length n with a prime factor above
// maxOddRadix, between a Stockham transform with one Rader pass per such
// factor and Bluestein's algorithm for the whole length, and for each Rader
// pass between a cyclic convolution of length p-1 and one zero-padded to
// twice a 2,3,5-smooth length. It compares estimated instruction counts: the
// weights below are instructions per point, measured for the radix 2-8
// passes (see smoothLength) and fitted to timings for the rest (about
// 0.045 ns each on the machine they were measured on). The generic odd
// pass and the Rader pass's fixed cost were refitted after the radix 3-8
// kernels got faster: per-point pass times of 256·r and 2048·r against 256
// and 2048 gave 6r+52 for r = 7..31 (it was 5r+40), and Rader lengths
// (37..1289 times 256, 16·7681, 4·51473) ran 1.2-1.7 times their estimate
// with the old fixed cost of 60, which moves to 120. On the 11 lengths of
// BenchmarkRandomLengths whose choice this changed, the worst ratio to the
// nearest smooth length went from 6.1 to 5.4 (best of 2 pinned runs); 4
// of the 11 got 3-8 % slower, the rest 4-17 % faster. Neither term models
// cache misses, which the largest Rader lengths pay most.

// passCost is the estimated cost per point of a direct pass of radix r.
func passCost(r int) float64 {
	switch r {
	case 2, 4, 8:
		return 10 * math.Log2(float64(r))
	case 3, 5:
		return 14.5 * math.Log2(float64(r))
	}
	return 6*float64(r) + 52 // generic odd pass, fitted to r = 7..31
}

// stockhamCost is the estimated cost of a Stockham transform of length n
// with the given radices, Rader passes included.
func stockhamCost(n int, radices []int) float64 {
	var c float64
	for _, r := range radices {
		if r > maxOddRadix {
			_, inner := raderLength(r)
			// Per transform of length r: two inner transforms, the
			// kernel product, and the permuted gather and scatter.
			c += (2*inner+15*float64(r))/float64(r) + 120
		} else {
			c += passCost(r)
		}
	}
	return float64(n) * c
}

// bluesteinCost is the estimated cost of a Bluestein transform of length
// n: its padded convolution and the chirp products.
func bluesteinCost(n int) float64 {
	return padConvCost(bluesteinLength(n)) + 15*float64(n)
}

// padConvCost is the estimated cost of a padded convolution of length m
// (see padConv): four transforms of m/2, and the twiddle, zeroing and
// kernel products.
func padConvCost(m int) float64 {
	h := m / 2
	return 4*stockhamCost(h, factorize(h)) + 12*float64(m)
}

// choosePlan returns the radices of the Stockham passes for n, or
// useBluestein when Bluestein's algorithm is estimated to be cheaper, and
// the estimated cost of the choice.
func choosePlan(n int) (radices []int, useBluestein bool, cost float64) {
	radices = factorize(n)
	cost = stockhamCost(n, radices)
	if len(radices) > 0 && radices[len(radices)-1] > maxOddRadix {
		if b := bluesteinCost(n); b < cost {
			return nil, true, b
		}
	}
	return radices, false, cost
}

// raderLength returns the convolution length m of a Rader pass for the
// prime p, p-1 or twice the cheapest 2,3,5-smooth length ≥ p-1, and the
// estimated cost of one inner transform of that length (half the padded
// convolution).
func raderLength(p int) (m int, cost float64) {
	_, _, cyclic := choosePlan(p - 1)
	m = 2 * smoothLength(p-1)
	padded := padConvCost(m) / 2 // per transform, as cyclic
	if cyclic <= padded {
		return p - 1, cyclic
	}
	return m, padded
}
