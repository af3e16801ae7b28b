package spindlemqtt

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/spindle-pdm/spindle/datasets"
)

// SimConfig configures a Simulator. Zero fields take the defaults in
// brackets.
type SimConfig struct {
	// Rate is the sample rate in Hz [25 600].
	Rate float64
	// FrameSamples is the number of samples per frame [Rate/10: 0.1 s].
	FrameSamples int
	// Bearing is the defect model (datasets.BearingSim) at severity 1;
	// the Simulator sets its Rate, Duration, SNR (+Inf) and Seed per frame
	// and scales its ImpactAmp by the severity [DefaultBearing()].
	Bearing *datasets.BearingSim
	// NoiseStd is the standard deviation of the white sensor noise added to
	// every frame, in g [0.05].
	NoiseStd float64
	// Severity gives the impact-amplitude multiplier (≥ 0) of frame seq;
	// nil means a healthy bearing (always 0). See Ramp.
	Severity func(seq uint64) float64
	// Seed makes the stream reproducible.
	Seed uint64
}

// DefaultBearing is an outer-race defect on a 30 Hz shaft: impacts at
// 107.5 Hz (BPFO 3.5848 × 30 Hz) with 1 % jitter, 1 g at severity 1,
// ringing a 3 kHz resonance, plus 0.05 g and 0.02 g at 1× and 2× shaft.
func DefaultBearing() datasets.BearingSim {
	return datasets.BearingSim{
		DefectFreq: 3.5848 * 30, Jitter: 0.01, ImpactAmp: 1,
		Resonances: []datasets.Resonance{{Freq: 3000, Damping: 0.05}},
		ShaftHz:    30, ShaftHarmonics: []float64{0.05, 0.02},
	}
}

// Ramp returns a Severity that is 0 before frame onset and grows
// exponentially from start by the factor e^rate per frame from onset on.
func Ramp(onset uint64, start, rate float64) func(uint64) float64 {
	return func(seq uint64) float64 {
		if seq < onset {
			return 0
		}
		return start * math.Exp(rate*float64(seq-onset))
	}
}

// Simulator generates one sensor's accelerometer frames with
// datasets.SimulateBearing: each frame is an independent draw (impact
// phase, jitter and noise seeded by Seed and the frame number) at the
// severity of its frame number.
type Simulator struct {
	cfg SimConfig
	seq uint64
}

// NewSimulator returns a Simulator, or an error naming a bad field.
func NewSimulator(cfg SimConfig) (*Simulator, error) {
	if cfg.Rate == 0 {
		cfg.Rate = 25600
	}
	if cfg.FrameSamples == 0 {
		cfg.FrameSamples = int(cfg.Rate / 10)
	}
	if cfg.Bearing == nil {
		b := DefaultBearing()
		cfg.Bearing = &b
	}
	if cfg.NoiseStd == 0 {
		cfg.NoiseStd = 0.05
	}
	if cfg.Severity == nil {
		cfg.Severity = func(uint64) float64 { return 0 }
	}
	if cfg.FrameSamples < 1 || cfg.FrameSamples > MaxFrameSamples {
		return nil, fmt.Errorf("spindlemqtt: SimConfig.FrameSamples %d, need 1 to %d", cfg.FrameSamples, MaxFrameSamples)
	}
	if !(cfg.NoiseStd >= 0) || math.IsInf(cfg.NoiseStd, 0) {
		return nil, fmt.Errorf("spindlemqtt: SimConfig.NoiseStd %v g, need a finite value ≥ 0", cfg.NoiseStd)
	}
	s := &Simulator{cfg: cfg}
	if _, err := s.bearing(0, 1); err != nil { // validate the bearing model once
		return nil, err
	}
	return s, nil
}

// Rate returns the sample rate in Hz.
func (s *Simulator) Rate() float64 { return s.cfg.Rate }

// bearing simulates frame seq at severity sev.
func (s *Simulator) bearing(seq uint64, sev float64) ([]float64, error) {
	b := *s.cfg.Bearing
	b.SampleRate = s.cfg.Rate
	b.Duration = (float64(s.cfg.FrameSamples) + 0.5) / s.cfg.Rate // +0.5: no rounding down
	b.SNR = math.Inf(1)
	b.ImpactAmp *= sev
	b.Seed = s.cfg.Seed ^ (seq * 0x9e3779b97f4a7c15)
	x, _, err := datasets.SimulateBearing(b)
	if err != nil {
		return nil, fmt.Errorf("spindlemqtt: simulator frame %d: %w", seq, err)
	}
	return x[:s.cfg.FrameSamples], nil
}

// Next writes the next frame into dst, reusing dst.Samples.
func (s *Simulator) Next(dst *Frame) error {
	sev := s.cfg.Severity(s.seq)
	if !(sev >= 0) || math.IsInf(sev, 0) {
		return fmt.Errorf("spindlemqtt: simulator frame %d: severity %v, need a finite value ≥ 0", s.seq, sev)
	}
	x, err := s.bearing(s.seq, sev)
	if err != nil {
		return err
	}
	noise := rand.New(rand.NewPCG(s.cfg.Seed, s.seq))
	dst.Samples = dst.Samples[:0]
	for _, v := range x {
		dst.Samples = append(dst.Samples, float32(v+s.cfg.NoiseStd*noise.NormFloat64()))
	}
	dst.Seq, dst.Start, dst.Rate = s.seq, s.seq*uint64(s.cfg.FrameSamples), s.cfg.Rate
	s.seq++
	return nil
}
