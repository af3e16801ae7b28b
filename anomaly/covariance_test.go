package anomaly

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

func TestLedoitWolfGolden(t *testing.T) {
	for _, c := range loadMultiGolden(t).LedoitWolf {
		t.Run(c.Name, func(t *testing.T) {
			est, err := EstimateCovariance(c.matrix(), CovLedoitWolf, MCDConfig{})
			require.NoError(t, err)
			multiRel(t, c.Shrinkage, est.Shrinkage, 1e-10, "shrinkage")
			for i := 0; i < c.D; i++ {
				for j := 0; j < c.D; j++ {
					multiRel(t, c.Cov[i*c.D+j], est.Cov.At(i, j), 1e-10, "cov[%d,%d]", i, j)
				}
			}
			assert.Len(t, est.Support, c.N)
		})
	}
}

func TestEmpiricalCovariance(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	x := multiGauss(rng, 50, 4)
	est, err := EstimateCovariance(x, CovEmpirical, MCDConfig{})
	require.NoError(t, err)
	var want mat.SymDense
	stat.CovarianceMatrix(&want, x, nil) // gonum: unbiased
	assert.True(t, mat.EqualApprox(&want, est.Cov, 1e-12))
	assert.Zero(t, est.Shrinkage)
}

func TestCovarianceErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	x := mat.DenseCopyOf(multiGauss(rng, 60, 3))
	for i := 0; i < 60; i++ {
		x.Set(i, 1, 4.25) // constant feature
	}
	_, err := EstimateCovariance(x, CovEmpirical, MCDConfig{})
	assert.ErrorContains(t, err, "feature 1 is constant")
	_, err = EstimateCovariance(x, CovMCD, MCDConfig{Starts: 20})
	assert.ErrorContains(t, err, "feature 1 is constant")
	_, err = FitMahalanobis(x, MahalanobisConfig{Estimator: CovEmpirical})
	assert.ErrorContains(t, err, "feature 1 is constant")
	// Ledoit–Wolf regularises it.
	lw, err := EstimateCovariance(x, CovLedoitWolf, MCDConfig{})
	require.NoError(t, err)
	assert.Greater(t, lw.Cov.At(1, 1), 0.0)

	zero := mat.NewDense(5, 2, []float64{1, 2, 1, 2, 1, 2, 1, 2, 1, 2})
	_, err = EstimateCovariance(zero, CovLedoitWolf, MCDConfig{})
	assert.ErrorContains(t, err, "every feature is constant")
	_, err = EstimateCovariance(multiGauss(rng, 50, 2), CovMCD, MCDConfig{Support: 0.3})
	assert.ErrorContains(t, err, "Support")
}

// contaminated returns n clean N(0, Σ) samples (Σ with unit variances and
// correlation 0.6) followed by m outliers shifted by +shift in every
// feature.
func contaminated(rng *rand.Rand, n, m, d int, shift float64) (*mat.Dense, *mat.SymDense) {
	sigma := mat.NewSymDense(d, nil)
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			sigma.SetSym(i, j, 0.6)
		}
		sigma.SetSym(i, i, 1)
	}
	var ch mat.Cholesky
	ch.Factorize(sigma)
	var l mat.TriDense
	ch.LTo(&l)
	x := mat.NewDense(n+m, d, nil)
	z := mat.NewVecDense(d, nil)
	var y mat.VecDense
	for i := 0; i < n+m; i++ {
		for j := 0; j < d; j++ {
			z.SetVec(j, rng.NormFloat64())
		}
		y.MulVec(&l, z)
		for j := 0; j < d; j++ {
			v := y.AtVec(j)
			if i >= n {
				v += shift
			}
			x.Set(i, j, v)
		}
	}
	return x, sigma
}

func TestMCDRobustToContamination(t *testing.T) {
	for _, tc := range []struct{ n, m int }{{240, 60}, {1600, 400}} { // the second takes the n > 600 path
		rng := rand.New(rand.NewPCG(11, uint64(tc.n)))
		x, sigma := contaminated(rng, tc.n, tc.m, 3, 6)
		mcd, err := EstimateCovariance(x, CovMCD, MCDConfig{Seed: 1})
		require.NoError(t, err)
		lw, err := EstimateCovariance(x, CovLedoitWolf, MCDConfig{})
		require.NoError(t, err)
		for j := 0; j < 3; j++ {
			assert.InDelta(t, 0, mcd.Mean[j], 0.15, "MCD mean[%d], n=%d", j, tc.n)
			assert.Greater(t, lw.Mean[j], 1.0, "Ledoit–Wolf mean is pulled by the outliers")
			for k := 0; k < 3; k++ {
				assert.InDelta(t, sigma.At(j, k), mcd.Cov.At(j, k), 0.2, "MCD cov[%d,%d], n=%d", j, k, tc.n)
			}
		}
		out := 0
		for _, i := range mcd.Support {
			if i >= tc.n {
				out++
			}
		}
		assert.Zero(t, out, "outliers in the MCD support")
		assert.Greater(t, len(mcd.Support), int(0.9*float64(tc.n)), "clean samples kept")
	}
}

func TestMCDCleanConsistentAndSeeded(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	x, sigma := contaminated(rng, 3000, 0, 4, 0)
	a, err := EstimateCovariance(x, CovMCD, MCDConfig{Seed: 5, Starts: 100})
	require.NoError(t, err)
	for j := 0; j < 4; j++ {
		for k := 0; k < 4; k++ {
			assert.InDelta(t, sigma.At(j, k), a.Cov.At(j, k), 0.1, "consistency-corrected cov[%d,%d]", j, k)
		}
	}
	b, err := EstimateCovariance(x, CovMCD, MCDConfig{Seed: 5, Starts: 100})
	require.NoError(t, err)
	assert.True(t, mat.Equal(a.Cov, b.Cov), "same seed, same fit")
	assert.True(t, math.Abs(a.Mean[0]) < 0.1)
}
