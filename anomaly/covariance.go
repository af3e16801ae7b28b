package anomaly

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/spindle-pdm/spindle/internal/stats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// CovEstimator selects how a healthy covariance is estimated.
type CovEstimator uint8

const (
	// CovLedoitWolf shrinks the sample covariance S (divided by n) towards
	// μI, μ = tr(S)/d, with the closed-form intensity of O. Ledoit and
	// M. Wolf, "A well-conditioned estimator for large-dimensional
	// covariance matrices", J. Multivariate Analysis 88 (2004) 365-411.
	// It is always positive definite unless every feature is constant, so
	// a constant feature or n ≤ d is regularised rather than an error.
	// The target μI assumes comparable feature scales: standardise
	// features of different units first.
	CovLedoitWolf CovEstimator = iota
	// CovMCD is the reweighted Minimum Covariance Determinant estimate
	// found by FAST-MCD (P. J. Rousseeuw and K. Van Driessen,
	// Technometrics 41 (1999) 212-223): robust to up to n − h outlying
	// training samples. The raw h-subset covariance is scaled so that the
	// median squared distance is χ²_d's median (as scikit-learn does);
	// samples with a corrected D² ≤ χ²_d(0.975) are then kept and their
	// covariance is scaled by the Gaussian consistency factor
	// 0.975/P(χ²_{d+2} ≤ χ²_d(0.975)). See MCDConfig.
	CovMCD
	// CovEmpirical is the unbiased sample covariance (divided by n − 1);
	// it is an error when it is singular.
	CovEmpirical
)

// String returns the estimator name.
func (e CovEstimator) String() string {
	switch e {
	case CovLedoitWolf:
		return "ledoit-wolf"
	case CovMCD:
		return "mcd"
	case CovEmpirical:
		return "empirical"
	}
	return "unknown"
}

// MCDConfig configures FAST-MCD. The zero value gives the most robust
// fit: h = ⌊(n+d+1)/2⌋, 500 random starts, seed 0.
type MCDConfig struct {
	// Support is the fraction h/n of samples the raw estimate is computed
	// from, in [0.5, 1]; 0 means ⌊(n+d+1)/2⌋, the 50 % breakdown choice.
	// Values giving h < ⌊(n+d+1)/2⌋ are raised to it.
	Support float64
	// Starts is the number of random (d+1)-subsets tried; 0 means 500.
	Starts int
	// Seed seeds the random subsets, so fits are reproducible.
	Seed uint64
}

// CovEstimate is a location and scatter estimate of a healthy sample.
type CovEstimate struct {
	// Mean is the location estimate (length d).
	Mean []float64
	// Cov is the d×d covariance estimate.
	Cov *mat.SymDense
	// Shrinkage is the Ledoit–Wolf intensity in [0, 1] (0 for the others).
	Shrinkage float64
	// Support lists the samples the final estimate was computed from:
	// all of them for Ledoit–Wolf and the empirical estimate; the inliers
	// of the reweighting step for MCD.
	Support []int
}

// EstimateCovariance estimates location and covariance of x (n×d, one
// sample a row) with the chosen estimator; mcd is used only by CovMCD.
// It returns an error for NaN or infinite values, too few samples (see
// minSamples: 2 for Ledoit–Wolf, which regularises n ≤ d; d + 1 for the
// others), all-constant features (Ledoit–Wolf) or a singular covariance
// (empirical, MCD), naming what was wrong.
func EstimateCovariance(x mat.Matrix, est CovEstimator, mcd MCDConfig) (CovEstimate, error) {
	_, d := x.Dims()
	data, n, d, err := samples("EstimateCovariance", x, minSamples(est, d))
	if err != nil {
		return CovEstimate{}, err
	}
	return estimate(data, n, d, est, mcd)
}

// minSamples is the fewest samples an estimator accepts: Ledoit–Wolf
// shrinkage keeps the estimate positive definite even when n ≤ d, so 2;
// the empirical and MCD estimates need d + 1.
func minSamples(est CovEstimator, d int) int {
	if est == CovLedoitWolf {
		return 2
	}
	return d + 1
}

