package rul

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMixerCDF: the mixture of two conditional Weibulls has the CDF
// Σ w_c F_c(x)/Σ w_c (closed forms) to within 1/(2m) at every x, and its
// samples are the components' quantiles.
func TestMixerCDF(t *testing.T) {
	da, db := weibullResidual(t, 2, 10, 3), weibullResidual(t, 0.8, 50, 20)
	var x Mixer
	const m = 200
	x.Reset(m)
	require.NoError(t, x.Add(da, 0.3))
	require.NoError(t, x.Add(db, 0.9))
	d, err := x.Into(nil)
	require.NoError(t, err)
	require.Equal(t, 2*m, d.Len())
	for _, v := range []float64{0.5, 2, 5, 10, 30, 100, 300} {
		want := (0.3*da.CDF(v) + 0.9*db.CDF(v)) / 1.2
		require.InDelta(t, want, d.CDF(v), 1/(2.0*m)+1e-12, "x=%g", v)
		// the closed form of component a: 1 − exp((3/10)^2 − ((3+v)/10)^2)
		require.InDelta(t, 1-math.Exp(0.09-math.Pow((3+v)/10, 2)), da.CDF(v), 1e-12)
	}
	require.True(t, errors.Is(x.Add(da, 0), ErrBadInput))
	x.Reset(4)
	_, err = x.Into(d)
	require.True(t, errors.Is(err, ErrTooFewPoints))
}

// weibullResidual is the residual life at age of a Weibull(k, λ).
func weibullResidual(t *testing.T, k, lambda, age float64) *Distribution {
	t.Helper()
	m, err := NewWeibullModel(k, lambda)
	require.NoError(t, err)
	d, err := m.Predict(nil, age)
	require.NoError(t, err)
	return d
}
