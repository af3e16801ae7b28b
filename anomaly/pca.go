package anomaly

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// PCAConfig configures FitPCA. The zero value standardises the features,
// keeps the components explaining 90 % of the variance and sets the
// control limits at α = 0.01.
type PCAConfig struct {
	// Variance is the fraction of the total variance the retained
	// components must explain: the smallest such k is kept (at most
	// d − 1, so that a residual subspace remains). 0 means 0.9.
	Variance float64
	// Components, when > 0, fixes k instead (1 ≤ k ≤ d − 1).
	Components int
	// PFA is the false-alarm probability of the theoretical control
	// limits, 0 < PFA < 1; 0 means 0.01.
	PFA float64
	// Unscaled analyses the covariance of the centred features instead of
	// their correlation (features are not divided by their standard
	// deviations). Use it only when all features share one unit.
	Unscaled bool
}

// PCA is a principal component model of healthy feature vectors with the
// two classic monitoring statistics: Hotelling's T² = Σ_c t_c²/λ_c over the
// k retained scores t = Pᵀz (variation inside the model) and the squared
// prediction error SPE = ‖z − PPᵀz‖² (the Q statistic, variation the model
// does not explain), z the centred (and by default standardised) vector.
//
// Theoretical limits at α: T²_α = k(n²−1)/(n(n−k))·F_{1−α}(k, n−k), the
// limit for a new observation (Tracy, Young & Mason 1992), and SPE_α by
// J. E. Jackson and G. S. Mudholkar, Technometrics 21 (1979) 341-349,
// from θ_i = Σ_{j>k} λ_j^i (Box's g·χ²_h approximation when their h₀ ≤ 0).
// Both assume roughly Gaussian features; Threshold and EmpiricalLimits
// read limits off the healthy scores instead.
//
// A fitted PCA is read-only: Score and Statistics may be called
// concurrently and allocate nothing.
type PCA struct {
	d, k          int
	mean, invStd  []float64
	loadT         []float64 // k×d: row c is the c-th principal axis
	lambda        []float64 // all d eigenvalues, descending
	resid         []float64 // d×d: I − PPᵀ
	t2Lim, speLim float64
	alpha         float64
	healthy       healthyScores // combined scores
	hT2, hSPE     healthyScores
}

