package fft

import "math"

// The planner chooses, for a length n with a prime factor above
// maxOddRadix, between a Stockham transform with one Rader pass per such
// factor and Bluestein's algorithm for the whole length, and for each Rader
// pass between a cyclic convolution of length p-1 and a zero-padded one of
// a 2,3,5-smooth length. It compares estimated instruction counts: the
// weights below are instructions per point, measured for the radix 2-8
// passes (see smoothLength) and fitted to timings for the rest (about
// 0.045 ns each on the machine they were measured on).

// passCost is the estimated cost per point of a direct pass of radix r.
func passCost(r int) float64 {
	switch r {
	case 2, 4, 8:
		return 10 * math.Log2(float64(r))
	case 3, 5, 7:
		// Radix 7 was timed, not counted: a 7 in 4410, 28672, 44100 and
		// 49000 cost 38-48 by this scale against 14.5·log₂7 ≈ 41.
		return 14.5 * math.Log2(float64(r))
	}
	return 5*float64(r) + 40 // generic odd pass (11..31), fitted to r = 7..31
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
			c += (2*inner+15*float64(r))/float64(r) + 60
		} else {
			c += passCost(r)
		}
	}
	return float64(n) * c
}

// bluesteinCost is the estimated cost of a Bluestein transform of length
// n: its padded convolution, the copy of the chirped input into it, and
// the chirp products.
func bluesteinCost(n int) float64 {
	m := bluesteinLength(n)
	return padConvCost(m) + 2*float64(m) + 15*float64(n)
}

// padConvCost is the estimated cost of a padded convolution of length m
// (see padConv): two transforms of m and the zeroing and kernel product.
func padConvCost(m int) float64 {
	return 2*stockhamCost(m, factorize(m)) + 8*float64(m)
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
// prime p, p-1 or the cheapest 2,3,5-smooth length ≥ 2p-3, and the
// estimated cost of one inner transform of that length.
func raderLength(p int) (m int, cost float64) {
	_, _, cyclic := choosePlan(p - 1)
	m = smoothLength(2*p - 3)
	padded := padConvCost(m) / 2 // per transform, as cyclic
	if cyclic <= padded {
		return p - 1, cyclic
	}
	return m, padded
}
