package rul

import (
	"fmt"
	"math"
)

// LinearPrior is the prior of a LinearModel.
//
// The model (as MATLAB's linearDegradationModel) is
//
//	S(t) = φ + θ·t + ε(t),   θ ~ N(SlopeMean, SlopeVariance),  ε ~ N(0, σ²),
//
// with φ and σ² known.
type LinearPrior struct {
	Phi                      float64 // intercept φ
	SlopeMean, SlopeVariance float64 // prior of θ, per time unit
	NoiseVariance            float64 // σ²
}

func (p LinearPrior) validate() error {
	for _, v := range []float64{p.Phi, p.SlopeMean, p.SlopeVariance, p.NoiseVariance} {
		if !finite(v) {
			return errorf(ErrBadPrior, "linear prior %+v has a non-finite parameter", p)
		}
	}
	if !(p.SlopeVariance > 0) || !(p.NoiseVariance > 0) {
		return errorf(ErrBadPrior, "linear prior variances must be > 0 (slope %g, noise %g)", p.SlopeVariance, p.NoiseVariance)
	}
	return nil
}

// LinearModel is a linear degradation model with conjugate Bayesian
// updating of the slope θ (see LinearPrior).
//
// Update. With prior θ ~ N(μ₀, v₀) and observations y_i at t_i, the
// posterior is normal with
//
//	1/v = 1/v₀ + Σt_i²/σ²,   μ = v·(μ₀/v₀ + Σt_i(y_i − φ)/σ²),
//
// kept from the running sums Σt², Σt(y−φ): O(1), allocation-free.
// SamplingConfig.Noise can make σ² unknown (Normal–Inverse-Gamma update),
// temper the likelihood by the residuals' autocorrelation and forget old
// observations, as for ExponentialModel (see NoiseConfig; here X = [t_i],
// z_i = y_i − φ), still O(1) and allocation-free.
//
// Forecast. Predict draws θ from the posterior (first σ² when it is
// estimated); the path φ + θ·t reaches the threshold D at t* = (D − φ)/θ
// (never, +Inf, when t* ≤ 0, i.e. the draw slopes away from D). The
// remaining life is max(0, t* − t_now), t_now being the latest
// observation's time (0 before any). With NoiseConfig.CrossingNoise the
// path also carries one draw of ε. Falling indicators (D < φ) are handled
// alike.
//
// A LinearModel is not safe for concurrent use.
type LinearModel struct {
	prior LinearPrior
	bayesRegression
	mean, vari float64 // posterior of θ at σ² = s₀²
}

// NewLinearModel returns a model with the given prior and no observations;
// ErrBadPrior for an impossible prior, ErrBadInput for an invalid
// cfg.Noise.
func NewLinearModel(prior LinearPrior, cfg SamplingConfig) (*LinearModel, error) {
	if err := prior.validate(); err != nil {
		return nil, err
	}
	r, err := newBayesRegression(cfg)
	if err != nil {
		return nil, err
	}
	m := &LinearModel{prior: prior, bayesRegression: r}
	m.posterior()
	return m, nil
}

func (m *LinearModel) posterior() {
	p := m.prior
	var g gram
	m.normalEquations(&g, false, p.NoiseVariance)
	prec := 1/p.SlopeVariance + g.g11/m.su
	m.vari = 1 / prec
	m.mean = m.vari * (p.SlopeMean/p.SlopeVariance + g.r1/m.su)
	m.alpha, m.beta = 0, 0
	if nu := m.noise.PriorDOF; nu > 0 {
		d := m.mean - p.SlopeMean
		m.alpha = (nu + m.sums.w) / 2
		m.beta = (nu*m.su + g.ssr(0, m.mean) + m.su*d*d/p.SlopeVariance) / 2
	}
}

// Prior returns the model's prior.
func (m *LinearModel) Prior() LinearPrior { return m.prior }

// Posterior returns the posterior mean and variance of the slope θ (with an
// estimated noise variance, the variance of its Student-t marginal, or its
// squared scale while 2α ≤ 2 degrees of freedom).
func (m *LinearModel) Posterior() (mean, variance float64) {
	if m.alpha == 0 {
		return m.mean, m.vari
	}
	return m.mean, m.vari * noiseVariance(m.alpha, m.beta, m.su) / m.su
}

// Noise returns the model's current view of its observation noise.
func (m *LinearModel) Noise() NoiseState {
	return m.noiseState(m.prior.NoiseVariance)
}

// NoiseConfig returns the model's noise configuration, defaults filled in.
func (m *LinearModel) NoiseConfig() NoiseConfig { return m.noise }

// N returns the number of observations absorbed.
func (m *LinearModel) N() int { return m.n }

// Horizon returns the largest |t| (time units) that Update accepts:
// 10⁶·σ/(|E θ| + sd θ), the time over which the prior's path moves by a
// million noise standard deviations (σ² the prior's NoiseVariance). Times
// count from the prior's origin (the start of life of the histories it was
// fitted on); a time far outside, such as a Unix time with a prior fitted
// on times since the start of life, would otherwise give a silently absurd
// forecast.
func (m *LinearModel) Horizon() float64 {
	p := m.prior
	return 1e6 * math.Sqrt(p.NoiseVariance) / (math.Abs(p.SlopeMean) + math.Sqrt(p.SlopeVariance))
}

