package features

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/spindle-pdm/spindle/fft"
)

// CepstrumWhitener performs cepstrum pre-whitening (CPW) of signals of one
// length n: it sets the real cepstrum of the signal to zero everywhere but
// at quefrency zero and keeps the phase of the spectrum (Borghesani et al.,
// MSSP 36 (2013) 370-384; Randall & Sawalhi 2011). Because the real cepstrum
// is c = IFFT(log|X|), keeping only c0 = mean(log|X|) replaces every
// magnitude |X[k]| by the geometric mean G of all n magnitudes:
//
//	x_w = IFFT(G · X/|X|)
//
// which removes discrete components (gear and shaft harmonics) and the
// resonance colouring alike and leaves the impulsive bearing signature —
// the pre-processing with which Smith & Randall (MSSP 64-65 (2015) 100-131)
// diagnosed most of the CWRU data. The whitened signal keeps the unit of x.
// Bins where X is exactly zero stay zero and are left out of G.
//
// A CepstrumWhitener keeps scratch buffers, so it is not safe for
// concurrent use.
type CepstrumWhitener struct {
	n    int
	rp   *fft.RealPlan
	rw   *fft.Work // scratch of rp, owned so that GCs cannot empty it
	spec []complex128
	mag  []float64 // |spec[k]|
}

// NewCepstrumWhitener returns a whitener for signals of n samples. It
// returns an error wrapping ErrInput if n < MinEnvelopeLength or n > fft.MaxLength.
func NewCepstrumWhitener(n int) (*CepstrumWhitener, error) {
	if n < MinEnvelopeLength {
		return nil, errorf(ErrInput, "cepstrum length %d below the minimum %d", n, MinEnvelopeLength)
	}
	rp, err := fft.NewRealPlan(n)
	if err != nil {
		return nil, errorf(ErrInput, "cepstrum: %w", err)
	}
	return &CepstrumWhitener{
		n:    n,
		rp:   rp,
		rw:   rp.NewWork(),
		spec: make([]complex128, n/2+1),
		mag:  make([]float64, n/2+1),
	}, nil
}

// Len returns the signal length n the whitener was built for.
func (w *CepstrumWhitener) Len() int { return w.n }

// Whiten writes the cepstrum pre-whitened x into dst and returns it. A nil
// dst is allocated; len(x) and a non-nil len(dst) must be n, or Whiten
// panics; dst may be x. With a non-nil dst it does not allocate. It returns
// an error for a NaN or ±Inf sample, or for a signal that is all zeros.
func (w *CepstrumWhitener) Whiten(dst, x []float64) ([]float64, error) {
	dst = w.prepare(dst, x)
	if err := requireFinite(x, "signal"); err != nil {
		return dst, err
	}
	w.rp.ForwardWork(w.spec, x, w.rw)
	return w.whiten(dst)
}

// WhitenSpectrum is Whiten of the signal whose real FFT (n/2+1 bins, as
// EnvelopeAnalyzer.Spectrum computes it) is X: the same result without
// transforming the signal again. X is not modified. A nil dst is
// allocated; len(X) must be n/2+1 and a non-nil len(dst) n, or it panics.
// It returns an error for a NaN or ±Inf bin, or for an all-zero spectrum.
func (w *CepstrumWhitener) WhitenSpectrum(dst []float64, X []complex128) ([]float64, error) {
	if len(X) != len(w.spec) {
		panic(fmt.Sprintf("features: spectrum length %d, whitener wants %d", len(X), len(w.spec)))
	}
	dst = w.destination(dst)
	if err := requireFiniteBins(X, 0); err != nil {
		return dst, err
	}
	copy(w.spec, X)
	return w.whiten(dst)
}

// WhitenedSpectrum writes into dst and returns the real FFT of the
// whitened signal of WhitenSpectrum, G·X[k]/|X[k]| (X[k] where it is
// zero), without the inverse transform: the input of
// EnvelopeAnalyzer.SESOfSpectrum for the SES of the whitened signal. The
// SES equals that of the whitened signal up to the rounding of a transform
// and its inverse (≈ 1e-16 relative). dst may be X. A nil dst is
// allocated; len(X) and a non-nil len(dst) must be n/2+1, or it panics. It
// returns an error for a NaN or ±Inf bin, or for an all-zero spectrum.
func (w *CepstrumWhitener) WhitenedSpectrum(dst, X []complex128) ([]complex128, error) {
	if len(X) != len(w.spec) {
		panic(fmt.Sprintf("features: spectrum length %d, whitener wants %d", len(X), len(w.spec)))
	}
	if dst == nil {
		dst = make([]complex128, len(w.spec))
	} else if len(dst) != len(w.spec) {
		panic(fmt.Sprintf("features: spectrum destination length %d, whitener wants %d", len(dst), len(w.spec)))
	}
	if err := requireFiniteBins(X, 0); err != nil {
		return dst, err
	}
	copy(dst, X)
	return dst, w.flatten(dst)
}

