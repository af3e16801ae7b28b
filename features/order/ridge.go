package order

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/fft"
)

// RidgeConfig configures the tracking of an order ridge in a spectrogram
// (TrackRidge) and the speed estimate built on it (SpeedFromVibration).
type RidgeConfig struct {
	// SampleRate is the sample rate of the vibration, in Hz.
	SampleRate float64
	// Order is the order of the tracked component: 1 for the shaft's own
	// line, the tooth count for a gear mesh, ... (> 0).
	Order float64
	// MinHz and MaxHz bound the shaft speed, in Hz (0 < MinHz < MaxHz): the
	// ridge is searched between Order·MinHz and Order·MaxHz.
	MinHz, MaxHz float64
	// FrameLen is the STFT frame length in samples; 0 means the power of
	// two at or above 4·Rate/MinHz, fine enough to tell the component from
	// its neighbours one order away at the lowest speed.
	FrameLen int
	// Hop is the STFT hop in samples; 0 means FrameLen/8.
	Hop int
	// MaxSlewHz is the fastest change of the shaft speed, in Hz per second;
	// the ridge may move by no more between frames. 0 means (MaxHz − MinHz)
	// per second.
	MaxSlewHz float64
	// BandwidthHz is the half-width, in Hz, of the band around the ridge
	// that SpeedFromVibration demodulates; 0 means 0.4·MinHz·min(Order, 1),
	// which excludes the neighbouring orders.
	BandwidthHz float64
	// SpeedWindow is the span, in samples, over which SpeedFromVibration
	// takes the slope of the refined angle as the speed; 0 means
	// FrameLen/2. Longer is less noisy, shorter follows faster changes.
	SpeedWindow int
}

// withDefaults checks c and fills its defaults.
func (c RidgeConfig) withDefaults() (RidgeConfig, error) {
	if err := checkRate(c.SampleRate); err != nil {
		return c, err
	}
	if !(c.Order > 0) || math.IsInf(c.Order, 0) {
		return c, fmt.Errorf("%w: RidgeConfig.Order = %v", ErrSpeed, c.Order)
	}
	if !(c.MinHz > 0) || !(c.MaxHz > c.MinHz) || math.IsInf(c.MaxHz, 0) {
		return c, fmt.Errorf("%w: RidgeConfig speed range [%v, %v] Hz", ErrSpeed, c.MinHz, c.MaxHz)
	}
	if c.Order*c.MaxHz >= c.SampleRate/2 {
		return c, fmt.Errorf("%w: order %v at %v Hz is above the Nyquist frequency %v Hz", ErrConfig, c.Order, c.MaxHz, c.SampleRate/2)
	}
	if c.FrameLen == 0 {
		c.FrameLen = 1
		for float64(c.FrameLen) < 4*c.SampleRate/c.MinHz {
			c.FrameLen *= 2
		}
	}
	if c.Hop == 0 {
		c.Hop = max(1, c.FrameLen/8)
	}
	if c.MaxSlewHz == 0 {
		c.MaxSlewHz = c.MaxHz - c.MinHz
	}
	if c.SpeedWindow == 0 {
		c.SpeedWindow = c.FrameLen / 2
	}
	if c.BandwidthHz == 0 {
		c.BandwidthHz = 0.4 * c.MinHz * min(c.Order, 1)
	}
	switch {
	case c.FrameLen < 8:
		return c, fmt.Errorf("%w: RidgeConfig.FrameLen = %d, want ≥ 8", ErrConfig, c.FrameLen)
	case c.Hop < 1 || c.Hop > c.FrameLen:
		return c, fmt.Errorf("%w: RidgeConfig.Hop = %d, want in [1, FrameLen]", ErrConfig, c.Hop)
	case !(c.MaxSlewHz > 0) || math.IsInf(c.MaxSlewHz, 0):
		return c, fmt.Errorf("%w: RidgeConfig.MaxSlewHz = %v", ErrConfig, c.MaxSlewHz)
	case c.SpeedWindow < 2:
		return c, fmt.Errorf("%w: RidgeConfig.SpeedWindow = %d, want ≥ 2", ErrConfig, c.SpeedWindow)
	case !(c.BandwidthHz > 0) || c.BandwidthHz >= c.SampleRate/2:
		return c, fmt.Errorf("%w: RidgeConfig.BandwidthHz = %v", ErrConfig, c.BandwidthHz)
	}
	return c, nil
}

// Ridge is an order ridge tracked in a spectrogram.
type Ridge struct {
	Time    []float64 // frame centres, s
	Hz      []float64 // frequency of the component, Hz (Order × shaft speed)
	NoiseHz []float64 // one-sided noise PSD near the ridge, units²/Hz
}

