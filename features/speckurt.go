package features

import (
	"fmt"

	"github.com/spindle-pdm/spindle/fft"
)

// SpectralKurtosis estimates the spectral kurtosis of a signal from its
// short-time Fourier transform, with Antoni's estimator (J. Antoni, "The
// spectral kurtosis: a useful tool for characterising non-stationary
// signals", MSSP 20 (2006) 282-307):
//
//	SK(f) = ⟨|X(t, f)|⁴⟩ / ⟨|X(t, f)|²⟩² − 2
//
// the averages running over the STFT frames t. SK is about 0 for
// stationary Gaussian noise, −1 for a steady sinusoid, and large in the
// bands where impulses (bearing impacts) ring. Frequency bin k lies at
// k·rate/L Hz for a window of L samples (fft.Freqs). The DC and, for even L,
// Nyquist bins hold real STFT coefficients, for which Gaussian noise gives
// SK = 1 rather than 0, and bins within a main-lobe width of them are
// biased the same way; read SK away from the band edges.
//
// A SpectralKurtosis keeps scratch buffers, so it is not safe for
// concurrent use.
type SpectralKurtosis struct {
	stft   *fft.STFT
	work   *fft.Work // scratch of stft, owned so that GCs cannot empty it
	l, hop int
	frame  []complex128
	m2, m4 []float64
}

// MinSKFrames is the fewest STFT frames SpectralKurtosis.Compute accepts.
const MinSKFrames = 2

// NewSpectralKurtosis returns a spectral kurtosis estimator with frames
// windowed by w (for example fft.NewWindow(fft.Hann, 256, 0)) and hop
// samples between frame starts (a quarter of the window is usual). It
// returns the error of fft.NewSTFT for an invalid window or hop, and panics
// if w is nil.
func NewSpectralKurtosis(w *fft.Window, hop int) (*SpectralKurtosis, error) {
	s, err := fft.NewSTFT(w, hop)
	if err != nil {
		return nil, errorf(ErrConfig, "spectral kurtosis: %w", err)
	}
	b := s.Bins()
	return &SpectralKurtosis{
		stft:  s,
		work:  s.NewWork(),
		l:     w.Len(),
		hop:   hop,
		frame: make([]complex128, b),
		m2:    make([]float64, b),
		m4:    make([]float64, b),
	}, nil
}

// Bins returns L/2+1, the length of a spectral kurtosis.
func (s *SpectralKurtosis) Bins() int { return len(s.frame) }

// Compute writes the spectral kurtosis of x into dst and returns it. A nil
// dst is allocated; a non-nil dst must have length Bins(), or Compute
// panics. With a non-nil dst it does not allocate. It returns an error if x
// holds fewer than MinSKFrames frames or a NaN or ±Inf sample. A bin with no
// power in any frame gets SK 0.
func (s *SpectralKurtosis) Compute(dst, x []float64) ([]float64, error) {
	if dst == nil {
		dst = make([]float64, s.Bins())
	} else if len(dst) != s.Bins() {
		panic(fmt.Sprintf("features: spectral kurtosis destination length %d, want %d", len(dst), s.Bins()))
	}
	frames := s.stft.Frames(len(x))
	if frames < MinSKFrames {
		return dst, errorf(ErrInput, "spectral kurtosis of %d samples: %d frames of %d with hop %d, need at least %d",
			len(x), frames, s.l, s.hop, MinSKFrames)
	}
	if err := requireFinite(x, "signal"); err != nil {
		return dst, err
	}
	clear(s.m2)
	clear(s.m4)
	for i := 0; i < frames; i++ {
		if _, err := s.stft.TransformWork(s.frame, x[i*s.hop:i*s.hop+s.l], s.work); err != nil {
			return dst, errorf(ErrInput, "spectral kurtosis: %w", err)
		}
		for k, c := range s.frame {
			p := real(c)*real(c) + imag(c)*imag(c)
			s.m2[k] += p
			s.m4[k] += p * p
		}
	}
	inv := 1 / float64(frames)
	for k := range dst {
		m2 := s.m2[k] * inv
		if m2 == 0 {
			dst[k] = 0
			continue
		}
		dst[k] = s.m4[k]*inv/(m2*m2) - 2
	}
	return dst, nil
}
