package anomaly

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

func TestMahalanobisGolden(t *testing.T) {
	g := loadMultiGolden(t)
	for _, c := range append(g.Mahalanobis, g.LedoitWolf...) {
		t.Run(c.Name, func(t *testing.T) {
			est := CovEmpirical
			if c.Shrinkage != 0 {
				est = CovLedoitWolf
			}
			m, err := FitMahalanobis(c.matrix(), MahalanobisConfig{Estimator: est})
			require.NoError(t, err)
			for i := 0; i < c.probes(); i++ {
				got, err := m.Score(c.probe(i))
				require.NoError(t, err)
				multiRel(t, c.Dist[i], got, 1e-9, "probe %d vs scipy mahalanobis", i)
			}
		})
	}
}

func TestNewMahalanobis(t *testing.T) {
	id := mat.NewSymDense(3, []float64{1, 0, 0, 0, 1, 0, 0, 0, 1})
	m, err := NewMahalanobis([]float64{1, 1, 1}, id)
	require.NoError(t, err)
	d, err := m.Score([]float64{4, 5, 1})
	require.NoError(t, err)
	assert.InDelta(t, 5, d, 1e-15, "identity covariance gives the Euclidean distance")
	_, err = m.Threshold(0.1)
	assert.Error(t, err, "no healthy scores")
	diag := mat.NewSymDense(2, []float64{4, 0, 0, 9})
	m, err = NewMahalanobis([]float64{0, 0}, diag)
	require.NoError(t, err)
	d, _ = m.Score([]float64{2, 3})
	assert.InDelta(t, math.Sqrt2, d, 1e-15)
	_, err = NewMahalanobis([]float64{0, 0}, mat.NewSymDense(2, []float64{1, 1, 1, 1}))
	assert.ErrorContains(t, err, "not positive definite")
	_, err = NewMahalanobis([]float64{0}, diag)
	assert.Error(t, err)
}

// The healthy threshold of Gaussian data matches √χ²_d(1 − pfa).
func TestMahalanobisThresholdGaussian(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 15))
	x := multiGauss(rng, 20000, 4)
	for _, est := range []CovEstimator{CovLedoitWolf, CovEmpirical, CovMCD} {
		m, err := FitMahalanobis(x, MahalanobisConfig{Estimator: est, MCD: MCDConfig{Starts: 30}})
		require.NoError(t, err)
		for _, pfa := range []float64{0.05, 0.01, 0.001} {
			th, err := m.Threshold(pfa)
			require.NoError(t, err)
			want := math.Sqrt(distuv.ChiSquared{K: 4}.Quantile(1 - pfa))
			multiRel(t, want, th, 0.03, "%v threshold at pfa %g", est, pfa)
		}
		assert.Equal(t, 20000, len(m.HealthyScores(nil)))
	}
}
