package rul

import (
	"fmt"
	"math"
)

// ExponentialPrior is the prior of an ExponentialModel.
//
// The model (Gebraeel et al. 2005, as MATLAB's exponentialDegradationModel)
// is
//
//	S(t) = φ + θ·exp(β·t + ε(t) − σ²/2),   ε ~ N(0, σ²) i.i.d.,
//
// so that, with θ' = θ·exp(−σ²/2),
//
//	ln(S(t) − φ) = ln θ' + β·t + ε(t),
//
// a linear regression in log space whose coefficients (ln θ', β) have a
// bivariate normal prior. θ is then log-normal and β normal.
type ExponentialPrior struct {
	// Phi is the intercept φ; observations must exceed it.
	Phi float64
	// LogThetaMean and LogThetaVariance are the mean and variance of ln θ'.
	LogThetaMean, LogThetaVariance float64
	// BetaMean and BetaVariance are the mean and variance of the growth
	// rate β (per time unit).
	BetaMean, BetaVariance float64
	// Rho is the prior correlation of ln θ' and β, in (−1, 1).
	Rho float64
	// NoiseVariance is σ², the variance of ε in log space; it is known
	// (fitted from prior histories) and not updated.
	NoiseVariance float64
}

func (p ExponentialPrior) validate() error {
	for _, v := range []float64{p.Phi, p.LogThetaMean, p.LogThetaVariance, p.BetaMean, p.BetaVariance, p.Rho, p.NoiseVariance} {
		if !finite(v) {
			return errorf(ErrBadPrior, "exponential prior %+v has a non-finite parameter", p)
		}
	}
	if !(p.LogThetaVariance > 0) || !(p.BetaVariance > 0) || !(p.NoiseVariance > 0) {
		return errorf(ErrBadPrior, "exponential prior variances must be > 0 (ln θ' %g, β %g, noise %g)",
			p.LogThetaVariance, p.BetaVariance, p.NoiseVariance)
	}
	if !(math.Abs(p.Rho) < 1) {
		return errorf(ErrBadPrior, "exponential prior correlation ρ=%g outside (−1, 1)", p.Rho)
	}
	return nil
}

// ExponentialModel is an exponential degradation model with conjugate
// Bayesian updating of (ln θ', β) as observations arrive (see
// ExponentialPrior for the model).
//
// Update. With known σ² and a normal prior N(m₀, Σ₀), after observations
// z_i = ln(S_i − φ) at times t_i the posterior is normal with
//
//	Σ⁻¹ = Σ₀⁻¹ + XᵀX/σ²,   m = Σ·(Σ₀⁻¹m₀ + Xᵀz/σ²),   X = [1 t_i],
//
// computed from the running sums n, Σt, Σt², Σz, Σtz: each Update is O(1)
// and allocation-free. SamplingConfig.Noise can make σ² unknown
// (Normal–Inverse-Gamma update), temper the likelihood by the residuals'
// autocorrelation, and forget old observations; see NoiseConfig for the
// formulas. Each remains O(1) and allocation-free per Update.
//
// Forecast. Predict draws (ln θ', β) from the posterior (first σ² from its
// inverse-gamma posterior when it is estimated); each draw's path
// ln θ' + β·t reaches the threshold D at t* = (ln(D − φ) − ln θ')/β (never,
// +Inf, when β ≤ 0), and the remaining life is max(0, t* − t_now) with
// t_now the time of the latest observation (0 before any). The forecast
// thus carries the parameter uncertainty of the path; with
// NoiseConfig.CrossingNoise the path level also carries one draw of ε.
//
// An ExponentialModel is not safe for concurrent use.
type ExponentialModel struct {
	prior ExponentialPrior
	bayesRegression

	m0, m1        float64 // posterior mean of (ln θ', β)
	c00, c01, c11 float64 // posterior covariance at σ² = σ₀²
	p00, p01, p11 float64 // prior precision Σ₀⁻¹
	pm0, pm1      float64 // Σ₀⁻¹ m₀
}

