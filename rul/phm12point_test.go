package rul

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPHM12Point: the point maximises the expected accuracy, checked by
// a search over the expectation integrated on 5000 quantiles; on
// two equally likely truths it is the one whose expected accuracy is
// larger by hand; on a point mass it is that value.
func TestPHM12Point(t *testing.T) {
	d := weibullResidual(t, 1.2, 1000, 300)
	got := PHM12Point(d, 400)
	const n = 5000
	qs := make([]float64, n)
	for i := range qs {
		qs[i] = d.Quantile((float64(i) + 0.5) / n)
	}
	exp := func(p float64) float64 {
		s := 0.0
		for _, r := range qs {
			s += phm12Accuracy(r, p)
		}
		return s / n
	}
	best, bestV := 0.0, -1.0
	for p := 2.0; p < 3000; p += 2 {
		if v := exp(p); v > bestV {
			best, bestV = p, v
		}
	}
	require.InDelta(t, bestV, exp(got), 2e-3, "expected accuracy at the returned point")
	require.Less(t, got, d.Median())
	require.InDelta(t, best, got, 0.15*best)

	// Truths 100 and 200, equal weights: predicting 100 scores
	// (1 + 2^(−50/20))/2 ≈ 0.588, predicting 200 (2^(−100/5) + 1)/2 ≈ 0.5:
	// 100 wins.
	two, err := NewSampleDistribution([]float64{100, 200}, nil)
	require.NoError(t, err)
	require.Equal(t, 100.0, PHM12Point(two, 2))
	require.InDelta(t, (1+math.Pow(2, -2.5))/2, (phm12Accuracy(100, 100)+phm12Accuracy(200, 100))/2, 1e-12)

	one, err := NewSampleDistribution([]float64{42}, nil)
	require.NoError(t, err)
	require.Equal(t, 42.0, PHM12Point(one, 10))
	zero, err := NewSampleDistribution([]float64{0}, nil)
	require.NoError(t, err)
	require.Equal(t, 0.0, PHM12Point(zero, 10))
}
