package anomaly

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// MahalanobisConfig configures FitMahalanobis. The zero value uses the
// Ledoit–Wolf shrinkage covariance.
type MahalanobisConfig struct {
	// Estimator selects the healthy covariance estimate.
	Estimator CovEstimator
	// MCD configures FAST-MCD when Estimator is CovMCD.
	MCD MCDConfig
}

// Mahalanobis scores a feature vector by its Mahalanobis distance
// √((x−μ)ᵀ Σ⁻¹ (x−μ)) from a healthy baseline (μ, Σ). A fitted Mahalanobis
// is read-only: Score may be called concurrently and allocates nothing.
type Mahalanobis struct {
	est     CovEstimate
	d       int
	mean    []float64
	w       []float64 // L⁻¹, lower triangular, with Σ = L Lᵀ
	healthy healthyScores
}

// FitMahalanobis learns the baseline from x (n×d, one healthy sample a
// row; n ≥ d + 1, or n ≥ 2 with Ledoit–Wolf, which regularises n ≤ d) and scores the training samples for Threshold. Errors:
// NaN or infinite values (naming sample and feature), too few samples, or
// a covariance the estimator cannot make positive definite (see
// CovEstimator: Ledoit–Wolf regularises a constant feature, the empirical
// and MCD estimates report it).
func FitMahalanobis(x mat.Matrix, cfg MahalanobisConfig) (*Mahalanobis, error) {
	_, d := x.Dims()
	data, n, d, err := samples("FitMahalanobis", x, minSamples(cfg.Estimator, d))
	if err != nil {
		return nil, err
	}
	est, err := estimate(data, n, d, cfg.Estimator, cfg.MCD)
	if err != nil {
		return nil, err
	}
	return newMahalanobis(est, data, n, d)
}

// NewMahalanobis returns a detector for a given location and covariance
// (for instance from EstimateCovariance, or a reference model). It has no
// healthy scores, so its Threshold returns an error. cov must be positive
// definite and len(mean) must equal its size.
func NewMahalanobis(mean []float64, cov mat.Symmetric) (*Mahalanobis, error) {
	d := cov.SymmetricDim()
	if len(mean) != d {
		return nil, errorf(ErrInput, "NewMahalanobis: mean length %d, covariance size %d", len(mean), d)
	}
	if i := firstNonFiniteF(mean); i >= 0 {
		return nil, errorf(ErrInput, "NewMahalanobis: mean[%d] is %v", i, mean[i])
	}
	c := mat.NewSymDense(d, nil)
	c.CopySym(cov)
	return newMahalanobis(CovEstimate{Mean: slices.Clone(mean), Cov: c}, nil, 0, d)
}

func firstNonFiniteF(x []float64) int {
	for i, v := range x {
		if v-v != 0 {
			return i
		}
	}
	return -1
}

func newMahalanobis(est CovEstimate, data []float64, n, d int) (*Mahalanobis, error) {
	raw := make([]float64, d*d)
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			raw[i*d+j] = est.Cov.At(i, j)
		}
	}
	if firstNonFiniteF(raw) >= 0 {
		return nil, errorf(ErrInput, "Mahalanobis: covariance holds NaN or infinity")
	}
	l, _, ok := cholesky(nil, raw, d)
	if !ok {
		return nil, errorf(ErrInput, "Mahalanobis: covariance is not positive definite%s", constantHint(data, n, d))
	}
	m := &Mahalanobis{est: est, d: d, mean: est.Mean, w: invLower(nil, l, d)}
	if n > 0 {
		m.healthy = make(healthyScores, n)
		for i := range m.healthy {
			m.healthy[i] = m.score(data[i*d : (i+1)*d])
		}
		slices.Sort(m.healthy)
	}
	return m, nil
}

// Dim returns the feature dimension.
func (m *Mahalanobis) Dim() int { return m.d }

// Estimate returns the fitted location and covariance (shared with the
// detector: do not modify).
func (m *Mahalanobis) Estimate() CovEstimate { return m.est }

// Score returns the Mahalanobis distance of x from the baseline (not
// squared: scipy.spatial.distance.mahalanobis's convention). It panics if
// len(x) != Dim() and returns an error naming a NaN or infinite feature.
func (m *Mahalanobis) Score(x []float64) (float64, error) {
	if err := checkVector("Mahalanobis.Score", x, m.d); err != nil {
		return 0, err
	}
	return m.score(x), nil
}

func (m *Mahalanobis) score(x []float64) float64 {
	return math.Sqrt(mahal2(m.w, m.mean, x, m.d))
}

// HealthyScores appends the training samples' distances, ascending, to dst.
func (m *Mahalanobis) HealthyScores(dst []float64) []float64 {
	return append(dst, m.healthy...)
}

// Threshold returns the empirical (1 − pfa) quantile of the training
// distances. They are in-sample, so slightly optimistic when n is not
// much larger than d; score a held-out healthy set and use HealthyQuantile
// or HealthyEVT when that matters. With CovMCD, outliers in the training
// set are scored too: use a pfa above the contamination rate.
func (m *Mahalanobis) Threshold(pfa float64) (float64, error) {
	return m.healthy.quantile(pfa)
}
