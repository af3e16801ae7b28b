package fft

// bluestein computes a length-n DFT as a circular convolution of length m
// (a 2,3,5-smooth length ≥ 2n-1, see bluesteinLength) with Bluestein's chirp-z identity
// jk = (j² + k² - (k-j)²)/2, so lengths with large prime factors cost a few
// fast transforms instead of O(n²).
type bluestein struct {
	n, m  int
	inner *Plan
	chirp []complex128 // chirp[k] = exp(-πi·k²/n), k < n
	kern  []complex128 // DFT of conj(chirp) wrapped to length m, scaled by 1/m
}

// newBluestein precomputes the chirp and its transformed kernel.
func newBluestein(n int) *bluestein {
	m := bluesteinLength(n)
	b := &bluestein{n: n, m: m, inner: newPlan(m)}
	b.chirp = make([]complex128, n)
	// k² mod 2n, built incrementally: (k+1)² = k² + 2k + 1.
	sq := 0
	for k := range b.chirp {
		b.chirp[k] = expi(sq, 2*n)
		sq += 2*k + 1
		sq %= 2 * n
	}
	kern := make([]complex128, m)
	inv := 1 / float64(m)
	for k, c := range b.chirp {
		v := scaleC(complex(real(c), -imag(c)), inv)
		kern[k] = v
		if k > 0 {
			kern[m-k] = v
		}
	}
	work := make([]complex128, b.inner.work)
	b.inner.exec(kern, kern, work)
	b.kern = kern
	return b
}

// workLen is the scratch length exec needs.
func (b *bluestein) workLen() int { return b.m + b.inner.work }

// exec writes the forward DFT of src into dst. src may be dst; work must
// have length workLen and alias neither.
func (b *bluestein) exec(dst, src, work []complex128) {
	n, m := b.n, b.m
	a, iw := work[:m], work[m:]
	in := b.inner.inputBuf(a, iw)
	chirp := b.chirp[:n]
	src = src[:n]
	for k, c := range chirp {
		in[k] = src[k] * c
	}
	clear(in[n:m])
	b.inner.exec(a, in, iw)
	// conj(A·K): the inverse transform is done as conj(DFT(conj(·))).
	kern := b.kern[:m]
	a = a[:m]
	for k, v := range kern {
		z := a[k] * v
		in[k] = complex(real(z), -imag(z))
	}
	b.inner.exec(a, in, iw)
	dst = dst[:n]
	for k, c := range chirp {
		z := a[k]
		dst[k] = complex(real(z), -imag(z)) * c
	}
}
