package rul

import (
	"math"
	"math/rand/v2"
)

// NoiseConfig sets how a degradation model (LinearModel, ExponentialModel)
// treats its observation noise and weighs the evidence of its observations.
// The zero value is the classical model: noise i.i.d. normal with the
// prior's known variance σ₀², every observation weighing fully, and
// forecasts that carry only the parameters' uncertainty. That model is exact
// when its assumptions hold but becomes overconfident on real health
// indicators, which are smoothed (so the noise is autocorrelated) and only
// roughly follow the model's curve. Each field relaxes one assumption;
// RobustNoise returns the combination this package recommends.
//
// In what follows the model is the regression z_i = x_iᵀc + e_i with
// coefficients c (ExponentialModel: z = ln(S − φ), x = [1 t],
// c = (ln θ', β); LinearModel: z = S − φ, x = t, c = θ) and a normal prior
// N(m₀, Σ₀) on c.
//
// Estimated variance (PriorDOF > 0). The noise variance is unknown with a
// scaled inverse-χ²(ν₀, s₀²) prior — an inverse gamma IG(α₀, β₀) with
// α₀ = ν₀/2, β₀ = ν₀s₀²/2, s₀² being the prior's NoiseVariance (its
// innovation part under AR(1) noise, below) — and the coefficients' prior,
// given σ², is N(m₀, (σ²/s₀²)Σ₀) (the conjugate Normal–Inverse-Gamma prior;
// at σ² = s₀² it is exactly the prior given). With weighted normal
// equations G = Σω x xᵀ, r = Σω x z, the posterior is again
// Normal–Inverse-Gamma:
//
//	Λ = Σ₀⁻¹ + G/s₀²,   m = Λ⁻¹(Σ₀⁻¹m₀ + r/s₀²),
//	α = α₀ + Σω/2,      β = β₀ + ½[Σω(z_i − x_iᵀm)² + s₀²(m − m₀)ᵀΣ₀⁻¹(m − m₀)],
//
// σ² | data ~ IG(α, β), c | σ², data ~ N(m, (σ²/s₀²)Λ⁻¹), so c is
// marginally Student t with 2α degrees of freedom. A poor fit raises β and
// widens the forecast; ν₀ says how many observations' worth of confidence
// the prior's s₀² carries. Without it σ² = s₀² and the posterior is
// N(m, Λ⁻¹).
//
// AR(1) noise (Autocorrelation). A smoothed indicator's residuals are
// correlated from one reading to the next, so n readings carry far less
// information than n independent ones, and the latest residual persists
// into the future. The model then takes e_i = ρe_{i−1} + u_i, u i.i.d.
// N(0, σ²(1−ρ²)) (σ² the marginal variance). ρ is estimated as the lag-1
// autocorrelation ρ̂ of the least-squares residuals of the data seen so far
// (0 until 5 pairs), clipped to [0, MaxAutocorrelation], and plugged in:
// the update above runs on the Prais–Winsten transformed observations —
// the first scaled by √(1−ρ²), each later one replaced by its
// quasi-difference z_i − ρz_{i−1} on x_i − ρx_{i−1} — whose innovations are
// independent (the exact AR(1) likelihood for regular sampling), with
// s₀² = σ₀²(1−ρ²). Forecasts condition on the latest residual
// r = z_n − x_nᵀc of each coefficient draw: the noise h readings ahead has
// mean ρʰr, so a path starts from the latest observation and relaxes
// towards its trend. ρ counts readings: the time one lag spans is the mean
// spacing of the observations, which should be roughly regular. The
// uncertainty of ρ̂ itself is not propagated.
//
// Forgetting (0 < Forgetting < 1). Before each observation is absorbed every
// sufficient statistic is multiplied by λ = Forgetting, so an observation k
// readings old weighs ω = λᵏ: the likelihood has an effective memory of
// about 1/(1−λ) readings and the posterior follows a changing regime
// instead of hardening on the early one. The prior is not forgotten.
//
// Crossing noise (CrossingNoise). The failure is declared when the observed
// indicator reaches the threshold, and the observation differs from the
// model's path by the noise. With CrossingNoise each forecast path's level
// carries one noise draw: σ·η with η ~ N(0, 1) for i.i.d. noise, and under
// AR(1) noise the innovation spread σ√(1−ρ^{2h}) accumulated by the
// noise-free crossing h (σ² drawn from its posterior when estimated). One
// shared draw per path is exact for persistent (AR(1)) noise; for i.i.d.
// noise the first passage of the noisy signal comes somewhat earlier
// still.
type NoiseConfig struct {
	// PriorDOF is ν₀, the prior degrees of freedom of the noise variance:
	// 0 keeps σ² known and equal to the prior's NoiseVariance, otherwise
	// ν₀ ≥ 1 (a smaller ν₀ makes the inverse-gamma draws overflow).
	PriorDOF float64
	// Autocorrelation models the noise as AR(1) with an estimated lag-1
	// correlation (see above).
	Autocorrelation bool
	// MaxAutocorrelation caps ρ̂ when Autocorrelation is set, in (0, 1);
	// 0 means 0.99.
	MaxAutocorrelation float64
	// Forgetting is the per-observation forgetting factor λ in (0, 1];
	// 0 means 1 (no forgetting).
	Forgetting float64
	// CrossingNoise carries the observation noise into each forecast
	// path's threshold crossing (see above).
	CrossingNoise bool
}

