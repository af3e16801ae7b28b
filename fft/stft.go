package fft

import "fmt"

// STFT is a short-time Fourier transform: frames of the window's length L,
// frame i starting at sample i·hop, no padding at either end, so that n
// samples give (n−L)/hop+1 frames and the samples after the last whole
// frame are not used. It is immutable and safe for concurrent use. With a
// dst of the right length the plain methods allocate nothing while their
// scratch pool holds a buffer, and the …Work methods, with caller-owned
// scratch (see Work), allocate nothing at all.
type STFT struct {
	f   *frame
	hop int
}

// NewSTFT returns an STFT with window w (copied) and a hop of hop samples
// between frame starts. It returns an error wrapping ErrConfig if hop < 1
// or w is nil, empty, holds non-finite coefficients or sums to zero or
// less, and one wrapping ErrLength if w is longer than MaxLength.
func NewSTFT(w *Window, hop int) (*STFT, error) {
	if hop < 1 {
		return nil, fmt.Errorf("%w: STFT hop %d, want ≥ 1", ErrConfig, hop)
	}
	f, err := newFrame(w, "STFT")
	if err != nil {
		return nil, err
	}
	return &STFT{f: f, hop: hop}, nil
}

// Frames returns the number of frames in n samples: (n−L)/hop+1, or 0
// when n < L.
func (s *STFT) Frames(n int) int {
	if n < s.f.n() {
		return 0
	}
	return (n-s.f.n())/s.hop + 1
}

// Bins returns L/2+1, the number of non-negative-frequency bins per frame;
// bin k is at k·fs/L Hz (see Freqs).
func (s *STFT) Bins() int { return s.f.bins() }

// Transform writes the real transform of every windowed frame of x into
// dst, row-major with Frames(len(x)) rows of Bins() bins, and returns dst.
// The bins are unscaled: X[i][k] = Σ_j w[j]·x[i·hop+j]·exp(−2πi·jk/L).
// A nil dst is allocated. Transform returns an error if x is shorter than
// one frame, and panics if a non-nil dst's length is not
// Frames(len(x))·Bins(). NaN or Inf in x propagate to the frames holding
// them.
func (s *STFT) Transform(dst []complex128, x []float64) ([]complex128, error) {
	w := s.f.pool.get()
	dst, err := s.TransformWork(dst, x, w)
	s.f.pool.put(w)
	return dst, err
}

// TransformWork is Transform with caller-owned scratch w from s.NewWork;
// it allocates only when dst is nil or on error.
func (s *STFT) TransformWork(dst []complex128, x []float64, w *Work) ([]complex128, error) {
	s.f.checkWork(w)
	frames := s.Frames(len(x))
	if frames == 0 {
		return dst, fmt.Errorf("%w: STFT: signal of %d samples is shorter than one frame of %d", ErrInput, len(x), s.f.n())
	}
	b := s.Bins()
	dst = sizedComplex(dst, frames*b)
	for i := 0; i < frames; i++ {
		s.f.transform(dst[i*b:(i+1)*b], x[i*s.hop:], NoDetrend, w)
	}
	return dst, nil
}

// NewWork returns scratch space for s's …Work methods.
func (s *STFT) NewWork() *Work { return s.f.newWork() }

// Spectrogram writes the power spectral density of every frame of x,
// sampled at fs Hz, into dst, row-major with Frames(len(x)) rows of Bins()
// values in units²/Hz, and returns dst. Each row is the one-sided
// periodogram of its frame, 2·|X[i][k]|²/(fs·Σw²) (DC and Nyquist not
// doubled): scipy.signal.spectrogram(x, fs, window=w, noverlap=L−hop,
// detrend=False, mode='psd') transposed, for hop ≤ L.
//
// A nil dst is allocated. Spectrogram returns an error if x is shorter
// than one frame, holds NaN or ±Inf (the error names the first), or fs is
// not a positive finite rate; it panics if a non-nil dst's length is not
// Frames(len(x))·Bins().
func (s *STFT) Spectrogram(dst []float64, x []float64, fs float64) ([]float64, error) {
	w := s.f.pool.get()
	dst, err := s.SpectrogramWork(dst, x, fs, w)
	s.f.pool.put(w)
	return dst, err
}

// SpectrogramWork is Spectrogram with caller-owned scratch w from
// s.NewWork; it allocates only when dst is nil or on error.
func (s *STFT) SpectrogramWork(dst []float64, x []float64, fs float64, w *Work) ([]float64, error) {
	s.f.checkWork(w)
	if err := checkSignal(x, s.f.n(), fs, "STFT"); err != nil {
		return dst, err
	}
	frames, b := s.Frames(len(x)), s.Bins()
	dst = sizedFloats(dst, frames*b)
	scale := s.f.scale(Density, fs)
	for i := 0; i < frames; i++ {
		bins := s.f.transform(nil, x[i*s.hop:], NoDetrend, w)
		onesidedPower(dst[i*b:(i+1)*b], bins, s.f.n(), scale, false)
	}
	return dst, nil
}
