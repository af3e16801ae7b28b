package anomaly

import (
	"fmt"
	"math"
)

// BOCPDConfig configures Bayesian online change-point detection (R. P.
// Adams and D. J. C. MacKay, "Bayesian Online Changepoint Detection",
// arXiv:0710.3742, 2007) with a constant hazard and a Normal-Gamma
// conjugate model: within a segment the samples are N(μ, 1/τ) with
// τ ~ Gamma(Alpha0, Beta0) and μ | τ ~ N(Mu0, 1/(Kappa0·τ)), so the
// predictive density of the next sample is a Student t.
//
// The prior is in the units of x; for standardised data Mu0 = 0,
// Kappa0 = 1, Alpha0 = 1, Beta0 = 1 is a reasonable choice (a prior
// predictive σ of about 1.4).
//
// The zero value of every field means its default (DefaultBOCPDConfig);
// Mu0's default is 0, so a zero Mu0 is the default too.
type BOCPDConfig struct {
	// Hazard is the constant prior probability of a change at each sample,
	// 1/(expected segment length); 0 < Hazard < 1; zero means 1/250.
	Hazard float64
	// MaxRunLength truncates the run-length posterior: run lengths ≥
	// MaxRunLength share one bin, so memory and time per update are
	// O(MaxRunLength). 1 ≤ MaxRunLength ≤ MaxBOCPDRunLength; zero means
	// 500.
	MaxRunLength int
	// Mu0, Kappa0, Alpha0 and Beta0 are the Normal-Gamma prior; Kappa0,
	// Alpha0 and Beta0 must be > 0, and zero means 1 for each. All four
	// are at most MaxBOCPDValue in magnitude.
	Mu0, Kappa0, Alpha0, Beta0 float64
	// Lag is the look-back of the score: Score = P(r_t ≤ Lag), the
	// posterior probability that a change happened within the last Lag+1
	// samples. ≥ 0; zero means 5. (P(r_t = 0) alone, Lag 0, equals
	// Hazard under a constant hazard and carries no information, so it
	// cannot be requested.)
	Lag int
	// Threshold is the Score above which an alarm is raised, on the
	// rising edge only; 0 < Threshold < 1; zero means 0.5.
	Threshold float64
}

// MaxBOCPDRunLength is the largest BOCPDConfig.MaxRunLength (its memory is
// about 56 bytes per run length, 56 MiB at the maximum). MaxBOCPDValue
// bounds the magnitude of the prior and of the samples BOCPD scores (units
// of x): a sample beyond it is ignored with DriftInvalid, because the
// square of its deviation would overflow the Normal-Gamma statistics.
const (
	MaxBOCPDRunLength = 1 << 20
	MaxBOCPDValue     = 1e100
)

// DefaultBOCPDConfig returns the values the zero fields of a BOCPDConfig
// stand for, a configuration for standardised data:
// hazard 1/250, run lengths up to 500, prior (0, 1, 1, 1), Lag 5 and
// threshold 0.5.
func DefaultBOCPDConfig() BOCPDConfig {
	return BOCPDConfig{Hazard: 1.0 / 250, MaxRunLength: 500, Mu0: 0, Kappa0: 1, Alpha0: 1, Beta0: 1, Lag: 5, Threshold: 0.5}
}

// withDefaults returns c with its zero fields set to their defaults.
func (c BOCPDConfig) withDefaults() BOCPDConfig {
	d := DefaultBOCPDConfig()
	orDefault(&c.Hazard, d.Hazard)
	orDefault(&c.MaxRunLength, d.MaxRunLength)
	orDefault(&c.Kappa0, d.Kappa0)
	orDefault(&c.Alpha0, d.Alpha0)
	orDefault(&c.Beta0, d.Beta0)
	orDefault(&c.Lag, d.Lag)
	orDefault(&c.Threshold, d.Threshold)
	return c
}

