package fft

import (
	"fmt"
	"math"
)

// Scaling selects the units of a power spectrum.
type Scaling int

const (
	// Density is power spectral density, in units² per Hz: integrating it
	// over frequency gives the signal's mean square (for white noise, its
	// variance).
	Density Scaling = iota
	// PowerSpectrum is power per bin, in units²: a sine of amplitude A on
	// a bin reads A²/2.
	PowerSpectrum
)

// Detrend selects what is removed from each segment before windowing.
type Detrend int

const (
	NoDetrend       Detrend = iota // use segments as they are
	ConstantDetrend                // subtract each segment's mean
	LinearDetrend                  // subtract each segment's least-squares line
)

// WelchConfig configures a Welch power spectral density estimator.
type WelchConfig struct {
	// Window is applied to every segment; its length is the segment length.
	Window *Window
	// Overlap is the number of samples shared by consecutive segments,
	// 0 ≤ Overlap < Window.Len(). Note that the zero value means no
	// overlap; scipy's default is half a segment.
	Overlap int
	// Scaling selects density (units²/Hz) or power spectrum (units²).
	Scaling Scaling
	// Detrend selects the per-segment trend removal.
	Detrend Detrend
}

// Welch estimates power spectra by Welch's method: the mean of the
// modified periodograms of overlapping, detrended, windowed segments. It
// matches scipy.signal.welch with the same window, noverlap, detrend and
// scaling (one-sided, average='mean', nfft equal to the segment length):
// segment i starts at sample i·(L−Overlap), and the samples after the last
// whole segment are not used.
//
// A Welch is immutable and safe for concurrent use. With a dst of the
// right length PSD allocates nothing while its scratch pool holds a
// buffer, and PSDWork, with caller-owned scratch (see Work), allocates
// nothing at all.
type Welch struct {
	f       *frame
	step    int
	scaling Scaling
	detrend Detrend
}

// NewWelch returns a Welch estimator for cfg. It returns an error
// wrapping ErrConfig if the window is nil or unusable, the overlap is
// outside [0, L), or Scaling or Detrend is not one of the defined
// constants, and one wrapping ErrLength if the window is longer than
// MaxLength.
func NewWelch(cfg WelchConfig) (*Welch, error) {
	f, err := newFrame(cfg.Window, "Welch")
	if err != nil {
		return nil, err
	}
	l := f.n()
	if cfg.Overlap < 0 || cfg.Overlap >= l {
		return nil, fmt.Errorf("%w: Welch overlap %d, want 0 ≤ overlap < segment length %d", ErrConfig, cfg.Overlap, l)
	}
	if cfg.Scaling != Density && cfg.Scaling != PowerSpectrum {
		return nil, fmt.Errorf("%w: Welch scaling %d is not Density or PowerSpectrum", ErrConfig, cfg.Scaling)
	}
	if cfg.Detrend < NoDetrend || cfg.Detrend > LinearDetrend {
		return nil, fmt.Errorf("%w: Welch detrend %d is not one of the Detrend constants", ErrConfig, cfg.Detrend)
	}
	return &Welch{f: f, step: l - cfg.Overlap, scaling: cfg.Scaling, detrend: cfg.Detrend}, nil
}

// Bins returns L/2+1, the number of non-negative-frequency bins of the
// estimate for segment length L; bin k is at k·fs/L Hz (see Freqs).
func (w *Welch) Bins() int { return w.f.bins() }

// Segments returns the number of segments PSD averages for n samples:
// (n−Overlap)/(L−Overlap), or 0 when n < L.
func (w *Welch) Segments(n int) int {
	l := w.f.n()
	if n < l {
		return 0
	}
	return (n-l)/w.step + 1
}

// PSD writes the Welch estimate of the power spectrum of x, sampled at fs
// Hz, into dst and returns dst, in units²/Hz for Density and units² for
// PowerSpectrum. A nil dst is allocated.
//
// PSD returns an error wrapping ErrInput, leaving dst unspecified, if x is
// shorter than one segment, holds NaN or ±Inf (the error names the first
// such index), or fs is not a positive finite rate. It panics if a non-nil dst's length is not
// Bins().
func (w *Welch) PSD(dst, x []float64, fs float64) ([]float64, error) {
	wk := w.f.pool.get()
	dst, err := w.PSDWork(dst, x, fs, wk)
	w.f.pool.put(wk)
	return dst, err
}

// PSDWork is PSD with caller-owned scratch wk from w.NewWork; it allocates
// only when dst is nil or on error.
func (w *Welch) PSDWork(dst, x []float64, fs float64, wk *Work) ([]float64, error) {
	w.f.checkWork(wk)
	dst = sizedFloats(dst, w.Bins())
	if err := checkSignal(x, w.f.n(), fs, "Welch"); err != nil {
		return dst, err
	}
	segs := w.Segments(len(x))
	clear(dst)
	for i := 0; i < segs; i++ {
		bins := w.f.transform(nil, x[i*w.step:], w.detrend, wk)
		onesidedPower(dst, bins, w.f.n(), 1, true)
	}
	scale := w.f.scale(w.scaling, fs) / float64(segs)
	for k := range dst {
		dst[k] *= scale
	}
	return dst, nil
}

// NewWork returns scratch space for PSDWork.
func (w *Welch) NewWork() *Work { return w.f.newWork() }

// checkSignal reports, wrapping ErrInput, a signal too short for one frame
// of length l, a non-finite sample, or a sample rate that is not positive
// and finite; who names the caller in the message.
func checkSignal(x []float64, l int, fs float64, who string) error {
	if !(fs > 0) || math.IsInf(fs, 1) {
		return fmt.Errorf("%w: %s: sample rate %v Hz, want a positive finite rate", ErrInput, who, fs)
	}
	if len(x) < l {
		return fmt.Errorf("%w: %s: signal of %d samples is shorter than one segment of %d", ErrInput, who, len(x), l)
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s: sample %d of %d is %v", ErrInput, who, i, len(x), v)
		}
	}
	return nil
}
