package rul

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSmoothers(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6}
	ma, err := MovingAverage(nil, x, 3)
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 1.5, 2, 3, 4, 5}, ma)
	// In place.
	y := append([]float64(nil), x...)
	_, err = MovingAverage(y, y, 3)
	require.NoError(t, err)
	assert.Equal(t, ma, y)

	e, err := ExponentialSmooth(nil, []float64{0, 1, 1}, 0.5)
	require.NoError(t, err)
	assert.Equal(t, []float64{0, 0.5, 0.75}, e)

	// LOWESS reproduces a straight line exactly.
	tt := []float64{0, 1, 2, 3, 4, 5, 6, 7}
	line := make([]float64, len(tt))
	for i, v := range tt {
		line[i] = 3 - 2*v
	}
	l, err := Lowess(nil, tt, line, 0.5)
	require.NoError(t, err)
	for i := range l {
		assert.InDelta(t, line[i], l[i], 1e-12)
	}
	// and reduces noise.
	rng := rand.New(rand.NewPCG(2, 2))
	n := 200
	ts, noisy, clean := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range ts {
		ts[i] = float64(i)
		clean[i] = math.Sin(float64(i) / 40)
		noisy[i] = clean[i] + 0.2*rng.NormFloat64()
	}
	sm, err := Lowess(nil, ts, noisy, 0.1)
	require.NoError(t, err)
	var e0, e1 float64
	for i := range ts {
		e0 += (noisy[i] - clean[i]) * (noisy[i] - clean[i])
		e1 += (sm[i] - clean[i]) * (sm[i] - clean[i])
	}
	assert.Less(t, e1, e0/4)

	_, err = MovingAverage(nil, []float64{1, math.NaN()}, 2)
	assert.ErrorIs(t, err, ErrNaN)
	_, err = Lowess(nil, []float64{0, 0}, []float64{1, 2}, 1)
	assert.ErrorIs(t, err, ErrTimeOrder)
}

func TestNormalizeAndFuse(t *testing.T) {
	z, err := NormalizeBaseline(nil, []float64{1, 3, 2, 10}, 2)
	require.NoError(t, err)
	// baseline mean 2, sd √2
	assert.InDelta(t, 8/math.Sqrt2, z[3], 1e-12)
	_, err = NormalizeBaseline(nil, []float64{1, 1, 2}, 2)
	assert.ErrorIs(t, err, ErrBadInput)
	_, err = NormalizeBaseline(nil, []float64{1}, 2)
	assert.ErrorIs(t, err, ErrTooFewPoints)

	f, err := FuseWeighted(nil, [][]float64{{1, 2}, {10, 20}}, []float64{0.5, 0.1})
	require.NoError(t, err)
	assert.Equal(t, []float64{1.5, 3}, f)
}

func TestPCAFusion(t *testing.T) {
	// Two features carry one rising signal (one of them inverted), a third
	// is noise: the component loads on the first two and rises with time.
	rng := rand.New(rand.NewPCG(4, 4))
	var units [][][]float64
	for u := 0; u < 5; u++ {
		var rows [][]float64
		for i := 0; i < 100; i++ {
			s := float64(i) / 100
			rows = append(rows, []float64{s + 0.01*rng.NormFloat64(), 5 - 3*s + 0.03*rng.NormFloat64(), rng.NormFloat64()})
		}
		units = append(units, rows)
	}
	f, err := FitPCAFusion(units)
	require.NoError(t, err)
	w := f.Weights()
	assert.Greater(t, w[0], 0.6)
	assert.Less(t, w[1], -0.6)
	assert.Less(t, math.Abs(w[2]), 0.1)
	assert.Greater(t, f.Explained(), 0.6)
	assert.Less(t, f.Transform(units[0][0]), f.Transform(units[0][99]))
}
