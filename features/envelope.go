package features

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/spindle-pdm/spindle/fft"
)

// MinEnvelopeLength is the shortest signal, in samples, that envelope
// analysis accepts.
const MinEnvelopeLength = 16

// EnvelopeAnalyzer computes squared-envelope spectra (SES) of signals of one
// length n sampled at one rate, the workhorse of rolling-element bearing
// diagnostics (Randall & Antoni, MSSP 25 (2011) 485-520).
//
// For a signal x and a frequency band [lo, hi] Hz the analyzer
//
//  1. takes the real FFT X of x;
//  2. forms the analytic band signal z = IFFT(Z) with Z[k] = 2·X[k] for the
//     positive-frequency bins lo ≤ k·df ≤ hi (weight 1 for the DC and
//     Nyquist bins, which have no negative twin) and Z[k] = 0 elsewhere —
//     an ideal (brick-wall) band-pass filter and a Hilbert transform in one
//     step; with lo = 0 and hi = rate/2 z is exactly scipy.signal.hilbert(x);
//  3. forms the squared envelope e = |z|² and removes its mean;
//  4. returns the one-sided amplitude spectrum of e: S[0] = |E[0]|/n,
//     S[k] = 2·|E[k]|/n for 0 < k < n/2 and S[n/2] = |E[n/2]|/n (n even),
//     where E = FFT(e − mean(e)) and bin k lies at k·rate/n Hz.
//
// With that scaling a squared-envelope component c·cos(2π·f·t) at a bin
// frequency f appears as a line of height c at f, in the squared unit of x
// (g² for an acceleration in g). No window is applied (rectangular), so a
// component between bins leaks as a Dirichlet kernel; the band metrics of
// MeasureBand sum band power over bins and are insensitive to that.
//
// An EnvelopeAnalyzer keeps scratch buffers, so it is not safe for
// concurrent use; build one per goroutine (plans are shared cheaply).
type EnvelopeAnalyzer struct {
	n    int
	rate float64
	rp   *fft.RealPlan
	cp   *fft.Plan
	rw   *fft.Work // scratch of rp, owned so that GCs cannot empty it
	cw   *fft.Work // scratch of cp

	spec []complex128 // n/2+1 bins of x, then of the squared envelope
	z    []complex128 // n: analytic band spectrum, then signal
	se   []float64    // n: squared envelope
}

// NewEnvelopeAnalyzer returns an analyzer for signals of n samples at
// sampleRate Hz. It returns an error wrapping ErrInput if n <
// MinEnvelopeLength or n > fft.MaxLength, or sampleRate is not a finite positive number.
func NewEnvelopeAnalyzer(n int, sampleRate float64) (*EnvelopeAnalyzer, error) {
	if n < MinEnvelopeLength {
		return nil, errorf(ErrInput, "envelope length %d below the minimum %d", n, MinEnvelopeLength)
	}
	if !(sampleRate > 0) || math.IsInf(sampleRate, 0) {
		return nil, errorf(ErrInput, "invalid sample rate %v Hz", sampleRate)
	}
	rate := sampleRate
	rp, err := fft.NewRealPlan(n)
	if err != nil {
		return nil, errorf(ErrInput, "envelope: %w", err)
	}
	cp, err := fft.NewPlan(n)
	if err != nil {
		return nil, errorf(ErrInput, "envelope: %w", err)
	}
	return &EnvelopeAnalyzer{
		n:    n,
		rate: rate,
		rp:   rp,
		cp:   cp,
		rw:   rp.NewWork(),
		cw:   cp.NewWork(),
		spec: make([]complex128, n/2+1),
		z:    make([]complex128, n),
		se:   make([]float64, n),
	}, nil
}

// Len returns the signal length n the analyzer was built for.
func (a *EnvelopeAnalyzer) Len() int { return a.n }

// SampleRate returns the sample rate in Hz.
func (a *EnvelopeAnalyzer) SampleRate() float64 { return a.rate }

// Bins returns n/2+1, the length of a squared-envelope spectrum.
func (a *EnvelopeAnalyzer) Bins() int { return a.n/2 + 1 }

// Resolution returns the bin spacing rate/n of the spectrum in Hz.
func (a *EnvelopeAnalyzer) Resolution() float64 { return a.rate / float64(a.n) }

// SquaredEnvelope writes the squared envelope |z|² of x band-passed to
// [lo, hi] Hz (see EnvelopeAnalyzer; the mean is kept) into dst and returns
// it. A nil dst is allocated; len(x) and a non-nil len(dst) must be n, or it
// panics. It returns an error, leaving dst unspecified, if the band is not
// within [0, rate/2] with lo < hi, holds no bin, or x holds NaN or ±Inf.
func (a *EnvelopeAnalyzer) SquaredEnvelope(dst, x []float64, lo, hi float64) ([]float64, error) {
	a.checkLen(x, "signal")
	if dst == nil {
		dst = make([]float64, a.n)
	}
	a.checkLen(dst, "destination")
	if err := a.transform(x); err != nil {
		return dst, err
	}
	if err := a.bandSignal(a.spec, lo, hi); err != nil {
		return dst, err
	}
	for i, v := range a.z {
		dst[i] = real(v)*real(v) + imag(v)*imag(v)
	}
	return dst, nil
}

