package fft

import "math"

// kaiser fills dst with the first len(dst) points of the symmetric Kaiser
// window of length m ≥ 2: w[j] = I0(β·√(1−r²))/I0(β), r = (j−(m−1)/2)/((m−1)/2).
// The ratio is formed from exponentially scaled Bessel functions so that it
// stays finite for any finite β.
func kaiser(dst []float64, m int, beta float64) {
	half := float64(m-1) / 2
	den := besselI0e(beta)
	for j := range dst {
		r := (float64(j) - half) / half
		a := beta * math.Sqrt(math.Max(0, 1-r*r))
		dst[j] = besselI0e(a) / den * math.Exp(a-beta)
	}
}

// besselI0e returns exp(−x)·I0(x) for x ≥ 0, the exponentially scaled
// modified Bessel function of the first kind of order zero, to within a few
// ulps: by its power series for x ≤ 30 and by its asymptotic expansion
// (whose smallest term there is below 1e-25) beyond.
func besselI0e(x float64) float64 {
	if x <= 30 {
		// I0(x) = Σ_k ((x/2)^k / k!)², all terms positive.
		q := x * x / 4
		sum, term := 1.0, 1.0
		for k := 1; term > sum*1e-17; k++ {
			term *= q / float64(k*k)
			sum += term
		}
		return sum * math.Exp(-x)
	}
	// I0(x) ~ e^x/√(2πx) · Σ_k ((2k−1)!!)² / (k!·(8x)^k).
	sum, term := 1.0, 1.0
	for k := 1; k < 60; k++ {
		f := float64(2*k - 1)
		term *= f * f / (float64(k) * 8 * x)
		sum += term
		if term < sum*1e-17 {
			break
		}
	}
	return sum / math.Sqrt(2*math.Pi*x)
}
