package rul

import (
	"math"
	"math/rand/v2"
)

// NoiseConfig sets how a degradation model (LinearModel, ExponentialModel)
// treats its observation noise ε and weighs the evidence of its
// observations. The zero value is the classical model: ε i.i.d. normal with
// the prior's known variance σ₀², every observation weighing fully, and
// forecasts that carry only the parameters' uncertainty. That model is exact
// when its assumptions hold but becomes overconfident on real health
// indicators, which are smoothed (so ε is autocorrelated) and only roughly
// follow the model's curve. Each field relaxes one assumption; RobustNoise
// returns the combination this package recommends.
//
// Estimated variance (PriorDOF > 0). σ² is unknown with a scaled
// inverse-χ²(ν₀, σ₀²) prior — an inverse gamma IG(α₀, β₀) with α₀ = ν₀/2,
// β₀ = ν₀σ₀²/2 — and the coefficients' prior, given σ², is the prior's
// normal scaled by σ²/σ₀² (the conjugate Normal–Inverse-Gamma prior; with σ²
// = σ₀² it is exactly the prior given). After weighted observations the
// posterior is again Normal–Inverse-Gamma:
//
//	Λ = Σ₀⁻¹ + w·XᵀX/σ₀²,              (coefficient precision at σ² = σ₀²)
//	m = Λ⁻¹(Σ₀⁻¹m₀ + w·Xᵀz/σ₀²),
//	α = α₀ + w·n/2,
//	β = β₀ + ½[w·Σ(z_i − x_iᵀm)² + σ₀²(m − m₀)ᵀΣ₀⁻¹(m − m₀)],
//
// with σ² | data ~ IG(α, β) and the coefficients | σ², data ~ N(m,
// (σ²/σ₀²)Λ⁻¹); marginally they are Student t with 2α degrees of freedom.
// A poor fit raises β and so widens the forecast; ν₀ says how many
// observations' worth of confidence the prior's σ₀² carries.
//
// Autocorrelated residuals (Autocorrelation). Residuals that are correlated
// from one observation to the next carry less information than as many
// independent ones: for AR(1) residuals with lag-1 correlation ρ the
// variance of a mean (and, for long records, of a trend) grows by
// κ = (1+ρ)/(1−ρ), i.e. the effective sample size is n/κ. The model
// estimates ρ̂ as the lag-1 autocorrelation of the least-squares residuals
// of the data seen so far, clips it to [0, MaxAutocorrelation], and tempers
// the likelihood by w = 1/κ (every sum above, and n, is weighed by w). ρ̂
// counts consecutive observations, so it assumes roughly regular sampling.
//
// Forgetting (0 < Forgetting < 1). Before each observation is absorbed every
// sufficient statistic is multiplied by λ = Forgetting, so an observation k
// readings old weighs λᵏ: the likelihood has an effective memory of about
// 1/(1−λ) readings and the posterior follows a changing regime instead of
// hardening on the early one. The prior is not forgotten.
//
// Crossing noise (CrossingNoise). The failure is declared when the observed
// indicator reaches the threshold, and the observation differs from the
// model's path by ε. With CrossingNoise each forecast draw adds one noise
// draw ε ~ N(0, σ²) (σ² drawn from its posterior when estimated) to the path
// level before solving for the crossing time. One shared ε per path is the
// right model for strongly persistent (smoothed, autocorrelated) noise; for
// i.i.d. noise the first passage of the noisy signal comes earlier still.
type NoiseConfig struct {
	// PriorDOF is ν₀ ≥ 0, the prior degrees of freedom of the noise
	// variance; 0 keeps σ² known and equal to the prior's NoiseVariance.
	PriorDOF float64
	// Autocorrelation tempers the likelihood by the residuals' estimated
	// lag-1 autocorrelation (see above).
	Autocorrelation bool
	// MaxAutocorrelation caps ρ̂ when Autocorrelation is set, in (0, 1);
	// 0 means 0.99 (κ ≤ 199).
	MaxAutocorrelation float64
	// Forgetting is the per-observation forgetting factor λ in (0, 1];
	// 0 means 1 (no forgetting).
	Forgetting float64
	// CrossingNoise adds the observation noise to each forecast path's
	// level at the threshold crossing (see above).
	CrossingNoise bool
}

// RobustNoise returns the noise configuration this package recommends for
// real, smoothed health indicators: σ² estimated with a weak prior (ν₀ = 2),
// likelihood tempered by the residuals' autocorrelation (ρ̂ ≤ 0.99), no
// forgetting, and the noise carried into the crossing time. It was chosen on
// simulations (i.i.d., AR(1) and moving-average-smoothed noise) and on the
// IMS bearings of tests 1 and 3, then checked on IMS test 2 bearing 1 (see
// the package's sim and IMS tests).
func RobustNoise() NoiseConfig {
	return NoiseConfig{PriorDOF: 2, Autocorrelation: true, MaxAutocorrelation: 0.99, CrossingNoise: true}
}

