package order

import "fmt"

// AngleSignal is a signal sampled uniformly in shaft angle.
type AngleSignal struct {
	Samples       []float64 // the signal at angles Start + i/SamplesPerRev
	SamplesPerRev int       // samples per revolution
	Start         float64   // angle of Samples[0], in revolutions
}

// Revolutions returns the length of the signal in revolutions.
func (s AngleSignal) Revolutions() float64 {
	return float64(len(s.Samples)) / float64(s.SamplesPerRev)
}

// maxAngleSamples bounds the output of ResampleToAngle (2^28 samples, 2 GiB).
const maxAngleSamples = 1 << 28

// ResampleToAngle resamples the whole signal x, sampled at cfg.Rate Hz,
// from time (sample 0 at 0 s) to the shaft angle given by angle, with a
// Resampler built from cfg. Errors wrap ErrSampleRate, ErrSpeed (also for
// an angle that would need more than 2^28 output samples), ErrConfig,
// ErrNotFinite or ErrTooFewRevolutions (fewer than one output sample).
func ResampleToAngle(x []float64, angle *ShaftAngle, cfg ResamplerConfig) (AngleSignal, error) {
	r, err := NewResampler(cfg)
	if err != nil {
		return AngleSignal{}, err
	}
	if len(x) < 2 {
		return AngleSignal{}, fmt.Errorf("%w: %d samples", ErrTooFewRevolutions, len(x))
	}
	rev := angle.Sample(make([]float64, len(x)), 0, cfg.SampleRate)
	outputs := float64(r.Config().SamplesPerRev) * (rev[len(rev)-1] - rev[0])
	if !(outputs < maxAngleSamples) {
		return AngleSignal{}, fmt.Errorf("%w: %v revolutions in %d samples would need %.3g angle samples (at most %d)",
			ErrSpeed, rev[len(rev)-1]-rev[0], len(x), outputs, maxAngleSamples)
	}
	out, err := r.Push(make([]float64, 0, int(outputs)+2), x, rev)
	if err != nil {
		return AngleSignal{}, err
	}
	out = append(out, r.Flush(nil)...)
	if len(out) == 0 {
		return AngleSignal{}, fmt.Errorf("%w: the signal spans %v rev", ErrTooFewRevolutions, rev[len(rev)-1]-rev[0])
	}
	return AngleSignal{Samples: out, SamplesPerRev: r.Config().SamplesPerRev, Start: r.Start()}, nil
}
