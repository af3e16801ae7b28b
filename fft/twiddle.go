package fft

import "math"

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
