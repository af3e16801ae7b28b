package rul

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMetricsByHand(t *testing.T) {
	truth := []float64{100, 50, 20}
	pred := []float64{87, 60, 20} // d = −13, +10, 0
	r, err := RMSE(truth, pred)
	require.NoError(t, err)
	assert.InDelta(t, math.Sqrt((169+100)/3.0), r, 1e-12)
	a, err := MAE(truth, pred)
	require.NoError(t, err)
	assert.InDelta(t, 23.0/3, a, 1e-12)
	s, err := PHM08Score(truth, pred)
	require.NoError(t, err)
	assert.InDelta(t, (math.E-1)+(math.E-1), s, 1e-12)

	// PHM 2012: Er = +20 % (early) → 0.5; Er = −5 % (late) → 0.5;
	// Er = −10 % → 0.25 (the challenge's figure 7); exact → 1.
	p, err := PHM12Score([]float64{100, 100, 100, 100}, []float64{80, 105, 110, 100})
	require.NoError(t, err)
	assert.InDelta(t, (0.5+0.5+0.25+1)/4, p, 1e-12)

	ra, err := RelativeAccuracy(50, 40)
	require.NoError(t, err)
	assert.InDelta(t, 0.8, ra, 1e-15)
	assert.True(t, AlphaLambda(100, 119, 0.2))
	assert.False(t, AlphaLambda(100, 121, 0.2))

	_, err = RMSE(nil, nil)
	assert.ErrorIs(t, err, ErrTooFewPoints)
	_, err = PHM08Score([]float64{1}, []float64{math.NaN()})
	assert.ErrorIs(t, err, ErrNaN)
	_, err = PHM12Score([]float64{0}, []float64{1})
	assert.ErrorIs(t, err, ErrBadInput)
	assert.Panics(t, func() { _, _ = MAE([]float64{1}, nil) })
}

func TestPrognosticHorizonAndAlphaLambda(t *testing.T) {
	// EoL 100; predictions at t = 10..90. Bounds ±0.1·100 = ±10.
	tr := Trajectory{EndOfLife: 100, StartOfPred: 10,
		Time: []float64{10, 30, 50, 70, 90},
		Pred: []float64{60, 85, 45, 28, 11}} // truths 90, 70, 50, 30, 10
	ph, ok, err := PrognosticHorizon(tr, 0.1)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, 50.0, ph) // inside from t = 50 on
	// λ = 0.5 → t_λ = 55 → the prediction at 50 (45 vs truth 50).
	in, err := AlphaLambdaAccuracy(tr, 0.2, 0.5)
	require.NoError(t, err)
	assert.True(t, in)
	in, err = AlphaLambdaAccuracy(tr, 0.05, 0.5)
	require.NoError(t, err)
	assert.False(t, in)
	tr.Pred[4] = 40
	_, ok, err = PrognosticHorizon(tr, 0.1)
	require.NoError(t, err)
	assert.False(t, ok)
}
