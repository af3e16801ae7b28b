package fft_test

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/spindle-pdm/spindle/fft"
)

// A complex plan is built once and reused; Forward and Inverse write into
// a caller's buffer (here nil, so they allocate).
func ExamplePlan() {
	p, err := fft.NewPlan(4)
	if err != nil {
		panic(err)
	}
	X := p.Forward(nil, []complex128{1, 2, 3, 4})
	for k, v := range X {
		fmt.Printf("X[%d] = %+.1f%+.1fi\n", k, real(v), imag(v))
	}
	x := p.Inverse(nil, X)
	fmt.Printf("inverse: %.1f %.1f %.1f %.1f\n", real(x[0]), real(x[1]), real(x[2]), real(x[3]))
	// Output:
	// X[0] = +10.0+0.0i
	// X[1] = -2.0+2.0i
	// X[2] = -2.0+0.0i
	// X[3] = -2.0-2.0i
	// inverse: 1.0 2.0 3.0 4.0
}

// The one-sided amplitude spectrum of a real signal sampled at fs Hz:
// bin k is k·fs/n Hz, and |X[k]|·2/n is the amplitude of a sinusoid there
// (|X[0]|/n for the mean).
func ExampleRealPlan() {
	const n, fs = 16, 160.0 // 16 samples at 160 Hz: bins 10 Hz apart
	x := make([]float64, n)
	for j := range x {
		t := float64(j) / fs
		x[j] = 0.5 + 2*math.Cos(2*math.Pi*20*t) + math.Sin(2*math.Pi*50*t)
	}
	p, err := fft.NewRealPlan(n)
	if err != nil {
		panic(err)
	}
	dst := make([]complex128, p.Bins()) // reused across calls: no allocation
	X := p.Forward(dst, x)
	for k, v := range X {
		amp := cmplx.Abs(v) * 2 / n
		if k == 0 {
			amp /= 2
		}
		if amp > 1e-9 {
			fmt.Printf("%3.0f Hz: %.2f\n", float64(k)*fs/n, amp)
		}
	}
	back := p.Inverse(nil, X)
	fmt.Printf("round trip error < 1e-15: %v\n", math.Abs(back[3]-x[3]) < 1e-15)
	// Output:
	//   0 Hz: 0.50
	//  20 Hz: 2.00
	//  50 Hz: 1.00
	// round trip error < 1e-15: true
}
