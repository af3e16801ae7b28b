package anomaly

import (
	"fmt"
	"math"
)

// CovariateConfig configures a recursive-least-squares compensator that
// regresses a measurement on known covariates (ambient temperature, load,
// speed) online, so that a drift detector sees only what the covariates do
// not explain: x = θ₀ + θ₁c₁ + … + θ_p c_p + residual.
//
// The zero value of every field means its default.
type CovariateConfig struct {
	// Covariates is the number of covariates p; ≥ 1; zero means 1.
	Covariates int
	// Forgetting is the RLS forgetting factor, 0 < Forgetting ≤ 1; 1 weighs
	// all samples equally, 0.999 has a memory of about 1000 samples. Zero
	// means 1.
	Forgetting float64
	// Delta sets the initial inverse covariance P₀ = Delta·I; large values
	// (1e3–1e6) make the start uninformative. > 0; zero means 1e4.
	Delta float64
	// Warmup is the number of samples before residuals are reported as
	// ready; 0 means 10·(p+1).
	Warmup int
	// LearnSamples, when > 0, freezes the coefficients after that many
	// samples so that a later fault is not absorbed into the fit; 0 keeps
	// learning (pair it with Forgetting < 1 for slow changes).
	LearnSamples int
}

// CovariateCompensator removes the part of a signal explained by
// covariates with recursive least squares (Ljung & Söderström 1983,
// exponentially weighted). Update returns the a-priori residual — the
// sample minus the prediction made before the sample was learnt — which
// stays white under the model and carries any unexplained change. Memory is
// allocated once; Update allocates nothing. It is not safe for concurrent
// use.
type CovariateCompensator struct {
	cfg   CovariateConfig
	m     int       // p+1 regressors (intercept first)
	theta []float64 // coefficients
	pm    []float64 // m×m inverse covariance, row major
	phi   []float64 // regressor scratch
	pphi  []float64 // P·φ scratch
	n     int
}

// NewCovariateCompensator returns a compensator, or an error naming the
// invalid field.
func NewCovariateCompensator(cfg CovariateConfig) (*CovariateCompensator, error) {
	orDefault(&cfg.Covariates, 1)
	orDefault(&cfg.Forgetting, 1)
	orDefault(&cfg.Delta, 1e4)
	switch {
	case cfg.Covariates < 1:
		return nil, errorf(ErrConfig, "CovariateConfig.Covariates = %d, want ≥ 1", cfg.Covariates)
	case !(cfg.Forgetting > 0 && cfg.Forgetting <= 1):
		return nil, errorf(ErrConfig, "CovariateConfig.Forgetting = %g, want 0 < Forgetting ≤ 1", cfg.Forgetting)
	case !(cfg.Delta > 0) || math.IsInf(cfg.Delta, 0):
		return nil, errorf(ErrConfig, "CovariateConfig.Delta = %g, want a finite value > 0", cfg.Delta)
	case cfg.Warmup < 0 || cfg.LearnSamples < 0:
		return nil, errorf(ErrConfig, "CovariateConfig Warmup = %d, LearnSamples = %d, want ≥ 0", cfg.Warmup, cfg.LearnSamples)
	}
	if cfg.Warmup == 0 {
		cfg.Warmup = 10 * (cfg.Covariates + 1)
	}
	m := cfg.Covariates + 1
	c := &CovariateCompensator{cfg: cfg, m: m, theta: make([]float64, m), pm: make([]float64, m*m), phi: make([]float64, m), pphi: make([]float64, m)}
	c.Reset()
	return c, nil
}

// Reset forgets the fit.
func (c *CovariateCompensator) Reset() {
	for i := range c.theta {
		c.theta[i] = 0
	}
	for i := range c.pm {
		c.pm[i] = 0
	}
	for i := 0; i < c.m; i++ {
		c.pm[i*c.m+i] = c.cfg.Delta
	}
	c.n = 0
}