// RobustNoise returns the noise configuration this package recommends for
// real, smoothed health indicators: AR(1) noise with ρ̂ ≤ 0.99, forgetting
// λ = 0.99 per observation (a memory of about 100 readings; scale it to
// your sampling rate), crossing noise, and σ² known from the prior. It was
// chosen as the candidate with the most simulated coverages inside
// [0.80, 0.97] (i.i.d., AR(1), moving-average-smoothed and combined noise
// at 50, 70 and 90 % of life; TestSimCoverageSurvey). The estimated
// variance (PriorDOF) is left out: its conjugate prior scales the
// coefficients' prior with σ², so a smoothed indicator's small noise also
// shrinks the between-unit spread, and it narrowed intervals in every
// correlated scenario.
func RobustNoise() NoiseConfig {
	return NoiseConfig{Autocorrelation: true, MaxAutocorrelation: 0.99, Forgetting: 0.99, CrossingNoise: true}
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
	if !(c.PriorDOF == 0 || c.PriorDOF >= 1) || math.IsInf(c.PriorDOF, 0) {
		return errorf(ErrBadInput, "noise config: PriorDOF %g must be 0 or finite and ≥ 1", c.PriorDOF)
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
	// Variance is the marginal noise variance σ²: the known σ₀², or from
	// the posterior mean of the innovation variance (β/(α−1), or its
	// scale β/α while α ≤ 1) divided by 1−ρ².
	Variance float64
	// Shape and Scale are α and β of the inverse-gamma posterior of the
	// (innovation) variance; both 0 when it is known.
	Shape, Scale float64
	// Autocorrelation is the lag-1 autocorrelation ρ̂ in use (0 unless
	// NoiseConfig.Autocorrelation).
	Autocorrelation float64
	// Weight is the forgetting-weighted number of observations Σλ^(n−i)
	// (n without forgetting).
	Weight float64
}

// regSums are the exponentially forgotten sufficient statistics of the
// regression z = a + b·t + e: weighted sums over all observations, the
// first observation, and sums over pairs of consecutive observations (p:
// the earlier, c: the later, weighted as the later) from which any
// residual's lag-1 cross-product and the Prais–Winsten transform for AR(1)
// errors follow in O(1).
type regSums struct {
	w, t, tt, z, tz, zz          float64 // Σω·{1, t, t², z, tz, z²}
	w1, t1, z1                   float64 // first observation's weight, time, value
	pw, pt, pz, ct, cz           float64 // pairs: Σω, Σω t_p, Σω z_p, Σω t_c, Σω z_c
	ptt, ctt, pzz, czz, ptz, ctz float64 // pairs: squares and products within one member
	tt1, zz1, tz1, zt1           float64 // pairs: Σω t_c t_p, z_c z_p, t_c z_p, z_c t_p
	tLast, zLast                 float64 // latest observation
}

// add absorbs (t, z) after forgetting the old sums by lambda; first says
// whether it is the first observation.
func (s *regSums) add(t, z, lambda float64, first bool) {
	if lambda != 1 {
		l := lambda
		s.w, s.t, s.tt, s.z, s.tz, s.zz = l*s.w, l*s.t, l*s.tt, l*s.z, l*s.tz, l*s.zz
		s.w1 *= l
		if s.w1 < 0x1p-900 {
			// A forgotten first observation: flush its weight to 0 before
			// it turns subnormal (λ·w would stick at the smallest
			// subnormal, and subnormal arithmetic is slow).
			s.w1 = 0
		}
		s.pw, s.pt, s.pz, s.ct, s.cz = l*s.pw, l*s.pt, l*s.pz, l*s.ct, l*s.cz
		s.ptt, s.ctt, s.pzz, s.czz, s.ptz, s.ctz = l*s.ptt, l*s.ctt, l*s.pzz, l*s.czz, l*s.ptz, l*s.ctz
		s.tt1, s.zz1, s.tz1, s.zt1 = l*s.tt1, l*s.zz1, l*s.tz1, l*s.zt1
	}
	s.w++
	s.t += t
	s.tt += t * t
	s.z += z
	s.tz += t * z
	s.zz += z * z
	if first {
		s.w1, s.t1, s.z1 = 1, t, z
	} else {
		tp, zp := s.tLast, s.zLast
		s.pw++
		s.pt += tp
		s.pz += zp
		s.ct += t
		s.cz += z
		s.ptt += tp * tp
		s.ctt += t * t
		s.pzz += zp * zp
		s.czz += z * z
		s.ptz += tp * zp
		s.ctz += t * z
		s.tt1 += t * tp
		s.zz1 += z * zp
		s.tz1 += t * zp
		s.zt1 += z * tp
	}
	s.tLast, s.zLast = t, z
}

// fields lists the sums in their state-encoding order.
func (s *regSums) fields() []*float64 {
	return []*float64{&s.w, &s.t, &s.tt, &s.z, &s.tz, &s.zz, &s.w1, &s.t1, &s.z1,
		&s.pw, &s.pt, &s.pz, &s.ct, &s.cz, &s.ptt, &s.ctt, &s.pzz, &s.czz, &s.ptz, &s.ctz,
		&s.tt1, &s.zz1, &s.tz1, &s.zt1, &s.tLast, &s.zLast}
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

// gram holds the weighted normal equations of a regression u = x·(a, b) +
// innovation: G = Σω x xᵀ ([0,0], [0,1], [1,1]), r = Σω x u, uu = Σω u².
type gram struct {
	g00, g01, g11, r0, r1, uu float64
}

// plain returns the normal equations of the observations themselves
// (x = [1 t], u = z).
func (s *regSums) plain() gram {
	return gram{g00: s.w, g01: s.t, g11: s.tt, r0: s.z, r1: s.tz, uu: s.zz}
}

// prais returns the normal equations after the Prais–Winsten transform for
// AR(1) errors with lag-1 correlation rho: the first observation scaled by
// √(1−ρ²), each later one replaced by its quasi-difference z_c − ρ z_p on
// [1−ρ, t_c − ρ t_p]. Its innovations are independent with variance
// σ²(1−ρ²); with rho = 0 it equals plain.
func (s *regSums) prais(rho float64) gram {
	f := s.w1 * (1 - rho*rho)
	q := 1 - rho
	return gram{
		g00: f + q*q*s.pw,
		g01: f*s.t1 + q*(s.ct-rho*s.pt),
		g11: f*s.t1*s.t1 + s.ctt - 2*rho*s.tt1 + rho*rho*s.ptt,
		r0:  f*s.z1 + q*(s.cz-rho*s.pz),
		r1:  f*s.t1*s.z1 + s.ctz - rho*(s.tz1+s.zt1) + rho*rho*s.ptz,
		uu:  f*s.z1*s.z1 + s.czz - 2*rho*s.zz1 + rho*rho*s.pzz,
	}
}

// ssr returns Σω(u − a·x₀ − b·x₁)², clamped at 0 against rounding.
func (g gram) ssr(a, b float64) float64 {
	return math.Max(0, g.uu-2*(a*g.r0+b*g.r1)+a*a*g.g00+2*a*b*g.g01+b*b*g.g11)
}

// lag1 returns ρ̂, the lag-1 autocorrelation of the residuals z − a − b·t
// (mean lagged product over mean square), or 0 when fewer than
// minLagPairs pairs exist or the residuals vanish.
func (s *regSums) lag1(a, b float64) float64 {
	if s.pw < minLagPairs {
		return 0
	}
	ss := s.plain().ssr(a, b)
	if !(ss > 1e-12*s.zz) {
		return 0
	}
	sp := s.zz1 - a*(s.cz+s.pz) - b*(s.zt1+s.tz1) + a*a*s.pw + a*b*(s.pt+s.ct) + b*b*s.tt1
	return (sp / s.pw) / (ss / s.w)
}

// minLagPairs is the number of consecutive pairs below which ρ̂ is taken as
// 0 (too few to estimate).
const minLagPairs = 5

// olsLine returns the least-squares line through the observations
// (intercept and slope), ok false when the times do not determine it.
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

// step returns the mean spacing of the observations, the time one lag of
// the AR(1) noise spans (0 before two observations).
func (s *regSums) step(n int) float64 {
	if n < 2 {
		return 0
	}
	return (s.tLast - s.t1) / float64(n-1)
}

// arPath describes the noise of a forecast path given the latest residual
// under AR(1) noise: e(t_now + h·Δ) = ρ^h·r + innovations.
type arPath struct {
	lnRho float64 // ln ρ (< 0); 0 when there is no AR(1) noise
	step  float64 // Δ, time units per lag
}

// newARPath returns the forecast noise path for correlation rho after n
// observations summarised by s.
func newARPath(rho float64, s *regSums, n int) arPath {
	if !(rho > 0) || n < 2 {
		return arPath{}
	}
	return arPath{lnRho: math.Log(rho), step: s.step(n)}
}

// clipRho clips an autocorrelation estimate to [0, max].
func clipRho(rho, max float64) float64 { return math.Min(math.Max(rho, 0), max) }

// arCrossing returns the number of lags h ≥ 0 after which the conditional
// mean rate·h + r·ρ^h of a path's level, relative to its current mean
// level, first climbs gap c (+Inf if never); f(0) = r − c < 0 is assumed
// (the latest observation is below the threshold). The function is
// monotone or unimodal in h, so its first root is bracketed and found by
// safeguarded Newton iteration.
func arCrossing(c, rate, r, lnRho float64) float64 {
	f := func(h float64) (v, d float64) {
		e := r * math.Exp(h*lnRho)
		return rate*h + e - c, rate + lnRho*e
	}
	if r-c >= 0 {
		return 0
	}
	var hi float64
	switch {
	case rate > 0:
		hi = (c - math.Min(r, 0)) / rate // f(hi) ≥ 0 since r·ρ^h ≥ min(r, 0)
	case r >= 0:
		return math.Inf(1) // f(0) < 0 and f decreasing
	default:
		// r < 0: f rises while the residual recovers, to a maximum at h*
		// where ρ^h* = −rate/(r ln ρ), then falls (rate < 0) or levels off.
		x := -rate / (r * lnRho)
		if x >= 1 {
			return math.Inf(1)
		}
		if rate == 0 {
			// f(h) = r ρ^h − c → −c: the root is ln(c/r)/ln ρ when 0 < c/r < 1.
			if q := c / r; q > 0 && q < 1 {
				return math.Log(q) / lnRho
			}
			return math.Inf(1)
		}
		hi = math.Log(x) / lnRho
		if v, _ := f(hi); v < 0 {
			return math.Inf(1)
		}
	}
	lo, h := 0.0, hi/2
	for range 100 {
		v, d := f(h)
		if v < 0 {
			lo = h
		} else {
			hi = h
		}
		next := h - v/d
		if !(next > lo && next < hi) || d == 0 {
			next = (lo + hi) / 2
		}
		if math.Abs(next-h) <= 1e-12*(1+h) {
			return next
		}
		h = next
	}
	return h
}

// rul returns the remaining life of one forecast path under AR(1) noise
// (lnRho < 0): mean level gap c at t_now still to climb at rate per time
// unit, latest residual r, marginal noise standard deviation sigma and
// standard normal eta (0 without crossing noise). The crossing solves
// rate·Δh + ρ^h·r + s·eta = c, where s = sigma·√(1−ρ^{2h₀}) is the
// innovation spread accumulated by the noise-free crossing h₀.
func (p arPath) rul(c, rate, r, sigma, eta float64) float64 {
	h := arCrossing(c, rate*p.step, r, p.lnRho)
	if eta != 0 {
		s := sigma
		if !math.IsInf(h, 1) {
			s *= math.Sqrt(-math.Expm1(2 * h * p.lnRho))
		}
		h = arCrossing(c-s*eta, rate*p.step, r, p.lnRho)
	}
	return h * p.step
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

// noiseState assembles a NoiseState from a model's noise posterior: alpha,
// beta of the innovation variance (0 when known), the prior marginal
// variance s0, the correlation rho and the observation weight w.
func noiseState(alpha, beta, s0, rho, w float64) NoiseState {
	v := s0
	if alpha > 0 {
		q := 1 - rho*rho
		v = noiseVariance(alpha, beta, s0*q) / q
	}
	return NoiseState{Variance: v, Shape: alpha, Scale: beta, Autocorrelation: rho, Weight: w}
}