const defaultMaxAutocorrelation = 0.99

// withDefaults returns the canonical form of c: zero fields replaced by
// their defaults and MaxAutocorrelation cleared when unused.
func (c NoiseConfig) withDefaults() NoiseConfig {
	if c.Forgetting == 0 {
		c.Forgetting = 1
	}
	if !c.Autocorrelation {
		c.MaxAutocorrelation = 0
	} else if c.MaxAutocorrelation == 0 {
		c.MaxAutocorrelation = defaultMaxAutocorrelation
	}
	return c
}

// validate checks a canonical (withDefaults) configuration.
func (c NoiseConfig) validate() error {
	if !(c.PriorDOF >= 0) || math.IsInf(c.PriorDOF, 0) {
		return errorf(ErrBadInput, "noise config: PriorDOF %g must be finite and ≥ 0", c.PriorDOF)
	}
	if c.Autocorrelation && !(c.MaxAutocorrelation > 0 && c.MaxAutocorrelation < 1) {
		return errorf(ErrBadInput, "noise config: MaxAutocorrelation %g outside (0, 1)", c.MaxAutocorrelation)
	}
	if !(c.Forgetting > 0 && c.Forgetting <= 1) {
		return errorf(ErrBadInput, "noise config: Forgetting %g outside (0, 1]", c.Forgetting)
	}
	return nil
}

// classical reports whether the canonical c is the zero-value model (known
// σ², independent, unforgotten observations, no crossing noise), which is
// saved in the version-1 state format.
func (c NoiseConfig) classical() bool {
	return c.PriorDOF == 0 && !c.Autocorrelation && c.Forgetting == 1 && !c.CrossingNoise
}

func (c NoiseConfig) encode(e *encoder) {
	e.f64(c.PriorDOF)
	e.bool(c.Autocorrelation)
	e.f64(c.MaxAutocorrelation)
	e.f64(c.Forgetting)
	e.bool(c.CrossingNoise)
}

func (c *NoiseConfig) decode(d *decoder) {
	c.PriorDOF = d.f64("noise config")
	c.Autocorrelation = d.bool("noise config")
	c.MaxAutocorrelation = d.f64("noise config")
	c.Forgetting = d.f64("noise config")
	c.CrossingNoise = d.bool("noise config")
}

// checkState validates a decoded configuration: canonical, valid, and not
// the classical one (which has its own, version-1, format).
func (c NoiseConfig) checkState(model string) error {
	if c != c.withDefaults() {
		return errorf(ErrState, "%s state holds a non-canonical noise config %+v", model, c)
	}
	if err := c.validate(); err != nil {
		return errorf(ErrState, "%s state holds an invalid noise config (%v)", model, err)
	}
	if c.classical() {
		return errorf(ErrState, "%s state: version-2 record with the classical noise config", model)
	}
	return nil
}

// NoiseState is a degradation model's current view of its observation noise
// (see NoiseConfig).
type NoiseState struct {
	// Variance is the posterior mean of σ² (β/(α−1)), its scale β/α while
	// α ≤ 1, or the known σ₀².
	Variance float64
	// Shape and Scale are α and β of the inverse-gamma posterior of σ²;
	// both 0 when σ² is known.
	Shape, Scale float64
	// Autocorrelation is the clipped lag-1 residual autocorrelation ρ̂ in
	// use (0 unless NoiseConfig.Autocorrelation).
	Autocorrelation float64
	// Inflation is κ = (1+ρ̂)/(1−ρ̂), the factor by which the likelihood's
	// variance is inflated.
	Inflation float64
	// Weight is the forgetting-weighted number of observations Σλ^(n−i)
	// (n without forgetting); the effective sample size is Weight/Inflation.
	Weight float64
}

// regSums are the exponentially forgotten sufficient statistics of the
// regression z = a + b·t + ε: weighted sums over the observations and over
// pairs of consecutive observations (p: the earlier, c: the later), from
// which any residual's sum of squares and lag-1 cross-product follow in
// O(1).
type regSums struct {
	w, t, tt, z, tz, zz float64
	pw, pz, pt, cz, ct  float64
	zz1, zt1, tz1, tt1  float64 // Σ z_c z_p, z_c t_p, t_c z_p, t_c t_p
	tLast, zLast        float64 // previous observation
}

