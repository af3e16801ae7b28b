package rul

import (
	"fmt"
	"math"
)

// bayesRegression is what LinearModel and ExponentialModel share: the
// online Bayesian regression z = x·c + e of their transformed observations
// (ExponentialModel: z = ln(S − φ), x = [1 t]; LinearModel: z = S − φ,
// x = t; see NoiseConfig), its sufficient statistics, noise posterior,
// random stream and state record. Each model keeps its own prior and
// coefficients' posterior.
type bayesRegression struct {
	noise NoiseConfig // canonical (withDefaults)
	s     sampler

	n     int
	sums  regSums
	yLast float64 // latest observation, untransformed

	alpha, beta float64 // inverse-gamma posterior of the innovation variance (0 when known)
	rho         float64 // AR(1) noise correlation in use
	su          float64 // prior innovation variance σ₀²(1−ρ²)
}

// newBayesRegression returns the regression of a model without
// observations; ErrBadInput for an invalid cfg.Noise.
func newBayesRegression(cfg SamplingConfig) (bayesRegression, error) {
	noise := cfg.Noise.withDefaults()
	if err := noise.validate(); err != nil {
		return bayesRegression{}, err
	}
	if cfg.Samples > MaxSamples {
		return bayesRegression{}, errorf(ErrBadInput, "sampling config: Samples %d > MaxSamples %d", cfg.Samples, MaxSamples)
	}
	return bayesRegression{noise: noise, s: newSampler(cfg)}, nil
}

// add absorbs the observation value at t, whose transform is z.
func (r *bayesRegression) add(t, z, value float64) {
	r.sums.add(t, z, r.noise.Forgetting, r.n == 0)
	r.n++
	r.yLast = value
}

// normalEquations sets g to the normal equations to update the
// coefficients with, the AR(1) correlation ρ̂ in use and the prior
// innovation variance σ₀²(1−ρ²) for the prior noise variance σ₀² (see
// NoiseConfig); intercept says whether the regression has one (x = [1 t])
// or runs through the origin (x = t). (g is an out-parameter: a gram
// returned by value is copied through memory, a cost the O(1) update
// notices.)
func (r *bayesRegression) normalEquations(g *gram, intercept bool, noiseVariance float64) {
	if r.noise.Autocorrelation {
		r.autocorrelated(g, intercept, noiseVariance)
		return
	}
	r.rho, r.su = 0, noiseVariance
	*g = r.sums.plain()
}

// autocorrelated is normalEquations under AR(1) noise: ρ̂ is the clipped
// lag-1 autocorrelation of the least-squares residuals, and the normal
// equations are the Prais–Winsten transformed ones.
func (r *bayesRegression) autocorrelated(g *gram, intercept bool, noiseVariance float64) {
	var a, b float64
	var ok bool
	if intercept {
		a, b, ok = r.sums.olsLine()
	} else {
		b, ok = r.sums.olsSlope()
	}
	r.rho = 0
	if ok {
		r.rho = clipRho(r.sums.lag1(a, b), r.noise.MaxAutocorrelation)
	}
	r.su = noiseVariance * (1 - r.rho*r.rho)
	*g = r.sums.prais(r.rho)
}

// noiseState returns the NoiseState for the prior noise variance σ₀².
func (r *bayesRegression) noiseState(noiseVariance float64) NoiseState {
	return noiseState(r.alpha, r.beta, noiseVariance, r.rho, r.sums.w)
}

// tNow returns the time forecasts start from: the latest observation's (0
// before any).
func (r *bayesRegression) tNow() float64 {
	if r.n == 0 {
		return 0
	}
	return r.sums.tLast
}

// pathRUL draws the crossing noise of one forecast path (when
// NoiseConfig.CrossingNoise) and returns the path's remaining life from
// tNow. In the direction in which the indicator degrades, the path's mean
// level rises at rate per time unit from the draw's intercept, which lies
// gap below the threshold and zLast below the latest observation; sigma is
// the draw's innovation standard deviation and path the AR(1) noise path.
func (r *bayesRegression) pathRUL(path arPath, tNow, gap, rate, zLast, sigma float64) float64 {
	eta := 0.0
	if r.noise.CrossingNoise {
		eta = r.s.rng.NormFloat64()
	}
	if path.lnRho == 0 {
		return crossing(gap-sigma*eta, rate, tNow)
	}
	sigma /= math.Sqrt(1 - r.rho*r.rho) // marginal
	return path.rul(gap-rate*tNow, rate, zLast-rate*tNow, sigma, eta)
}

// crossing returns the remaining life max(0, gap/rate − tNow) of a straight
// path that needs to climb gap at rate per time unit, or +Inf when it never
// gets there (rate ≤ 0 with gap > 0).
func crossing(gap, rate, tNow float64) float64 {
	if gap <= 0 {
		return 0
	}
	if !(rate > 0) {
		return math.Inf(1)
	}
	return math.Max(0, gap/rate-tNow)
}

