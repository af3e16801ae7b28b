package filter_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features/filter"
)

// Align a 25.6 kHz accelerometer with a 10 kHz baseline: low-pass it
// without phase shift, then resample by 25/64.
func Example() {
	const fs = 25600.0
	x := make([]float64, 25600)
	for i := range x {
		t := float64(i) / fs
		x[i] = math.Sin(2*math.Pi*120*t) + 0.5*math.Sin(2*math.Pi*9000*t)
	}
	sos, err := filter.ButterLowpass(6, 4000, fs)
	if err != nil {
		panic(err)
	}
	y, err := filter.FiltFilt(nil, x, sos) // the 9 kHz component is removed
	if err != nil {
		panic(err)
	}
	r, err := filter.NewResampler(10000, 25600)
	if err != nil {
		panic(err)
	}
	z, err := r.Resample(nil, y)
	if err != nil {
		panic(err)
	}
	up, down := r.Factors()
	fmt.Printf("%d sections; %d/%d; %d samples at 10 kHz; z[5001] = %.3f, sin(2π·120·0.5001) = %.3f\n",
		len(sos), up, down, len(z), z[5001], math.Sin(2*math.Pi*120*0.5001))
	// Output: 3 sections; 25/64; 10000 samples at 10 kHz; z[5001] = 0.075, sin(2π·120·0.5001) = 0.075
}

// A streaming filter fed in chunks, as a gateway receives them.
func ExampleFilter() {
	sos, _ := filter.ButterHighpass(2, 10, 1000)
	f := filter.NewFilter(sos)
	f.SetSteady(5) // the stream starts at an offset of 5: no start-up transient
	out := make([]float64, 4)
	for _, chunk := range [][]float64{{5, 5, 5, 5}, {5, 5, 5, 5}} {
		if _, err := f.Process(out, chunk); err != nil {
			panic(err)
		}
		m := 0.0
		for _, v := range out {
			m = math.Max(m, math.Abs(v))
		}
		fmt.Println("largest output below 1e-12:", m < 1e-12)
	}
	// Output:
	// largest output below 1e-12: true
	// largest output below 1e-12: true
}
