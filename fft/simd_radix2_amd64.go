//go:build goexperiment.simd

package fft

import "unsafe"

// pass2V is pass2 for an even stride s, two columns q at a time.
func pass2V(y, x, tw []complex128, s, m int) {
	sm := s * m
	_, _ = x[2*sm-1], y[2*sm-1]
	xb, yb := addr(x), addr(y)
	rx, ry := cb*sm, cb*s // byte strides of the rows read and written
	if m == 1 {           // no twiddles
		for q := 0; ; {
			a, b := ld(xb, 0), ld(xb, rx)
			st(yb, 0, a.Add(b))
			st(yb, ry, a.Sub(b))
			if q += 2; q >= s {
				break // advance no pointer past the end of its slice
			}
			xb, yb = unsafe.Add(xb, 2*cb), unsafe.Add(yb, 2*cb)
		}
		return
	}
	tw = tw[:m]
	for p, v := range tw {
		w := bcast(v)
		xq, yq := unsafe.Add(xb, cb*s*p), unsafe.Add(yb, 2*cb*s*p)
		for q := 0; ; {
			a, b := ld(xq, 0), ld(xq, rx)
			st(yq, 0, a.Add(b))
			st(yq, ry, w.mul(a.Sub(b)))
			if q += 2; q >= s {
				break // advance no pointer past the end of its slice
			}
			xq, yq = unsafe.Add(xq, 2*cb), unsafe.Add(yq, 2*cb)
		}
	}
}
