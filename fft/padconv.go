package fft

// padConv is a circular convolution of length m = 2h with a fixed kernel,
// for inputs that are zero beyond h and outputs read only below h, as
// Bluestein's algorithm and a zero-padded Rader pass need.
//
// It runs as four transforms of length h instead of two of m: the input a
// is zero beyond h, so the even bins of its m-point DFT are the h-point DFT
// of a and the odd bins that of a[j]·w^j, w = exp(-2πi/m); and the outputs
// y[j], j < h, of the inverse are E[j] + w^j·O[j], with E and O the h-point
// transforms of the even and odd bins. That saves a radix-2 pass per
// transform and halves the working set for two extra products per point:
// BenchmarkPadConv found it 3-22 % faster than two transforms of m for m
// from 4096 to 1310720 except m = 2^19 and 2^21 (3-7 % slower; pinned,
// best of 5).
type padConv struct {
	h     int
	inner *Plan // length h
	// kern holds the kernel's m-point DFT scaled by 1/m: its even bins,
	// then its odd bins.
	kern []complex128
	tw   []complex128 // tw[j] = exp(-2πi·j/m), j < h
}

// newPadConv returns the convolution with the kernel k of even length m,
// given in time and already scaled by 1/m; it overwrites k.
func newPadConv(k []complex128) *padConv {
	m := len(k)
	h := m / 2
	full := newPlan(m)
	full.exec(k, k, make([]complex128, full.work))
	c := &padConv{h: h, inner: newPlan(h), kern: make([]complex128, m), tw: make([]complex128, h)}
	for j := range h {
		c.kern[j], c.kern[h+j] = k[2*j], k[2*j+1]
		c.tw[j] = expi(j, m)
	}
	return c
}

// len returns the convolution length m.
func (c *padConv) len() int { return 2 * c.h }

// workLen is the scratch length run needs beside its buffer.
func (c *padConv) workLen() int { return c.inner.work }

// run convolves the input held in buf[:nin], nin ≤ h, len(buf) = 2h, with
// the kernel, using work (length workLen) as scratch, and returns the sum
// of the inputs (the DFT's first bin, which Rader's algorithm needs). The
// conjugate of output j < h is then out(buf, j): the inverse transform is
// done as conj(DFT(conj(·))), and callers fold the last conjugation into
// their next step.
func (c *padConv) run(buf []complex128, nin int, work []complex128) complex128 {
	h := c.h
	e, o := buf[:h], buf[h:2*h]
	for j, w := range c.tw[:nin] {
		o[j] = e[j] * w
	}
	clear(e[nin:])
	clear(o[nin:])
	c.inner.exec(e, e, work)
	c.inner.exec(o, o, work)
	dc := e[0]
	conjProduct(e, c.kern[:h])
	conjProduct(o, c.kern[h:])
	c.inner.exec(e, e, work)
	c.inner.exec(o, o, work)
	return dc
}

// out returns the conjugate of output j < h of the convolution after run.
func (c *padConv) out(buf []complex128, j int) complex128 {
	return buf[j] + c.tw[j]*buf[c.h+j]
}

// conjProduct sets a[i] = conj(a[i]·k[i]).
func conjProduct(a, k []complex128) {
	k = k[:len(a)]
	for i, v := range k {
		z := a[i] * v
		a[i] = complex(real(z), -imag(z))
	}
}
