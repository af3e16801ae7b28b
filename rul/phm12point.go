package rul

import "math"

// phm12Accuracy is the IEEE PHM 2012 challenge's accuracy of predicting
// pred when the truth is r > 0 (PHM12Score of one pair); r = +Inf scores
// as Er = 100 %.
func phm12Accuracy(r, pred float64) float64 {
	er := 100.0
	if !math.IsInf(r, 1) {
		er = 100 * (r - pred) / r
	}
	if er <= 0 {
		return math.Exp(-math.Ln2 * (-er) / 5)
	}
	return math.Exp(-math.Ln2 * er / 20)
}

// PHM12Point returns the point forecast that maximises the expected IEEE
// PHM 2012 accuracy (the summand of PHM12Score) under the remaining-life
// distribution d: the Bayes decision for that score, which punishes a late
// forecast 4× harder than an early one, so it lies below the median of a
// wide distribution and near it for a narrow one. The expectation is taken
// over d's quantiles at (i+½)/m, i = 0 … m−1, and the candidates are the
// same quantiles (m < 2 means 2), O(m²). Quantiles at or below 0 are left
// out of the expectation (the score needs a positive truth); with none
// left, or no finite candidate, it returns 0.
func PHM12Point(d *Distribution, m int) float64 {
	m = max(m, 2)
	q := make([]float64, 0, m)
	for i := range m {
		q = append(q, d.Quantile((float64(i)+0.5)/float64(m)))
	}
	best, bestV := 0.0, -1.0
	for _, p := range q {
		if math.IsInf(p, 0) || math.IsNaN(p) {
			continue
		}
		v, n := 0.0, 0
		for _, r := range q {
			if r > 0 {
				v += phm12Accuracy(r, p)
				n++
			}
		}
		if n > 0 && v/float64(n) > bestV {
			best, bestV = p, v/float64(n)
		}
	}
	return best
}
