package features_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
)

// An impact every 100 samples, smeared by a damped resonance: MED finds
// the filter that makes the signal impulsive again.
func ExampleMEDFilter() {
	const n = 4096
	x := make([]float64, n)
	impacts := 0
	for k := 10; k < n; k += 100 {
		impacts++
		for i := 0; i < 60 && k+i < n; i++ {
			x[k+i] += math.Exp(-0.1*float64(i)) * math.Sin(0.9*float64(i))
		}
	}
	m, err := features.NewMEDFilter(n, 32, 30)
	if err != nil {
		fmt.Println(err)
		return
	}
	y, err := m.Deconvolve(nil, x)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("kurtosis %.0f → %.0f (a train of %d equal impulses: %.0f)\n",
		kurtosis(x), kurtosis(y), impacts, float64(n)/float64(impacts))
	// Output:
	// kurtosis 15 → 100 (a train of 41 equal impulses: 100)
}

func kurtosis(x []float64) float64 {
	var s2, s4 float64
	for _, v := range x {
		s2 += v * v
		s4 += v * v * v * v
	}
	return float64(len(x)) * s4 / (s2 * s2)
}
