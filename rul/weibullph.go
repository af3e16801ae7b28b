package rul

import "math"

// CovariateRun is one unit's history for FitWeibullPH: a covariate z
// (dimensionless, e.g. the log of a health indicator) observed at ages
// Time (the caller's time unit, increasing, ≥ 0) and held until the next
// observation (Z[0] also from age 0 to Time[0]; the last until End), and
// how the history ended: a failure at age End (Failed) or a right-censored
// survival to End.
type CovariateRun struct {
	Time   []float64
	Z      []float64
	End    float64
	Failed bool
}

// WeibullPH is a Weibull proportional-hazards model with a time-varying
// covariate, the condition-based-maintenance model of Jardine et al.:
//
//	h(t | z) = (k/λ)(t/λ)^(k−1) · exp(γ·z(t)),
//
// a Weibull baseline hazard of shape k and scale λ (the caller's time
// unit) scaled by exp(γ·z). FitWeibullPH fits it by penalised maximum
// likelihood to failed and censored histories with piecewise-constant
// covariates. With the covariate held at its current value z the residual
// life of a unit that has survived to age t is Weibull-conditional with
// scale λ·exp(−γz/k): P(R > x) = exp(−e^{γz}[((t+x)/λ)^k − (t/λ)^k]).
type WeibullPH struct {
	shape, scale, gamma float64
}

// NewWeibullPH returns the model with shape k > 0, scale λ > 0 (the
// caller's time unit) and covariate coefficient γ, all finite (else an
// error wrapping ErrBadInput).
func NewWeibullPH(shape, scale, gamma float64) (*WeibullPH, error) {
	if !finite(shape) || !(shape > 0) || !finite(scale) || !(scale > 0) || !finite(gamma) {
		return nil, errorf(ErrBadInput, "weibull PH: shape %g, scale %g, γ %g: want k, λ finite and > 0, γ finite", shape, scale, gamma)
	}
	return &WeibullPH{shape: shape, scale: scale, gamma: gamma}, nil
}

// Shape returns the baseline shape k.
func (m *WeibullPH) Shape() float64 { return m.shape }

// Scale returns the baseline scale λ (the fit's time unit).
func (m *WeibullPH) Scale() float64 { return m.scale }

// Gamma returns the covariate coefficient γ (per unit of z).
func (m *WeibullPH) Gamma() float64 { return m.gamma }

// MarshalBinary encodes the fitted parameters bit-exactly (format version
// 1, tag 'P'; see the package's state format).
func (m *WeibullPH) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagWeibullPH, 24)
	e.f64(m.shape)
	e.f64(m.scale)
	e.f64(m.gamma)
	return e.b, nil
}

// UnmarshalBinary restores a model saved by MarshalBinary. A corrupt,
// truncated or other-version record, or parameters NewWeibullPH would
// refuse, is an error wrapping ErrState; m is then unchanged.
func (m *WeibullPH) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagWeibullPH, "weibull PH model")
	k, lam, g := d.f64("shape"), d.f64("scale"), d.f64("gamma")
	if err := d.finish(); err != nil {
		return err
	}
	r, err := NewWeibullPH(k, lam, g)
	if err != nil {
		return errorf(ErrState, "weibull PH state: invalid parameters k=%g λ=%g γ=%g", k, lam, g)
	}
	*m = *r
	return nil
}

// Predict returns the residual-life distribution of a unit that has
// survived to age (≥ 0) with its covariate held at z from now on, written
// into dst (nil allocates). A non-finite z or a negative or non-finite age
// is an error wrapping ErrBadInput.
func (m *WeibullPH) Predict(dst *Distribution, age, z float64) (*Distribution, error) {
	if !finite(age) || age < 0 || !finite(z) {
		return dst, errorf(ErrBadInput, "weibull PH: age %g (want finite, ≥ 0), z %g (want finite)", age, z)
	}
	if dst == nil {
		dst = &Distribution{}
	}
	sc := m.scale * math.Exp(-m.gamma*z/m.shape)
	if !(sc > 0) || math.IsInf(sc, 0) {
		return dst, errorf(ErrBadInput, "weibull PH: scale at z = %g is %g", z, sc)
	}
	dst.setWeibull(m.shape, sc, age)
	return dst, nil
}