// Update returns the residual of x given covariates cov (len(cov) must be
// Covariates, or Update panics) and then learns from the sample (until
// LearnSamples, if set). Status is DriftWarmup during the warm-up and
// DriftInvalid, with the state unchanged, if x or a covariate is not
// finite or exceeds MaxCovariateValue in magnitude.
func (c *CovariateCompensator) Update(x float64, cov []float64) (residual float64, status DriftStatus) {
	if len(cov) != c.m-1 {
		panic(fmt.Sprintf("anomaly: CovariateCompensator got %d covariates, configured for %d", len(cov), c.m-1))
	}
	if !(math.Abs(x) <= MaxCovariateValue) || !withinMagnitude(cov, MaxCovariateValue) {
		return 0, DriftInvalid
	}
	c.phi[0] = 1
	copy(c.phi[1:], cov)
	pred := 0.0
	for i, v := range c.phi {
		pred += c.theta[i] * v
	}
	e := x - pred
	if c.cfg.LearnSamples == 0 || c.n < c.cfg.LearnSamples {
		c.learn(e)
	}
	c.n++
	if c.n <= c.cfg.Warmup {
		return e, DriftWarmup
	}
	return e, DriftReady
}

// learn applies the RLS update with a-priori error e:
// k = Pφ/(λ + φᵀPφ), θ += k·e, P = (P − k·φᵀP)/λ.
func (c *CovariateCompensator) learn(e float64) {
	m, lam := c.m, c.cfg.Forgetting
	den := lam
	for i := 0; i < m; i++ {
		s := 0.0
		for j := 0; j < m; j++ {
			s += c.pm[i*m+j] * c.phi[j]
		}
		c.pphi[i] = s
		den += c.phi[i] * s
	}
	for i := 0; i < m; i++ {
		c.theta[i] += c.pphi[i] / den * e
	}
	// P is symmetric, so φᵀP = (Pφ)ᵀ.
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			c.pm[i*m+j] = (c.pm[i*m+j] - c.pphi[i]*c.pphi[j]/den) / lam
		}
	}
}

// Coefficients writes θ (intercept first, then one per covariate) into dst
// and returns it; a nil dst is allocated, otherwise it must have
// Covariates+1 elements or Coefficients panics.
func (c *CovariateCompensator) Coefficients(dst []float64) []float64 {
	if dst == nil {
		dst = make([]float64, c.m)
	} else if len(dst) != c.m {
		panic(fmt.Sprintf("anomaly: Coefficients dst length %d, want %d", len(dst), c.m))
	}
	copy(dst, c.theta)
	return dst
}

// Compensated chains a CovariateCompensator and a DriftDetector: the
// detector sees the residual once the compensator is warm. It is not safe
// for concurrent use.
type Compensated struct {
	Comp     *CovariateCompensator
	Detector DriftDetector
}

// Update compensates x for cov and feeds the residual to the detector.
func (c *Compensated) Update(t, x float64, cov []float64) DriftResult {
	if !finiteSample(t, x) {
		return DriftResult{Status: DriftInvalid}
	}
	e, st := c.Comp.Update(x, cov)
	if st != DriftReady {
		return DriftResult{Status: st}
	}
	return c.Detector.Update(t, e)
}

// Reset resets both stages.
func (c *Compensated) Reset() {
	c.Comp.Reset()
	c.Detector.Reset()
}

// MaxCovariateValue is the largest magnitude of a sample or covariate that
// CovariateCompensator.Update learns from: beyond it (a glitch such as
// ±1e308, or NaN/Inf) the sample is ignored with status DriftInvalid and
// the regression is left unchanged, so that one glitch cannot push the
// coefficients to 1e300 or NaN for good.
const MaxCovariateValue = 1e100

// withinMagnitude reports whether every value of v is at most limit in
// magnitude (false for NaN).
func withinMagnitude(v []float64, limit float64) bool {
	for _, x := range v {
		if !(math.Abs(x) <= limit) {
			return false
		}
	}
	return true
}
