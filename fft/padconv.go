package fft

// padConv is a circular convolution of length m with a fixed kernel: two
// transforms of length m with the kernel product between. Bluestein's
// algorithm and a zero-padded Rader pass give it at most (m+1)/2 inputs,
// zero-padded to m, and read the outputs below that, so that it computes
// a linear convolution; a cyclic Rader pass gives it m inputs.
//
// Running it instead as four transforms of m/2 (the even and odd bins of a
// half-zero input) was tried and not kept: alone it was 3-22 % faster for
// most m from 4096 to 1310720, but its extra products cost more than that
// when m/2 is 2^20, and on the 30 lengths of BenchmarkRandomLengths it did
// not lower the ratios (pinned, best of 3 on a quiet machine).
type padConv struct {
	inner *Plan        // length m
	kern  []complex128 // the kernel's m-point DFT scaled by 1/m
}

// newPadConv returns the convolution with the kernel k of length m, given
// in time and already scaled by 1/m; it overwrites k.
func newPadConv(k []complex128) *padConv {
	c := &padConv{inner: newPlan(len(k)), kern: k}
	c.inner.exec(k, k, make([]complex128, c.inner.work))
	return c
}

// len returns the convolution length m.
func (c *padConv) len() int { return len(c.kern) }

// workLen is the scratch length run needs beside its buffer.
func (c *padConv) workLen() int { return c.inner.work }

// run convolves the input held in buf[:nin], len(buf) = m, with the
// kernel, using work (length workLen) as scratch, and returns the sum of
// the inputs (the DFT's first bin, which Rader's algorithm needs). buf[j]
// then holds the conjugate of output j: the inverse transform is done as
// conj(DFT(conj(·))), and callers fold the last conjugation into their
// next step.
func (c *padConv) run(buf []complex128, nin int, work []complex128) complex128 {
	buf = buf[:len(c.kern)]
	clear(buf[nin:])
	c.inner.exec(buf, buf, work)
	dc := buf[0]
	conjProduct(buf, c.kern)
	c.inner.exec(buf, buf, work)
	return dc
}

// conjProduct sets a[i] = conj(a[i]·k[i]).
func conjProduct(a, k []complex128) {
	k = k[:len(a)]
	for i, v := range k {
		z := a[i] * v
		a[i] = complex(real(z), -imag(z))
	}
}
