package anomaly

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/spindle-pdm/spindle/internal/stats"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestAvgPathLength(t *testing.T) {
	assert.Equal(t, 0.0, avgPathLength(0))
	assert.Equal(t, 0.0, avgPathLength(1))
	assert.InDelta(t, 1.0, avgPathLength(2), 1e-15)
	assert.InDelta(t, 2*1.5-4.0/3, avgPathLength(3), 1e-15)
	// c(256) with H(255) summed explicitly, the paper's normaliser.
	var h float64
	for i := 1; i <= 255; i++ {
		h += 1 / float64(i)
	}
	assert.InDelta(t, 2*h-2*255.0/256, avgPathLength(256), 1e-12)
	assert.InDelta(t, 10.2448, avgPathLength(256), 5e-3) // 2(ln 255 + γ) − 2·255/256
	// Exact sum and asymptotic expansion agree at the switch.
	var h2 float64
	for i := 1; i <= 1001; i++ {
		h2 += 1 / float64(i)
	}
	assert.InDelta(t, 2*h2-2*1001.0/1002, avgPathLength(1002), 1e-12)
}

// iforestSet returns n inliers from a 2-D standard Gaussian and m
// outliers uniform on the annulus 5 ≤ r ≤ 8.
func iforestSet(rng *rand.Rand, n, m int) (x *mat.Dense, isOut []bool) {
	x = mat.NewDense(n+m, 2, nil)
	isOut = make([]bool, n+m)
	for i := 0; i < n+m; i++ {
		if i < n {
			x.SetRow(i, []float64{rng.NormFloat64(), rng.NormFloat64()})
			continue
		}
		r, a := 5+3*rng.Float64(), 2*math.Pi*rng.Float64()
		x.SetRow(i, []float64{r * math.Cos(a), r * math.Sin(a)})
		isOut[i] = true
	}
	return x, isOut
}

// auc is the probability that a random outlier outscores a random inlier.
func auc(scores []float64, isOut []bool) float64 {
	var win, pairs float64
	for i, si := range scores {
		if !isOut[i] {
			continue
		}
		for j, sj := range scores {
			if isOut[j] {
				continue
			}
			pairs++
			switch {
			case si > sj:
				win++
			case si == sj:
				win += 0.5
			}
		}
	}
	return win / pairs
}

func TestIsolationForestSeparates(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	train, _ := iforestSet(rng, 2000, 0)
	f, err := FitIsolationForest(train, IForestConfig{Seed: 7})
	require.NoError(t, err)
	assert.Equal(t, 256, f.Subsample())
	test, isOut := iforestSet(rng, 1000, 100)
	scores := make([]float64, 1100)
	var inl []float64
	for i := range scores {
		s, err := f.Score(test.RawRowView(i))
		require.NoError(t, err)
		require.True(t, s > 0 && s <= 1, "score in (0,1]")
		scores[i] = s
		if isOut[i] {
			assert.Greater(t, s, 0.6, "outlier %v", test.RawRowView(i))
		} else {
			inl = append(inl, s)
		}
	}
	a := auc(scores, isOut)
	t.Logf("iForest AUC %.4f, inlier median score %.3f", a, stats.MedianInPlace(slices.Clone(inl)))
	assert.Greater(t, a, 0.95)
	assert.Less(t, stats.MedianInPlace(inl), 0.5, "inliers score ≈ 0.5 or below")
	centre, _ := f.Score([]float64{0, 0})
	far, _ := f.Score([]float64{50, -50})
	assert.Less(t, centre, 0.45)
	assert.Greater(t, far, 0.7)
}

// Contaminated training (the unsupervised use): outliers in the fitted set
// still score high.
func TestIsolationForestUnsupervised(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	x, isOut := iforestSet(rng, 1000, 30)
	f, err := FitIsolationForest(x, IForestConfig{Seed: 1})
	require.NoError(t, err)
	scores := make([]float64, 1030)
	for i := range scores {
		scores[i], _ = f.Score(x.RawRowView(i))
	}
	assert.Greater(t, auc(scores, isOut), 0.95)
}

func TestIsolationForestSeededAndDegenerate(t *testing.T) {
	rng := rand.New(rand.NewPCG(35, 36))
	x, _ := iforestSet(rng, 300, 0)
	a, err := FitIsolationForest(x, IForestConfig{Seed: 3, Trees: 20})
	require.NoError(t, err)
	b, err := FitIsolationForest(x, IForestConfig{Seed: 3, Trees: 20})
	require.NoError(t, err)
	c, err := FitIsolationForest(x, IForestConfig{Seed: 4, Trees: 20})
	require.NoError(t, err)
	p := []float64{1.5, -0.5}
	sa, _ := a.Score(p)
	sb, _ := b.Score(p)
	sc, _ := c.Score(p)
	assert.Equal(t, sa, sb, "same seed")
	assert.NotEqual(t, sa, sc, "different seed")

	// Constant data: nothing can be split; every vector scores 2^(−c(ψ)/c(ψ)) = 0.5.
	k := mat.NewDense(50, 3, nil)
	for i := 0; i < 50; i++ {
		k.SetRow(i, []float64{1, 2, 3})
	}
	f, err := FitIsolationForest(k, IForestConfig{})
	require.NoError(t, err)
	assert.Equal(t, 50, f.Subsample(), "ψ capped at n")
	s, _ := f.Score([]float64{9, 9, 9})
	assert.InDelta(t, 0.5, s, 1e-12)
	// One constant feature among varying ones is never split on.
	for i := 0; i < 50; i++ {
		k.Set(i, 0, rng.NormFloat64())
	}
	f, err = FitIsolationForest(k, IForestConfig{})
	require.NoError(t, err)
	for _, n := range f.nodes {
		assert.NotEqual(t, int32(1), n.feature)
		assert.NotEqual(t, int32(2), n.feature)
	}
	_, err = FitIsolationForest(k.Slice(0, 1, 0, 3), IForestConfig{})
	assert.ErrorContains(t, err, "need at least 2")
	_, err = FitIsolationForest(k, IForestConfig{Trees: -1})
	assert.Error(t, err)
}
