package fft

import (
	"fmt"
	"math"
)

// WindowKind names a window function.
type WindowKind int

// The window kinds. Their coefficients are those of scipy.signal.get_window
// for the names "boxcar", "hann", "hamming", "blackman", "blackmanharris",
// "flattop", ("kaiser", β) and ("tukey", α).
const (
	Rectangular    WindowKind = iota // all ones
	Hann                             // raised cosine, 0.5 − 0.5·cos
	Hamming                          // 0.54 − 0.46·cos
	Blackman                         // three-term Blackman, 0.42/0.50/0.08
	BlackmanHarris                   // four-term minimum Blackman–Harris (−92 dB sidelobes)
	FlatTop                          // five-term flat-top, for amplitude accuracy between bins
	Kaiser                           // Kaiser–Bessel; Param is β ≥ 0
	Tukey                            // tapered cosine; Param is the taper fraction α in [0, 1]
)

var windowNames = [...]string{
	Rectangular:    "Rectangular",
	Hann:           "Hann",
	Hamming:        "Hamming",
	Blackman:       "Blackman",
	BlackmanHarris: "BlackmanHarris",
	FlatTop:        "FlatTop",
	Kaiser:         "Kaiser",
	Tukey:          "Tukey",
}

// String returns the window's name, such as "Hann".
func (k WindowKind) String() string {
	if k >= 0 && int(k) < len(windowNames) {
		return windowNames[k]
	}
	return fmt.Sprintf("WindowKind(%d)", int(k))
}

// cosineTerms holds the coefficients a_k of the sum-of-cosines windows
// w = Σ_k (−1)^k·a_k·cos(2πkj/M), exactly as scipy.signal.windows defines them.
var cosineTerms = map[WindowKind][]float64{
	Hann:           {0.5, 0.5},
	Hamming:        {0.54, 0.46},
	Blackman:       {0.42, 0.50, 0.08},
	BlackmanHarris: {0.35875, 0.48829, 0.14128, 0.01168},
	FlatTop:        {0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368},
}

// Window is a set of window coefficients of one length. Coef must be
// treated as read-only; the spectral plans built from a Window copy it.
type Window struct {
	Kind  WindowKind // the window function
	Param float64    // Kaiser β or Tukey α; zero for the other kinds
	Coef  []float64  // the n coefficients
}

// NewWindow returns the periodic ("DFT-even") window of length n, the form
// used for spectral analysis: the symmetric window of length n+1 with its
// last point dropped, as scipy.signal.get_window(…, fftbins=True).
//
// param is β for Kaiser (β ≥ 0; 8.6 resembles Blackman–Harris) and α for
// Tukey (0 ≤ α ≤ 1; 0 is rectangular, 1 is Hann); it is ignored (and
// stored as zero) for the other kinds. NewWindow returns an error wrapping
// ErrLength unless 1 ≤ n ≤ MaxLength, and one wrapping ErrConfig if param
// is out of range or not finite for Kaiser or Tukey, or if kind is unknown.
func NewWindow(kind WindowKind, n int, param float64) (*Window, error) {
	return newWindow(kind, n, param, false)
}

// NewSymmetricWindow returns the symmetric window of length n, the form
// used for filter design, as scipy.signal.get_window(…, fftbins=False).
// Its arguments and errors are those of NewWindow; in addition, a window
// whose coefficients sum to zero (the symmetric Hann, Blackman or flat-top
// of length 2, whose two points are both end points) is an error.
func NewSymmetricWindow(kind WindowKind, n int, param float64) (*Window, error) {
	return newWindow(kind, n, param, true)
}