// BOCPD is a streaming Bayesian online change-point detector. All its
// memory is allocated by NewBOCPD; each Update costs O(MaxRunLength) and
// allocates nothing. It is not safe for concurrent use.
type BOCPD struct {
	cfg          BOCPDConfig
	logH, log1mH float64
	n            int       // samples seen
	nr           int       // active run lengths 0..nr-1
	logp         []float64 // log P(r_t = r | x_1:t)
	mu, beta     []float64 // posterior parameters after r samples
	lpi          []float64 // scratch: log predictive per run length
	kappa        []float64 // κ0 + r
	alpha        []float64 // α0 + r/2
	lconst       []float64 // lnΓ(α+½) − lnΓ(α) − ½ln(2πα) − ½ln((κ+1)/(ακ))
	above        bool      // score above threshold at the last update
	score        float64
}

// NewBOCPD returns a detector, or an error naming the invalid field.
func NewBOCPD(cfg BOCPDConfig) (*BOCPD, error) {
	cfg = cfg.withDefaults()
	switch {
	case !(cfg.Hazard > 0 && cfg.Hazard < 1):
		return nil, errorf(ErrConfig, "BOCPD Hazard = %g, want 0 < Hazard < 1", cfg.Hazard)
	case cfg.MaxRunLength < 1 || cfg.MaxRunLength > MaxBOCPDRunLength:
		return nil, errorf(ErrConfig, "BOCPD MaxRunLength = %d, want 1 ≤ MaxRunLength ≤ %d", cfg.MaxRunLength, MaxBOCPDRunLength)
	case !(cfg.Kappa0 > 0 && cfg.Alpha0 > 0 && cfg.Beta0 > 0) ||
		!(cfg.Kappa0 <= MaxBOCPDValue && cfg.Alpha0 <= MaxBOCPDValue && cfg.Beta0 <= MaxBOCPDValue && math.Abs(cfg.Mu0) <= MaxBOCPDValue):
		return nil, errorf(ErrConfig, "BOCPD prior (Mu0 %g, Kappa0 %g, Alpha0 %g, Beta0 %g): want magnitudes ≤ %g, the last three > 0",
			cfg.Mu0, cfg.Kappa0, cfg.Alpha0, cfg.Beta0, MaxBOCPDValue)
	case cfg.Lag < 0:
		return nil, errorf(ErrConfig, "BOCPD Lag = %d, want ≥ 0", cfg.Lag)
	case !(cfg.Threshold > 0 && cfg.Threshold < 1):
		return nil, errorf(ErrConfig, "BOCPD Threshold = %g, want 0 < Threshold < 1", cfg.Threshold)
	}
	m := cfg.MaxRunLength + 1
	b := &BOCPD{
		cfg: cfg, logH: math.Log(cfg.Hazard), log1mH: math.Log1p(-cfg.Hazard),
		logp: make([]float64, m), mu: make([]float64, m), beta: make([]float64, m), lpi: make([]float64, m),
		kappa: make([]float64, m), alpha: make([]float64, m), lconst: make([]float64, m),
	}
	for r := 0; r < m; r++ {
		k := cfg.Kappa0 + float64(r)
		a := cfg.Alpha0 + float64(r)/2
		la, _ := math.Lgamma(a + 0.5)
		lb, _ := math.Lgamma(a)
		b.kappa[r], b.alpha[r] = k, a
		b.lconst[r] = la - lb - 0.5*math.Log(2*math.Pi*a) - 0.5*math.Log((k+1)/(a*k))
	}
	b.Reset()
	return b, nil
}

// Reset returns the detector to its freshly constructed state: a change
// point is assumed just before the next sample.
func (b *BOCPD) Reset() {
	b.n, b.nr, b.above, b.score = 0, 1, false, 0
	b.logp[0], b.mu[0], b.beta[0] = 0, b.cfg.Mu0, b.cfg.Beta0
}

