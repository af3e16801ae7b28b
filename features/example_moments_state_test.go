package features_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
)

// Running moments saved and restored accumulate as the original: the same
// RMS and kurtosis after more samples.
func ExampleMoments_MarshalBinary() {
	var a features.Moments
	for i := 0; i < 1000; i++ {
		a.Add(math.Sin(float64(i) / 7))
	}
	state, _ := a.MarshalBinary()
	var b features.Moments
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 1000; i < 1500; i++ {
		v := math.Sin(float64(i)/7) + 0.5*math.Cos(float64(i)/3)
		a.Add(v)
		b.Add(v)
	}
	fa, _ := a.Features()
	fb, _ := b.Features()
	fmt.Printf("n %d / %d, RMS %.4f / %.4f, kurtosis %.4f / %.4f\n", a.Count(), b.Count(), fa.RMS, fb.RMS, fa.Kurtosis, fb.Kurtosis)
	// Output:
	// n 1500 / 1500, RMS 0.7347 / 0.7347, kurtosis 1.7286 / 1.7286
}