func newWindow(kind WindowKind, n int, param float64, sym bool) (*Window, error) {
	if err := checkLength(kind.String()+" window length", n); err != nil {
		return nil, err
	}
	switch kind {
	case Kaiser:
		if !(param >= 0) || math.IsInf(param, 0) {
			return nil, fmt.Errorf("%w: Kaiser β = %v, want a finite β ≥ 0", ErrConfig, param)
		}
	case Tukey:
		if !(param >= 0 && param <= 1) {
			return nil, fmt.Errorf("%w: Tukey α = %v, want 0 ≤ α ≤ 1", ErrConfig, param)
		}
	case Rectangular, Hann, Hamming, Blackman, BlackmanHarris, FlatTop:
		param = 0
	default:
		return nil, fmt.Errorf("%w: unknown window kind %v", ErrConfig, kind)
	}
	w := &Window{Kind: kind, Param: param, Coef: make([]float64, n)}
	// scipy returns ones for n = 1 whatever the kind.
	if n == 1 {
		w.Coef[0] = 1
		return w, nil
	}
	// A periodic window is the symmetric one of length m = n+1, truncated.
	m := n
	if !sym {
		m = n + 1
	}
	switch kind {
	case Rectangular:
		for i := range w.Coef {
			w.Coef[i] = 1
		}
	case Kaiser:
		kaiser(w.Coef, m, param)
	case Tukey:
		tukey(w.Coef, m, param)
	default:
		sumOfCosines(w.Coef, m, cosineTerms[kind])
	}
	var s, abs float64
	for _, c := range w.Coef {
		s += c
		abs += math.Abs(c)
	}
	if s <= 1e-12*abs {
		return nil, fmt.Errorf("%w: symmetric %v window of length %d sums to %.3g; it has no usable gain", ErrConfig, kind, n, s)
	}
	return w, nil
}

// sumOfCosines fills dst with the first len(dst) points of the symmetric
// window of length m ≥ 2: w[j] = Σ_k (−1)^k·a_k·cos(2πkj/(m−1)).
func sumOfCosines(dst []float64, m int, a []float64) {
	for j := range dst {
		theta := 2 * math.Pi * float64(j) / float64(m-1)
		var v, sign float64 = 0, 1
		for k, ak := range a {
			v += sign * ak * math.Cos(float64(k)*theta)
			sign = -sign
		}
		dst[j] = v
	}
}

// tukey fills dst with the first len(dst) points of the symmetric Tukey
// window of length m ≥ 2, following scipy.signal.windows.tukey exactly
// (including its integer taper width).
func tukey(dst []float64, m int, alpha float64) {
	switch {
	case alpha <= 0:
		for i := range dst {
			dst[i] = 1
		}
		return
	case alpha >= 1:
		sumOfCosines(dst, m, cosineTerms[Hann])
		return
	}
	width := int(math.Floor(alpha * float64(m-1) / 2))
	den := alpha * float64(m-1)
	for j := range dst {
		switch {
		case j <= width:
			dst[j] = 0.5 * (1 + math.Cos(math.Pi*(-1+2*float64(j)/den)))
		case j < m-width-1:
			dst[j] = 1
		default:
			dst[j] = 0.5 * (1 + math.Cos(math.Pi*(-2/alpha+1+2*float64(j)/den)))
		}
	}
}

// Len returns the number of coefficients n.
func (w *Window) Len() int { return len(w.Coef) }

// CoherentGain returns Σw/n, the factor by which the window scales the
// amplitude of a tone centred on a bin (1 for Rectangular, 0.5 for Hann).
func (w *Window) CoherentGain() float64 {
	s, _ := w.sums()
	return s / float64(len(w.Coef))
}

// ENBW returns the equivalent noise bandwidth in bins, n·Σw²/(Σw)²
// (1 for Rectangular, 1.5 for Hann): the width of the rectangular filter
// that passes the same white-noise power as the window.
func (w *Window) ENBW() float64 {
	s, s2 := w.sums()
	return float64(len(w.Coef)) * s2 / (s * s)
}

// sums returns Σw and Σw².
func (w *Window) sums() (s, s2 float64) {
	for _, c := range w.Coef {
		s += c
		s2 += c * c
	}
	return s, s2
}

// Apply writes the element-wise product of the window and src into dst and
// returns dst. A nil dst is allocated; dst may be src. Apply panics if
// len(src), or the length of a non-nil dst, is not w.Len().
func (w *Window) Apply(dst, src []float64) []float64 {
	n := len(w.Coef)
	if len(src) != n {
		panic(fmt.Sprintf("fft: Apply source length %d, window length %d", len(src), n))
	}
	if dst == nil {
		dst = make([]float64, n)
	} else if len(dst) != n {
		panic(fmt.Sprintf("fft: Apply destination length %d, window length %d", len(dst), n))
	}
	for i, c := range w.Coef {
		dst[i] = c * src[i]
	}
	return dst
}
