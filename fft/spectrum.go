package fft

import (
	"fmt"
	"math"
)

// Spectrum computes scaled single-sided spectra of frames of one length
// under one window. It is immutable and safe for concurrent use by many
// goroutines. With a dst of the right length the plain methods allocate
// nothing while their scratch pool holds a buffer, and the …Work methods,
// with caller-owned scratch (see Work), allocate nothing at all.
//
// NaN or Inf in a frame propagate to the bins of that frame; Spectrum does
// not check its input (Welch.PSD does).
type Spectrum struct {
	f *frame
}

// NewSpectrum returns a Spectrum for frames of length len(w.Coef),
// windowed by w (the coefficients are copied). It returns an error
// wrapping ErrConfig if w is nil, empty, holds non-finite coefficients or
// sums to zero or less, and one wrapping ErrLength if it is longer than
// MaxLength.
func NewSpectrum(w *Window) (*Spectrum, error) {
	f, err := newFrame(w, "Spectrum")
	if err != nil {
		return nil, err
	}
	return &Spectrum{f: f}, nil
}

// Len returns the frame length n.
func (s *Spectrum) Len() int { return s.f.n() }

// Bins returns n/2+1, the number of non-negative-frequency bins; bin k is
// at k·fs/n Hz (see Freqs).
func (s *Spectrum) Bins() int { return s.f.plan.Bins() }

// Amplitude writes the single-sided amplitude spectrum of the frame x into
// dst and returns dst: the peak amplitude, in the units of x, of the
// sinusoid each bin represents. A sine of amplitude A centred on bin k
// reads A at bin k under every window, because the magnitude is divided by
// the window's coherent gain; the DC bin reads the mean and the Nyquist bin
// (n even) the amplitude of the alternating sequence, neither doubled.
// A tone between bins reads low by the window's scalloping loss (least for
// FlatTop).
//
// A nil dst is allocated. Amplitude panics if len(x) is not Len() or a
// non-nil dst's length is not Bins().
func (s *Spectrum) Amplitude(dst, x []float64) []float64 {
	w := s.f.pool.get()
	dst = s.AmplitudeWork(dst, x, w)
	s.f.pool.put(w)
	return dst
}

// AmplitudeWork is Amplitude with caller-owned scratch w from s.NewWork;
// it allocates only when dst is nil.
func (s *Spectrum) AmplitudeWork(dst, x []float64, w *Work) []float64 {
	dst = s.f.checkIO(dst, x, w)
	bins := s.f.transform(nil, x, NoDetrend, w)
	g1 := 1 / s.f.sum
	lo, hi := doubledRange(s.f.n())
	for k, c := range bins {
		g := g1
		if k >= lo && k < hi {
			g = 2 * g1
		}
		dst[k] = g * math.Sqrt(real(c)*real(c)+imag(c)*imag(c))
	}
	return dst
}

// Power writes the single-sided power spectrum of the frame x into dst and
// returns dst: the mean-square value, in the units of x squared, of the
// sinusoid each bin represents, so that a sine of amplitude A centred on a
// bin reads A²/2 under every window. It equals
// scipy.signal.periodogram(x, window=w, detrend=False, scaling='spectrum').
//
// A nil dst is allocated. Power panics if len(x) is not Len() or a non-nil
// dst's length is not Bins().
func (s *Spectrum) Power(dst, x []float64) []float64 {
	w := s.f.pool.get()
	dst = s.PowerWork(dst, x, w)
	s.f.pool.put(w)
	return dst
}

// PowerWork is Power with caller-owned scratch w from s.NewWork; it
// allocates only when dst is nil.
func (s *Spectrum) PowerWork(dst, x []float64, w *Work) []float64 {
	dst = s.f.checkIO(dst, x, w)
	bins := s.f.transform(nil, x, NoDetrend, w)
	onesidedPower(dst, bins, s.f.n(), 1/(s.f.sum*s.f.sum), false)
	return dst
}

// NewWork returns scratch space for s's …Work methods.
func (s *Spectrum) NewWork() *Work { return s.f.newWork() }

// frame is the machinery shared by Spectrum, Welch and STFT: a private copy
// of the window with its sums, a real FFT plan, and a pool of scratch.
// Its Works hold the bins of one frame and the plan's scratch, in that
// order, as complex values, and the detrended, windowed frame as reals.
type frame struct {
	coef      []float64
	sum, sum2 float64 // Σw, Σw²
	plan      *RealPlan
	pool      workPool // Works for the plain methods
}

