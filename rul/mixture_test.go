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
	a, err := NewWeibullModel(2, 10)
	require.NoError(t, err)
	b, err := NewWeibullModel(0.8, 50)
	require.NoError(t, err)
	da, _ := a.Predict(nil, 3)
	db, _ := b.Predict(nil, 20)
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