// FitWeibullPH fits a WeibullPH to runs by maximising the censored
// log-likelihood
//
//	ℓ = Σ_failed [ln k − k ln λ + (k−1) ln T + γ z(T)]
//	    − Σ_runs Σ_j e^{γ z_j} [(b_j/λ)^k − (a_j/λ)^k] − ridge·γ²/2
//
// over (ln k, ln λ, γ) (Levenberg–Marquardt-damped Newton steps on the
// analytic gradient, its Hessian by central differences; times scaled by
// their maximum), where [a_j, b_j) are the ages over which z_j holds.
// ridge ≥ 0 is the precision of a zero-mean Gaussian prior on γ: when
// every failure happens at the highest covariate of its risk set (the
// usual case for a health indicator, which peaks at the failure) the
// unpenalised γ diverges, and the prior keeps it finite. It needs 2
// failures at distinct ages; a run with no covariates, Time and Z of
// different lengths, times not increasing, End before the last time, or a
// non-finite value is an error wrapping ErrBadInput.
func FitWeibullPH(runs []CovariateRun, ridge float64) (*WeibullPH, error) {
	if !finite(ridge) || ridge < 0 {
		return nil, errorf(ErrBadInput, "weibull PH: ridge %g, want finite and ≥ 0", ridge)
	}
	tmax, ends, failed := 0.0, make([]float64, 0, len(runs)), make([]bool, 0, len(runs))
	for i, r := range runs {
		if err := r.check(); err != nil {
			return nil, errorf(ErrBadInput, "weibull PH: run %d: %v", i, err)
		}
		tmax = math.Max(tmax, r.End)
		ends, failed = append(ends, r.End), append(failed, r.Failed)
	}
	start, err := FitWeibull(ends, failed)
	if err != nil {
		return nil, err
	}
	p := phProblem{runs: runs, tmax: tmax, ridge: ridge}
	x0 := []float64{math.Log(start.shape), -start.shape * math.Log(start.scale/tmax), 0}
	x, ok := p.minimize(x0)
	if !ok {
		return nil, errorf(ErrBadInput, "weibull PH: fit did not converge")
	}
	k := math.Exp(x[0])
	return NewWeibullPH(k, tmax*math.Exp(-x[1]/k), x[2])
}

// check validates one run.
func (r CovariateRun) check() error {
	if len(r.Time) == 0 || len(r.Time) != len(r.Z) {
		return errorf(ErrBadInput, "%d times and %d covariates, want the same number ≥ 1", len(r.Time), len(r.Z))
	}
	prev := 0.0
	for j, t := range r.Time {
		if !finite(t) || t < prev || (j > 0 && t == prev) || !finite(r.Z[j]) {
			return errorf(ErrBadInput, "time %g, covariate %g at %d: want finite, increasing, ≥ 0", t, r.Z[j], j)
		}
		prev = t
	}
	if !finite(r.End) || !(r.End > 0) || r.End < prev {
		return errorf(ErrBadInput, "end %g before the last time %g", r.End, prev)
	}
	return nil
}

// phProblem is FitWeibullPH's objective in x = (ln k, β = −k ln(λ/tmax), γ).
type phProblem struct {
	runs  []CovariateRun
	tmax  float64
	ridge float64
}

// eval returns −ℓ and, when g is not nil, its gradient.
func (p phProblem) eval(x, g []float64) float64 {
	k, beta, gamma := math.Exp(x[0]), x[1], x[2]
	if k > 1e3 || math.Abs(beta) > 700 || math.Abs(gamma) > 700 {
		if g != nil {
			g[0], g[1], g[2] = 0, 0, 0
		}
		return math.Inf(1)
	}
	var ll, dk, db, dg float64
	for _, r := range p.runs {
		for j, z := range r.Z {
			a, b := r.Time[j]/p.tmax, r.End/p.tmax
			if j == 0 {
				a = 0
			}
			if j+1 < len(r.Z) {
				b = r.Time[j+1] / p.tmax
			}
			w := math.Exp(beta + gamma*z)
			ak, bk := powk(a, k), powk(b, k)
			h := w * (bk - ak)
			ll -= h
			db -= h
			dg -= z * h
			dk -= w * (bk*logz(b) - ak*logz(a))
		}
		if r.Failed {
			t := r.End / p.tmax
			z := r.Z[len(r.Z)-1]
			ll += math.Log(k) + beta + (k-1)*math.Log(t) + gamma*z
			dk += 1/k + math.Log(t)
			db++
			dg += z
		}
	}
	ll -= p.ridge * gamma * gamma / 2
	dg -= p.ridge * gamma
	if g != nil {
		g[0], g[1], g[2] = -k*dk, -db, -dg
	}
	return -ll
}