// FitPCA fits the model to x (n×d, one healthy sample a row; d ≥ 2,
// n ≥ d + 1) and computes the control limits. Errors: NaN or infinite
// values, too few samples, a constant feature (unless Unscaled), a
// residual subspace without variance (the retained components explain
// everything: lower Variance or Components), or invalid settings.
func FitPCA(x mat.Matrix, cfg PCAConfig) (*PCA, error) {
	_, d := x.Dims()
	if d < 2 {
		return nil, errorf(ErrInput, "FitPCA: dimension %d, need at least 2", d)
	}
	data, n, d, err := samples("FitPCA", x, d+1)
	if err != nil {
		return nil, err
	}
	variance, alpha := cfg.Variance, cfg.PFA
	if variance == 0 {
		variance = 0.9
	}
	if alpha == 0 {
		alpha = 0.01
	}
	switch {
	case !(variance > 0 && variance <= 1):
		return nil, errorf(ErrConfig, "FitPCA: Variance = %g, want 0 < Variance ≤ 1", cfg.Variance)
	case !(alpha > 0 && alpha < 1):
		return nil, errorf(ErrConfig, "FitPCA: PFA = %g, want 0 < PFA < 1", cfg.PFA)
	case cfg.Components < 0 || cfg.Components >= d:
		return nil, errorf(ErrConfig, "FitPCA: Components = %d, want 1 ≤ k ≤ d − 1 = %d (or 0)", cfg.Components, d-1)
	}
	p := &PCA{d: d, alpha: alpha}
	p.mean = columnMean(nil, data, n, d, nil)
	cov := scatter(nil, data, d, p.mean, nil)
	scale(cov, 1/float64(n-1))
	p.invStd = make([]float64, d)
	for j := range p.invStd {
		p.invStd[j] = 1
		if cfg.Unscaled {
			continue
		}
		sd := math.Sqrt(cov[j*d+j])
		if !(sd > 1e-12*math.Max(1, math.Abs(p.mean[j]))) {
			return nil, errorf(ErrInput, "FitPCA: feature %d is constant in the healthy data (cannot standardise)", j)
		}
		p.invStd[j] = 1 / sd
	}
	for a := 0; a < d; a++ {
		for b := 0; b < d; b++ {
			cov[a*d+b] *= p.invStd[a] * p.invStd[b]
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(mat.NewSymDense(d, cov), true) {
		return nil, errorf(ErrInput, "FitPCA: eigendecomposition did not converge")
	}
	vals := eig.Values(nil) // ascending
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	p.lambda = make([]float64, d)
	var total float64
	for i := range vals {
		p.lambda[i] = math.Max(0, vals[d-1-i])
		total += p.lambda[i]
	}
	k := cfg.Components
	if k == 0 {
		var cum float64
		for k < d-1 {
			cum += p.lambda[k]
			k++
			if cum >= variance*total*(1-1e-12) {
				break
			}
		}
	}
	p.k = k
	p.loadT = make([]float64, k*d)
	for c := 0; c < k; c++ {
		for j := 0; j < d; j++ {
			p.loadT[c*d+j] = vecs.At(j, d-1-c)
		}
	}
	p.resid = make([]float64, d*d)
	for a := 0; a < d; a++ {
		for b := 0; b < d; b++ {
			var s float64
			for c := 0; c < k; c++ {
				s += p.loadT[c*d+a] * p.loadT[c*d+b]
			}
			if a == b {
				s = 1 - s
			} else {
				s = -s
			}
			p.resid[a*d+b] = s
		}
	}
	if !(p.lambda[k-1] > 0) {
		return nil, errorf(ErrInput, "FitPCA: retained component %d has zero variance; lower Components", k)
	}
	if p.t2Lim, p.speLim, err = pcaLimits(p.lambda, k, n, alpha); err != nil {
		return nil, err
	}
	p.hT2 = make(healthyScores, n)
	p.hSPE = make(healthyScores, n)
	p.healthy = make(healthyScores, n)
	for i := 0; i < n; i++ {
		t2, spe := p.stats(data[i*d : (i+1)*d])
		p.hT2[i], p.hSPE[i], p.healthy[i] = t2, spe, math.Max(t2/p.t2Lim, spe/p.speLim)
	}
	slices.Sort(p.hT2)
	slices.Sort(p.hSPE)
	slices.Sort(p.healthy)
	return p, nil
}

// pcaLimits returns the F-based T² limit and the Jackson–Mudholkar SPE
// limit (Box's approximation when h₀ ≤ 0) at false-alarm probability α.
func pcaLimits(lambda []float64, k, n int, alpha float64) (t2, spe float64, err error) {
	if n <= k {
		return 0, 0, errorf(ErrInput, "FitPCA: %d samples for %d components", n, k)
	}
	fk, fn := float64(k), float64(n)
	f := distuv.F{D1: fk, D2: fn - fk}
	t2 = fk * (fn*fn - 1) / (fn * (fn - fk)) * f.Quantile(1-alpha)
	var th1, th2, th3, total float64
	for j, l := range lambda {
		total += l
		if j >= k {
			th1 += l
			th2 += l * l
			th3 += l * l * l
		}
	}
	if !(th1 > 1e-12*total) {
		return 0, 0, errorf(ErrInput, "FitPCA: the residual subspace has no variance (the retained components explain everything); lower Variance or Components")
	}
	h0 := 1 - 2*th1*th3/(3*th2*th2)
	ca := distuv.UnitNormal.Quantile(1 - alpha)
	base := ca*math.Sqrt(2*th2*h0*h0)/th1 + 1 + th2*h0*(h0-1)/(th1*th1)
	if h0 > 0 && base > 0 {
		spe = th1 * math.Pow(base, 1/h0)
	} else {
		g, h := th2/th1, th1*th1/th2
		spe = g * distuv.ChiSquared{K: h}.Quantile(1-alpha)
	}
	return t2, spe, nil
}

// Dim returns the feature dimension.
func (p *PCA) Dim() int { return p.d }

// Components returns the number k of retained components.
func (p *PCA) Components() int { return p.k }

// Eigenvalues appends all d eigenvalues of the (correlation or
// covariance) matrix, descending, to dst.
func (p *PCA) Eigenvalues(dst []float64) []float64 { return append(dst, p.lambda...) }

// Limits returns the theoretical T² and SPE limits at the configured α.
func (p *PCA) Limits() (t2, spe float64) { return p.t2Lim, p.speLim }

// Statistics returns Hotelling's T² and the SPE of x. It panics if
// len(x) != Dim() and returns an error naming a NaN or infinite feature.
func (p *PCA) Statistics(x []float64) (t2, spe float64, err error) {
	if err := checkVector("PCA.Statistics", x, p.d); err != nil {
		return 0, 0, err
	}
	t2, spe = p.stats(x)
	return t2, spe, nil
}

// Score returns max(T²/T²_α, SPE/SPE_α): above 1 when either chart is
// out of its theoretical limit.
func (p *PCA) Score(x []float64) (float64, error) {
	if err := checkVector("PCA.Score", x, p.d); err != nil {
		return 0, err
	}
	t2, spe := p.stats(x)
	return math.Max(t2/p.t2Lim, spe/p.speLim), nil
}

func (p *PCA) stats(x []float64) (t2, spe float64) {
	if p.d <= 64 {
		var buf [64]float64
		z := buf[:p.d]
		for j := range z {
			z[j] = (x[j] - p.mean[j]) * p.invStd[j]
		}
		return p.statsZ(z)
	}
	// d > 64: recompute the scaled features on the fly, no heap memory.
	d, mean, is := p.d, p.mean, p.invStd
	for c := 0; c < p.k; c++ {
		row := p.loadT[c*d : (c+1)*d]
		var t float64
		for j, v := range row {
			t += v * (x[j] - mean[j]) * is[j]
		}
		t2 += t * t / p.lambda[c]
	}
	for a := 0; a < d; a++ {
		za := (x[a] - mean[a]) * is[a]
		row := p.resid[a*d : a*d+a]
		var s float64
		for b, r := range row {
			s += r * (x[b] - mean[b]) * is[b]
		}
		spe += za * (p.resid[a*d+a]*za + 2*s)
	}
	return t2, math.Max(spe, 0)
}

// statsZ computes T² and SPE of the centred, scaled vector z.
func (p *PCA) statsZ(z []float64) (t2, spe float64) {
	d := p.d
	for c := 0; c < p.k; c++ {
		row := p.loadT[c*d : (c+1)*d]
		var t float64
		for j, v := range row {
			t += v * z[j]
		}
		t2 += t * t / p.lambda[c]
	}
	for a := 0; a < d; a++ {
		row := p.resid[a*d : a*d+a]
		var s float64
		for b, r := range row {
			s += r * z[b]
		}
		spe += z[a] * (p.resid[a*d+a]*z[a] + 2*s)
	}
	return t2, math.Max(spe, 0)
}

// Threshold returns the empirical (1 − pfa) quantile of the healthy
// combined scores (see Score).
func (p *PCA) Threshold(pfa float64) (float64, error) { return p.healthy.quantile(pfa) }

// EmpiricalLimits returns the empirical (1 − pfa) quantiles of the
// healthy T² and SPE values, data-driven alternatives to Limits.
func (p *PCA) EmpiricalLimits(pfa float64) (t2, spe float64, err error) {
	if t2, err = p.hT2.quantile(pfa); err != nil {
		return 0, 0, err
	}
	spe, err = p.hSPE.quantile(pfa)
	return t2, spe, err
}
