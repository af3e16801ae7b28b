package features_test

import (
	"errors"
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
)

func ExampleComputeTimeFeatures() {
	// A 50 Hz sine of amplitude 2 g, 10 whole periods at 10 kHz.
	x := make([]float64, 2000)
	for i := range x {
		x[i] = 2 * math.Sin(2*math.Pi*50*float64(i)/10_000)
	}
	f, err := features.ComputeTimeFeatures(x)
	if err != nil {
		panic(err)
	}
	fmt.Printf("RMS %.4f g (A/√2), crest %.4f (√2), kurtosis %.2f\n", f.RMS, f.CrestFactor, f.Kurtosis)

	// A flat-lined sensor is reported, with the indicators that exist.
	f, err = features.ComputeTimeFeatures([]float64{0.01, 0.01, 0.01})
	fmt.Println(errors.Is(err, features.ErrConstant), f.Mean, f.Std)
	// Output:
	// RMS 1.4142 g (A/√2), crest 1.4142 (√2), kurtosis 1.50
	// true 0.01 0
}

func ExampleFindPeaks() {
	x := []float64{0, 2, 1, 5, 1, 1.5, 1, 4, 0}
	for _, p := range features.FindPeaks(x, features.PeakOptions{MinProminence: 1}) {
		fmt.Printf("index %d value %g prominence %g\n", p.Index, p.Value, p.Prominence)
	}
	// Output:
	// index 1 value 2 prominence 1
	// index 3 value 5 prominence 5
	// index 7 value 4 prominence 3
}

func ExampleComputeSpectralFeatures() {
	// A one-sided PSD in g²/Hz with 1 Hz bins: a line at 30 Hz on a floor.
	psd := make([]float64, 101)
	for k := range psd {
		psd[k] = 1e-4
	}
	psd[30] = 0.5
	s, err := features.ComputeSpectralFeatures(psd, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("peak %.0f Hz, mean %.1f Hz, median %.1f Hz, entropy %.3f\n",
		s.PeakFrequency, s.MeanFrequency, s.MedianFrequency, s.Entropy)
	band, err := features.BandPower(psd, 1, 25, 35)
	if err != nil {
		panic(err)
	}
	fmt.Printf("power in 25–35 Hz: %.4f g² of %.4f g²\n", band, s.TotalPower)
	_, err = features.BandPower(psd, 1, 90, 120)
	fmt.Println(err)
	// Output:
	// peak 30 Hz, mean 30.4 Hz, median 30.0 Hz, entropy 0.040
	// power in 25–35 Hz: 0.5010 g² of 0.5100 g²
	// features: band [90, 120] Hz reaches above the spectrum's highest frequency 100 Hz
}