// Update incorporates sample x taken at time t (only checked to be
// finite). Score is P(r_t ≤ Lag); Status is DriftWarmup for the first
// Lag+1 samples, where that probability is 1 by construction. A sample
// with |x| > MaxBOCPDValue is ignored like a NaN (DriftInvalid, state
// unchanged).
func (b *BOCPD) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) || !(math.Abs(x) <= MaxBOCPDValue) {
		return DriftResult{Score: b.score, Status: DriftInvalid}
	}
	R := b.cfg.MaxRunLength
	nr := b.nr
	// Predictive log density of x under each run length, joint with the
	// run-length posterior, and the evidence log Z.
	maxv := math.Inf(-1)
	for r := 0; r < nr; r++ {
		d := x - b.mu[r]
		k := b.kappa[r]
		lp := b.lconst[r] - 0.5*math.Log(b.beta[r]) - (b.alpha[r]+0.5)*math.Log1p(d*d*k/(2*b.beta[r]*(k+1)))
		v := b.logp[r] + lp
		b.lpi[r] = v
		if v > maxv {
			maxv = v
		}
	}
	sum := 0.0
	for r := 0; r < nr; r++ {
		sum += math.Exp(b.lpi[r] - maxv)
	}
	logZ := maxv + math.Log(sum)
	// Growth (r → r+1) and truncation at R; update the sufficient
	// statistics from the top down so the arrays can be shifted in place.
	top := nr - 1
	if nr == R+1 {
		// Run lengths R−1 and R both grow into the last bin.
		a, c := b.lpi[R-1], b.lpi[R]
		hi := math.Max(a, c)
		b.logp[R] = hi + math.Log(math.Exp(a-hi)+math.Exp(c-hi)) + b.log1mH - logZ
		b.mu[R], b.beta[R] = b.grow(R-1, x)
		top = R - 2
	}
	for r := top; r >= 0; r-- {
		b.logp[r+1] = b.lpi[r] + b.log1mH - logZ
		b.mu[r+1], b.beta[r+1] = b.grow(r, x)
	}
	b.logp[0], b.mu[0], b.beta[0] = b.logH, b.cfg.Mu0, b.cfg.Beta0
	if nr <= R {
		b.nr++
	}
	b.n++
	s := 0.0
	for r := 0; r <= b.cfg.Lag && r < b.nr; r++ {
		s += math.Exp(b.logp[r])
	}
	b.score = math.Min(s, 1)
	if b.n <= b.cfg.Lag+1 {
		return DriftResult{Score: b.score, Status: DriftWarmup}
	}
	above := b.score > b.cfg.Threshold
	res := DriftResult{Score: b.score, Alarm: above && !b.above, Status: DriftReady}
	b.above = above
	return res
}

// grow returns the posterior (μ, β) after adding x to run length r.
func (b *BOCPD) grow(r int, x float64) (mu, beta float64) {
	k := b.kappa[r]
	d := x - b.mu[r]
	return (k*b.mu[r] + x) / (k + 1), b.beta[r] + k*d*d/(2*(k+1))
}

// RunLength returns the most probable current run length (samples since
// the last change), capped at MaxRunLength.
func (b *BOCPD) RunLength() int {
	best := 0
	for r := 1; r < b.nr; r++ {
		if b.logp[r] > b.logp[best] {
			best = r
		}
	}
	return best
}

// Posterior writes P(r_t = r) for r = 0..MaxRunLength into dst and returns
// it; a nil dst is allocated, otherwise it must have MaxRunLength+1
// elements or Posterior panics.
func (b *BOCPD) Posterior(dst []float64) []float64 {
	m := b.cfg.MaxRunLength + 1
	if dst == nil {
		dst = make([]float64, m)
	} else if len(dst) != m {
		panic(fmt.Sprintf("anomaly: BOCPD Posterior dst length %d, want %d", len(dst), m))
	}
	for r := range dst {
		dst[r] = 0
		if r < b.nr {
			dst[r] = math.Exp(b.logp[r])
		}
	}
	return dst
}
