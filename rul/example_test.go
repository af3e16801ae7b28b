package rul_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/rul"
)

// A bearing's health indicator grows exponentially; the model is updated as
// each reading arrives and forecasts when it will reach the alarm level.
func ExampleExponentialModel() {
	prior := rul.ExponentialPrior{
		Phi: 0, LogThetaMean: math.Log(0.1), LogThetaVariance: 0.1,
		BetaMean: 0.02, BetaVariance: 1e-4, Rho: 0, NoiseVariance: 0.01,
	}
	m, err := rul.NewExponentialModel(prior, rul.SamplingConfig{Samples: 4000, Seed: 1})
	if err != nil {
		panic(err)
	}
	// Readings every 10 hours of a unit degrading as 0.1·exp(0.03·t).
	for t := 10.0; t <= 100; t += 10 {
		if err := m.Update(t, 0.1*math.Exp(0.03*t)); err != nil {
			panic(err)
		}
	}
	d, err := m.Predict(nil, 5) // alarm level 5 → t* = ln(50)/0.03 ≈ 130.4 h
	if err != nil {
		panic(err)
	}
	lo, hi := d.Interval(0.9)
	fmt.Printf("median RUL %.0f h, 90%% interval [%.0f, %.0f] h\n", d.Median(), lo, hi)
	// Output: median RUL 31 h, 90% interval [26, 36] h
}

// Fit a Weibull life distribution to failures and suspensions, then ask
// how long a unit that has already run 400 h is likely to last.
func ExampleWeibullModel() {
	times := []float64{310, 450, 520, 610, 700, 380, 800, 900}
	failed := []bool{true, true, true, true, true, false, false, false}
	m, err := rul.FitWeibull(times, failed)
	if err != nil {
		panic(err)
	}
	d, _ := m.Predict(nil, 400)
	lo, hi := d.Interval(0.8)
	fmt.Printf("k=%.2f λ=%.0f h; RUL median %.0f h, 80%% interval [%.0f, %.0f] h\n",
		m.Shape(), m.Scale(), d.Median(), lo, hi)
	// Output: k=2.77 λ=755 h; RUL median 316 h, 80% interval [75, 647] h
}

func ExamplePHM08Score() {
	truth := []float64{112, 98, 69}
	pred := []float64{100, 105, 69}
	s, _ := rul.PHM08Score(truth, pred)
	r, _ := rul.RMSE(truth, pred)
	fmt.Printf("score %.3f, RMSE %.3f\n", s, r)
	// Output: score 2.531, RMSE 8.021
}

func ExampleMonotonicity() {
	histories := [][]float64{{1, 2, 3, 4}, {1, 3, 2, 5}}
	m, _ := rul.Monotonicity(histories)
	fmt.Printf("%.3f\n", m)
	// Output: 0.667
}

// Forecast a unit's remaining life from the most similar run-to-failure
// histories of a fleet.
func ExampleSimilarityModel() {
	// A library of nine histories whose indicator grows as (t/EOL)².
	var lib []rul.History
	for eol := 100.0; eol <= 140; eol += 5 {
		var h rul.History
		for t := 0.0; t <= eol; t += 2 {
			h.Time = append(h.Time, t)
			h.Value = append(h.Value, (t/eol)*(t/eol))
		}
		lib = append(lib, h)
	}
	m, err := rul.NewSimilarityModel(lib, rul.SimilarityConfig{Degree: 2, K: 3})
	if err != nil {
		panic(err)
	}
	// The monitored unit degrades like a 120-cycle unit; observe 60 cycles.
	for t := 2.0; t <= 60; t += 2 {
		_ = m.Update(t, (t/120)*(t/120))
	}
	d, _ := m.Predict(nil)
	lo, hi := d.Interval(0.8)
	fmt.Printf("median RUL %.0f cycles, 80%% interval [%.0f, %.0f]\n", d.Median(), lo, hi)
	// Output: median RUL 60 cycles, 80% interval [54, 64]
}