// newFrame validates w and builds the shared frame machinery for it; who
// names the caller in error messages.
func newFrame(w *Window, who string) (*frame, error) {
	if w == nil {
		return nil, fmt.Errorf("%w: %s: nil window", ErrConfig, who)
	}
	n := len(w.Coef)
	if n == 0 {
		return nil, fmt.Errorf("%w: %s: empty window", ErrConfig, who)
	}
	if err := checkLength(who+" window length", n); err != nil {
		return nil, err
	}
	f := &frame{coef: append([]float64(nil), w.Coef...)}
	for i, c := range f.coef {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return nil, fmt.Errorf("%w: %s: window coefficient %d is %v", ErrConfig, who, i, c)
		}
		f.sum += c
		f.sum2 += c * c
	}
	if !(f.sum > 0) {
		return nil, fmt.Errorf("%w: %s: window coefficients sum to %v, want > 0", ErrConfig, who, f.sum)
	}
	f.plan = newRealPlan(n)
	f.pool.nc, f.pool.nf = f.plan.Bins()+f.plan.work, n
	return f, nil
}

func (f *frame) n() int            { return len(f.coef) }
func (f *frame) newWork() *Work    { return newWork(f.pool.nc, f.pool.nf) }
func (f *frame) checkWork(w *Work) { w.check(f.pool.nc, f.pool.nf) }
func (f *frame) bins() int         { return f.plan.Bins() }
func (f *frame) scale(s Scaling, fs float64) float64 {
	if s == Density {
		return 1 / (fs * f.sum2)
	}
	return 1 / (f.sum * f.sum)
}

// checkIO panics unless len(x) is the frame length and w is large enough
// and returns dst, or a new slice of Bins() when dst is nil, panicking if
// its length is wrong.
func (f *frame) checkIO(dst, x []float64, w *Work) []float64 {
	f.checkWork(w)
	if len(x) != f.n() {
		panic(fmt.Sprintf("fft: frame length %d, want %d", len(x), f.n()))
	}
	return sizedFloats(dst, f.bins())
}

// transform removes the trend d from the frame x (len ≥ n), applies the
// window and writes the real transform into bins, or into w's bins when
// bins is nil, and returns the bins. w must have passed checkWork.
func (f *frame) transform(bins []complex128, x []float64, d Detrend, w *Work) []complex128 {
	nb := f.bins()
	if bins == nil {
		bins = w.c[:nb]
	}
	buf := w.f[:len(f.coef)]
	x = x[:len(f.coef)]
	switch d {
	case NoDetrend:
		for i, c := range f.coef {
			buf[i] = c * x[i]
		}
	case ConstantDetrend:
		m := mean(x)
		for i, c := range f.coef {
			buf[i] = c * (x[i] - m)
		}
	case LinearDetrend:
		// Least-squares line about the centre t = i − (n−1)/2, where Σt = 0.
		n := len(x)
		mid := float64(n-1) / 2
		m := mean(x)
		var stx float64
		for i, v := range x {
			stx += (float64(i) - mid) * v
		}
		slope := 0.0
		if n > 1 {
			nf := float64(n)
			slope = stx / (nf * (nf*nf - 1) / 12) // Σt² = n(n²−1)/12
		}
		for i, c := range f.coef {
			buf[i] = c * (x[i] - m - slope*(float64(i)-mid))
		}
	}
	f.plan.forward(bins[:nb], buf, w.c[nb:nb+f.plan.work])
	return bins
}

// onesidedPower writes, or adds when add is true, scale·|X_k|² into dst,
// doubled for every bin but DC and (n even) Nyquist, which carry no
// negative-frequency twin: scipy's one-sided convention.
func onesidedPower(dst []float64, bins []complex128, n int, scale float64, add bool) {
	lo, hi := doubledRange(n)
	for k, c := range bins {
		p := scale * (real(c)*real(c) + imag(c)*imag(c))
		if k >= lo && k < hi {
			p *= 2
		}
		if add {
			dst[k] += p
		} else {
			dst[k] = p
		}
	}
}

// doubledRange returns the bins [lo, hi) of a length-n real transform that
// stand for a positive and a negative frequency.
func doubledRange(n int) (lo, hi int) {
	hi = n/2 + 1
	if n%2 == 0 {
		hi--
	}
	return 1, hi
}

func mean(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// sizedFloats returns dst, or a new slice of length n when dst is nil, and
// panics if a non-nil dst has another length.
func sizedFloats(dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("fft: destination length %d, want %d", len(dst), n))
	}
	return dst
}

// sizedComplex is sizedFloats for complex slices.
func sizedComplex(dst []complex128, n int) []complex128 {
	if dst == nil {
		return make([]complex128, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("fft: destination length %d, want %d", len(dst), n))
	}
	return dst
}
