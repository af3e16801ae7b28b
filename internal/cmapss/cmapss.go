// Package cmapss holds Spindle's feature recipe for remaining-useful-life
// regression on NASA's C-MAPSS turbofan data: the features of an engine at
// a cycle, computed from that cycle and the ones before it only, and the
// gradient-boosted-tree model trained on them. The rul package's C-MAPSS
// acceptance test and the benchmark runner (examples/benchmark) share it,
// so that the figures they report come from one recipe.
package cmapss

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/rul"
)

// Sensors are the informative FD001 sensors (1-based); the others are
// constant.
var Sensors = []int{2, 3, 4, 7, 8, 9, 11, 12, 13, 14, 15, 17, 20, 21}

// Recipe is a feature/target recipe.
type Recipe struct {
	Window int     // trailing window, cycles
	Cap    float64 // piecewise-linear target cap, cycles
	GBRT   rul.GBRTConfig
}

// Chosen is the recipe of the acceptance test and the benchmark. It was
// fixed from common practice before scoring and checked against
// alternatives on held-out training engines only (the rul package's
// TestCMAPSSModelSelection); the test set's RUL file played no part in
// choosing it.
var Chosen = Recipe{Window: 30, Cap: 125,
	GBRT: rul.GBRTConfig{Trees: 300, Depth: 4, LearningRate: 0.05, MinLeaf: 20, Subsample: 0.7, Seed: 1}}

// Features appends to dst[:0] the feature vector of unit u at its k-th
// cycle (0-based), using cycles ≤ k only: for each sensor the mean of the
// last 5 cycles, the mean and least-squares slope over the trailing window,
// and ewma[si], an EWMA (α = 0.1) from the start; plus the cycle count.
func Features(dst []float64, u *datasets.CMAPSSUnit, k, window int, ewma []float64) []float64 {
	dst = dst[:0]
	lo := max(0, k-window+1)
	n := float64(k - lo + 1)
	tm := float64(k+lo) / 2
	for si, s := range Sensors {
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

// UnitRows calls fn with the features of every cycle of u from cycle first
// (0-based) to last. The slice handed to fn is reused by the next call.
func UnitRows(u *datasets.CMAPSSUnit, first, last, window int, fn func(k int, x []float64)) {
	ewma := make([]float64, len(Sensors))
	var x []float64
	for k := 0; k <= last; k++ {
		for si, s := range Sensors {
			v := u.Sensors[k][s-1]
			if k == 0 {
				ewma[si] = v
			} else {
				ewma[si] = 0.1*v + 0.9*ewma[si]
			}
		}
		if k >= first {
			x = Features(x, u, k, window, ewma)
			fn(k, x)
		}
	}
}

// Train fits the recipe's model on run-to-failure units: one row per cycle,
// target min(Cap, cycles to failure).
func Train(units []datasets.CMAPSSUnit, r Recipe) (*rul.GBRT, error) {
	var X [][]float64
	var y []float64
	for ui := range units {
		u := &units[ui]
		L := len(u.Cycle)
		UnitRows(u, 0, L-1, r.Window, func(k int, x []float64) {
			X = append(X, append([]float64(nil), x...))
			y = append(y, math.Min(r.Cap, float64(L-1-k)))
		})
	}
	if len(X) == 0 {
		return nil, fmt.Errorf("cmapss: no training cycles")
	}
	return rul.FitGBRT(X, y, r.GBRT)
}

// PredictAt predicts the remaining cycles of u after its cycle last
// (0-based), clipped at 0.
func PredictAt(g *rul.GBRT, u *datasets.CMAPSSUnit, r Recipe, last int) float64 {
	var p float64
	UnitRows(u, last, last, r.Window, func(_ int, x []float64) { p = g.Predict(x) })
	return math.Max(0, p)
}
