package rul_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/rul"
)

// Each example saves a model part-way through a unit's life, restores the
// bytes into a zero value, feeds the same next readings to both and
// forecasts with both (original / restored): the forecasts agree, random
// stream included.

func ExampleExponentialModel_MarshalBinary() {
	prior := rul.ExponentialPrior{
		LogThetaMean: math.Log(0.1), LogThetaVariance: 0.1,
		BetaMean: 0.02, BetaVariance: 1e-4, NoiseVariance: 0.01,
	}
	a, err := rul.NewExponentialModel(prior, rul.SamplingConfig{Samples: 2000, Seed: 1})
	if err != nil {
		panic(err)
	}
	for t := 10.0; t <= 60; t += 10 { // readings every 10 h, 0.1·exp(0.03·t)
		_ = a.Update(t, 0.1*math.Exp(0.03*t))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b rul.ExponentialModel
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for t := 70.0; t <= 100; t += 10 {
		_, _ = a.Update(t, 0.1*math.Exp(0.03*t)), b.Update(t, 0.1*math.Exp(0.03*t))
	}
	da, _ := a.Predict(nil, 5) // hours until the indicator reaches 5
	db, _ := b.Predict(nil, 5)
	fmt.Printf("median RUL %.4f / %.4f h\n", da.Median(), db.Median())
	// Output:
	// median RUL 30.7552 / 30.7552 h
}

func ExampleLinearModel_MarshalBinary() {
	prior := rul.LinearPrior{SlopeMean: 0.01, SlopeVariance: 1e-4, NoiseVariance: 0.01}
	a, err := rul.NewLinearModel(prior, rul.SamplingConfig{Samples: 2000, Seed: 1})
	if err != nil {
		panic(err)
	}
	for t := 10.0; t <= 60; t += 10 { // wear grows by 0.02 per hour
		_ = a.Update(t, 0.02*t)
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b rul.LinearModel
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for t := 70.0; t <= 100; t += 10 {
		_, _ = a.Update(t, 0.02*t), b.Update(t, 0.02*t)
	}
	da, _ := a.Predict(nil, 4) // hours until the wear reaches 4
	db, _ := b.Predict(nil, 4)
	fmt.Printf("median RUL %.4f / %.4f h\n", da.Median(), db.Median())
	// Output:
	// median RUL 100.2748 / 100.2748 h
}

func ExampleWeibullModel_MarshalBinary() {
	a, err := rul.FitWeibull([]float64{310, 450, 520, 610, 700}, []bool{true, true, true, true, true})
	if err != nil {
		panic(err)
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b rul.WeibullModel
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for _, t := range []float64{380, 800} { // two more failures
		_, _ = a.Observe(t, true), b.Observe(t, true)
	}
	da, _ := a.Predict(nil, 400) // a unit that has run 400 h
	db, _ := b.Predict(nil, 400)
	fmt.Printf("k %.4f / %.4f, λ %.4f / %.4f h, median RUL %.4f / %.4f h\n",
		a.Shape(), b.Shape(), a.Scale(), b.Scale(), da.Median(), db.Median())
	// Output:
	// k 3.6950 / 3.6950, λ 598.4257 / 598.4257 h, median RUL 184.8768 / 184.8768 h
}

func ExampleSimilarityModel_MarshalBinary() {
	var lib []rul.History // nine run-to-failure histories growing as (t/EOL)²
	for eol := 100.0; eol <= 140; eol += 5 {
		var h rul.History
		for t := 0.0; t <= eol; t += 2 {
			h.Time, h.Value = append(h.Time, t), append(h.Value, (t/eol)*(t/eol))
		}
		lib = append(lib, h)
	}
	a, err := rul.NewSimilarityModel(lib, rul.SimilarityConfig{Degree: 2, K: 3})
	if err != nil {
		panic(err)
	}
	for t := 2.0; t <= 40; t += 2 { // the unit degrades like a 120-cycle one
		_ = a.Update(t, (t/120)*(t/120))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b rul.SimilarityModel
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for t := 42.0; t <= 60; t += 2 {
		_, _ = a.Update(t, (t/120)*(t/120)), b.Update(t, (t/120)*(t/120))
	}
	da, _ := a.Predict(nil)
	db, _ := b.Predict(nil)
	fmt.Printf("median RUL %.4f / %.4f cycles\n", da.Median(), db.Median())
	// Output:
	// median RUL 60.2499 / 60.2499 cycles
}