// Update absorbs the observation S(t) = value; t must follow the previous
// observation's time and lie within ±Horizon. On error the model is
// unchanged.
func (m *LinearModel) Update(t, value float64) error {
	if err := checkObservation("linear model", m.n, m.sums.tLast, m.Horizon(), t, value); err != nil {
		return err
	}
	m.add(t, value-m.prior.Phi, value)
	m.posterior()
	return nil
}

// UpdateBatch absorbs value[i] at t[i] in order, stopping at the first
// invalid observation. It panics if the lengths differ.
func (m *LinearModel) UpdateBatch(t, value []float64) error {
	return updateBatch(m.Update, t, value)
}

// Predict forecasts the remaining life until the signal reaches threshold
// (≠ φ) by sampling the posterior slope (see LinearModel), writing into dst
// (reused; nil allocates). It returns ErrThresholdCrossed when the latest
// observation is already at or beyond threshold.
func (m *LinearModel) Predict(dst *Distribution, threshold float64) (*Distribution, error) {
	phi := m.prior.Phi
	if !finite(threshold) || threshold == phi {
		return dst, errorf(ErrBadInput, "linear model: threshold %g must be finite and differ from φ=%g", threshold, phi)
	}
	up := threshold > phi
	if m.n > 0 && (up && m.yLast >= threshold || !up && m.yLast <= threshold) {
		return dst, errorf(ErrThresholdCrossed, "linear model: value %g at t=%g reached threshold %g", m.yLast, m.sums.tLast, threshold)
	}
	if dst == nil {
		dst = &Distribution{}
	}
	tNow := m.tNow()
	gap := math.Abs(threshold - phi)
	sd := math.Sqrt(m.vari)
	sgn := 1.0
	if !up {
		sgn = -1
	}
	path := newARPath(m.rho, &m.sums, m.n)
	out := dst.resetSamples(m.s.n)
	for i := range out {
		f, sigma := m.s.noise(m.alpha, m.beta, m.su)
		theta := m.mean + f*sd*m.s.rng.NormFloat64()
		if !up {
			theta = -theta
		}
		// In the indicator's rising direction: slope theta, gap to climb,
		// latest observation sgn·z_n above φ.
		out[i] = m.pathRUL(path, tNow, gap, theta, sgn*m.sums.zLast, sigma)
	}
	dst.sortSamples()
	return dst, nil
}

// FitLinearPrior estimates a LinearPrior from histories by the method of
// moments: each history is fitted by least squares with φ_j + θ_j·t; φ is
// the mean intercept, the noise variance the pooled residual variance, and
// the slope prior the sample mean and variance of the θ_j, less their
// average sampling variance σ²/Sₜₜ when that leaves a positive variance. It
// needs at least 3 histories of 3 or more points.
func FitLinearPrior(histories []History) (LinearPrior, error) {
	if len(histories) < 3 {
		return LinearPrior{}, errorf(ErrTooFewPoints, "linear fit: %d histories, need at least 3", len(histories))
	}
	fits := make([]lineFit, len(histories))
	for j, h := range histories {
		if err := h.validate(fmt.Sprintf("linear fit: history %d", j), 3); err != nil {
			return LinearPrior{}, err
		}
		fits[j] = fitLine(h.Time, h.Value)
	}
	p, err := momentPrior(fits)
	if err != nil {
		return LinearPrior{}, fmt.Errorf("linear fit: %w", err)
	}
	return LinearPrior{Phi: p.ma, SlopeMean: p.mb, SlopeVariance: p.vb, NoiseVariance: p.noise}, nil
}

// MarshalBinary encodes the model bit-exactly (prior, noise configuration,
// sufficient statistics, random-stream position); a model with the
// classical NoiseConfig is written in the version-1 format.
func (m *LinearModel) MarshalBinary() ([]byte, error) {
	p := m.prior
	prior := []float64{p.Phi, p.SlopeMean, p.SlopeVariance, p.NoiseVariance}
	v1 := []float64{m.sums.tt, m.sums.tz, m.sums.tLast, m.yLast}
	return m.marshal(tagLinear, prior, v1), nil
}

// UnmarshalBinary restores a model saved by MarshalBinary (of this or the
// version-1 format).
func (m *LinearModel) UnmarshalBinary(data []byte) error {
	const model = "linear model"
	d := newDecoder(data, tagLinear, model)
	var r LinearModel
	for _, f := range []*float64{&r.prior.Phi, &r.prior.SlopeMean, &r.prior.SlopeVariance, &r.prior.NoiseVariance} {
		*f = d.f64("prior")
	}
	s := &r.sums
	v1 := []*float64{&s.tt, &s.tz, &s.tLast, &r.yLast}
	if err := r.unmarshal(d, model, v1, r.prior.validate()); err != nil {
		return err
	}
	if d.version == 1 {
		s.zLast = r.yLast - r.prior.Phi
	}
	r.posterior()
	if err := r.checkState(model, r.Horizon(), []float64{r.mean, r.sums.zLast}, r.vari, 0, 1); err != nil {
		return err
	}
	*m = r
	return nil
}