// TrackRidge follows the component of order cfg.Order through the
// spectrogram of x (Hann frames of FrameLen samples, Hop apart): the path
// through the bins between Order·MinHz and Order·MaxHz that maximizes the
// summed log power, moving at most MaxSlewHz·Order per second (a Viterbi
// search, the dynamic-programming ridge extraction of e.g. MATLAB's
// tfridge), each frame's frequency refined by a parabola through the log
// power of its bin and neighbours. The noise PSD beside the ridge is the
// median of the band's bins more than 3 bins from it, over ln 2 (the
// median of an exponential variable). Errors wrap ErrSampleRate, ErrSpeed,
// ErrConfig, ErrNotFinite or ErrTooFewRevolutions (x shorter than two
// frames).
func TrackRidge(x []float64, cfg RidgeConfig) (Ridge, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Ridge{}, err
	}
	if i := firstNonFinite(x); i >= 0 {
		return Ridge{}, fmt.Errorf("%w: sample %d is %v", ErrNotFinite, i, x[i])
	}
	w, err := fft.NewWindow(fft.Hann, cfg.FrameLen, 0)
	if err != nil {
		return Ridge{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	st, err := fft.NewSTFT(w, cfg.Hop)
	if err != nil {
		return Ridge{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	frames, bins := st.Frames(len(x)), st.Bins()
	if frames < 2 {
		return Ridge{}, fmt.Errorf("%w: %d samples hold %d frames of %d, want 2", ErrTooFewRevolutions, len(x), frames, cfg.FrameLen)
	}
	psd, err := st.Spectrogram(nil, x, cfg.SampleRate)
	if err != nil {
		return Ridge{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	df := cfg.SampleRate / float64(cfg.FrameLen)
	lo := max(1, int(math.Ceil(cfg.Order*cfg.MinHz/df)))
	hi := min(bins-2, int(cfg.Order*cfg.MaxHz/df))
	if hi < lo {
		return Ridge{}, fmt.Errorf("%w: no bin of %v Hz between %v and %v Hz", ErrConfig, df, cfg.Order*cfg.MinHz, cfg.Order*cfg.MaxHz)
	}
	jump := int(math.Ceil(cfg.Order*cfg.MaxSlewHz*float64(cfg.Hop)/cfg.SampleRate/df)) + 1
	path := viterbiRidge(psd, frames, bins, lo, hi, jump)
	r := Ridge{Time: make([]float64, frames), Hz: make([]float64, frames), NoiseHz: make([]float64, frames)}
	side := make([]float64, 0, hi-lo+1)
	for f, k := range path {
		row := psd[f*bins : (f+1)*bins]
		r.Time[f] = (float64(f*cfg.Hop) + float64(cfg.FrameLen)/2) / cfg.SampleRate
		r.Hz[f] = logParabola(row, k) * df
		side = side[:0]
		for j := lo; j <= hi; j++ {
			if j < k-3 || j > k+3 {
				side = append(side, row[j])
			}
		}
		if len(side) > 0 {
			r.NoiseHz[f] = median(side) / math.Ln2
		}
	}
	return r, nil
}

// viterbiRidge returns, per frame, the bin in [lo, hi] of the path of
// maximum summed log power that moves at most jump bins per frame.
func viterbiRidge(psd []float64, frames, bins, lo, hi, jump int) []int {
	width := hi - lo + 1
	score := make([]float64, width)
	next := make([]float64, width)
	back := make([]int32, frames*width)
	logp := func(f, w int) float64 { return math.Log(psd[f*bins+lo+w] + math.SmallestNonzeroFloat64) }
	for w := range width {
		score[w] = logp(0, w)
	}
	for f := 1; f < frames; f++ {
		for w := range width {
			best := max(0, w-jump)
			for v := best + 1; v <= min(width-1, w+jump); v++ {
				if score[v] > score[best] {
					best = v
				}
			}
			next[w] = score[best] + logp(f, w)
			back[f*width+w] = int32(best)
		}
		score, next = next, score
	}
	path := make([]int, frames)
	w := 0
	for v := range width {
		if score[v] > score[w] {
			w = v
		}
	}
	for f := frames - 1; f >= 0; f-- {
		path[f] = lo + w
		w = int(back[f*width+w])
	}
	return path
}

// logParabola returns the fractional bin of the vertex of the parabola
// through the log power of bins k−1, k, k+1.
func logParabola(p []float64, k int) float64 {
	const tiny = math.SmallestNonzeroFloat64
	a, b, c := math.Log(p[k-1]+tiny), math.Log(p[k]+tiny), math.Log(p[k+1]+tiny)
	den := a - 2*b + c
	if den >= 0 {
		return float64(k)
	}
	return float64(k) + 0.5*(a-c)/den
}
