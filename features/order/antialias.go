package order

import (
	"fmt"
	"math"
)

// MaxTaps is the longest anti-alias filter a Resampler accepts.
const MaxTaps = 4095

// ResamplerConfig configures an angular Resampler.
type ResamplerConfig struct {
	// SampleRate is the input sample rate in Hz.
	SampleRate float64
	// SamplesPerRev is the number of output samples per shaft revolution
	// (≥ 4); the output's Nyquist order is SamplesPerRev/2.
	SamplesPerRev int
	// MinSpeedHz is the lowest shaft speed, in Hz, the resampler must serve
	// without aliasing: at speed s the angular sampling runs at
	// SamplesPerRev·s Hz.
	MinSpeedHz float64
	// CutoffHz is the cutoff of the anti-alias low-pass filter, in Hz
	// (−6 dB point); 0 means 0.4·SamplesPerRev·MinSpeedHz (80 % of the
	// Nyquist frequency of the angular sampling at the lowest speed), at
	// most 0.45·Rate.
	CutoffHz float64
	// Taps is the length of the filter (odd, ≥ 3); 0 chooses the length of
	// a Hamming-windowed sinc whose transition band, about 3.3·Rate/Taps Hz
	// wide, ends where the angular sampling at MinSpeedHz would fold
	// frequencies back onto the cutoff (SamplesPerRev·MinSpeedHz −
	// CutoffHz), or at Rate/2.
	Taps int
}

// withDefaults checks c and fills its defaults.
func (c ResamplerConfig) withDefaults() (ResamplerConfig, error) {
	if err := checkRate(c.SampleRate); err != nil {
		return c, err
	}
	if c.SamplesPerRev < 4 {
		return c, fmt.Errorf("%w: ResamplerConfig.SamplesPerRev = %d, want ≥ 4", ErrConfig, c.SamplesPerRev)
	}
	if !(c.MinSpeedHz > 0) || math.IsInf(c.MinSpeedHz, 0) {
		return c, fmt.Errorf("%w: ResamplerConfig.MinSpeedHz = %v", ErrSpeed, c.MinSpeedHz)
	}
	angNyq := float64(c.SamplesPerRev) * c.MinSpeedHz / 2
	if c.CutoffHz == 0 {
		c.CutoffHz = min(0.8*angNyq, 0.45*c.SampleRate)
	}
	if !(c.CutoffHz > 0 && c.CutoffHz < c.SampleRate/2) {
		return c, fmt.Errorf("%w: ResamplerConfig.CutoffHz = %v, want in (0, %v) Hz", ErrConfig, c.CutoffHz, c.SampleRate/2)
	}
	if c.Taps == 0 {
		stop := min(2*angNyq-c.CutoffHz, c.SampleRate/2)
		if stop <= c.CutoffHz {
			return c, fmt.Errorf("%w: ResamplerConfig.CutoffHz = %v Hz leaves no transition band below %v Hz", ErrConfig, c.CutoffHz, stop)
		}
		c.Taps = int(math.Ceil(3.3*c.SampleRate/(stop-c.CutoffHz))) | 1
	}
	if c.Taps < 3 || c.Taps%2 == 0 || c.Taps > MaxTaps {
		return c, fmt.Errorf("%w: ResamplerConfig.Taps = %d, want odd, ≥ 3 and ≤ %d (raise MinSpeedHz or SamplesPerRev for a wider transition band)", ErrConfig, c.Taps, MaxTaps)
	}
	return c, nil
}

// LowPass returns the taps of the linear-phase FIR low-pass filter with n
// (odd) taps and cutoff cutoffHz at rate Hz: a Hamming-windowed sinc scaled
// to unit gain at 0 Hz, as scipy.signal.firwin(n, cutoffHz, fs=rate). It is
// the anti-alias filter of the Resampler at integer sample positions. Errors
// wrap ErrSampleRate or ErrConfig.
func LowPass(n int, cutoffHz, rate float64) ([]float64, error) {
	if err := checkRate(rate); err != nil {
		return nil, err
	}
	if n < 1 || n%2 == 0 || !(cutoffHz > 0 && cutoffHz < rate/2) {
		return nil, fmt.Errorf("%w: low-pass of %d taps at %v Hz, rate %v Hz: want odd taps and 0 < cutoff < rate/2", ErrConfig, n, cutoffHz, rate)
	}
	h := make([]float64, n)
	windowedSinc(h, 2*cutoffHz/rate, (n-1)/2, 0)
	return h, nil
}

// windowedSinc writes into h the taps h[j] = c·sinc(c·d)·w(d), d = half + α −
// j, of a Hamming-windowed sinc low-pass centred at half + α samples (w(d) =
// 0.54 + 0.46·cos(π·d/half) for |d| ≤ half, 0 outside), c the cutoff over
// the Nyquist frequency, normalised to unit sum.
func windowedSinc(h []float64, c float64, half int, alpha float64) {
	var sum float64
	for j := range h {
		d := float64(half) + alpha - float64(j)
		if math.Abs(d) > float64(half) {
			h[j] = 0
			continue
		}
		v := c
		if d != 0 {
			v = math.Sin(math.Pi*c*d) / (math.Pi * d)
		}
		if half > 0 {
			v *= 0.54 + 0.46*math.Cos(math.Pi*d/float64(half))
		}
		h[j] = v
		sum += v
	}
	for j := range h {
		h[j] /= sum
	}
}
