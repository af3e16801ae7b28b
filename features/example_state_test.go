package features_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
)

// A gateway saves its Extractor mid-window (700 samples buffered), restarts
// from the saved bytes and goes on writing: the restored Extractor gives
// the same windows as the one that never stopped (original / restored).
func ExampleExtractor_MarshalBinary() {
	const fs = 1000 // Hz
	a, err := features.NewExtractor(features.ExtractorConfig{SampleRate: fs, Window: fs, Hop: fs / 2})
	if err != nil {
		panic(err)
	}
	x := make([]float64, 3000)
	for i := range x {
		x[i] = 0.5 * math.Sin(2*math.Pi*29.95*float64(i)/fs)
		if i >= 2000 && i%50 == 0 {
			x[i] += 3 // impacts from 2 s on
		}
	}
	a.Write(x[:1700], func(*features.Window) {})
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b features.Extractor
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	var got []features.TimeFeatures
	b.Write(x[1700:], func(w *features.Window) { got = append(got, w.Features) })
	k := 0
	a.Write(x[1700:], func(w *features.Window) {
		fmt.Printf("t=%.1fs rms %.4f / %.4f kurtosis %.4f / %.4f\n", w.Time,
			w.Features.RMS, got[k].RMS, w.Features.Kurtosis, got[k].Kurtosis)
		k++
	})
	// Output:
	// t=1.0s rms 0.3537 / 0.3537 kurtosis 1.4998 / 1.4998
	// t=1.5s rms 0.4639 / 0.4639 kurtosis 18.7249 / 18.7249
	// t=2.0s rms 0.5525 / 0.5525 kurtosis 18.1653 / 18.1653
}