func estimate(data []float64, n, d int, est CovEstimator, mcd MCDConfig) (CovEstimate, error) {
	var (
		mean, cov []float64
		shrink    float64
		support   []int
		err       error
	)
	switch est {
	case CovLedoitWolf:
		mean = columnMean(nil, data, n, d, nil)
		cov, shrink, err = ledoitWolf(data, n, d, mean)
		support = allIndices(n)
	case CovEmpirical:
		mean = columnMean(nil, data, n, d, nil)
		cov = scatter(nil, data, d, mean, nil)
		scale(cov, 1/float64(n-1))
		if _, _, ok := cholesky(nil, cov, d); !ok {
			err = errorf(ErrInput, "empirical covariance is singular%s; use CovLedoitWolf", constantHint(data, n, d))
		}
		support = allIndices(n)
	case CovMCD:
		mean, cov, support, err = fastMCD(data, n, d, mcd)
	default:
		panic(fmt.Sprintf("anomaly: unknown CovEstimator %d", est))
	}
	if err != nil {
		return CovEstimate{}, err
	}
	return CovEstimate{Mean: mean, Cov: mat.NewSymDense(d, cov), Shrinkage: shrink, Support: support}, nil
}

func allIndices(n int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	return idx
}

// constantHint names the first feature that is constant over data, if any.
func constantHint(data []float64, n, d int) string {
	for j := 0; j < d; j++ {
		c := true
		for i := 1; i < n && c; i++ {
			c = data[i*d+j] == data[j]
		}
		if c {
			return fmt.Sprintf(" (feature %d is constant)", j)
		}
	}
	return ""
}

// columnMean writes the mean of the rows idx of data (all rows if idx is
// nil) into dst.
func columnMean(dst, data []float64, n, d int, idx []int) []float64 {
	dst = resize(dst, d)
	clear(dst)
	cnt := 0
	add := func(row []float64) {
		for j, v := range row {
			dst[j] += v
		}
		cnt++
	}
	if idx == nil {
		for i := 0; i < n; i++ {
			add(data[i*d : (i+1)*d])
		}
	} else {
		for _, i := range idx {
			add(data[i*d : (i+1)*d])
		}
	}
	scale(dst, 1/float64(cnt))
	return dst
}

