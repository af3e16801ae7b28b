package rul

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGBRTLearnsFunction(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	f := func(x []float64) float64 {
		s := 3 * x[0]
		if x[1] > 0.5 {
			s += 2
		}
		return s + math.Sin(4*x[2])
	}
	gen := func(n int) ([][]float64, []float64) {
		X := make([][]float64, n)
		y := make([]float64, n)
		for i := range X {
			X[i] = []float64{rng.Float64(), rng.Float64(), rng.Float64(), rng.Float64()} // x[3] is noise
			y[i] = f(X[i]) + 0.1*rng.NormFloat64()
		}
		return X, y
	}
	X, y := gen(3000)
	g, err := FitGBRT(X, y, GBRTConfig{Trees: 300, Depth: 3, Seed: 1})
	require.NoError(t, err)
	Xt, yt := gen(1000)
	var ss, st, mean float64
	for _, v := range yt {
		mean += v / float64(len(yt))
	}
	for i, x := range Xt {
		d := g.Predict(x) - yt[i]
		ss += d * d
		st += (yt[i] - mean) * (yt[i] - mean)
	}
	r2 := 1 - ss/st
	t.Logf("held-out R² %.4f, RMSE %.3f (noise 0.1)", r2, math.Sqrt(ss/float64(len(yt))))
	assert.Greater(t, r2, 0.97)

	_, err = FitGBRT([][]float64{{1}, {math.NaN()}}, []float64{1, 2}, GBRTConfig{MinLeaf: 1})
	assert.ErrorIs(t, err, ErrNaN)
	_, err = FitGBRT(X, y, GBRTConfig{Bins: 1000})
	assert.ErrorIs(t, err, ErrBadInput)
	_, err = FitGBRT(X[:10], y[:10], GBRTConfig{})
	assert.ErrorIs(t, err, ErrTooFewPoints)
	assert.Panics(t, func() { g.Predict([]float64{1}) })
}

func BenchmarkGBRTPredict(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	X := make([][]float64, 2000)
	y := make([]float64, len(X))
	for i := range X {
		X[i] = make([]float64, 57)
		for k := range X[i] {
			X[i][k] = rng.Float64()
		}
		y[i] = X[i][0] + X[i][1]
	}
	g, _ := FitGBRT(X, y, GBRTConfig{})
	b.ResetTimer()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = g.Predict(X[i%len(X)])
	}
}
