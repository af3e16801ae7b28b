package anomaly

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Detector is a baseline-learned multivariate detector after fitting:
// Mahalanobis, PCA and IsolationForest implement it. Score rates one
// feature vector (larger is more anomalous) and Threshold gives the score
// that healthy data exceed with probability pfa. A fitted Detector is
// read-only, so Score may be called from many goroutines at once; it
// allocates nothing for a valid vector.
type Detector interface {
	// Dim returns the feature dimension the detector was fitted on.
	Dim() int
	// Score rates x; it panics if len(x) != Dim() and returns an error
	// naming the element if x holds a NaN or infinity.
	Score(x []float64) (float64, error)
	// Threshold returns the empirical (1 − pfa) quantile of the healthy
	// training scores.
	Threshold(pfa float64) (float64, error)
}

// RowsDense copies a slice of equally long feature vectors (one sample
// a row) into a new n×d *mat.Dense, the input the Fit functions take. It
// returns an error for no rows, empty rows or rows of different lengths.
func RowsDense(rows [][]float64) (*mat.Dense, error) {
	if len(rows) == 0 || len(rows[0]) == 0 {
		return nil, errorf(ErrInput, "RowsDense: no samples or empty rows")
	}
	d := len(rows[0])
	data := make([]float64, 0, len(rows)*d)
	for i, r := range rows {
		if len(r) != d {
			return nil, errorf(ErrInput, "RowsDense: row %d has %d features, row 0 has %d", i, len(r), d)
		}
		data = append(data, r...)
	}
	return mat.NewDense(len(rows), d, data), nil
}

// samples copies x (n×d, one sample a row) into a new row-major slice and
// checks that every value is finite and that n ≥ minRows.
func samples(who string, x mat.Matrix, minRows int) (data []float64, n, d int, err error) {
	n, d = x.Dims()
	if n < minRows {
		return nil, n, d, errorf(ErrInput, "%s: %d samples of dimension %d, need at least %d", who, n, d, minRows)
	}
	data = make([]float64, n*d)
	for i := 0; i < n; i++ {
		row := data[i*d : (i+1)*d]
		for j := range row {
			v := x.At(i, j)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, n, d, errorf(ErrInput, "%s: sample %d feature %d is %v", who, i, j, v)
			}
			row[j] = v
		}
	}
	return data, n, d, nil
}

// checkVector panics if len(x) != d and returns an error naming the first
// non-finite element. It allocates only on the error path.
func checkVector(who string, x []float64, d int) error {
	if len(x) != d {
		panic(fmt.Sprintf("anomaly: %s: vector length %d, detector dimension %d", who, len(x), d))
	}
	for j, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errorf(ErrInput, "%s: feature %d is %v", who, j, v)
		}
	}
	return nil
}

// healthyScores holds a detector's scores of its own training samples,
// sorted ascending, for data-driven thresholds.
type healthyScores []float64

// HealthyQuantile returns the empirical (1 − pfa) quantile of scores
// (linear interpolation between order statistics, numpy's default), the
// threshold that healthy scores like these exceed with probability pfa. It
// returns an error if scores is empty or holds a NaN, if pfa is not in
// (0, 1), or if pfa < 1/len(scores): so rare a false alarm cannot be read
// from so few samples (use HealthyEVT). scores is not modified.
func HealthyQuantile(scores []float64, pfa float64) (float64, error) {
	s := slices.Clone(scores)
	if i := firstNaN(s); i >= 0 {
		return 0, errorf(ErrInput, "HealthyQuantile: score %d is NaN", i)
	}
	slices.Sort(s)
	return healthyScores(s).quantile(pfa)
}

func firstNaN(x []float64) int {
	for i, v := range x {
		if math.IsNaN(v) {
			return i
		}
	}
	return -1
}

func (h healthyScores) quantile(pfa float64) (float64, error) {
	n := len(h)
	switch {
	case n == 0:
		return 0, errorf(ErrInput, "healthy threshold: no scores")
	case !(pfa > 0 && pfa < 1):
		return 0, errorf(ErrConfig, "healthy threshold: pfa = %g, want 0 < pfa < 1", pfa)
	case pfa*float64(n) < 1:
		return 0, errorf(ErrInput, "healthy threshold: pfa = %g is below 1/n = %g for %d healthy scores; use the EVT threshold", pfa, 1/float64(n), n)
	}
	pos := (1 - pfa) * float64(n-1)
	i := int(pos)
	if i >= n-1 {
		return h[n-1], nil
	}
	f := pos - float64(i)
	return h[i] + f*(h[i+1]-h[i]), nil
}

// HealthyEVT returns the score that healthy data exceed with probability
// pfa, extrapolated beyond the observed scores by a Generalised Pareto fit
// of their upper tail (SPOT's peaks-over-threshold initialisation, Siffer
// et al. 2017, Grimshaw's maximum likelihood) above the 0.98 quantile of
// the n scores, or above the 1 − 10.5/n quantile when n < 525 so that ten
// peaks are fitted. It needs n ≥ 50 and pfa below that tail fraction,
// and returns SPOT's error when the tail cannot be fitted (too few
// distinct values). scores is not modified.
func HealthyEVT(scores []float64, pfa float64) (float64, error) {
	n := len(scores)
	if n < 50 {
		return 0, errorf(ErrInput, "HealthyEVT: %d scores, need at least 50", n)
	}
	level := 0.98
	if float64(n)*(1-level) < 10 {
		level = 1 - 10.5/float64(n) // ≥ 10 peaks despite rounding
	}
	if !(pfa > 0 && pfa < 1-level) {
		return 0, errorf(ErrConfig, "HealthyEVT: pfa = %g, want 0 < pfa < %g (the tail fraction for %d scores)", pfa, 1-level, n)
	}
	s, err := NewSPOT(SPOTConfig{PFA: pfa, Level: level, Calibration: n, MaxPeaks: n})
	if err != nil {
		return 0, err
	}
	if err := s.Init(scores); err != nil {
		return 0, err
	}
	z, _ := s.Threshold()
	return z, nil
}

// Persistence turns per-sample alarms into a persistent alarm: it fires
// once K consecutive samples have alarmed, and stays latched until Reset.
// The zero value with K ≤ 1 fires on the first alarm.
type Persistence struct {
	K   int // consecutive alarms needed
	run int
	on  bool
}

// Update feeds one per-sample verdict and reports whether the persistent
// alarm is raised (it stays raised once K consecutive alarms were seen).
func (p *Persistence) Update(alarm bool) bool {
	if alarm {
		p.run++
	} else {
		p.run = 0
	}
	if p.run >= max(p.K, 1) {
		p.on = true
	}
	return p.on
}

// Reset clears the run and the latched alarm.
func (p *Persistence) Reset() { p.run, p.on = 0, false }
