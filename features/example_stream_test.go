package features_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
)

// An ingest loop feeds a 20 kHz accelerometer channel to an Extractor in
// whatever chunks the transport delivers; every 0.5 s a 1 s window with
// 50 % overlap comes out. A bearing impact train appears at 2.5 s.
func ExampleExtractor() {
	const fs = 20_000
	ex, err := features.NewExtractor(features.ExtractorConfig{
		SampleRate: fs,
		Window:     fs,     // 1 s
		Hop:        fs / 2, // 50 % overlap
	})
	if err != nil {
		panic(err)
	}
	report := func(w *features.Window) {
		if w.Err != nil {
			fmt.Printf("t=%.1fs: %v\n", w.Time, w.Err)
			return
		}
		f := w.Features
		fmt.Printf("t=%.1fs  rms %.3f g  crest %.2f  kurtosis %.2f\n", w.Time, f.RMS, f.CrestFactor, f.Kurtosis)
	}

	chunk := make([]float64, 0, 1234) // e.g. one network packet
	for i := 0; i < 4*fs; i++ {
		t := float64(i) / fs
		v := 0.5 * math.Sin(2*math.Pi*29.95*t) // shaft
		if t >= 2.5 && i%200 == 0 {
			v += 3 // impacts every 10 ms
		}
		chunk = append(chunk, v)
		if len(chunk) == cap(chunk) {
			ex.Write(chunk, report)
			chunk = chunk[:0]
		}
	}
	ex.Write(chunk, report)
	// Output:
	// t=0.0s  rms 0.354 g  crest 1.41  kurtosis 1.50
	// t=0.5s  rms 0.354 g  crest 1.41  kurtosis 1.50
	// t=1.0s  rms 0.354 g  crest 1.41  kurtosis 1.50
	// t=1.5s  rms 0.354 g  crest 1.41  kurtosis 1.50
	// t=2.0s  rms 0.384 g  crest 9.11  kurtosis 11.08
	// t=2.5s  rms 0.412 g  crest 8.49  kurtosis 15.76
	// t=3.0s  rms 0.412 g  crest 8.49  kurtosis 15.77
}