// SES writes the squared-envelope spectrum of x band-passed to [lo, hi] Hz
// into dst and returns it; bin k lies at k·Resolution() Hz and the scaling is
// described on EnvelopeAnalyzer. Use lo = 0, hi = SampleRate()/2 for the envelope
// of the raw signal, or the band of a KurtogramResult. A nil dst is
// allocated; len(x) must be n and a non-nil len(dst) must be n/2+1, or SES
// panics. With a non-nil dst SES does not allocate. It returns an error,
// leaving dst unspecified, for a band outside [0, rate/2], an inverted or
// empty band, or a NaN or ±Inf sample.
func (a *EnvelopeAnalyzer) SES(dst, x []float64, lo, hi float64) ([]float64, error) {
	a.checkLen(x, "signal")
	dst = a.sesDst(dst)
	if err := a.transform(x); err != nil {
		return dst, err
	}
	return a.SESOfSpectrum(dst, a.spec, lo, hi)
}

// Spectrum writes the real FFT of x, its n/2+1 bins X[k] = Σ_t x[t]·
// exp(−2πi·k·t/n) (unscaled), into dst and returns it: the input of
// SESOfSpectrum (and of CepstrumWhitener.WhitenSpectrum), so that several
// bands of one signal share one transform. A nil dst is allocated; len(x)
// must be n and a non-nil len(dst) n/2+1, or it panics. It returns an error
// for a NaN or ±Inf sample.
func (a *EnvelopeAnalyzer) Spectrum(dst []complex128, x []float64) ([]complex128, error) {
	a.checkLen(x, "signal")
	if dst == nil {
		dst = make([]complex128, a.Bins())
	} else if len(dst) != a.Bins() {
		panic(fmt.Sprintf("features: spectrum destination length %d, want %d", len(dst), a.Bins()))
	}
	if err := requireFinite(x, "signal"); err != nil {
		return dst, err
	}
	a.rp.ForwardWork(dst, x, a.rw)
	return dst, nil
}

// SESOfSpectrum is SES of the signal whose Spectrum is X: the same result,
// without transforming the signal again. X is not modified. A nil dst is
// allocated with n/2+1 bins; a shorter dst receives only the first len(dst)
// bins (a caller that reads only the low frequencies of the envelope
// spectrum need not take the magnitude of the others). len(X) must be
// n/2+1, and a non-nil len(dst) between 1 and n/2+1, or it panics. It
// returns an error, leaving dst unspecified, for a band outside [0,
// rate/2], an inverted or empty band, or a NaN or ±Inf bin in the band.
func (a *EnvelopeAnalyzer) SESOfSpectrum(dst []float64, X []complex128, lo, hi float64) ([]float64, error) {
	if len(X) != a.Bins() {
		panic(fmt.Sprintf("features: spectrum length %d, want %d", len(X), a.Bins()))
	}
	if dst == nil {
		dst = make([]float64, a.Bins())
	} else if len(dst) == 0 || len(dst) > a.Bins() {
		panic(fmt.Sprintf("features: SES destination length %d, want 1 to %d", len(dst), a.Bins()))
	}
	if err := a.bandSignal(X, lo, hi); err != nil {
		return dst, err
	}
	var mean float64
	for i, v := range a.z {
		e := real(v)*real(v) + imag(v)*imag(v)
		a.se[i] = e
		mean += e
	}
	mean /= float64(a.n)
	for i := range a.se {
		a.se[i] -= mean
	}
	a.rp.ForwardWork(a.spec, a.se, a.rw)
	oneSidedAmplitude(dst, a.spec[:len(dst)], a.n)
	return dst, nil
}

// sesDst returns dst, or a new SES destination if it is nil; it panics if
// a non-nil dst does not have n/2+1 values.
func (a *EnvelopeAnalyzer) sesDst(dst []float64) []float64 {
	if dst == nil {
		return make([]float64, a.Bins())
	}
	if len(dst) != a.Bins() {
		panic(fmt.Sprintf("features: SES destination length %d, want %d", len(dst), a.Bins()))
	}
	return dst
}

// transform leaves the real FFT of x in a.spec, or returns an error for a
// NaN or ±Inf sample.
func (a *EnvelopeAnalyzer) transform(x []float64) error {
	if err := requireFinite(x, "signal"); err != nil {
		return err
	}
	a.rp.ForwardWork(a.spec, x, a.rw)
	return nil
}

