package fft

// bluestein computes a length-n DFT with Bluestein's chirp-z identity
// jk = (j² + k² - (k-j)²)/2: X[k] = c̄[k]·Σ_j (x[j]·c̄[j])·c[k-j] with
// c[j] = exp(πi·j²/n), a circular convolution of a 2,3,5-smooth length
// m ≥ 2n-1 (see bluesteinLength and padConv), so lengths with large prime
// factors cost a few fast transforms instead of O(n²).
type bluestein struct {
	n     int
	chirp []complex128 // chirp[k] = exp(-πi·k²/n), k < n
	conv  *padConv     // with the kernel conj(chirp) wrapped to length m
}

// newBluestein precomputes the chirp and the convolution.
func newBluestein(n int) *bluestein {
	m := bluesteinLength(n)
	b := &bluestein{n: n, chirp: make([]complex128, n)}
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
	b.conv = newPadConv(kern)
	return b
}

// workLen is the scratch length exec needs.
func (b *bluestein) workLen() int { return b.conv.len() + b.conv.workLen() }

// exec writes the forward DFT of src into dst. src may be dst; work must
// have length workLen and alias neither.
func (b *bluestein) exec(dst, src, work []complex128) {
	n, m := b.n, b.conv.len()
	buf, cw := work[:m], work[m:b.workLen()]
	chirp := b.chirp[:n]
	src = src[:n]
	for k, c := range chirp {
		buf[k] = src[k] * c
	}
	b.conv.run(buf, n, cw)
	dst = dst[:n]
	for k, c := range chirp {
		z := buf[k]
		dst[k] = complex(real(z), -imag(z)) * c
	}
}