// whiten writes into dst the inverse transform of w.spec, the spectrum of
// the signal, with every nonzero magnitude set to their geometric mean.
func (w *CepstrumWhitener) whiten(dst []float64) ([]float64, error) {
	if err := w.flatten(w.spec); err != nil {
		return dst, err
	}
	w.rp.InverseWork(dst, w.spec, w.rw)
	return dst, nil
}

// flatten sets every nonzero magnitude of the spectrum spec (n/2+1 bins)
// to their geometric mean, keeping the phases.
//
// The log of the geometric mean, Σ wt·log|X[k]| / Σ wt, is taken as the
// log of the product of the magnitudes, whose mantissas are multiplied
// and exponents added (math.Frexp), renormalised every 64 bins so that it
// can neither overflow nor underflow: one logarithm instead of one per bin.
func (w *CepstrumWhitener) flatten(spec []complex128) error {
	var count float64
	mant, exp := 1.0, int64(0) // int64: n·1074 passes 2^31 for the longest n
	mag := w.mag[:len(spec)]
	for k, c := range spec {
		m := cmplx.Abs(c)
		mag[k] = m
		if m == 0 {
			continue
		}
		f, e := math.Frexp(m) // f in [0.5, 1)
		if w.binWeight(k) == 2 {
			mant *= f * f
			exp += 2 * int64(e)
			count += 2
		} else {
			mant *= f
			exp += int64(e)
			count++
		}
		if k%64 == 63 {
			f, e := math.Frexp(mant)
			mant, exp = f, exp+int64(e)
		}
	}
	if count == 0 {
		return errorf(ErrInput, "cannot whiten a signal of %d zeros", w.n)
	}
	g := math.Exp((math.Log(mant) + float64(exp)*math.Ln2) / count)
	for k, c := range spec {
		if m := mag[k]; m != 0 {
			spec[k] = c * complex(g/m, 0)
		}
	}
	return nil
}

// RealCepstrum writes the real cepstrum c = IFFT(log|FFT(x)|) of x into dst
// and returns it; c[q] is at quefrency q/rate seconds. A nil dst is
// allocated; len(x) and a non-nil len(dst) must be n, or it panics. It
// returns an error for a NaN or ±Inf sample or when a spectral bin of x is
// exactly zero (log 0).
func (w *CepstrumWhitener) RealCepstrum(dst, x []float64) ([]float64, error) {
	dst = w.prepare(dst, x)
	if err := requireFinite(x, "signal"); err != nil {
		return dst, err
	}
	w.rp.ForwardWork(w.spec, x, w.rw)
	for k, c := range w.spec {
		m := cmplx.Abs(c)
		if m == 0 {
			return dst, errorf(ErrInput, "spectral bin %d of the signal is zero; its real cepstrum is undefined", k)
		}
		w.spec[k] = complex(math.Log(m), 0)
	}
	w.rp.InverseWork(dst, w.spec, w.rw)
	return dst, nil
}

func (w *CepstrumWhitener) prepare(dst, x []float64) []float64 {
	if len(x) != w.n {
		panic(fmt.Sprintf("features: signal length %d, whitener length %d", len(x), w.n))
	}
	return w.destination(dst)
}

// destination returns dst, or a new one of n values if it is nil; it
// panics if a non-nil dst does not hold n values.
func (w *CepstrumWhitener) destination(dst []float64) []float64 {
	if dst == nil {
		return make([]float64, w.n)
	}
	if len(dst) != w.n {
		panic(fmt.Sprintf("features: destination length %d, whitener length %d", len(dst), w.n))
	}
	return dst
}

// binWeight is the number of bins of the full n-point spectrum that the
// one-sided bin k stands for.
func (w *CepstrumWhitener) binWeight(k int) float64 {
	if k == 0 || 2*k == w.n {
		return 1
	}
	return 2
}