// bandSignal leaves in a.z the analytic signal band-limited to [lo, hi]
// Hz of the signal whose real FFT is X.
func (a *EnvelopeAnalyzer) bandSignal(X []complex128, lo, hi float64) error {
	k0, k1, err := bandBinRange(lo, hi, a.rate, a.n)
	if err != nil {
		return err
	}
	if err := requireFiniteBins(X[k0:k1+1], k0); err != nil {
		return err
	}
	clear(a.z)
	for k := k0; k <= k1; k++ {
		w := complex(2, 0)
		if k == 0 || 2*k == a.n {
			w = 1
		}
		a.z[k] = w * X[k]
	}
	a.cp.InverseWork(a.z, a.z, a.cw)
	return nil
}

func (a *EnvelopeAnalyzer) checkLen(s []float64, what string) {
	if len(s) != a.n {
		panic(fmt.Sprintf("features: %s length %d, envelope analyzer length %d", what, len(s), a.n))
	}
}

// bandBinRange returns the first and last bin k of an n-point transform at rate
// Hz with lo ≤ k·rate/n ≤ hi, or an error naming what is wrong with the band.
func bandBinRange(lo, hi, sampleRate float64, n int) (k0, k1 int, err error) {
	nyq := sampleRate / 2
	switch {
	case math.IsNaN(lo) || math.IsNaN(hi):
		return 0, 0, errorf(ErrInput, "band [%v, %v] Hz is not a number", lo, hi)
	case lo < 0:
		return 0, 0, errorf(ErrInput, "band [%g, %g] Hz starts below 0 Hz", lo, hi)
	case hi > nyq:
		return 0, 0, errorf(ErrInput, "band [%g, %g] Hz ends above the Nyquist frequency %g Hz", lo, hi, nyq)
	case !(lo < hi):
		return 0, 0, errorf(ErrInput, "band [%g, %g] Hz is inverted or empty (need lo < hi)", lo, hi)
	}
	df := sampleRate / float64(n)
	k0, k1 = binSpan(lo, hi, df, n/2)
	if k0 > k1 {
		return 0, 0, errorf(ErrInput, "band [%g, %g] Hz holds no frequency bin (resolution %g Hz)", lo, hi, df)
	}
	return k0, k1, nil
}

// binSpan returns the first and last bin k ≤ last with lo ≤ k·df ≤ hi
// (k0 > k1 when there is none), with a tolerance of 1e-9 bin so that edges
// given as exact bin frequencies are included.
func binSpan(lo, hi, df float64, last int) (k0, k1 int) {
	return int(math.Ceil(lo/df - 1e-9)), min(int(math.Floor(hi/df+1e-9)), last)
}

// oneSidedAmplitude writes the one-sided amplitude spectrum of the n/2+1
// bins spec of an n-point real transform into dst.
func oneSidedAmplitude(dst []float64, spec []complex128, n int) {
	inv := 1 / float64(n)
	for k, c := range spec {
		s := 2 * inv
		if k == 0 || 2*k == n {
			s = inv
		}
		dst[k] = s * magnitude(c)
	}
}

// magnitude returns |c|: √(re² + im²), which is several times faster than
// math.Hypot, with Hypot's care where the squares would overflow or lose
// precision below the normal range.
func magnitude(c complex128) float64 {
	re, im := real(c), imag(c)
	m2 := re*re + im*im
	if m2 > 1e-290 && m2 < 1e290 {
		return math.Sqrt(m2)
	}
	return cmplx.Abs(c)
}

// requireFiniteBins returns an error naming the first NaN or ±Inf value of
// the spectral bins X, the first of which is bin k0. For speed it first
// sums v·0 over the bins, which is 0 unless one of them is not finite.
func requireFiniteBins(X []complex128, k0 int) error {
	var z0, z1 float64
	for _, v := range X {
		z0 += real(v) * 0
		z1 += imag(v) * 0
	}
	if z0+z1 == 0 {
		return nil
	}
	for k, v := range X {
		if cmplx.IsNaN(v) || cmplx.IsInf(v) {
			return errorf(ErrInput, "spectral bin %d is %v", k0+k, v)
		}
	}
	return nil
}

// requireFinite returns an error naming the first NaN or ±Inf sample of x.
func requireFinite(x []float64, what string) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errorf(ErrInput, "%s sample %d is %v", what, i, v)
		}
	}
	return nil
}

// SquaredEnvelopeSpectrum is a one-off SES of x sampled at sampleRate Hz,
// band-passed to [lo, hi] Hz, with the scaling of EnvelopeAnalyzer. It
// returns an error for a signal shorter than MinEnvelopeLength, an invalid
// sample rate or band, or a non-finite sample. Build an EnvelopeAnalyzer to analyse
// many signals of one length without allocating.
func SquaredEnvelopeSpectrum(x []float64, sampleRate, lo, hi float64) ([]float64, error) {
	if len(x) < MinEnvelopeLength {
		return nil, errorf(ErrInput, "signal of %d samples is too short for envelope analysis (minimum %d)", len(x), MinEnvelopeLength)
	}
	a, err := NewEnvelopeAnalyzer(len(x), sampleRate)
	if err != nil {
		return nil, err
	}
	return a.SES(nil, x, lo, hi)
}
