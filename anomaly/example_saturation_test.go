package anomaly_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/anomaly"
)

// A 12-bit logger with a step of 1/2048 g records decaying impacts of
// 1.5 g: the peaks are cut at the converter's full scale.
func ExampleCheckSaturation() {
	x := make([]float64, 4000)
	for i := range x {
		k := i % 400
		v := 1.5 * math.Exp(-float64(k)/20) * math.Sin(0.9*float64(k)+0.4)
		v += 0.01 * math.Sin(0.37*float64(i)) // background
		code := math.Max(-2048, math.Min(2047, math.Round(v*2048)))
		x[i] = code / 2048
	}
	s, err := anomaly.CheckSaturation(x)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d-bit, step %g g, rails %.4f/%.4f g\n", s.Bits, s.Step, s.Min, s.Max)
	fmt.Printf("saturated: %v (%d low, %d high, first at sample %d)\n", s.Saturated(), s.AtMin, s.AtMax, s.FirstAt)
	// Output:
	// 12-bit, step 0.00048828125 g, rails -1.0000/0.9995 g
	// saturated: true (10 low, 20 high, first at sample 1)
}
