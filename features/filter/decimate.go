package filter

import (
	"fmt"
	"math"
	"math/cmplx"
)

// cheby1Lowpass designs the digital Chebyshev type I low-pass filter of
// the given order with pass-band ripple rippleDB dB and cutoff wn (a
// fraction of the Nyquist frequency, 0 < wn < 1), as
// scipy.signal.cheby1(order, rippleDB, wn, output='sos'): the analogue
// prototype of scipy's cheb1ap, then the steps of butter.
func cheby1Lowpass(order int, rippleDB, wn float64) SOS {
	eps := math.Sqrt(math.Pow(10, 0.1*rippleDB) - 1)
	mu := 1 / float64(order) * math.Asinh(1/eps)
	p := make([]complex128, order)
	prod := complex(1, 0)
	for i := range p {
		theta := math.Pi * float64(-order+1+2*i) / float64(2*order)
		p[i] = -cmplx.Sinh(complex(mu, theta))
		prod *= -p[i]
	}
	k := real(prod)
	if order%2 == 0 {
		k /= math.Sqrt(1 + eps*eps)
	}
	return digital(p, k, lowpass, 2, wn, 0)
}

// Decimate filters x with scipy.signal.decimate's default anti-aliasing
// filter — an order-8 Chebyshev type I low-pass with 0.05 dB ripple and
// its cutoff at 0.8 of the new Nyquist frequency, run forward and
// backward (FiltFilt) for zero phase — and keeps every q-th sample,
// starting with the first, as scipy.signal.decimate(x, q). The ⌈len(x)/q⌉
// samples go into dst (nil: allocated) and dst is returned. For the FIR
// variant (ftype='fir') use NewDecimator.
//
// It returns an error wrapping ErrConfig if q is below 2 or above 1000,
// and one wrapping ErrInput for a NaN or ±Inf sample or a signal too short
// for FiltFilt (27 samples or fewer). It panics if a non-nil dst has a
// length other than ⌈len(x)/q⌉. It allocates the filtered signal.
func Decimate(dst, x []float64, q int) ([]float64, error) {
	if q < 2 || q > 1000 {
		return dst, errorf(ErrConfig, "decimation factor %d: want 2 to 1000", q)
	}
	nOut := (len(x) + q - 1) / q
	if dst != nil && len(dst) != nOut {
		panic(fmt.Sprintf("filter: destination length %d, want %d", len(dst), nOut))
	}
	y, err := FiltFilt(nil, x, cheby1Lowpass(8, 0.05, 0.8/float64(q)))
	if err != nil {
		return dst, err
	}
	if dst == nil {
		dst = make([]float64, nOut)
	}
	for i := range dst {
		dst[i] = y[i*q]
	}
	return dst, nil
}