// minimize runs damped Newton steps from x0 until the gradient's largest
// component is below 1e-9·(1 + |ℓ|) or the step stalls; ok is false when
// it never reached a finite objective or ran out of iterations.
func (p phProblem) minimize(x0 []float64) (x []float64, ok bool) {
	x = append([]float64(nil), x0...)
	g, gp, gm := make([]float64, 3), make([]float64, 3), make([]float64, 3)
	var h [3][3]float64
	f := p.eval(x, g)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return x, false
	}
	mu := 1e-3
	for iter := 0; iter < 500; iter++ {
		if math.Max(math.Abs(g[0]), math.Max(math.Abs(g[1]), math.Abs(g[2]))) < 1e-9*(1+math.Abs(f)) {
			return x, true
		}
		for i := range 3 {
			const d = 1e-5
			xi := x[i]
			x[i] = xi + d
			p.eval(x, gp)
			x[i] = xi - d
			p.eval(x, gm)
			x[i] = xi
			for j := range 3 {
				h[i][j] = (gp[j] - gm[j]) / (2 * d)
			}
		}
		improved := false
		for ; mu < 1e12; mu *= 10 {
			var a [3][3]float64
			for i := range 3 {
				for j := range 3 {
					a[i][j] = (h[i][j] + h[j][i]) / 2
				}
				a[i][i] += mu * (1 + math.Abs(a[i][i]))
			}
			step, solved := solve3(a, g)
			if !solved {
				continue
			}
			xn := []float64{x[0] - step[0], x[1] - step[1], x[2] - step[2]}
			if fn := p.eval(xn, gp); fn <= f {
				stalled := f-fn <= 1e-15*(1+math.Abs(f))
				copy(x, xn)
				copy(g, gp)
				f = fn
				improved = true
				mu = math.Max(mu/10, 1e-9)
				if stalled {
					return x, true
				}
				break
			}
		}
		if !improved {
			return x, true // no descent at any damping: a minimum to rounding
		}
	}
	return x, false
}

// solve3 solves a·s = b by Gaussian elimination with partial pivoting.
func solve3(a [3][3]float64, b []float64) (s [3]float64, ok bool) {
	r := [3]float64{b[0], b[1], b[2]}
	for c := range 3 {
		piv := c
		for i := c + 1; i < 3; i++ {
			if math.Abs(a[i][c]) > math.Abs(a[piv][c]) {
				piv = i
			}
		}
		if !(math.Abs(a[piv][c]) > 0) {
			return s, false
		}
		a[c], a[piv] = a[piv], a[c]
		r[c], r[piv] = r[piv], r[c]
		for i := c + 1; i < 3; i++ {
			m := a[i][c] / a[c][c]
			for j := c; j < 3; j++ {
				a[i][j] -= m * a[c][j]
			}
			r[i] -= m * r[c]
		}
	}
	for i := 2; i >= 0; i-- {
		v := r[i]
		for j := i + 1; j < 3; j++ {
			v -= a[i][j] * s[j]
		}
		s[i] = v / a[i][i]
	}
	return s, true
}

// powk is u^k for u ≥ 0 (0 at u = 0).
func powk(u, k float64) float64 {
	if u == 0 {
		return 0
	}
	return math.Exp(k * math.Log(u))
}

// logz is ln u, 0 at u = 0 (where it multiplies u^k = 0).
func logz(u float64) float64 {
	if u == 0 {
		return 0
	}
	return math.Log(u)
}
