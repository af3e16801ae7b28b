package rul

import (
	"fmt"
	"math"
	"sort"
)

// The feature-ranking metrics below score one candidate health indicator
// over an ensemble of M run-to-failure histories x_1 ... x_M (x_j holding
// the feature's N_j values in time order, ending at failure), each in
// [0, 1] with 1 best, following the definitions of MATLAB's Predictive
// Maintenance Toolbox (after J. Coble and J. W. Hines, "Identifying Optimal
// Prognostic Parameters from Data: A Genetic Algorithms Approach", Annual
// Conference of the PHM Society, 2009).

func checkEnsemble(what string, x [][]float64, min int) error {
	if len(x) < 1 {
		return errorf(ErrTooFewPoints, "%s: no histories", what)
	}
	for j, h := range x {
		if len(h) < min {
			return errorf(ErrTooFewPoints, "%s: history %d has %d points, need %d", what, j, len(h), min)
		}
		if err := checkSeries(fmt.Sprintf("%s: history %d", what, j), h); err != nil {
			return err
		}
	}
	return nil
}

// Monotonicity returns
//
//	(1/M) Σ_j | (#{d > 0} − #{d < 0}) / (N_j − 1) |,   d = diff(x_j),
//
// the mean absolute balance of rising over falling steps: 1 for every
// history strictly monotonic (either direction), near 0 for noise. Equal
// successive values count as neither. Smooth noisy features first (e.g.
// MovingAverage). Each history needs 2 or more points.
func Monotonicity(x [][]float64) (float64, error) {
	if err := checkEnsemble("monotonicity", x, 2); err != nil {
		return 0, err
	}
	var s float64
	for _, h := range x {
		var up, down int
		for i := 1; i < len(h); i++ {
			switch d := h[i] - h[i-1]; {
			case d > 0:
				up++
			case d < 0:
				down++
			}
		}
		s += math.Abs(float64(up-down)) / float64(len(h)-1)
	}
	return s / float64(len(x)), nil
}

// Trendability returns min_{j,k} |corr(x_j, x_k)| over all pairs of
// histories (Pearson correlation), the shorter of each pair first resampled
// by linear interpolation to the length of the longer, as MATLAB does. It
// needs 2 or more histories of 2 or more points; a constant history has
// correlation 0 with every other.
func Trendability(x [][]float64) (float64, error) {
	if err := checkEnsemble("trendability", x, 2); err != nil {
		return 0, err
	}
	if len(x) < 2 {
		return 0, errorf(ErrTooFewPoints, "trendability: %d history, need 2", len(x))
	}
	best := 1.0
	var buf []float64
	for j := 0; j < len(x); j++ {
		for k := j + 1; k < len(x); k++ {
			a, b := x[j], x[k]
			if len(a) > len(b) {
				a, b = b, a
			}
			if len(a) != len(b) {
				buf = resample(buf, a, len(b))
				a = buf
			}
			best = math.Min(best, math.Abs(pearson(a, b)))
		}
	}
	return best, nil
}

// resample linearly interpolates x (len ≥ 2) onto n equally spaced points
// spanning the same range of positions.
func resample(dst, x []float64, n int) []float64 {
	dst = grow(dst, n)
	m := len(x)
	for i := range dst {
		pos := float64(i) * float64(m-1) / float64(n-1)
		k := int(pos)
		if k >= m-1 {
			dst[i] = x[m-1]
			continue
		}
		f := pos - float64(k)
		dst[i] = x[k] + f*(x[k+1]-x[k])
	}
	return dst
}

// pearson returns the correlation coefficient of a and b (0 when either is
// constant).
func pearson(a, b []float64) float64 {
	_, _, saa, sab, sbb := centredMoments(a, b)
	if saa == 0 || sbb == 0 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

// Prognosability returns
//
//	exp( − std_j(x_j(N_j)) / mean_j |x_j(1) − x_j(N_j)| ),
//
// the spread of the failure values relative to the mean travel from start
// to failure (std with the N−1 normalisation, as MATLAB's std). It needs 2
// or more histories; a feature that does not move at all scores 0.
func Prognosability(x [][]float64) (float64, error) {
	if err := checkEnsemble("prognosability", x, 1); err != nil {
		return 0, err
	}
	if len(x) < 2 {
		return 0, errorf(ErrTooFewPoints, "prognosability: %d history, need 2", len(x))
	}
	M := float64(len(x))
	var mf, travel float64
	for _, h := range x {
		mf += h[len(h)-1] / M
		travel += math.Abs(h[0]-h[len(h)-1]) / M
	}
	var ss float64
	for _, h := range x {
		d := h[len(h)-1] - mf
		ss += d * d
	}
	sd := math.Sqrt(ss / (M - 1))
	if travel == 0 {
		return 0, nil
	}
	return math.Exp(-sd / travel), nil
}

// FeatureScore holds the three ranking metrics of one feature.
type FeatureScore struct {
	Feature                                    int // index into the features ranked
	Monotonicity, Trendability, Prognosability float64
}

// Sum returns Monotonicity + Trendability + Prognosability, a common
// combined ranking criterion.
func (s FeatureScore) Sum() float64 { return s.Monotonicity + s.Trendability + s.Prognosability }

// RankFeatures scores each feature — features[f][j] is feature f's history
// on unit j — and returns the scores sorted by Sum, best first.
func RankFeatures(features [][][]float64) ([]FeatureScore, error) {
	out := make([]FeatureScore, len(features))
	for f, x := range features {
		var err error
		s := FeatureScore{Feature: f}
		if s.Monotonicity, err = Monotonicity(x); err == nil {
			if s.Trendability, err = Trendability(x); err == nil {
				s.Prognosability, err = Prognosability(x)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("feature %d: %w", f, err)
		}
		out[f] = s
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Sum() > out[b].Sum() })
	return out, nil
}
