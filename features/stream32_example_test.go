package features_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
)

// A gateway's ADC delivers float32 frames; Write32 takes them as they are,
// with no float64 copy of the frame.
func ExampleExtractor_Write32() {
	const fs = 25_600
	ex, err := features.NewExtractor(features.ExtractorConfig{SampleRate: fs, Window: fs})
	if err != nil {
		panic(err)
	}
	frame := make([]float32, 512) // one DMA buffer
	for i := 0; i < 2*fs; i += len(frame) {
		for j := range frame {
			t := float64(i+j) / fs
			frame[j] = float32(0.5 * math.Sin(2*math.Pi*50*t))
		}
		ex.Write32(frame, func(w *features.Window) {
			f := w.Features
			fmt.Printf("t=%.0fs  rms %.4f g  kurtosis %.4f\n", w.Time, f.RMS, f.Kurtosis)
		})
	}
	// Output:
	// t=0s  rms 0.3536 g  kurtosis 1.5000
	// t=1s  rms 0.3536 g  kurtosis 1.5000
}
