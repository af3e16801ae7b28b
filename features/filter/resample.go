package filter

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/fft"
)

// KaiserBeta is the β of the Kaiser window of the anti-aliasing filter
// that NewResampler designs, scipy.signal.resample_poly's default
// window=('kaiser', 5.0).
const KaiserBeta = 5.0

// Resampler changes a signal's sample rate by the rational factor
// up/down with a polyphase FIR anti-aliasing filter, as
// scipy.signal.resample_poly(x, up, down) with its defaults (zero padding
// at the ends, padtype 'constant'). Its output for n input samples has
// Len(n) = ⌈n·up/down⌉ samples, the first aligned with the first input
// sample. A Resampler holds no signal state and may be used by several
// goroutines at once.
type Resampler struct {
	up, down int
	h        []float64 // the filter, scaled by up and zero-padded as scipy does
	preRm    int       // output samples of the full convolution dropped at the start
}

// NewResampler returns a resampler by up/down (reduced by their greatest
// common divisor) whose filter is scipy's: firwin(2·10·max(up, down) + 1,
// 1/max(up, down), window=('kaiser', 5.0)), a low-pass at the lower of the
// two Nyquist frequencies. It returns an error wrapping ErrConfig if up
// or down is below 1 or above 1 000 000.
func NewResampler(up, down int) (*Resampler, error) {
	if err := checkFactors(up, down); err != nil {
		return nil, err
	}
	g := gcd(up, down)
	up, down = up/g, down/g
	m := max(up, down)
	half := 10 * m
	w, err := fft.NewSymmetricWindow(fft.Kaiser, 2*half+1, KaiserBeta)
	if err != nil {
		return nil, errorf(ErrConfig, "resampler %d/%d: %w", up, down, err)
	}
	return newResampler(up, down, firwin(w.Coef, 1/float64(m)))
}

// NewResamplerFIR returns a resampler by up/down with the caller's FIR
// filter h (at the input rate times up), as scipy.signal.resample_poly(x,
// up, down, window=h). It returns an error wrapping ErrConfig for factors
// out of range, an empty h, or a coefficient that is NaN or ±Inf.
func NewResamplerFIR(up, down int, h []float64) (*Resampler, error) {
	if err := checkFactors(up, down); err != nil {
		return nil, err
	}
	if len(h) == 0 {
		return nil, errorf(ErrConfig, "empty FIR filter")
	}
	for i, v := range h {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errorf(ErrConfig, "FIR coefficient %d is %v", i, v)
		}
	}
	g := gcd(up, down)
	return newResampler(up/g, down/g, append([]float64(nil), h...))
}

// NewDecimator returns a resampler that keeps every q-th sample after a
// zero-phase FIR anti-aliasing filter, as scipy.signal.decimate(x, q,
// ftype='fir'): firwin(20·q + 1, 1/q, window='hamming') applied through
// resample_poly(x, 1, q, window=…). (scipy's default ftype 'iir', an
// order-8 Chebyshev I, is not provided.) It returns an error wrapping
// ErrConfig if q is below 1 or above 1 000 000.
func NewDecimator(q int) (*Resampler, error) {
	if err := checkFactors(1, q); err != nil {
		return nil, err
	}
	w, err := fft.NewSymmetricWindow(fft.Hamming, 20*q+1, 0)
	if err != nil {
		return nil, errorf(ErrConfig, "decimator by %d: %w", q, err)
	}
	return newResampler(1, q, firwin(w.Coef, 1/float64(q)))
}

// newResampler pads h as scipy's resample_poly and returns the resampler.
// h is owned by the result.
func newResampler(up, down int, h []float64) (*Resampler, error) {
	r := &Resampler{up: up, down: down}
	if up == 1 && down == 1 {
		return r, nil
	}
	half := (len(h) - 1) / 2
	for i := range h {
		h[i] *= float64(up)
	}
	nPre := down - half%down
	r.preRm = (half + nPre) / down
	// scipy pads after the filter until the full convolution covers the
	// kept outputs; that depends on the input length, so Resample
	// treats missing samples past the end as zeros instead, which gives
	// the same values.
	r.h = make([]float64, nPre+len(h))
	copy(r.h[nPre:], h)
	return r, nil
}

// Factors returns up and down, reduced.
func (r *Resampler) Factors() (up, down int) { return r.up, r.down }

// Len returns the number of output samples for n input samples,
// ⌈n·up/down⌉.
func (r *Resampler) Len(n int) int {
	return (n*r.up + r.down - 1) / r.down
}

// Resample resamples x into dst and returns dst; a nil dst is allocated
// with Len(len(x)) samples. It allocates nothing when dst is given, and
// dst must not overlap x. It returns an error wrapping ErrInput if a
// sample is NaN or ±Inf, and panics if a non-nil dst has a length other
// than Len(len(x)).
func (r *Resampler) Resample(dst, x []float64) ([]float64, error) {
	nOut := r.Len(len(x))
	if dst == nil {
		dst = make([]float64, nOut)
	} else if len(dst) != nOut {
		panic(fmt.Sprintf("filter: destination length %d, want %d", len(dst), nOut))
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return dst, errorf(ErrInput, "sample %d is %v", i, v)
		}
	}
	if r.h == nil { // up == down
		copy(dst, x)
		return dst, nil
	}
	// Output m is sample (m + preRm)·down of the convolution of h with x
	// upsampled by up: Σ h[j − i·up]·x[i] over the i with 0 ≤ j − i·up <
	// len(h), i < len(x).
	h, up := r.h, r.up
	for m := range dst {
		j := (m + r.preRm) * r.down
		iHi := min(j/up, len(x)-1)
		iLo := 0
		if d := j - len(h) + 1; d > 0 {
			iLo = (d + up - 1) / up
		}
		var s float64
		for i := iLo; i <= iHi; i++ {
			s += h[j-i*up] * x[i]
		}
		dst[m] = s
	}
	return dst, nil
}

// firwin returns the low-pass FIR of len(win) taps with cutoff fc (a
// fraction of the Nyquist frequency) and window coefficients win, scaled
// to unit gain at DC, as scipy.signal.firwin(len(win), fc, window=…).
func firwin(win []float64, fc float64) []float64 {
	n := len(win)
	alpha := 0.5 * float64(n-1)
	h := make([]float64, n)
	var s float64
	for i := range h {
		m := float64(i) - alpha
		h[i] = fc * sinc(fc*m) * win[i]
		s += h[i]
	}
	for i := range h {
		h[i] /= s
	}
	return h
}

// sinc is sin(πx)/(πx), 1 at 0, as numpy.sinc.
func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	y := math.Pi * x
	return math.Sin(y) / y
}

// checkFactors checks resampling factors.
func checkFactors(up, down int) error {
	const maxFactor = 1000000
	if up < 1 || down < 1 || up > maxFactor || down > maxFactor {
		return errorf(ErrConfig, "resampling factors %d/%d: want 1 to %d", up, down, maxFactor)
	}
	return nil
}

// gcd returns the greatest common divisor of positive a and b.
func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
