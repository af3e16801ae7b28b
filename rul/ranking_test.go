package rul

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRankingKnownValues(t *testing.T) {
	// Monotonicity: [1 2 3 2] → |2−1|/3 = 1/3; [5 4 3] → 1. Mean 2/3.
	m, err := Monotonicity([][]float64{{1, 2, 3, 2}, {5, 4, 3}})
	require.NoError(t, err)
	assert.InDelta(t, 2.0/3, m, 1e-15)

	// Trendability: same shape at different lengths and scales → 1;
	// a reversed one has |corr| = 1 too; an unrelated one lowers it.
	a := []float64{0, 1, 4, 9, 16}
	b := []float64{0, 2, 8, 18, 32}
	tr, err := Trendability([][]float64{a, b})
	require.NoError(t, err)
	assert.InDelta(t, 1, tr, 1e-12)
	// Resampling [0 2 4] to 5 points gives [0 1 2 3 4], corr with itself 1.
	tr, err = Trendability([][]float64{{0, 2, 4}, {0, 1, 2, 3, 4}})
	require.NoError(t, err)
	assert.InDelta(t, 1, tr, 1e-12)
	tr, err = Trendability([][]float64{{1, 2, 3}, {1, 3, 2}})
	require.NoError(t, err)
	assert.InDelta(t, 0.5, tr, 1e-12) // corr([1 2 3],[1 3 2]) = 0.5

	// Prognosability: failure values 10, 12 (std √2), travels 10, 12 →
	// exp(−√2/11).
	p, err := Prognosability([][]float64{{0, 5, 10}, {0, 12}})
	require.NoError(t, err)
	assert.InDelta(t, math.Exp(-math.Sqrt2/11), p, 1e-15)

	_, err = Trendability([][]float64{{1, 2}})
	assert.ErrorIs(t, err, ErrTooFewPoints)
	_, err = Monotonicity([][]float64{{1, math.NaN()}})
	assert.ErrorIs(t, err, ErrNaN)
}

func TestRankFeatures(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	var good, noise [][]float64
	for u := 0; u < 8; u++ {
		n := 80 + rng.IntN(40)
		g, z := make([]float64, n), make([]float64, n)
		for i := range g {
			x := float64(i) / float64(n-1)
			g[i] = x*x + 0.001*rng.NormFloat64()
			z[i] = rng.NormFloat64()
		}
		good, noise = append(good, g), append(noise, z)
	}
	s, err := RankFeatures([][][]float64{noise, good})
	require.NoError(t, err)
	assert.Equal(t, 1, s[0].Feature)
	assert.Greater(t, s[0].Trendability, 0.95)
	assert.Greater(t, s[0].Prognosability, 0.9)
	assert.Less(t, s[1].Monotonicity, 0.3)
}
