package rul

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type weibullGolden struct {
	Times     []float64          `json:"times"`
	Failed    []bool             `json:"failed"`
	Shape     float64            `json:"shape"`
	Scale     float64            `json:"scale"`
	Age       float64            `json:"age"`
	Quantiles map[string]float64 `json:"quantiles"`
	Mean      float64            `json:"mean"`
}

// TestWeibullGolden compares the censored MLE and the conditional residual
// life with scipy (testdata/gen_golden.py).
func TestWeibullGolden(t *testing.T) {
	b, err := os.ReadFile("testdata/weibull_golden.json")
	require.NoError(t, err)
	var g weibullGolden
	require.NoError(t, json.Unmarshal(b, &g))
	m, err := FitWeibull(g.Times, g.Failed)
	require.NoError(t, err)
	assert.InEpsilon(t, g.Shape, m.Shape(), 1e-6)
	assert.InEpsilon(t, g.Scale, m.Scale(), 1e-6)
	d, err := m.Predict(nil, g.Age)
	require.NoError(t, err)
	assert.True(t, d.IsParametric())
	for _, p := range []float64{0.05, 0.5, 0.95} {
		key := map[float64]string{0.05: "0.05", 0.5: "0.5", 0.95: "0.95"}[p]
		assert.InEpsilon(t, g.Quantiles[key], d.Quantile(p), 1e-5, "p=%g", p)
		assert.InDelta(t, p, d.CDF(d.Quantile(p)), 1e-12)
	}
	assert.InEpsilon(t, g.Mean, d.Mean(), 1e-5)
	lo, hi := d.Interval(0.9)
	assert.InEpsilon(t, d.Quantile(0.05), lo, 1e-12)
	assert.InEpsilon(t, d.Quantile(0.95), hi, 1e-12)
}

// TestWeibullCoverage: fit to 100 simulated censored lives, then the 90 %
// conditional interval of fresh units surviving to an age covers their
// actual residual lives at about the nominal rate.
func TestWeibullCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	const k, lam = 2.0, 500.0
	draw := func() float64 { return lam * math.Pow(-math.Log(1-rng.Float64()), 1/k) }
	var times []float64
	var failed []bool
	for i := 0; i < 100; i++ {
		life, c := draw(), 200+800*rng.Float64()
		times = append(times, math.Min(life, c))
		failed = append(failed, life <= c)
	}
	m, err := FitWeibull(times, failed)
	require.NoError(t, err)
	covered, n := 0, 0
	d := &Distribution{}
	for n < 200 {
		life := draw()
		age := 300.0
		if life <= age {
			continue
		}
		n++
		_, err := m.Predict(d, age)
		require.NoError(t, err)
		if lo, hi := d.Interval(0.9); lo <= life-age && life-age <= hi {
			covered++
		}
	}
	rate := float64(covered) / float64(n)
	t.Logf("weibull: fitted k=%.3f λ=%.1f, 90%% conditional interval coverage %.3f", m.Shape(), m.Scale(), rate)
	assert.GreaterOrEqual(t, rate, 0.80)
	assert.LessOrEqual(t, rate, 0.97)
}

func TestWeibullObserveAndErrors(t *testing.T) {
	_, err := FitWeibull([]float64{1, 2, 3}, []bool{true, false, false})
	assert.ErrorIs(t, err, ErrTooFewPoints)
	_, err = FitWeibull([]float64{1, -2, 3}, []bool{true, true, true})
	assert.ErrorIs(t, err, ErrBadInput)
	_, err = FitWeibull([]float64{5, 5, 3}, []bool{true, true, false})
	assert.ErrorIs(t, err, ErrTooFewPoints)
	m, err := FitWeibull([]float64{100, 150, 210, 90}, []bool{true, true, true, false})
	require.NoError(t, err)
	k0 := m.Shape()
	require.NoError(t, m.Observe(400, false))
	assert.NotEqual(t, k0, m.Shape())
	assert.ErrorIs(t, m.Observe(math.NaN(), true), ErrBadInput)
	_, err = m.Predict(nil, -1)
	assert.ErrorIs(t, err, ErrBadInput)
	// Closed form at age 0: median = λ (ln 2)^(1/k).
	d, err := m.Predict(nil, 0)
	require.NoError(t, err)
	assert.InEpsilon(t, m.Scale()*math.Pow(math.Ln2, 1/m.Shape()), d.Median(), 1e-12)
	assert.InEpsilon(t, m.Scale()*math.Gamma(1+1/m.Shape()), d.Mean(), 1e-10)
}
