package rul

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// TestExponentialPosteriorByHand: prior N(0, I), σ² = 1, one observation
// z = ln(S − φ) = 2 at t = 1. Posterior precision I + [1 1; 1 1] =
// [2 1; 1 2], covariance (1/3)[2 −1; −1 2], mean Σ·[2 2]ᵀ = [2/3 2/3].
func TestExponentialPosteriorByHand(t *testing.T) {
	m, err := NewExponentialModel(ExponentialPrior{Phi: 0, LogThetaVariance: 1, BetaVariance: 1, NoiseVariance: 1}, SamplingConfig{})
	require.NoError(t, err)
	require.NoError(t, m.Update(1, math.Exp(2)))
	mean, cov := m.Posterior()
	assert.InDelta(t, 2.0/3, mean[0], 1e-14)
	assert.InDelta(t, 2.0/3, mean[1], 1e-14)
	assert.InDelta(t, 2.0/3, cov[0], 1e-14)
	assert.InDelta(t, -1.0/3, cov[1], 1e-14)
	assert.InDelta(t, 2.0/3, cov[2], 1e-14)
}

// TestExponentialPosteriorBatch checks the online update against the batch
// normal-equation posterior computed independently with gonum/mat.
func TestExponentialPosteriorBatch(t *testing.T) {
	p := testExpPrior
	m, err := NewExponentialModel(p, SamplingConfig{})
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	h, _ := simExponential(rng, p, 5, 1)
	h = prefix(h, 0.5)
	require.NoError(t, m.UpdateBatch(h.Time, h.Value))

	n := len(h.Time)
	X := mat.NewDense(n, 2, nil)
	z := mat.NewVecDense(n, nil)
	for i := range h.Time {
		X.Set(i, 0, 1)
		X.Set(i, 1, h.Time[i])
		z.SetVec(i, math.Log(h.Value[i]-p.Phi))
	}
	c := p.Rho * math.Sqrt(p.LogThetaVariance*p.BetaVariance)
	S0 := mat.NewDense(2, 2, []float64{p.LogThetaVariance, c, c, p.BetaVariance})
	var P0, P, XtX, Sigma mat.Dense
	require.NoError(t, P0.Inverse(S0))
	XtX.Mul(X.T(), X)
	XtX.Scale(1/p.NoiseVariance, &XtX)
	P.Add(&P0, &XtX)
	require.NoError(t, Sigma.Inverse(&P))
	var r, r2, mu mat.VecDense
	r.MulVec(&P0, mat.NewVecDense(2, []float64{p.LogThetaMean, p.BetaMean}))
	r2.MulVec(X.T(), z)
	r2.ScaleVec(1/p.NoiseVariance, &r2)
	r.AddVec(&r, &r2)
	mu.MulVec(&Sigma, &r)

	mean, cov := m.Posterior()
	assert.InEpsilon(t, mu.AtVec(0), mean[0], 1e-9)
	assert.InEpsilon(t, mu.AtVec(1), mean[1], 1e-9)
	assert.InEpsilon(t, Sigma.At(0, 0), cov[0], 1e-9)
	assert.InEpsilon(t, Sigma.At(0, 1), cov[1], 1e-9)
	assert.InEpsilon(t, Sigma.At(1, 1), cov[2], 1e-9)
}

// TestExponentialCoverage: units drawn from the prior the model holds; the
// 90 % interval at 50 % of life must cover the true remaining life at about
// its nominal rate over 200 units.
func TestExponentialCoverage(t *testing.T) {
	const units = 200
	rng := rand.New(rand.NewPCG(7, 7))
	threshold := 5.0
	rate, relErr := halfLifeCoverage(t, units, threshold,
		func() (History, float64) { return simExponential(rng, testExpPrior, threshold, 1) },
		func(seed uint64) (thresholdModel, error) {
			return NewExponentialModel(testExpPrior, SamplingConfig{Samples: 1000, Seed: seed})
		})
	t.Logf("exponential: 90%% interval coverage %.3f over %d units, mean |relative error| of median %.3f", rate, units, relErr)
	assert.GreaterOrEqual(t, rate, 0.80)
	assert.LessOrEqual(t, rate, 0.97)
	assert.Less(t, relErr, 0.25)
}

func TestExponentialFitPrior(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var hs []History
	for u := 0; u < 60; u++ {
		h, _ := simExponential(rng, testExpPrior, 5, 1)
		hs = append(hs, h)
	}
	p, err := FitExponentialPrior(hs, testExpPrior.Phi)
	require.NoError(t, err)
	t.Logf("fitted %+v", p)
	assert.InEpsilon(t, testExpPrior.NoiseVariance, p.NoiseVariance, 0.1)
	assert.InDelta(t, testExpPrior.BetaMean, p.BetaMean, 0.003)
	assert.InDelta(t, testExpPrior.LogThetaMean, p.LogThetaMean, 0.1)
	assert.InEpsilon(t, testExpPrior.BetaVariance, p.BetaVariance, 0.6)
}

func TestExponentialErrors(t *testing.T) {
	_, err := NewExponentialModel(ExponentialPrior{LogThetaVariance: 1, BetaVariance: -1, NoiseVariance: 1}, SamplingConfig{})
	assert.ErrorIs(t, err, ErrBadPrior)
	_, err = NewExponentialModel(ExponentialPrior{LogThetaVariance: 1, BetaVariance: 1, NoiseVariance: 1, Rho: 1}, SamplingConfig{})
	assert.ErrorIs(t, err, ErrBadPrior)
	_, err = NewExponentialModel(ExponentialPrior{LogThetaVariance: math.NaN(), BetaVariance: 1, NoiseVariance: 1}, SamplingConfig{})
	assert.ErrorIs(t, err, ErrBadPrior)

	m, err := NewExponentialModel(testExpPrior, SamplingConfig{})
	require.NoError(t, err)
	assert.ErrorIs(t, m.Update(1, math.NaN()), ErrNaN)
	require.NoError(t, m.Update(1, 1.6))
	assert.ErrorIs(t, m.Update(1, 1.7), ErrTimeOrder)
	assert.ErrorIs(t, m.Update(0.5, 1.7), ErrTimeOrder)
	assert.ErrorIs(t, m.Update(2, 0.9), ErrBadInput) // below φ
	assert.Equal(t, 1, m.N())
	_, err = m.Predict(nil, 0.5)
	assert.ErrorIs(t, err, ErrBadInput)
	require.NoError(t, m.Update(2, 6))
	_, err = m.Predict(nil, 5)
	assert.True(t, errors.Is(err, ErrThresholdCrossed), "%v", err)

	_, err = FitExponentialPrior([]History{{}, {}}, 0)
	assert.ErrorIs(t, err, ErrTooFewPoints)
	bad := History{Time: []float64{1, 2, 2}, Value: []float64{2, 3, 4}}
	ok := History{Time: []float64{1, 2, 3}, Value: []float64{2, 3, 4.5}}
	_, err = FitExponentialPrior([]History{ok, ok, bad}, 0)
	assert.ErrorIs(t, err, ErrTimeOrder)
}
