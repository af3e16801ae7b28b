package anomaly

import (
	"math"
)

// CUSUMConfig configures a two-sided tabular CUSUM (Page 1954; Montgomery,
// Introduction to Statistical Quality Control, §9.1) on standardised
// samples z = (x − μ)/σ:
//
//	S⁺ₜ = max(0, S⁺ₜ₋₁ + zₜ − K),  S⁻ₜ = max(0, S⁻ₜ₋₁ − zₜ − K),
//
// alarming when max(S⁺, S⁻) > H. With K = 0.5 and H = 5 the in-control
// average run length is about 465 samples and a 1σ shift is found in about
// 10.
//
// The zero value of every field means its default (DefaultCUSUMConfig).
type CUSUMConfig struct {
	// K is the reference value (allowance) in σ units, usually half the
	// shift to detect. K ≥ 0; zero means 0.5. For no allowance at all set
	// K to math.SmallestNonzeroFloat64.
	K float64
	// H is the decision interval in σ units. H > 0; zero means 5.
	H float64
	// Mean and Sigma give the in-control level and standard deviation in
	// the units of x. When Sigma is zero they are estimated from the first
	// Warmup samples instead.
	Mean, Sigma float64
	// Warmup is the number of samples used to estimate Mean and Sigma when
	// Sigma is zero; at least 2; zero means 50.
	Warmup int
	// Relearn, when set (and Sigma is zero), re-estimates the baseline from
	// the Warmup samples that follow each alarm, so that the detector
	// accepts the new level instead of alarming on it again.
	Relearn bool
}

// DefaultCUSUMConfig returns the values the zero fields of a CUSUMConfig
// stand for: K = 0.5, H = 5 and a 50-sample warm-up.
func DefaultCUSUMConfig() CUSUMConfig { return CUSUMConfig{K: 0.5, H: 5, Warmup: 50} }

// withDefaults returns c with its zero fields set to their defaults.
func (c CUSUMConfig) withDefaults() CUSUMConfig {
	d := DefaultCUSUMConfig()
	orDefault(&c.K, d.K)
	orDefault(&c.H, d.H)
	orDefault(&c.Warmup, d.Warmup)
	return c
}

// CUSUM is a streaming two-sided CUSUM detector for shifts of the mean.
// Its Score is max(S⁺, S⁻) in σ units. After an alarm both sums restart at
// zero. A CUSUM is not safe for concurrent use.
type CUSUM struct {
	cfg    CUSUMConfig
	base   driftBaseline
	hi, lo float64
}

// NewCUSUM returns a CUSUM, or an error naming the invalid field.
func NewCUSUM(cfg CUSUMConfig) (*CUSUM, error) {
	cfg = cfg.withDefaults()
	switch {
	case !(cfg.K >= 0) || math.IsInf(cfg.K, 0):
		return nil, errorf(ErrConfig, "CUSUM K = %g, want a finite value ≥ 0", cfg.K)
	case !(cfg.H > 0) || math.IsInf(cfg.H, 0):
		return nil, errorf(ErrConfig, "CUSUM H = %g, want a finite value > 0", cfg.H)
	case cfg.Sigma < 0 || math.IsNaN(cfg.Sigma) || math.IsInf(cfg.Sigma, 0) || math.IsNaN(cfg.Mean) || math.IsInf(cfg.Mean, 0):
		return nil, errorf(ErrConfig, "CUSUM Mean = %g, Sigma = %g, want finite values and Sigma ≥ 0", cfg.Mean, cfg.Sigma)
	case cfg.Sigma == 0 && cfg.Warmup < 2:
		return nil, errorf(ErrConfig, "CUSUM Warmup = %d, want ≥ 2 when Sigma is not given", cfg.Warmup)
	}
	return &CUSUM{cfg: cfg, base: newDriftBaseline(cfg.Mean, cfg.Sigma, cfg.Warmup)}, nil
}

// Update scores sample x taken at time t (only checked to be finite).
func (c *CUSUM) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) {
		return DriftResult{Score: math.Max(c.hi, c.lo), Status: DriftInvalid}
	}
	if !c.base.ready {
		c.base.add(x)
		return DriftResult{Status: DriftWarmup}
	}
	z := (x - c.base.mu) / c.base.sigma
	c.hi = math.Max(0, c.hi+z-c.cfg.K)
	c.lo = math.Max(0, c.lo-z-c.cfg.K)
	r := DriftResult{Score: math.Max(c.hi, c.lo), Status: c.base.status()}
	if r.Score > c.cfg.H {
		r.Alarm = true
		c.hi, c.lo = 0, 0
		if c.cfg.Relearn {
			c.base.relearn()
		}
	}
	return r
}

// Upper returns S⁺ (evidence of an upward shift) in σ units.
func (c *CUSUM) Upper() float64 { return c.hi }

// Lower returns S⁻ (evidence of a downward shift) in σ units.
func (c *CUSUM) Lower() float64 { return c.lo }

// Baseline returns the in-control mean and σ in use (zeros during warm-up).
func (c *CUSUM) Baseline() (mean, sigma float64) { return c.base.mu, c.base.sigma }

// Reset returns the detector to its freshly constructed state.
func (c *CUSUM) Reset() {
	c.base.reset()
	c.hi, c.lo = 0, 0
}
