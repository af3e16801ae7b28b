package rul

import (
	"math"
	"math/rand/v2"
)

// History is one unit's health-indicator trajectory: Value[i] observed at
// Time[i] (strictly increasing, any time unit). A run-to-failure history
// ends at failure: its last time is the unit's end of life.
type History struct {
	Time  []float64
	Value []float64
}

// EndOfLife returns the last time of h (its failure time for a
// run-to-failure history), or NaN when h is empty.
func (h History) EndOfLife() float64 {
	if len(h.Time) == 0 {
		return math.NaN()
	}
	return h.Time[len(h.Time)-1]
}

// validate checks equal lengths, at least min points, finite values and
// strictly increasing time; which names the history in errors.
func (h History) validate(which string, min int) error {
	if len(h.Time) != len(h.Value) {
		return errorf(ErrBadInput, "%s: len(Time)=%d != len(Value)=%d", which, len(h.Time), len(h.Value))
	}
	if len(h.Time) < min {
		return errorf(ErrTooFewPoints, "%s: %d points, need at least %d", which, len(h.Time), min)
	}
	for i, t := range h.Time {
		if !finite(t) || !finite(h.Value[i]) {
			return errorf(ErrNaN, "%s: point %d (t=%g, value=%g)", which, i, t, h.Value[i])
		}
		if i > 0 && !(t > h.Time[i-1]) {
			return errorf(ErrTimeOrder, "%s: time[%d]=%g after time[%d]=%g", which, i, t, i-1, h.Time[i-1])
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// SamplingConfig sets how a degradation model weighs its observations and
// samples its posterior to forecast the threshold-crossing time.
type SamplingConfig struct {
	// Samples is the number of posterior draws per forecast, at most
	// MaxSamples (default 2000).
	Samples int
	// Seed seeds the model's PCG random stream, so forecasts are
	// reproducible; the stream's position is part of the saved state.
	Seed uint64
	// Noise sets how the observation noise is modelled; the zero value is
	// the classical known-variance, independent-noise model, RobustNoise()
	// the recommended one for real health indicators.
	Noise NoiseConfig
}

// MaxSamples is the largest SamplingConfig.Samples: a forecast's draws are
// held in memory (8 bytes each) and cost about 0.1 µs each.
const MaxSamples = 1 << 20

func (c SamplingConfig) withDefaults() SamplingConfig {
	if c.Samples <= 0 {
		c.Samples = 2000
	}
	return c
}

// sampler is the seeded normal-variate stream shared by the degradation
// models.
type sampler struct {
	n   int
	pcg *rand.PCG
	rng *rand.Rand
}

func newSampler(c SamplingConfig) sampler {
	c = c.withDefaults()
	pcg := rand.NewPCG(c.Seed, 0x5350494e444c45) // "SPINDLE"
	return sampler{n: c.Samples, pcg: pcg, rng: rand.New(pcg)}
}

func (s *sampler) encode(e *encoder) {
	e.int(s.n)
	b, _ := s.pcg.MarshalBinary() // never fails
	e.int(len(b))
	e.b = append(e.b, b...)
}

func (s *sampler) decode(d *decoder) {
	n := d.int("samples", MaxSamples)
	m := int(min(d.u64("rng state length"), uint64(len(d.b)+1)))
	if d.err == nil && m > len(d.b) {
		d.fail("rng state length")
	}
	if d.err != nil {
		return
	}
	if n < 1 {
		d.fail("samples")
		return
	}
	pcg := &rand.PCG{}
	if err := pcg.UnmarshalBinary(d.b[:m]); err != nil {
		d.fail("rng state")
		return
	}
	d.b = d.b[m:]
	s.n, s.pcg, s.rng = n, pcg, rand.New(pcg)
}

// lineFit is an ordinary least-squares straight line y = a + b·t.
type lineFit struct {
	a, b float64
	ssr  float64 // residual sum of squares
	n    int
	// (XᵀX)⁻¹ for X = [1 t]: the sampling covariance of (a, b) per unit σ².
	inv [3]float64 // [0,0], [0,1], [1,1]
}

// fitLine fits y = a + b·t by least squares; t must hold ≥ 2 distinct values.
func fitLine(t, y []float64) lineFit {
	n := float64(len(t))
	mt, my, sxx, sxy, _ := centredMoments(t, y)
	b := sxy / sxx
	a := my - b*mt
	var ssr float64
	for i := range t {
		r := y[i] - a - b*t[i]
		ssr += r * r
	}
	return lineFit{a: a, b: b, ssr: ssr, n: len(t),
		inv: [3]float64{1/n + mt*mt/sxx, -mt / sxx, 1 / sxx}}
}

// checkObservation validates one online observation against the last time
// and the model's time horizon (|t| ≤ horizon).
func checkObservation(model string, n int, tLast, horizon, t, y float64) error {
	if !finite(t) || !finite(y) {
		return errorf(ErrNaN, "%s update: observation (t=%g, value=%g)", model, t, y)
	}
	if !(math.Abs(t) <= horizon) {
		return errorf(ErrBadInput, "%s update: t=%g is beyond the model's time horizon ±%g: times count from the start of life in the prior's time unit (not, say, Unix time)", model, t, horizon)
	}
	if n > 0 && !(t > tLast) {
		return errorf(ErrTimeOrder, "%s update: t=%g not after previous t=%g", model, t, tLast)
	}
	return nil
}

// noise draws the noise variance of one forecast path: σ² ~ IG(alpha, beta)
// when alpha > 0, else the known s0. It returns sd = √(σ²/s0), the factor
// on the parameters' covariance at σ² = s0, and σ = √σ².
func (s *sampler) noise(alpha, beta, s0 float64) (sd, sigma float64) {
	if alpha == 0 {
		return 1, math.Sqrt(s0)
	}
	v := inverseGammaVariate(s.rng, alpha, beta)
	return math.Sqrt(v / s0), math.Sqrt(v)
}
