package fft

// bluestein computes a length-n DFT with Bluestein's chirp-z identity
// jk = (j² + k² - (k-j)²)/2: X[k] = c̄[k]·Σ_j (x[j]·c̄[j])·c[k-j] with
// c[j] = exp(πi·j²/n), a circular convolution of length m = 2h ≥ 2n-1
// (h a 2,3,5-smooth length ≥ n, see bluesteinLength), so lengths with large
// prime factors cost a few fast transforms instead of O(n²).
//
// The convolution's transforms run at length h, not m. Its input a is zero
// beyond n ≤ h, so the even bins of its m-point DFT are the h-point DFT of
// a and the odd bins that of a[j]·w^j, w = exp(-2πi/m); and only the first
// n ≤ h outputs of the inverse are needed, y[j] = E[j] + w^j·O[j], with E
// and O the h-point transforms of the even and odd bins. Four transforms of
// h do the work of two of m, with one radix-2 pass fewer each and half the
// working set.
type bluestein struct {
	n, h  int
	inner *Plan        // length h
	chirp []complex128 // chirp[k] = exp(-πi·k²/n), k < n
	tw    []complex128 // tw[j] = exp(-2πi·j/m), j < n
	// even and odd hold the even and odd bins of the m-point DFT of
	// conj(chirp) wrapped to length m, scaled by 1/m.
	even, odd []complex128
}

// newBluestein precomputes the chirp, the half-bin twiddles and the
// transformed kernel.
func newBluestein(n int) *bluestein {
	m := bluesteinLength(n)
	h := m / 2
	b := &bluestein{n: n, h: h, inner: newPlan(h)}
	b.chirp = make([]complex128, n)
	// k² mod 2n, built incrementally: (k+1)² = k² + 2k + 1.
	sq := 0
	for k := range b.chirp {
		b.chirp[k] = expi(sq, 2*n)
		sq += 2*k + 1
		sq %= 2 * n
	}
	b.tw = make([]complex128, n)
	for j := range b.tw {
		b.tw[j] = expi(j, m)
	}
	// The kernel's m-point DFT, done once at plan time with an m-point
	// plan, then split into its even and odd bins.
	kern := make([]complex128, m)
	inv := 1 / float64(m)
	for k, c := range b.chirp {
		v := scaleC(complex(real(c), -imag(c)), inv)
		kern[k] = v
		if k > 0 {
			kern[m-k] = v
		}
	}
	full := newPlan(m)
	full.exec(kern, kern, make([]complex128, full.work))
	b.even, b.odd = make([]complex128, h), make([]complex128, h)
	for k := range h {
		b.even[k], b.odd[k] = kern[2*k], kern[2*k+1]
	}
	return b
}

// workLen is the scratch length exec needs.
func (b *bluestein) workLen() int { return 2*b.h + b.inner.work }

// exec writes the forward DFT of src into dst. src may be dst; work must
// have length workLen and alias neither.
func (b *bluestein) exec(dst, src, work []complex128) {
	n, h := b.n, b.h
	e, o, iw := work[:h], work[h:2*h], work[2*h:b.workLen()]
	chirp, tw := b.chirp[:n], b.tw[:n]
	src = src[:n]
	for k, c := range chirp {
		v := src[k] * c
		e[k], o[k] = v, v*tw[k]
	}
	clear(e[n:])
	clear(o[n:])
	b.inner.exec(e, e, iw)
	b.inner.exec(o, o, iw)
	// conj(A·K): the inverse transform is done as conj(DFT(conj(·))).
	conjProduct(e, b.even)
	conjProduct(o, b.odd)
	b.inner.exec(e, e, iw)
	b.inner.exec(o, o, iw)
	dst = dst[:n]
	e, o = e[:n], o[:n]
	for k, c := range chirp {
		z := e[k] + tw[k]*o[k]
		dst[k] = complex(real(z), -imag(z)) * c
	}
}

// conjProduct sets a[k] = conj(a[k]·k[k]).
func conjProduct(a, k []complex128) {
	k = k[:len(a)]
	for i, v := range k {
		z := a[i] * v
		a[i] = complex(real(z), -imag(z))
	}
}
