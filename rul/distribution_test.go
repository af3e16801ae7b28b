package rul

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDistributionQuantiles(t *testing.T) {
	d, err := NewSampleDistribution([]float64{4, 1, 3, 2}, nil)
	require.NoError(t, err)
	// Hazen positions (i+0.5)/n: 1 at 0.125, 2 at 0.375, 3 at 0.625, 4 at 0.875.
	assert.Equal(t, 1.0, d.Quantile(0))
	assert.Equal(t, 1.0, d.Quantile(0.1))
	assert.InDelta(t, 1.5, d.Quantile(0.25), 1e-15)
	assert.InDelta(t, 2.5, d.Median(), 1e-15)
	assert.Equal(t, 4.0, d.Quantile(1))
	assert.Equal(t, 2.5, d.Mean())
	assert.Equal(t, 0.5, d.CDF(2.5))
	assert.Equal(t, []float64{1, 2, 3, 4}, d.Samples(nil))

	// Weighted: equal weights give the same quantiles.
	w, err := NewSampleDistribution([]float64{4, 1, 3, 2}, []float64{2, 2, 2, 2})
	require.NoError(t, err)
	for _, p := range []float64{0, 0.1, 0.25, 0.5, 0.8, 1} {
		assert.InDelta(t, d.Quantile(p), w.Quantile(p), 1e-15)
	}
	// A dominant weight pulls the median to its sample.
	w2, err := NewSampleDistribution([]float64{10, 20, 30}, []float64{1, 100, 1})
	require.NoError(t, err)
	assert.Equal(t, 20.0, w2.Median())
	assert.InDelta(t, 20.0, w2.Mean(), 1e-12)

	// +Inf samples: no NaN anywhere.
	inf, err := NewSampleDistribution([]float64{1, 2, math.Inf(1), math.Inf(1)}, nil)
	require.NoError(t, err)
	assert.True(t, math.IsInf(inf.Quantile(0.9), 1))
	assert.True(t, math.IsInf(inf.Mean(), 1))
	assert.InDelta(t, 1.5, inf.Quantile(0.25), 1e-15)
	assert.Equal(t, math.Inf(1), inf.Quantile(0.5)) // between 2 and +Inf

	_, err = NewSampleDistribution(nil, nil)
	assert.ErrorIs(t, err, ErrTooFewPoints)
	_, err = NewSampleDistribution([]float64{math.NaN()}, nil)
	assert.ErrorIs(t, err, ErrNaN)
	_, err = NewSampleDistribution([]float64{1}, []float64{0})
	assert.ErrorIs(t, err, ErrBadInput)
	assert.Panics(t, func() { d.Quantile(1.5) })
	assert.Panics(t, func() { d.Interval(1) })
	var zero Distribution
	assert.True(t, math.IsNaN(zero.Median()))
}
