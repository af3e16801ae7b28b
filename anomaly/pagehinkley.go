package anomaly

import (
	"math"
)

// PageHinkleyConfig configures a two-sided Page–Hinkley test (Page 1954;
// Hinkley 1971; as used for concept drift by Gama et al. 2014). With x̄ₜ
// the mean of the samples since the last reset,
//
//	mₜ = Σ (xᵢ − x̄ᵢ − δ),  PH⁺ = mₜ − min mᵢ   (increase)
//	nₜ = Σ (xᵢ − x̄ᵢ + δ),  PH⁻ = max nᵢ − nₜ   (decrease)
//
// and an alarm is raised when max(PH⁺, PH⁻) > λ.
//
// The zero value of every field means its default: Delta 0 (no tolerance),
// Lambda 50 and MinSamples 30, the defaults of the river library. Delta
// and Lambda are in the units of x, so set them for your data.
type PageHinkleyConfig struct {
	// Delta is the magnitude of change tolerated, in the units of x. ≥ 0;
	// the default is 0.
	Delta float64
	// Lambda is the detection threshold, in the units of x times samples.
	// > 0; zero means 50.
	Lambda float64
	// MinSamples is the number of samples after a reset before an alarm
	// may be raised (the statistic still accumulates). ≥ 1; zero means 30.
	MinSamples int
}

// PageHinkley is a streaming two-sided Page–Hinkley detector. Its Score is
// max(PH⁺, PH⁻) in units of x; after an alarm it restarts from scratch. A
// sample that overflows the statistics (|x| near 1e308) alarms with Score
// +Inf, and the detector restarts. It
// is not safe for concurrent use.
type PageHinkley struct {
	cfg           PageHinkleyConfig
	n             int
	mean          float64
	up, upMin     float64
	down, downMax float64
}

// NewPageHinkley returns a Page–Hinkley detector, or an error naming the
// invalid field.
func NewPageHinkley(cfg PageHinkleyConfig) (*PageHinkley, error) {
	orDefault(&cfg.Lambda, 50)
	orDefault(&cfg.MinSamples, 30)
	switch {
	case !(cfg.Delta >= 0) || math.IsInf(cfg.Delta, 0):
		return nil, errorf(ErrConfig, "PageHinkley Delta = %g, want a finite value ≥ 0", cfg.Delta)
	case !(cfg.Lambda > 0) || math.IsInf(cfg.Lambda, 0):
		return nil, errorf(ErrConfig, "PageHinkley Lambda = %g, want a finite value > 0", cfg.Lambda)
	case cfg.MinSamples < 1:
		return nil, errorf(ErrConfig, "PageHinkley MinSamples = %d, want ≥ 1", cfg.MinSamples)
	}
	return &PageHinkley{cfg: cfg}, nil
}

// Update scores sample x taken at time t (only checked to be finite).
func (p *PageHinkley) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) {
		return DriftResult{Score: p.score(), Status: DriftInvalid}
	}
	p.n++
	p.mean += (x - p.mean) / float64(p.n)
	p.up += x - p.mean - p.cfg.Delta
	p.upMin = math.Min(p.upMin, p.up)
	p.down += x - p.mean + p.cfg.Delta
	p.downMax = math.Max(p.downMax, p.down)
	if sc := p.score(); math.IsNaN(sc) || math.IsInf(sc, 0) || math.IsInf(p.mean, 0) {
		// A sample so far out (±1e308) that the statistics overflow: an
		// alarm, and a fresh start with that sample's successor.
		p.Reset()
		return DriftResult{Score: math.Inf(1), Alarm: true, Status: DriftReady}
	}
	if p.n < p.cfg.MinSamples {
		return DriftResult{Score: p.score(), Status: DriftWarmup}
	}
	r := DriftResult{Score: p.score(), Status: DriftReady}
	if r.Score > p.cfg.Lambda {
		r.Alarm = true
		p.Reset()
	}
	return r
}

func (p *PageHinkley) score() float64 {
	return math.Max(p.up-p.upMin, p.downMax-p.down)
}

// Mean returns the running mean since the last reset.
func (p *PageHinkley) Mean() float64 { return p.mean }

// Reset returns the detector to its freshly constructed state.
func (p *PageHinkley) Reset() { *p = PageHinkley{cfg: p.cfg} }
