package order

import (
	"fmt"

	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/fft"
)

// OrderSpectrum is a single-sided amplitude spectrum over orders (cycles
// per shaft revolution): bin k lies at order k·Resolution.
type OrderSpectrum struct {
	Amp        []float64 // amplitude per bin, in the unit of the analysed signal
	Resolution float64   // orders per bin: SamplesPerRev / number of samples
}

// Order returns the order of bin k.
func (s OrderSpectrum) Order(k int) float64 { return float64(k) * s.Resolution }

// Peak returns the order and amplitude of the largest bin among the orders
// [lo, hi], its order refined by a parabola through the bin and its
// neighbours; it returns (0, 0) when no bin lies in [lo, hi].
func (s OrderSpectrum) Peak(lo, hi float64) (order, amp float64) {
	best := -1
	for k := max(0, int(lo/s.Resolution)); k < len(s.Amp) && s.Order(k) <= hi; k++ {
		if s.Order(k) >= lo && (best < 0 || s.Amp[k] > s.Amp[best]) {
			best = k
		}
	}
	if best < 0 {
		return 0, 0
	}
	return parabolicPeak(s.Amp, best) * s.Resolution, s.Amp[best]
}

// parabolicPeak returns the fractional index of the vertex of the parabola
// through y[k−1], y[k], y[k+1] (k itself at the ends or a flat top).
func parabolicPeak(y []float64, k int) float64 {
	if k == 0 || k == len(y)-1 {
		return float64(k)
	}
	a, b, c := y[k-1], y[k], y[k+1]
	den := a - 2*b + c
	if den == 0 {
		return float64(k)
	}
	return float64(k) + 0.5*(a-c)/den
}

// OrderSpectrumOf returns the Hann-windowed amplitude spectrum of the
// angle-domain signal s (its mean removed), in orders: a component
// A·cos(2π·o·θ) on a bin reads A at order o. Errors wrap
// ErrTooFewRevolutions (fewer than 2 revolutions) or ErrNotFinite.
func OrderSpectrumOf(s AngleSignal) (OrderSpectrum, error) {
	if s.SamplesPerRev < 1 || len(s.Samples) < 2*s.SamplesPerRev {
		return OrderSpectrum{}, fmt.Errorf("%w: %v revolutions, want at least 2", ErrTooFewRevolutions, s.Revolutions())
	}
	if i := firstNonFinite(s.Samples); i >= 0 {
		return OrderSpectrum{}, fmt.Errorf("%w: angle sample %d is %v", ErrNotFinite, i, s.Samples[i])
	}
	n := len(s.Samples)
	w, err := fft.NewWindow(fft.Hann, n, 0)
	if err != nil {
		return OrderSpectrum{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	var mean float64
	for _, v := range s.Samples {
		mean += v
	}
	mean /= float64(n)
	x := make([]float64, n)
	for i, v := range s.Samples {
		x[i] = v - mean
	}
	sp, err := fft.NewSpectrum(w)
	if err != nil {
		return OrderSpectrum{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	return OrderSpectrum{
		Amp:        sp.Amplitude(nil, x),
		Resolution: float64(s.SamplesPerRev) / float64(n),
	}, nil
}

// OrderEnvelopeSpectrum returns the order spectrum of the squared envelope
// of x (sampled at cfg.Rate Hz, sample 0 at 0 s) band-passed to [lo, hi]
// Hz: the squared envelope (features.EnvelopeAnalyzer.SquaredEnvelope) is
// resampled to the shaft angle given by angle (ResampleToAngle with cfg)
// and analysed by OrderSpectrumOf. A bearing's defect lines — BPFO, BPFI,
// 2·BSF, FTF, constant multiples of the shaft speed (features.Bearing's
// Multiples) — stand at fixed orders in it however the speed changes,
// where a squared-envelope spectrum in Hz smears them over the speed range
// (Randall & Antoni, MSSP 25 (2011) 485-520, §4.3). Errors wrap
// ErrSampleRate, ErrSpeed, ErrConfig (the band), ErrNotFinite or
// ErrTooFewRevolutions.
func OrderEnvelopeSpectrum(x []float64, angle *ShaftAngle, cfg ResamplerConfig, lo, hi float64) (OrderSpectrum, error) {
	if err := checkRate(cfg.SampleRate); err != nil {
		return OrderSpectrum{}, err
	}
	if i := firstNonFinite(x); i >= 0 {
		return OrderSpectrum{}, fmt.Errorf("%w: sample %d is %v", ErrNotFinite, i, x[i])
	}
	if len(x) < features.MinEnvelopeLength {
		return OrderSpectrum{}, fmt.Errorf("%w: %d samples", ErrTooFewRevolutions, len(x))
	}
	ea, err := features.NewEnvelopeAnalyzer(len(x), cfg.SampleRate)
	if err != nil {
		return OrderSpectrum{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	env, err := ea.SquaredEnvelope(nil, x, lo, hi)
	if err != nil {
		return OrderSpectrum{}, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	a, err := ResampleToAngle(env, angle, cfg)
	if err != nil {
		return OrderSpectrum{}, err
	}
	return OrderSpectrumOf(a)
}
