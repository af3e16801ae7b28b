package rul_test

import (
	"math"
	"os"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The informative FD001 sensors (1-based); the others are constant.
var cmapssSensors = []int{2, 3, 4, 7, 8, 9, 11, 12, 13, 14, 15, 17, 20, 21}

// cmapssRecipe is the feature/target recipe for the C-MAPSS acceptance test.
type cmapssRecipe struct {
	window int     // trailing window, cycles
	cap    float64 // piecewise-linear target cap, cycles
	gb     rul.GBRTConfig
}

// chosen is the recipe of the acceptance test. It was fixed from common
// practice before scoring and checked against alternatives on held-out
// training engines only (TestCMAPSSModelSelection, below); the test set's
// RUL file played no part in choosing it.
var chosen = cmapssRecipe{window: 30, cap: 125,
	gb: rul.GBRTConfig{Trees: 300, Depth: 4, LearningRate: 0.05, MinLeaf: 20, Subsample: 0.7, Seed: 1}}

// cmapssFeatures returns the feature vector of unit u at its k-th cycle
// (0-based), using cycles ≤ k only: for each sensor the mean of the last 5
// cycles, the mean and least-squares slope over the trailing window, and an
// EWMA (α = 0.1) from the start; plus the cycle count.
func cmapssFeatures(dst []float64, u *datasets.CMAPSSUnit, k, window int, ewma []float64) []float64 {
	dst = dst[:0]
	lo := max(0, k-window+1)
	n := float64(k - lo + 1)
	tm := float64(k+lo) / 2
	for si, s := range cmapssSensors {
		var m5, mw, sxy, sxx float64
		c5 := 0
		for i := lo; i <= k; i++ {
			v := u.Sensors[i][s-1]
			mw += v
			if i > k-5 {
				m5 += v
				c5++
			}
		}
		mw /= n
		for i := lo; i <= k; i++ {
			dt := float64(i) - tm
			sxy += dt * (u.Sensors[i][s-1] - mw)
			sxx += dt * dt
		}
		slope := 0.0
		if sxx > 0 {
			slope = sxy / sxx
		}
		dst = append(dst, m5/float64(c5), mw, slope, ewma[si])
	}
	return append(dst, float64(k+1))
}

// unitRows calls fn with the features of every cycle of u from cycle first
// (0-based) to last.
func unitRows(u *datasets.CMAPSSUnit, first, last, window int, fn func(k int, x []float64)) {
	ewma := make([]float64, len(cmapssSensors))
	var x []float64
	for k := 0; k <= last; k++ {
		for si, s := range cmapssSensors {
			v := u.Sensors[k][s-1]
			if k == 0 {
				ewma[si] = v
			} else {
				ewma[si] = 0.1*v + 0.9*ewma[si]
			}
		}
		if k >= first {
			x = cmapssFeatures(x, u, k, window, ewma)
			fn(k, x)
		}
	}
}

func trainCMAPSS(t testing.TB, units []datasets.CMAPSSUnit, r cmapssRecipe) *rul.GBRT {
	var X [][]float64
	var y []float64
	for ui := range units {
		u := &units[ui]
		L := len(u.Cycle)
		unitRows(u, 0, L-1, r.window, func(k int, x []float64) {
			X = append(X, append([]float64(nil), x...))
			y = append(y, math.Min(r.cap, float64(L-1-k)))
		})
	}
	g, err := rul.FitGBRT(X, y, r.gb)
	require.NoError(t, err)
	return g
}

// predictLast predicts the RUL at cycle last (0-based) of u.
func predictLast(g *rul.GBRT, u *datasets.CMAPSSUnit, r cmapssRecipe, last int) float64 {
	var p float64
	unitRows(u, last, last, r.window, func(_ int, x []float64) { p = g.Predict(x) })
	return math.Max(0, p)
}

func loadFD001(t *testing.T) *datasets.CMAPSSSet {
	dir := testenv.DataDir(t, "cmapss")
	set, err := datasets.LoadCMAPSS(os.DirFS(dir), ".", "FD001")
	require.NoError(t, err)
	return set
}

// TestCMAPSSFD001 trains on train_FD001, predicts the RUL at the last cycle
// of every test_FD001 engine and scores against RUL_FD001. Published
// anchors: SVR RMSE 21.0; deep LSTM RMSE 16.1, PHM08 score 338.
func TestCMAPSSFD001(t *testing.T) {
	set := loadFD001(t)
	start := time.Now()
	g := trainCMAPSS(t, set.Train, chosen)
	truth := make([]float64, len(set.Test))
	pred := make([]float64, len(set.Test))
	for i := range set.Test {
		u := &set.Test[i]
		truth[i] = float64(set.RUL[i])
		pred[i] = predictLast(g, u, chosen, len(u.Cycle)-1)
	}
	rmse, err := rul.RMSE(truth, pred)
	require.NoError(t, err)
	score, err := rul.PHM08Score(truth, pred)
	require.NoError(t, err)
	mae, _ := rul.MAE(truth, pred)
	t.Logf("C-MAPSS FD001 test (100 engines): RMSE %.2f, MAE %.2f, PHM08 score %.1f (GBRT %d trees, %s)",
		rmse, mae, score, g.Trees(), time.Since(start).Round(time.Millisecond))
	assert.LessOrEqual(t, rmse, 16.0)
	assert.LessOrEqual(t, score, 350.0)
}

// TestCMAPSSModelSelection compares recipes on held-out training engines
// (engines 81-100; models trained on engines 1-80), scoring every held-out
// cycle from the 30th on against the piecewise-linear target capped at 125
// cycles. The test set and its RUL file play no part. It is slow; run with
// SPINDLE_CMAPSS_SELECT=1.
func TestCMAPSSModelSelection(t *testing.T) {
	if os.Getenv("SPINDLE_CMAPSS_SELECT") == "" {
		t.Skip("set SPINDLE_CMAPSS_SELECT=1 to rerun the model selection")
	}
	set := loadFD001(t)
	train, hold := set.Train[:80], set.Train[80:]
	var candidates []cmapssRecipe
	for _, w := range []int{20, 30} {
		for _, d := range []int{3, 4, 5} {
			r := chosen
			r.window, r.gb.Depth = w, d
			candidates = append(candidates, r)
		}
	}
	r := chosen
	r.gb.Trees, r.gb.LearningRate = 600, 0.025
	candidates = append(candidates, r)
	r = chosen
	r.gb.MinLeaf = 50
	candidates = append(candidates, r)
	for _, r := range candidates {
		g := trainCMAPSS(t, train, r)
		var truth, pred []float64
		for ui := range hold {
			u := &hold[ui]
			L := len(u.Cycle)
			unitRows(u, 29, L-1, r.window, func(k int, x []float64) {
				truth = append(truth, math.Min(125, float64(L-1-k)))
				pred = append(pred, math.Max(0, g.Predict(x)))
			})
		}
		rmse, _ := rul.RMSE(truth, pred)
		score, _ := rul.PHM08Score(truth, pred)
		t.Logf("window %d depth %d trees %d lr %.3f minleaf %d: held-out RMSE %.2f, PHM08 per 100 predictions %.1f",
			r.window, r.gb.Depth, r.gb.Trees, r.gb.LearningRate, r.gb.MinLeaf, rmse, score*100/float64(len(truth)))
	}
}
