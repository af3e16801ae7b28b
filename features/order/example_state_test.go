package order_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features/order"
)

// A time-synchronous averager saved after 10 revolutions and restored
// averages the next ones as the original.
func ExampleAverager_MarshalBinary() {
	const spr = 8
	a := order.NewAverager(spr)
	rev := func(k int) []float64 {
		x := make([]float64, spr)
		for i := range x {
			x[i] = math.Sin(2*math.Pi*float64(i)/spr) + 0.3*math.Cos(float64(7*k+i))
		}
		return x
	}
	for k := 0; k < 10; k++ {
		a.Add(rev(k), 0)
	}
	state, _ := a.MarshalBinary()
	b := order.NewAverager(spr) // samples per revolution is configuration
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for k := 10; k < 20; k++ {
		a.Add(rev(k), 0)
		b.Add(rev(k), 0)
	}
	ya, _ := a.Average(nil)
	yb, _ := b.Average(nil)
	fmt.Printf("%d / %d revolutions; sample 2: %.4f / %.4f\n", a.Revolutions(), b.Revolutions(), ya[2], yb[2])
	// Output:
	// 20 / 20 revolutions; sample 2: 0.9730 / 0.9730
}

// An angular resampler saved mid-stream restores into one built with the
// same configuration and resamples the next block identically.
func ExampleResampler_MarshalBinary() {
	cfg := order.ResamplerConfig{SampleRate: 2000, SamplesPerRev: 16, MinSpeedHz: 5}
	a, err := order.NewResampler(cfg)
	if err != nil {
		panic(err)
	}
	block := func(k int) (x, revs []float64) {
		x, revs = make([]float64, 400), make([]float64, 400)
		for i := range x {
			t := float64(400*k+i) / 2000
			revs[i] = 10*t + 2*t*t // speeding up from 10 rev/s
			x[i] = math.Sin(2 * math.Pi * 3 * revs[i])
		}
		return x, revs
	}
	x, r := block(0)
	a.Push(nil, x, r)
	state, _ := a.MarshalBinary()
	b, _ := order.NewResampler(cfg)
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	x, r = block(1)
	ya, _ := a.Push(nil, x, r)
	yb, _ := b.Push(nil, x, r)
	fmt.Printf("%d / %d samples; first %.4f / %.4f\n", len(ya), len(yb), ya[0], yb[0])
	// Output:
	// 35 / 35 samples; first 0.0065 / 0.0065
}