// scatter writes Σ (x−m)(x−m)ᵀ over the rows idx of data (all rows if nil)
// into dst (d×d, row-major, both triangles).
func scatter(dst, data []float64, d int, m []float64, idx []int) []float64 {
	dst = resize(dst, d*d)
	clear(dst)
	y := make([]float64, d)
	add := func(row []float64) {
		for j := range y {
			y[j] = row[j] - m[j]
		}
		for a := 0; a < d; a++ {
			ya := y[a]
			r := dst[a*d : a*d+a+1]
			for b := range r {
				r[b] += ya * y[b]
			}
		}
	}
	if idx == nil {
		for i := 0; i < len(data)/d; i++ {
			add(data[i*d : (i+1)*d])
		}
	} else {
		for _, i := range idx {
			add(data[i*d : (i+1)*d])
		}
	}
	for a := 0; a < d; a++ {
		for b := 0; b < a; b++ {
			dst[b*d+a] = dst[a*d+b]
		}
	}
	return dst
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func scale(s []float64, f float64) {
	for i := range s {
		s[i] *= f
	}
}

// ledoitWolf returns (1−δ)S + δμI with S the covariance about mean divided
// by n, μ = tr(S)/d and the closed-form δ = min(b̄², d²)/d², where
// d² = ‖S − μI‖²_F/d and b̄² = (1/n²)Σ_k ‖y_k y_kᵀ − S‖²_F/d
//
//	= ((1/n)Σ_k ‖y_k‖⁴ − ‖S‖²_F)/(n·d),  y_k = x_k − mean.
func ledoitWolf(data []float64, n, d int, mean []float64) (cov []float64, shrink float64, err error) {
	cov = scatter(nil, data, d, mean, nil)
	scale(cov, 1/float64(n))
	var tr, fro, q4 float64
	for a := 0; a < d; a++ {
		tr += cov[a*d+a]
	}
	for _, v := range cov {
		fro += v * v
	}
	for i := 0; i < n; i++ {
		var s float64
		for j, v := range data[i*d : (i+1)*d] {
			y := v - mean[j]
			s += y * y
		}
		q4 += s * s
	}
	mu := tr / float64(d)
	if !(mu > 0) {
		return nil, 0, errorf(ErrInput, "Ledoit–Wolf: every feature is constant (zero total variance)")
	}
	fd := float64(d)
	delta := (fro - 2*mu*tr + fd*mu*mu) / fd // ‖S − μI‖²_F / d
	beta := (q4/float64(n) - fro) / (float64(n) * fd)
	beta = math.Max(0, math.Min(beta, delta))
	if delta > 0 {
		shrink = beta / delta
	}
	scale(cov, 1-shrink)
	for a := 0; a < d; a++ {
		cov[a*d+a] += shrink * mu
	}
	return cov, shrink, nil
}

// cholesky factors the symmetric d×d matrix a (row-major, lower triangle
// read) as L Lᵀ into dst, returning log det a. ok is false when a pivot is
// not positive relative to the matrix scale (a singular or indefinite a).
func cholesky(dst, a []float64, d int) (l []float64, logDet float64, ok bool) {
	l = resize(dst, d*d)
	clear(l)
	var tr float64
	for i := 0; i < d; i++ {
		tr += math.Abs(a[i*d+i])
	}
	tol := 1e-12 * tr / float64(d)
	for i := 0; i < d; i++ {
		for j := 0; j <= i; j++ {
			s := a[i*d+j]
			li, lj := l[i*d:i*d+j], l[j*d:j*d+j]
			for k := range li {
				s -= li[k] * lj[k]
			}
			if i == j {
				if !(s > tol) {
					return l, 0, false
				}
				l[i*d+i] = math.Sqrt(s)
				logDet += 2 * math.Log(l[i*d+i])
			} else {
				l[i*d+j] = s / l[j*d+j]
			}
		}
	}
	return l, logDet, true
}

// invLower writes the inverse of the lower-triangular d×d matrix l into dst.
func invLower(dst, l []float64, d int) []float64 {
	w := resize(dst, d*d)
	clear(w)
	for c := 0; c < d; c++ {
		w[c*d+c] = 1 / l[c*d+c]
		for i := c + 1; i < d; i++ {
			var s float64
			for k := c; k < i; k++ {
				s += l[i*d+k] * w[k*d+c]
			}
			w[i*d+c] = -s / l[i*d+i]
		}
	}
	return w
}

// mahal2 returns ‖W(x − m)‖² for lower-triangular W = L⁻¹, the squared
// Mahalanobis distance, without heap memory (x − m is kept on the stack
// for d ≤ 64 and recomputed otherwise).
func mahal2(w, m, x []float64, d int) float64 {
	var s float64
	if d <= 64 {
		var buf [64]float64
		y := buf[:d]
		for j := range y {
			y[j] = x[j] - m[j]
		}
		for i := 0; i < d; i++ {
			row := w[i*d : i*d+i+1]
			var z float64
			for j, wij := range row {
				z += wij * y[j]
			}
			s += z * z
		}
		return s
	}
	for i := 0; i < d; i++ {
		row := w[i*d : i*d+i+1]
		var z float64
		for j, wij := range row {
			z += wij * (x[j] - m[j])
		}
		s += z * z
	}
	return s
}

// fastMCD runs FAST-MCD and the reweighting step. For n > 600 the random
// starts' first two C-steps use a fixed random subsample of 600 samples
// (a simplification of the paper's nested subsets); the ten best starts
// are then iterated to convergence on all samples.
func fastMCD(data []float64, n, d int, cfg MCDConfig) (mean, cov []float64, support []int, err error) {
	hMin := (n + d + 1) / 2
	h := hMin
	if cfg.Support != 0 {
		if !(cfg.Support >= 0.5 && cfg.Support <= 1) {
			return nil, nil, nil, errorf(ErrConfig, "MCD Support = %g, want 0.5 ≤ Support ≤ 1", cfg.Support)
		}
		h = max(hMin, int(math.Ceil(cfg.Support*float64(n))))
	}
	h = min(h, n)
	if h <= d {
		return nil, nil, nil, errorf(ErrInput, "MCD needs h = %d > d = %d samples", h, d)
	}
	starts := cfg.Starts
	if starts <= 0 {
		starts = 500
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6d6364))
	var w mcdWork
	w.init(n, d)

	// Fixed subsample for the starts.
	sub := allIndices(n)
	hs := h
	if n > 600 {
		rng.Shuffle(n, func(i, j int) { sub[i], sub[j] = sub[j], sub[i] })
		sub = slices.Clone(sub[:600])
		hs = max(d+1, int(math.Ceil(float64(h)*600/float64(n))))
	}
	type cand struct {
		idx    []int
		logDet float64
	}
	best := make([]cand, 0, 11)
	for s := 0; s < starts; s++ {
		idx := w.randomStart(data, d, sub, hs, rng)
		if idx == nil {
			continue
		}
		var ld float64
		ok := true
		for it := 0; it < 2 && ok; it++ {
			idx, ld, ok = w.cstep(data, d, sub, idx, hs)
		}
		if !ok {
			continue
		}
		best = append(best, cand{slices.Clone(idx), ld})
		slices.SortFunc(best, func(a, b cand) int { return cmpFloat(a.logDet, b.logDet) })
		if len(best) > 10 {
			best = best[:10]
		}
	}
	if len(best) == 0 {
		return nil, nil, nil, errorf(ErrInput, "MCD: every h-subset covariance is singular%s; use CovLedoitWolf", constantHint(data, n, d))
	}
	all := allIndices(n)
	var bestIdx []int
	bestLD := math.Inf(1)
	for _, c := range best {
		idx := c.idx
		if len(sub) != n { // grow to h samples of the whole set
			var ok bool
			if idx, _, ok = w.cstep(data, d, all, idx, h); !ok {
				continue
			}
		}
		prev := math.Inf(1)
		for it := 0; it < 100; it++ {
			var ld float64
			var ok bool
			idx, ld, ok = w.cstep(data, d, all, idx, h)
			if !ok || ld >= prev-1e-12*math.Abs(prev) {
				if ok {
					prev = ld
				}
				break
			}
			prev = ld
		}
		if prev < bestLD {
			bestLD, bestIdx = prev, slices.Clone(idx)
		}
	}
	if bestIdx == nil {
		return nil, nil, nil, errorf(ErrInput, "MCD: h-subset covariance is singular%s; use CovLedoitWolf", constantHint(data, n, d))
	}
	// Raw estimate, consistency-corrected so that the median squared
	// distance matches χ²_d's median (as scikit-learn does).
	chi2 := distuv.ChiSquared{K: float64(d)}
	mean = columnMean(nil, data, n, d, bestIdx)
	cov = scatter(nil, data, d, mean, bestIdx)
	scale(cov, 1/float64(len(bestIdx)))
	d2, ok := w.distances(data, d, cov, mean)
	if !ok {
		return nil, nil, nil, errorf(ErrInput, "MCD: raw covariance is singular")
	}
	med := stats.MedianInPlace(slices.Clone(d2))
	corr := med / chi2.Quantile(0.5)
	scale(cov, corr)
	// Reweighting: keep samples with D² ≤ χ²_d(0.975).
	cut := chi2.Quantile(0.975) * corr
	support = support[:0]
	for i, v := range d2 {
		if v <= cut {
			support = append(support, i)
		}
	}
	mean = columnMean(mean, data, n, d, support)
	cov = scatter(cov, data, d, mean, support)
	// Truncating a Gaussian at χ²_d(0.975) shrinks its covariance by
	// P(χ²_{d+2} ≤ χ²_d(0.975))/0.975; undo it (Croux & Haesbroeck 1999).
	cons := 0.975 / distuv.ChiSquared{K: float64(d + 2)}.CDF(chi2.Quantile(0.975))
	scale(cov, cons/float64(len(support)))
	if _, _, ok := cholesky(nil, cov, d); !ok {
		return nil, nil, nil, errorf(ErrInput, "MCD: reweighted covariance is singular%s", constantHint(data, n, d))
	}
	return mean, cov, support, nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// mcdWork holds FAST-MCD's scratch memory.
type mcdWork struct {
	mean, cov, l, w, d2 []float64
	order               []int
}

func (w *mcdWork) init(n, d int) {
	w.mean = make([]float64, d)
	w.cov = make([]float64, d*d)
	w.l = make([]float64, d*d)
	w.w = make([]float64, d*d)
	w.d2 = make([]float64, n)
	w.order = make([]int, n)
}

// randomStart draws a random (d+1)-subset of sub and, while its
// covariance is singular, adds random samples (the paper's rule); it
// returns the h samples of sub closest in the subset's metric, or nil.
func (w *mcdWork) randomStart(data []float64, d int, sub []int, h int, rng *rand.Rand) []int {
	perm := rng.Perm(len(sub))
	k := d + 1
	for ; k <= len(sub); k++ {
		idx := w.order[:k]
		for i := range idx {
			idx[i] = sub[perm[i]]
		}
		columnMean(w.mean, data, 0, d, idx)
		scatter(w.cov, data, d, w.mean, idx)
		if _, _, ok := cholesky(w.l, w.cov, d); ok {
			break
		}
		if k >= h {
			return nil
		}
	}
	if k > len(sub) {
		return nil
	}
	scale(w.cov, 1/float64(k))
	idx, _, ok := w.closest(data, d, sub, h)
	if !ok {
		return nil
	}
	return idx
}

// cstep computes mean and covariance of idx and returns the h samples of
// sub closest in that metric with the log determinant of idx's covariance.
func (w *mcdWork) cstep(data []float64, d int, sub, idx []int, h int) ([]int, float64, bool) {
	columnMean(w.mean, data, 0, d, idx)
	scatter(w.cov, data, d, w.mean, idx)
	scale(w.cov, 1/float64(len(idx)))
	next, ld, ok := w.closest(data, d, sub, h)
	return next, ld, ok
}

// closest factors w.cov and returns the h samples of sub with the smallest
// distances to w.mean (a fresh slice) and log det w.cov.
func (w *mcdWork) closest(data []float64, d int, sub []int, h int) ([]int, float64, bool) {
	l, ld, ok := cholesky(w.l, w.cov, d)
	if !ok {
		return nil, 0, false
	}
	inv := invLower(w.w, l, d)
	d2 := w.d2[:len(sub)]
	for k, i := range sub {
		d2[k] = mahal2(inv, w.mean, data[i*d:(i+1)*d], d)
	}
	ord := make([]int, len(sub))
	for k := range ord {
		ord[k] = k
	}
	slices.SortFunc(ord, func(a, b int) int { return cmpFloat(d2[a], d2[b]) })
	out := make([]int, h)
	for k := range out {
		out[k] = sub[ord[k]]
	}
	return out, ld, true
}

// distances returns the squared distances of all samples under (mean, cov).
func (w *mcdWork) distances(data []float64, d int, cov, mean []float64) ([]float64, bool) {
	l, _, ok := cholesky(w.l, cov, d)
	if !ok {
		return nil, false
	}
	inv := invLower(w.w, l, d)
	n := len(data) / d
	out := make([]float64, n)
	for i := range out {
		out[i] = mahal2(inv, mean, data[i*d:(i+1)*d], d)
	}
	return out, true
}