// NewExponentialModel returns a model with the given prior and no
// observations. It returns ErrBadPrior for an impossible prior and
// ErrBadInput for an invalid cfg.Noise.
func NewExponentialModel(prior ExponentialPrior, cfg SamplingConfig) (*ExponentialModel, error) {
	if err := prior.validate(); err != nil {
		return nil, err
	}
	r, err := newBayesRegression(cfg)
	if err != nil {
		return nil, err
	}
	m := &ExponentialModel{prior: prior, bayesRegression: r}
	m.init()
	return m, nil
}

// init derives the prior precision from the prior and resets the posterior.
func (m *ExponentialModel) init() {
	p := m.prior
	cov := p.Rho * math.Sqrt(p.LogThetaVariance*p.BetaVariance)
	det := p.LogThetaVariance*p.BetaVariance - cov*cov
	m.p00, m.p01, m.p11 = p.BetaVariance/det, -cov/det, p.LogThetaVariance/det
	m.pm0 = m.p00*p.LogThetaMean + m.p01*p.BetaMean
	m.pm1 = m.p01*p.LogThetaMean + m.p11*p.BetaMean
	m.posterior()
}

// posterior recomputes the posterior from the sums (see NoiseConfig).
func (m *ExponentialModel) posterior() {
	var g gram
	m.normalEquations(&g, true, m.prior.NoiseVariance)
	w := 1 / m.su
	a := m.p00 + w*g.g00
	b := m.p01 + w*g.g01
	c := m.p11 + w*g.g11
	det := a*c - b*b
	m.c00, m.c01, m.c11 = c/det, -b/det, a/det
	r0 := m.pm0 + w*g.r0
	r1 := m.pm1 + w*g.r1
	m.m0 = m.c00*r0 + m.c01*r1
	m.m1 = m.c01*r0 + m.c11*r1
	m.alpha, m.beta = 0, 0
	if nu := m.noise.PriorDOF; nu > 0 {
		d0, d1 := m.m0-m.prior.LogThetaMean, m.m1-m.prior.BetaMean
		quad := m.p00*d0*d0 + 2*m.p01*d0*d1 + m.p11*d1*d1
		m.alpha = (nu + m.sums.w) / 2
		m.beta = (nu*m.su + g.ssr(m.m0, m.m1) + m.su*quad) / 2
	}
}

// Prior returns the model's prior.
func (m *ExponentialModel) Prior() ExponentialPrior { return m.prior }

// Posterior returns the current posterior mean and covariance of
// (ln θ', β): mean = (E ln θ', E β), cov = [Var ln θ', Cov, Var β]. With an
// estimated noise variance the coefficients are marginally Student t and
// cov is their covariance (their scale matrix while 2α ≤ 2 degrees of
// freedom).
func (m *ExponentialModel) Posterior() (mean [2]float64, cov [3]float64) {
	f := 1.0
	if m.alpha > 0 {
		f = noiseVariance(m.alpha, m.beta, m.su) / m.su
	}
	return [2]float64{m.m0, m.m1}, [3]float64{f * m.c00, f * m.c01, f * m.c11}
}

// Noise returns the model's current view of its observation noise.
func (m *ExponentialModel) Noise() NoiseState {
	return m.noiseState(m.prior.NoiseVariance)
}

// NoiseConfig returns the model's noise configuration, defaults filled in.
func (m *ExponentialModel) NoiseConfig() NoiseConfig { return m.noise }

// N returns the number of observations absorbed.
func (m *ExponentialModel) N() int { return m.n }

// Samples returns the number of posterior draws per forecast
// (SamplingConfig.Samples, default filled in; restored by UnmarshalBinary).
func (m *ExponentialModel) Samples() int { return m.s.n }

// Horizon returns the largest |t| (time units) that Update accepts:
// 700/(|E β| + sd β), the time over which the prior's path grows by
// e^700, beyond which exp overflows. Times count from the prior's origin
// (the start of life of the histories it was fitted on); a time far
// outside, such as a Unix time with a prior fitted on times since the
// start of life, would otherwise give a silently absurd forecast (a
// growth rate near 0, a remaining life of ages).
func (m *ExponentialModel) Horizon() float64 {
	return 700 / (math.Abs(m.prior.BetaMean) + math.Sqrt(m.prior.BetaVariance))
}

