package rul

import (
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// checkSeries returns ErrNaN naming the first non-finite value of x.
func checkSeries(what string, x []float64) error {
	for i, v := range x {
		if !finite(v) {
			return errorf(ErrNaN, "%s: value %d is %g", what, i, v)
		}
	}
	return nil
}

func grow(dst []float64, n int) []float64 {
	if cap(dst) < n {
		return make([]float64, n)
	}
	return dst[:n]
}

// MovingAverage writes the trailing (causal) moving average of x over
// window points into dst (grown as needed; nil allocates) and returns it:
// dst[i] is the mean of x[max(0,i−window+1) .. i]. dst may alias x. It
// returns an error wrapping ErrBadInput if window < 1.
func MovingAverage(dst, x []float64, window int) ([]float64, error) {
	if window < 1 {
		return dst, errorf(ErrBadInput, "moving-average window %d < 1", window)
	}
	if err := checkSeries("moving average", x); err != nil {
		return dst, err
	}
	dst = grow(dst, len(x))
	// A ring of the last window inputs lets dst alias x.
	var sum float64
	ring := make([]float64, min(window, len(x)))
	for i, v := range x {
		if i >= window {
			sum -= ring[i%window]
		}
		if len(ring) > 0 {
			ring[i%len(ring)] = v
		}
		sum += v
		dst[i] = sum / float64(min(i+1, window))
	}
	return dst, nil
}

// ExponentialSmooth writes the exponentially weighted moving average
// s_0 = x_0, s_i = α·x_i + (1−α)·s_{i−1} into dst (may alias x). It
// returns an error wrapping ErrBadInput unless 0 < alpha ≤ 1.
func ExponentialSmooth(dst, x []float64, alpha float64) ([]float64, error) {
	if !(alpha > 0 && alpha <= 1) {
		return dst, errorf(ErrBadInput, "smoothing factor %v outside (0, 1]", alpha)
	}
	if err := checkSeries("exponential smoothing", x); err != nil {
		return dst, err
	}
	dst = grow(dst, len(x))
	var s float64
	for i, v := range x {
		if i == 0 {
			s = v
		} else {
			s = alpha*v + (1-alpha)*s
		}
		dst[i] = s
	}
	return dst, nil
}

// Lowess writes a locally weighted linear regression smooth of x(t) into
// dst (not aliasing x or t): at each t_i a straight line is fitted by
// weighted least squares to the ⌈frac·n⌉ nearest points with tricube
// weights (1 − (d/d_max)³)³ and evaluated at t_i (Cleveland 1979 without
// the robustness iterations). t must be strictly increasing; 0 < frac ≤ 1.
// It costs O(n·frac·n).
func Lowess(dst, t, x []float64, frac float64) ([]float64, error) {
	if len(t) != len(x) {
		panic("rul: len(t) != len(x)")
	}
	if !(frac > 0 && frac <= 1) {
		return dst, errorf(ErrBadInput, "lowess fraction %v outside (0, 1]", frac)
	}
	if err := (History{Time: t, Value: x}).validate("lowess", 2); err != nil {
		return dst, err
	}
	n := len(x)
	q := max(2, int(math.Ceil(frac*float64(n))))
	q = min(q, n)
	dst = grow(dst, n)
	lo := 0 // window [lo, lo+q)
	for i := range x {
		for lo+q < n && t[lo+q]-t[i] < t[i]-t[lo] {
			lo++
		}
		h := math.Max(t[i]-t[lo], t[lo+q-1]-t[i]) * 1.000001
		var sw, swt, swx, swtt, swtx float64
		for j := lo; j < lo+q; j++ {
			u := math.Abs(t[j]-t[i]) / h
			w := 1 - u*u*u
			w = w * w * w
			dt := t[j] - t[i]
			sw += w
			swt += w * dt
			swx += w * x[j]
			swtt += w * dt * dt
			swtx += w * dt * x[j]
		}
		den := sw*swtt - swt*swt
		if den > 1e-12*sw*swtt {
			dst[i] = (swtt*swx - swt*swtx) / den // line value at dt = 0
		} else {
			dst[i] = swx / sw
		}
	}
	return dst, nil
}

// NormalizeBaseline writes (x − μ)/s into dst (may alias x), where μ and s
// are the mean and sample standard deviation of the first n points, taken
// as the unit's healthy baseline: the result reads in baseline standard
// deviations. It needs 2 ≤ n ≤ len(x) and a non-constant baseline.
func NormalizeBaseline(dst, x []float64, n int) ([]float64, error) {
	if n < 2 || n > len(x) {
		return dst, errorf(ErrTooFewPoints, "baseline normalisation: baseline of %d points from %d", n, len(x))
	}
	if err := checkSeries("baseline normalisation", x); err != nil {
		return dst, err
	}
	var mu float64
	for _, v := range x[:n] {
		mu += v
	}
	mu /= float64(n)
	var ss float64
	for _, v := range x[:n] {
		ss += (v - mu) * (v - mu)
	}
	s := math.Sqrt(ss / float64(n-1))
	if !(s > 0) {
		return dst, errorf(ErrBadInput, "baseline normalisation: first %d points are constant", n)
	}
	dst = grow(dst, len(x))
	for i, v := range x {
		dst[i] = (v - mu) / s
	}
	return dst, nil
}

// FuseWeighted writes the weighted sum Σ_f weights[f]·features[f][i] into
// dst. features holds one equally long series per feature. It panics on
// length mismatches.
func FuseWeighted(dst []float64, features [][]float64, weights []float64) ([]float64, error) {
	if len(features) != len(weights) || len(features) == 0 {
		panic("rul: len(features) != len(weights) or no features")
	}
	n := len(features[0])
	for f, x := range features {
		if len(x) != n {
			panic("rul: feature series of different lengths")
		}
		if err := checkSeries(fmt.Sprintf("fusion feature %d", f), x); err != nil {
			return dst, err
		}
	}
	dst = grow(dst, n)
	clear(dst)
	for f, x := range features {
		for i, v := range x {
			dst[i] += weights[f] * v
		}
	}
	return dst, nil
}

// PCAFusion fuses several features into one health indicator: the first
// principal component of the standardised features, fitted on a training
// ensemble of histories and oriented so that it rises with time.
type PCAFusion struct {
	mean, scale, weights []float64
	explained            float64
}

// FitPCAFusion fits a PCAFusion to units, where units[u][i] is unit u's
// feature vector at its i-th time (time increasing). Each feature is
// standardised by its mean and standard deviation over all training rows;
// the weights are the leading eigenvector of their covariance (gonum
// EigenSym), with the sign making the indicator's pooled covariance with
// the time index positive.
func FitPCAFusion(units [][][]float64) (*PCAFusion, error) {
	var rows int
	p := -1
	for u, unit := range units {
		for i, r := range unit {
			if p < 0 {
				p = len(r)
			}
			if len(r) != p {
				panic("rul: feature vectors of different lengths")
			}
			if err := checkSeries(fmt.Sprintf("pca fusion: unit %d row %d", u, i), r); err != nil {
				return nil, err
			}
			rows++
		}
	}
	if p < 1 || rows < p+1 {
		return nil, errorf(ErrTooFewPoints, "pca fusion: %d rows of %d features", rows, p)
	}
	f := &PCAFusion{mean: make([]float64, p), scale: make([]float64, p)}
	for _, unit := range units {
		for _, r := range unit {
			for k, v := range r {
				f.mean[k] += v / float64(rows)
			}
		}
	}
	cov := mat.NewSymDense(p, nil)
	for _, unit := range units {
		for _, r := range unit {
			for a := 0; a < p; a++ {
				da := r[a] - f.mean[a]
				for b := a; b < p; b++ {
					cov.SetSym(a, b, cov.At(a, b)+da*(r[b]-f.mean[b]))
				}
			}
		}
	}
	for k := 0; k < p; k++ {
		f.scale[k] = math.Sqrt(cov.At(k, k) / float64(rows-1))
		if !(f.scale[k] > 0) {
			return nil, errorf(ErrBadInput, "pca fusion: feature %d is constant", k)
		}
	}
	corr := mat.NewSymDense(p, nil)
	for a := 0; a < p; a++ {
		for b := a; b < p; b++ {
			corr.SetSym(a, b, cov.At(a, b)/float64(rows-1)/(f.scale[a]*f.scale[b]))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(corr, true) {
		return nil, errorf(ErrBadInput, "pca fusion: eigendecomposition failed")
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	top := sort.Float64Slice(vals)
	best := 0
	var total float64
	for i, v := range top {
		total += v
		if v > top[best] {
			best = i
		}
	}
	f.explained = top[best] / total
	f.weights = mat.Col(nil, best, &vecs)
	// Orient: pooled covariance of the indicator with the time index > 0.
	var c float64
	for _, unit := range units {
		mid := float64(len(unit)-1) / 2
		for i, r := range unit {
			c += (float64(i) - mid) * f.Transform(r)
		}
	}
	if c < 0 {
		for k := range f.weights {
			f.weights[k] = -f.weights[k]
		}
	}
	return f, nil
}

// Weights returns the component's loadings on the standardised features.
func (f *PCAFusion) Weights() []float64 { return append([]float64(nil), f.weights...) }

// Explained returns the fraction of the standardised variance the first
// component explains.
func (f *PCAFusion) Explained() float64 { return f.explained }

// Transform returns the health indicator of one feature vector. It panics
// if len(row) differs from the training features.
func (f *PCAFusion) Transform(row []float64) float64 {
	if len(row) != len(f.weights) {
		panic("rul: feature vector length differs from the fitted fusion")
	}
	var s float64
	for k, v := range row {
		s += f.weights[k] * (v - f.mean[k]) / f.scale[k]
	}
	return s
}