// updateBatch feeds update the observations v[i] at t[i] in order, stopping
// at the first invalid one (whose error names its index). It panics if the
// lengths differ.
func updateBatch(update func(t, v float64) error, t, v []float64) error {
	if len(t) != len(v) {
		panic("rul: len(t) != len(value)")
	}
	for i := range t {
		if err := update(t[i], v[i]); err != nil {
			return fmt.Errorf("observation %d: %w", i, err)
		}
	}
	return nil
}

// stateSlack bounds what a state record holds besides its float64 and
// count fields: the sampler (about 36 bytes) and the noise configuration
// (26 bytes). Sizes are capacity hints only.
const stateSlack = 64

// marshal encodes a model record: tag, the prior's parameters, then, for
// the classical noise configuration, the version-1 format (count, the
// model's version-1 sums v1, random stream), else version 2 (noise
// configuration, count, the 26 sums, latest observation, random stream).
func (r *bayesRegression) marshal(tag byte, prior, v1 []float64) []byte {
	if r.noise.classical() {
		e := newEncoder(tag, 8*(len(prior)+1+len(v1))+stateSlack)
		for _, v := range prior {
			e.f64(v)
		}
		e.int(r.n)
		for _, v := range v1 {
			e.f64(v)
		}
		r.s.encode(e)
		return e.b
	}
	e := newVersionEncoder(tag, 2, 8*(len(prior)+28)+stateSlack)
	for _, v := range prior {
		e.f64(v)
	}
	r.noise.encode(e)
	e.int(r.n)
	r.sums.encode(e)
	e.f64(r.yLast)
	r.s.encode(e)
	return e.b
}

// unmarshal decodes the rest of a record that marshal wrote, d being past
// the prior, into r: for version 1 the count and the sums that v1 points to
// (the rest follow from the count, but for the latest transformed
// observation sums.zLast, which the caller sets); for version 2 all of
// them. priorErr is the decoded prior's validation error. Errors come in
// the order: corrupt record, invalid prior, invalid noise configuration,
// non-finite sum.
func (r *bayesRegression) unmarshal(d *decoder, model string, v1 []*float64, priorErr error) error {
	r.noise = NoiseConfig{}.withDefaults()
	ok := true
	if d.version == 1 {
		r.n = d.int("count", math.MaxInt32)
		for _, f := range v1 {
			*f = d.f64("sums")
			ok = ok && finite(*f)
		}
		// The classical model needs only these sums; the rest stay 0.
		r.sums.w = float64(r.n)
	} else {
		r.noise.decode(d)
		r.n = d.int("count", math.MaxInt32)
		ok = r.sums.decode(d)
		r.yLast = d.f64("sums")
		ok = ok && finite(r.yLast)
	}
	r.s.decode(d)
	if err := d.finish(); err != nil {
		return err
	}
	if priorErr != nil {
		return errorf(ErrState, "%s state holds an invalid prior (%v)", model, priorErr)
	}
	if d.version > 1 {
		if err := r.noise.checkState(model); err != nil {
			return err
		}
	}
	if !ok {
		return errorf(ErrState, "%s state holds a non-finite sum", model)
	}
	// Each observation weighs 1 when absorbed and is then forgotten, so
	// with observations 1 ≤ Σω ≤ n.
	if s := &r.sums; !(s.w >= 0 && s.tt >= 0 && s.w1 >= 0 && s.w1 <= s.w && s.pw >= 0) ||
		r.n == 0 && (s.w != 0 || s.tt != 0) || r.n > 0 && !(s.w >= 1-1e-9 && s.w <= float64(r.n)*(1+1e-9)) {
		return errorf(ErrState, "%s state holds impossible sums (weight %g, Σt² %g, count %d)", model, s.w, s.tt, r.n)
	}
	return nil
}

// checkState validates what a restored model derived from its record: the
// latest time within the horizon and a finite posterior of positive
// variance (cov00, cov01, cov11; a one-parameter model passes 0 for the
// others' cov01 and a positive cov00).
func (r *bayesRegression) checkState(model string, horizon float64, mean []float64, cov00, cov01, cov11 float64) error {
	if r.n > 0 && !(math.Abs(r.sums.tLast) <= horizon) {
		return errorf(ErrState, "%s state: latest time %g beyond the horizon ±%g", model, r.sums.tLast, horizon)
	}
	for _, v := range append(mean, cov01, r.alpha, r.beta, r.rho, r.su) {
		if !finite(v) {
			return errorf(ErrState, "%s state gives a non-finite posterior", model)
		}
	}
	if !(cov00 > 0 && cov11 > 0 && cov00*cov11 > cov01*cov01) || math.IsInf(cov00*cov11, 0) || !(r.su > 0) || r.alpha < 0 || r.beta < 0 {
		return errorf(ErrState, "%s state gives an invalid posterior covariance", model)
	}
	return nil
}