// add absorbs (t, z) after forgetting the old sums by lambda; first says
// whether it is the first observation.
func (s *regSums) add(t, z, lambda float64, first bool) {
	if lambda != 1 {
		s.w, s.t, s.tt, s.z, s.tz, s.zz = lambda*s.w, lambda*s.t, lambda*s.tt, lambda*s.z, lambda*s.tz, lambda*s.zz
		s.pw, s.pz, s.pt, s.cz, s.ct = lambda*s.pw, lambda*s.pz, lambda*s.pt, lambda*s.cz, lambda*s.ct
		s.zz1, s.zt1, s.tz1, s.tt1 = lambda*s.zz1, lambda*s.zt1, lambda*s.tz1, lambda*s.tt1
	}
	s.w++
	s.t += t
	s.tt += t * t
	s.z += z
	s.tz += t * z
	s.zz += z * z
	if !first {
		s.pw++
		s.pz += s.zLast
		s.pt += s.tLast
		s.cz += z
		s.ct += t
		s.zz1 += z * s.zLast
		s.zt1 += z * s.tLast
		s.tz1 += t * s.zLast
		s.tt1 += t * s.tLast
	}
	s.tLast, s.zLast = t, z
}

// fields lists the sums in their state-encoding order.
func (s *regSums) fields() []*float64 {
	return []*float64{&s.w, &s.t, &s.tt, &s.z, &s.tz, &s.zz,
		&s.pw, &s.pz, &s.pt, &s.cz, &s.ct, &s.zz1, &s.zt1, &s.tz1, &s.tt1,
		&s.tLast, &s.zLast}
}

func (s *regSums) encode(e *encoder) {
	for _, f := range s.fields() {
		e.f64(*f)
	}
}

// decode reads the sums and reports whether they are all finite.
func (s *regSums) decode(d *decoder) bool {
	ok := true
	for _, f := range s.fields() {
		*f = d.f64("sums")
		ok = ok && finite(*f)
	}
	return ok
}

// ssr returns the weighted residual sum of squares Σ(z − a − b·t)².
func (s *regSums) ssr(a, b float64) float64 {
	return s.zz - 2*a*s.z - 2*b*s.tz + a*a*s.w + 2*a*b*s.t + b*b*s.tt
}

// lag1 returns ρ̂, the lag-1 autocorrelation of the residuals z − a − b·t
// (mean lagged product over mean square), or 0 when fewer than
// minLagPairs pairs exist or the residuals vanish.
func (s *regSums) lag1(a, b float64) float64 {
	if s.pw < minLagPairs {
		return 0
	}
	ss := s.ssr(a, b)
	if !(ss > 1e-12*s.zz) {
		return 0
	}
	sp := s.zz1 - a*(s.cz+s.pz) - b*(s.zt1+s.tz1) + a*a*s.pw + a*b*(s.pt+s.ct) + b*b*s.tt1
	return (sp / s.pw) / (ss / s.w)
}

// minLagPairs is the number of consecutive pairs below which ρ̂ is taken as
// 0 (too few to estimate).
const minLagPairs = 5

// olsLine returns the unweighted-by-prior least-squares line through the
// sums (intercept and slope), ok false when the times do not determine it.
func (s *regSums) olsLine() (a, b float64, ok bool) {
	det := s.w*s.tt - s.t*s.t
	if !(det > 1e-9*s.w*s.tt) {
		return 0, 0, false
	}
	return (s.tt*s.z - s.t*s.tz) / det, (s.w*s.tz - s.t*s.z) / det, true
}

// olsSlope returns the least-squares slope of a line through the origin.
func (s *regSums) olsSlope() (b float64, ok bool) {
	if !(s.tt > 0) {
		return 0, false
	}
	return s.tz / s.tt, true
}

// inflation returns ρ̂ clipped to [0, max] and κ = (1+ρ̂)/(1−ρ̂).
func inflation(rho, max float64) (r, kappa float64) {
	r = math.Min(math.Max(rho, 0), max)
	return r, (1 + r) / (1 - r)
}

// noiseVariance summarises the inverse-gamma posterior IG(alpha, beta), or
// the known s0 when alpha is 0.
func noiseVariance(alpha, beta, s0 float64) float64 {
	switch {
	case alpha == 0:
		return s0
	case alpha > 1:
		return beta / (alpha - 1)
	default:
		return beta / alpha
	}
}

// gammaVariate draws from Gamma(shape a, scale 1), a > 0, by Marsaglia and
// Tsang's squeeze method (ACM TOMS 26, 2000), boosting a < 1 by U^(1/a).
func gammaVariate(rng *rand.Rand, a float64) float64 {
	boost := 1.0
	if a < 1 {
		boost = math.Pow(1-rng.Float64(), 1/a) // U in (0, 1]
		a++
	}
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := rng.Float64()
		x2 := x * x
		if u < 1-0.0331*x2*x2 || math.Log(u) < 0.5*x2+d*(1-v+math.Log(v)) {
			return boost * d * v
		}
	}
}

// inverseGammaVariate draws σ² ~ IG(alpha, beta) as beta/Gamma(alpha, 1).
func inverseGammaVariate(rng *rand.Rand, alpha, beta float64) float64 {
	return beta / gammaVariate(rng, alpha)
}