// Update absorbs the observation S(t) = value. t must be after the previous
// observation's time, within ±Horizon, and value must exceed φ (its
// logarithm is taken); otherwise an error is returned and the model is
// unchanged.
func (m *ExponentialModel) Update(t, value float64) error {
	if err := checkObservation("exponential model", m.n, m.sums.tLast, m.Horizon(), t, value); err != nil {
		return err
	}
	if !(value > m.prior.Phi) {
		return errorf(ErrBadInput, "exponential model update: value %g at t=%g not above φ=%g", value, t, m.prior.Phi)
	}
	m.add(t, math.Log(value-m.prior.Phi), value)
	m.posterior()
	return nil
}

// UpdateBatch absorbs the observations value[i] at t[i] in order, stopping
// at the first invalid one (whose error names its index). It panics if the
// lengths differ.
func (m *ExponentialModel) UpdateBatch(t, value []float64) error {
	return updateBatch(m.Update, t, value)
}

// Predict forecasts the remaining life until the degradation signal reaches
// threshold (which must exceed φ) by sampling the posterior (see
// ExponentialModel). The result is written to dst, whose storage is reused;
// a nil dst allocates. It returns ErrThresholdCrossed when the latest
// observation is already at or above threshold.
func (m *ExponentialModel) Predict(dst *Distribution, threshold float64) (*Distribution, error) {
	if !finite(threshold) || !(threshold > m.prior.Phi) {
		return dst, errorf(ErrBadInput, "exponential model: threshold %g must be finite and above φ=%g", threshold, m.prior.Phi)
	}
	if m.n > 0 && m.yLast >= threshold {
		return dst, errorf(ErrThresholdCrossed, "exponential model: value %g at t=%g ≥ threshold %g", m.yLast, m.sums.tLast, threshold)
	}
	if dst == nil {
		dst = &Distribution{}
	}
	tNow := m.tNow()
	zD := math.Log(threshold - m.prior.Phi)
	l00 := math.Sqrt(m.c00)
	l10 := m.c01 / l00
	l11 := math.Sqrt(math.Max(0, m.c11-l10*l10))
	path := newARPath(m.rho, &m.sums, m.n)
	out := dst.resetSamples(m.s.n)
	for i := range out {
		sd, sigma := m.s.noise(m.alpha, m.beta, m.su)
		u, v := m.s.rng.NormFloat64(), m.s.rng.NormFloat64()
		a := m.m0 + sd*l00*u
		b := m.m1 + sd*l10*u + sd*l11*v
		out[i] = m.pathRUL(path, tNow, zD-a, b, m.sums.zLast-a, sigma)
	}
	dst.sortSamples()
	return dst, nil
}

// FitExponentialPrior estimates an ExponentialPrior from run-to-failure (or
// any) histories by the method of moments: each history's ln(S − φ) is
// fitted by least squares with a line ln θ'_j + β_j·t; the noise variance is
// the pooled residual variance; the prior mean and covariance of (ln θ', β)
// are the sample mean and covariance of the per-history estimates, less the
// average sampling covariance σ²(XᵀX)⁻¹ of those estimates when that leaves
// a positive-definite matrix. It needs at least 3 histories of 3 or more
// points, every value above phi.
func FitExponentialPrior(histories []History, phi float64) (ExponentialPrior, error) {
	if len(histories) < 3 {
		return ExponentialPrior{}, errorf(ErrTooFewPoints, "exponential fit: %d histories, need at least 3", len(histories))
	}
	fits := make([]lineFit, len(histories))
	z := []float64{}
	for j, h := range histories {
		which := fmt.Sprintf("exponential fit: history %d", j)
		if err := h.validate(which, 3); err != nil {
			return ExponentialPrior{}, err
		}
		z = z[:0]
		for i, v := range h.Value {
			if !(v > phi) {
				return ExponentialPrior{}, errorf(ErrBadInput, "%s: value %g at t=%g not above φ=%g", which, v, h.Time[i], phi)
			}
			z = append(z, math.Log(v-phi))
		}
		fits[j] = fitLine(h.Time, z)
	}
	p, err := momentPrior(fits)
	if err != nil {
		return ExponentialPrior{}, fmt.Errorf("exponential fit: %w", err)
	}
	return ExponentialPrior{Phi: phi, LogThetaMean: p.ma, LogThetaVariance: p.va,
		BetaMean: p.mb, BetaVariance: p.vb, Rho: p.rho, NoiseVariance: p.noise}, nil
}

