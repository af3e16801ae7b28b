package anomaly

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type trendGolden struct {
	Scipy string `json:"scipy"`
	Cases []struct {
		Name           string    `json:"name"`
		T              []float64 `json:"t"`
		X              []float64 `json:"x"`
		S              int       `json:"S"`
		VarS           float64   `json:"VarS"`
		Z              float64   `json:"Z"`
		P              float64   `json:"P"`
		KendallTau     float64   `json:"kendalltau_tau"`
		KendallTauP    float64   `json:"kendalltau_p"`
		TheilSlope     float64   `json:"theil_slope"`
		TheilIntercept float64   `json:"theil_intercept"`
	} `json:"cases"`
}

func loadTrendGolden(t *testing.T) trendGolden {
	b, err := os.ReadFile("testdata/drift_golden.json")
	require.NoError(t, err)
	var g trendGolden
	require.NoError(t, json.Unmarshal(b, &g))
	require.NotEmpty(t, g.Cases)
	return g
}

func relClose(t *testing.T, want, got, tol float64, msg string) {
	t.Helper()
	assert.LessOrEqual(t, math.Abs(want-got), tol*math.Max(1e-300, math.Abs(want)), "%s: want %v got %v", msg, want, got)
}

// TestTrendGoldenScipy checks Mann–Kendall S, VarS, Z, p and τ_b and the
// Theil–Sen fit against scipy.stats.kendalltau / theilslopes
// (testdata/gen_drift_golden.py), batch and streaming.
func TestTrendGoldenScipy(t *testing.T) {
	g := loadTrendGolden(t)
	t.Logf("golden from scipy %s", g.Scipy)
	for _, c := range g.Cases {
		r, err := MannKendall(c.X)
		require.NoError(t, err, c.Name)
		assert.Equal(t, c.S, r.S, c.Name)
		relClose(t, c.VarS, r.VarS, 1e-13, c.Name+" VarS")
		relClose(t, c.Z, r.Z, 1e-13, c.Name+" Z")
		relClose(t, c.P, r.P, 1e-9, c.Name+" P")
		relClose(t, c.KendallTau, r.Tau, 1e-12, c.Name+" tau")
		// scipy's asymptotic p-value is the uncorrected S/√VarS.
		pNoCC := math.Erfc(math.Abs(float64(r.S)/math.Sqrt(r.VarS)) / math.Sqrt2)
		relClose(t, c.KendallTauP, pNoCC, 1e-9, c.Name+" kendalltau p")

		ts, err := TheilSen(c.T, c.X)
		require.NoError(t, err, c.Name)
		assert.InDelta(t, c.TheilSlope, ts.Slope, 1e-12*math.Max(1, math.Abs(c.TheilSlope)), c.Name)
		assert.InDelta(t, c.TheilIntercept, ts.Intercept, 1e-9*math.Max(1, math.Abs(c.TheilIntercept)), c.Name)

		// The streaming window over exactly this series agrees.
		tr, err := NewTrend(TrendConfig{Window: len(c.X), Alpha: 0.05})
		require.NoError(t, err)
		var last DriftResult
		for i := range c.X {
			last = tr.Update(c.T[i], c.X[i])
		}
		assert.Equal(t, r, tr.MannKendall(), c.Name)
		assert.Equal(t, c.P < 0.05, last.Alarm, c.Name)
		sl, err := tr.Slope()
		require.NoError(t, err)
		assert.Equal(t, ts, sl, c.Name)
	}
}

func TestTrendSlidingMatchesBatch(t *testing.T) {
	sim := newDriftSim(21)
	n, w := 400, 37
	x := sim.noise(n, 0, 1)
	ts := make([]float64, n)
	for i := range x {
		ts[i] = float64(i) * 60
		x[i] = math.Round(4*(x[i]+0.004*float64(i))) / 4 // ties
	}
	tr, err := NewTrend(TrendConfig{Window: w, Alpha: 0.01})
	require.NoError(t, err)
	for i := range x {
		r := tr.Update(ts[i], x[i])
		if i+1 < w {
			require.Equal(t, DriftWarmup, r.Status)
			continue
		}
		want, err := MannKendall(x[i+1-w : i+1])
		require.NoError(t, err)
		require.Equal(t, want, tr.MannKendall(), "window ending %d", i)
		require.InDelta(t, math.Abs(want.Z), r.Score, 0)
		if i%25 == 0 {
			ws, err := TheilSen(ts[i+1-w:i+1], x[i+1-w:i+1])
			require.NoError(t, err)
			got, err := tr.Slope()
			require.NoError(t, err)
			require.Equal(t, ws, got)
		}
	}
}

func TestTrendDetectsRamp(t *testing.T) {
	sim := newDriftSim(22)
	tr, err := NewTrend(TrendConfig{Window: 60, Alpha: 0.001})
	require.NoError(t, err)
	x := sim.noise(600, 40, 0.5)
	for i := 300; i < 600; i++ {
		x[i] += 0.02 * float64(i-300) // 0.02 °C per sample ramp from 300
	}
	alarms := runDrift(tr, x)
	require.NotEmpty(t, alarms)
	assert.GreaterOrEqual(t, alarms[0], 300, "alarms %v", alarms[:min(5, len(alarms))])
	assert.Less(t, alarms[0], 360)
	s, err := tr.Slope()
	require.NoError(t, err)
	assert.InDelta(t, 0.02, s.Slope, 0.005)
	checkDriftBasics(t, tr)
}

func TestTrendBadInput(t *testing.T) {
	_, err := MannKendall([]float64{1, 2})
	assert.ErrorContains(t, err, "at least 3")
	_, err = MannKendall([]float64{1, math.NaN(), 2})
	assert.ErrorContains(t, err, "sample 1")
	_, err = MannKendall([]float64{4, 4, 4, 4})
	assert.ErrorIs(t, err, ErrConstantSeries)
	_, err = TheilSen([]float64{1}, []float64{1})
	assert.ErrorContains(t, err, "at least 2")
	_, err = TheilSen([]float64{1, 1, 1}, []float64{1, 2, 3})
	assert.ErrorContains(t, err, "times are equal")
	_, err = TheilSen([]float64{1, 2, math.Inf(1)}, []float64{1, 2, 3})
	assert.ErrorContains(t, err, "time 2")
	assert.Panics(t, func() { _, _ = TheilSen([]float64{1, 2}, []float64{1}) })

	tr, err := NewTrend(TrendConfig{Window: 5, Alpha: 0.05})
	require.NoError(t, err)
	_, err = tr.Slope()
	assert.Error(t, err)
	var r DriftResult
	for i := 0; i < 10; i++ {
		r = tr.Update(float64(i), 3)
	}
	assert.Equal(t, DriftFlatBaseline, r.Status)
	assert.False(t, r.Alarm)
	for _, cfg := range []TrendConfig{{Window: 2, Alpha: 0.05}, {Window: 10, Alpha: -0.1}, {Window: 10, Alpha: 1}} {
		_, err := NewTrend(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
}

func TestTrendZeroAllocs(t *testing.T) {
	tr, err := NewTrend(TrendConfig{Window: 50, Alpha: 0.01})
	require.NoError(t, err)
	x := newDriftSim(24).noise(200, 0, 1)
	i := 0
	allocs := testing.AllocsPerRun(500, func() {
		tr.Update(float64(i), x[i%len(x)])
		i++
		if i%50 == 0 {
			_, _ = tr.Slope()
		}
	})
	assert.Zero(t, allocs)
}
