package filter_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features/filter"
)

// A streaming low-pass filter saved between chunks restores into a filter
// built with the same coefficients and continues sample for sample.
func ExampleFilter_MarshalBinary() {
	sos, err := filter.ButterLowpass(4, 100, 1000)
	if err != nil {
		panic(err)
	}
	a := filter.NewFilter(sos)
	chunk := func(k int) []float64 {
		x := make([]float64, 50)
		for i := range x {
			n := float64(50*k + i)
			x[i] = math.Sin(2*math.Pi*20*n/1000) + 0.5*math.Sin(2*math.Pi*300*n/1000)
		}
		return x
	}
	a.Process(nil, chunk(0))
	state, _ := a.MarshalBinary()
	b := filter.NewFilter(sos) // the coefficients are configuration
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	ya, _ := a.Process(nil, chunk(1))
	yb, _ := b.Process(nil, chunk(1))
	for _, i := range []int{0, 25, 49} {
		fmt.Printf("y[%d] %.4f / %.4f\n", i, ya[i], yb[i])
	}
	// Output:
	// y[0] -0.4861 / -0.4861
	// y[25] 0.4861 / 0.4861
	// y[49] -0.5941 / -0.5941
}