// lineMoments is the method-of-moments prior of per-history line fits.
type lineMoments struct {
	ma, mb, va, vb, cab, rho, noise float64
}

// momentPrior pools the residual variance of fits and takes the sample
// moments of their coefficients, corrected for estimation noise.
func momentPrior(fits []lineFit) (lineMoments, error) {
	var ssr float64
	var dof int
	k := float64(len(fits))
	var p lineMoments
	var e00, e01, e11 float64
	for _, f := range fits {
		ssr += f.ssr
		dof += f.n - 2
		p.ma += f.a / k
		p.mb += f.b / k
		e00 += f.inv[0] / k
		e01 += f.inv[1] / k
		e11 += f.inv[2] / k
	}
	if dof <= 0 || !(ssr > 0) {
		return p, errorf(ErrBadInput, "no residual variance to estimate the noise from")
	}
	p.noise = ssr / float64(dof)
	for _, f := range fits {
		da, db := f.a-p.ma, f.b-p.mb
		p.va += da * da / (k - 1)
		p.vb += db * db / (k - 1)
		p.cab += da * db / (k - 1)
	}
	// Remove the estimation noise when the result stays positive definite
	// with some margin; otherwise keep the raw (conservative) moments.
	va, vb, cab := p.va-p.noise*e00, p.vb-p.noise*e11, p.cab-p.noise*e01
	if va > 0.05*p.va && vb > 0.05*p.vb && cab*cab < 0.95*va*vb {
		p.va, p.vb, p.cab = va, vb, cab
	}
	if !(p.va > 0) || !(p.vb > 0) {
		return p, errorf(ErrBadPrior, "histories give zero coefficient variance (identical histories?)")
	}
	p.rho = p.cab / math.Sqrt(p.va*p.vb)
	if !(math.Abs(p.rho) < 1) {
		return p, errorf(ErrBadPrior, "coefficients perfectly correlated (ρ=%g)", p.rho)
	}
	return p, nil
}

// MarshalBinary encodes the model — prior, noise configuration,
// observations' sufficient statistics, posterior and random-stream
// position — bit-exactly (see the state format in state.go's package
// documentation; a model with the classical NoiseConfig is written in the
// version-1 format).
func (m *ExponentialModel) MarshalBinary() ([]byte, error) {
	p := m.prior
	prior := []float64{p.Phi, p.LogThetaMean, p.LogThetaVariance, p.BetaMean, p.BetaVariance, p.Rho, p.NoiseVariance}
	v1 := []float64{m.sums.t, m.sums.tt, m.sums.z, m.sums.tz, m.sums.tLast, m.yLast}
	return m.marshal(tagExponential, prior, v1), nil
}

// UnmarshalBinary restores a model saved by MarshalBinary (of this or the
// version-1 format); the restored model continues exactly as the saved one
// would have.
func (m *ExponentialModel) UnmarshalBinary(data []byte) error {
	const model = "exponential model"
	d := newDecoder(data, tagExponential, model)
	var p ExponentialPrior
	for _, f := range []*float64{&p.Phi, &p.LogThetaMean, &p.LogThetaVariance, &p.BetaMean, &p.BetaVariance, &p.Rho, &p.NoiseVariance} {
		*f = d.f64("prior")
	}
	var r ExponentialModel
	s := &r.sums
	v1 := []*float64{&s.t, &s.tt, &s.z, &s.tz, &s.tLast, &r.yLast}
	if err := r.unmarshal(d, model, v1, p.validate()); err != nil {
		return err
	}
	if d.version == 1 && r.n > 0 && r.yLast > p.Phi {
		s.zLast = math.Log(r.yLast - p.Phi)
	}
	r.prior = p
	r.init()
	if r.n > 0 && !(r.yLast > p.Phi) {
		return errorf(ErrState, "%s state: latest value %g not above φ=%g", model, r.yLast, p.Phi)
	}
	if err := r.checkState(model, r.Horizon(), []float64{r.m0, r.m1, r.sums.zLast}, r.c00, r.c01, r.c11); err != nil {
		return err
	}
	*m = r
	return nil
}
