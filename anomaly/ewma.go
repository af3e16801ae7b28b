package anomaly

import (
	"math"
)

// EWMAConfig configures an EWMA control chart (Roberts 1959; Montgomery,
// §9.2): zₜ = λxₜ + (1 − λ)zₜ₋₁ with z₀ = μ, and the exact time-varying
// limits μ ± L·σ·√(λ/(2 − λ)·(1 − (1 − λ)^{2t})).
//
// The zero value of every field means its default (DefaultEWMAConfig).
type EWMAConfig struct {
	// Lambda is the smoothing weight, 0 < Lambda ≤ 1 (1 gives a Shewhart
	// chart); 0.05–0.25 detect small shifts. Zero means 0.2.
	Lambda float64
	// L is the width of the limits in σ_z units. > 0; zero means 3.
	L float64
	// Mean and Sigma give the in-control level and σ of x; when Sigma is
	// zero they are estimated from the first Warmup samples.
	Mean, Sigma float64
	// Warmup is the number of samples used to estimate the baseline when
	// Sigma is zero; at least 2; zero means 50.
	Warmup int
	// Relearn, when set (and Sigma is zero), re-estimates the baseline
	// after each alarm.
	Relearn bool
}

// DefaultEWMAConfig returns the values the zero fields of an EWMAConfig
// stand for: λ = 0.2, L = 3 and a 50-sample warm-up.
func DefaultEWMAConfig() EWMAConfig { return EWMAConfig{Lambda: 0.2, L: 3, Warmup: 50} }

// withDefaults returns c with its zero fields set to their defaults.
func (c EWMAConfig) withDefaults() EWMAConfig {
	d := DefaultEWMAConfig()
	orDefault(&c.Lambda, d.Lambda)
	orDefault(&c.L, d.L)
	orDefault(&c.Warmup, d.Warmup)
	return c
}

// EWMA is a streaming EWMA control chart. Its Score is |zₜ − μ|/σ_z(t), the
// distance from the centre line in units of the statistic's exact
// standard deviation at step t; it alarms when Score > L, then restarts
// the statistic at μ. It is not safe for concurrent use.
type EWMA struct {
	cfg   EWMAConfig
	base  driftBaseline
	z     float64
	decay float64 // (1 − λ)^{2t}
	lim   float64 // L·σ_z(t) after the last update
}

// NewEWMA returns an EWMA chart, or an error naming the invalid field.
func NewEWMA(cfg EWMAConfig) (*EWMA, error) {
	cfg = cfg.withDefaults()
	switch {
	case !(cfg.Lambda > 0 && cfg.Lambda <= 1):
		return nil, errorf(ErrConfig, "EWMA Lambda = %g, want 0 < Lambda ≤ 1", cfg.Lambda)
	case !(cfg.L > 0) || math.IsInf(cfg.L, 0):
		return nil, errorf(ErrConfig, "EWMA L = %g, want a finite value > 0", cfg.L)
	case cfg.Sigma < 0 || math.IsNaN(cfg.Sigma) || math.IsInf(cfg.Sigma, 0) || math.IsNaN(cfg.Mean) || math.IsInf(cfg.Mean, 0):
		return nil, errorf(ErrConfig, "EWMA Mean = %g, Sigma = %g, want finite values and Sigma ≥ 0", cfg.Mean, cfg.Sigma)
	case cfg.Sigma == 0 && cfg.Warmup < 2:
		return nil, errorf(ErrConfig, "EWMA Warmup = %d, want ≥ 2 when Sigma is not given", cfg.Warmup)
	}
	e := &EWMA{cfg: cfg, base: newDriftBaseline(cfg.Mean, cfg.Sigma, cfg.Warmup)}
	e.restart()
	return e, nil
}

func (e *EWMA) restart() {
	e.z, e.decay = e.base.mu, 1
}

// Update scores sample x taken at time t (only checked to be finite).
func (e *EWMA) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) {
		return DriftResult{Status: DriftInvalid}
	}
	if !e.base.ready {
		if e.base.add(x) {
			e.restart()
		}
		return DriftResult{Status: DriftWarmup}
	}
	l := e.cfg.Lambda
	e.z = l*x + (1-l)*e.z
	e.decay *= (1 - l) * (1 - l)
	sz := e.base.sigma * math.Sqrt(l/(2-l)*(1-e.decay))
	e.lim = e.cfg.L * sz
	r := DriftResult{Score: math.Abs(e.z-e.base.mu) / sz, Status: e.base.status()}
	if r.Score > e.cfg.L {
		r.Alarm = true
		if e.cfg.Relearn {
			e.base.relearn()
		}
		e.restart()
	}
	return r
}

// Statistic returns the current EWMA value zₜ in units of x.
func (e *EWMA) Statistic() float64 { return e.z }

// Limits returns the lower and upper control limits used for the last
// sample, in units of x.
func (e *EWMA) Limits() (lower, upper float64) { return e.base.mu - e.lim, e.base.mu + e.lim }

// Reset returns the chart to its freshly constructed state.
func (e *EWMA) Reset() {
	e.base.reset()
	e.restart()
	e.lim = 0
}
