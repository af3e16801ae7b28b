package features_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/fft"
)

// With ExtractorConfig.Spectral each window also gets its spectrum: the
// spectral features and band powers of a Hann-windowed PSD and, for a
// bearing at a shaft speed, the fault-band metrics of the envelope
// spectrum. Here a 6205 bearing at 1797 rpm develops an outer-race defect
// (impacts at BPFO exciting a 3 kHz resonance) after 2 s.
func ExampleSpectralConfig() {
	const fs = 12_000
	b, _ := features.LookupBearing("6205-2RS")
	ex, err := features.NewExtractor(features.ExtractorConfig{
		SampleRate: fs, Window: fs, // 1 s windows
		Spectral: &features.SpectralConfig{
			Taper:      fft.Hann,
			Detrend:    fft.ConstantDetrend,
			Bands:      []features.Band{{Name: "shaft", Lo: 20, Hi: 40}, {Name: "resonance", Lo: 2000, Hi: 4000}},
			Bearing:    &b,
			ShaftHz:    1797.0 / 60,
			FaultBands: features.BandConfig{Harmonics: 1}, // the fundamentals only
		},
	})
	if err != nil {
		panic(err)
	}
	d, _ := b.DefectFrequencies(1797.0 / 60)
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 4*fs)
	for i := range x {
		t := float64(i) / fs
		x[i] = 0.2*math.Sin(2*math.Pi*29.95*t) + 0.05*r.NormFloat64()
	}
	for s := 2.0 * fs; s < float64(len(x)); s += fs / d.BPFO {
		for j := int(s); j < min(len(x), int(s)+200); j++ {
			tt := (float64(j) - s) / fs
			x[j] += math.Exp(-800*tt) * math.Sin(2*math.Pi*3000*tt)
		}
	}
	ex.Write(x, func(w *features.Window) {
		s := w.Spectrum
		if s.Err != nil {
			fmt.Println(s.Err)
			return
		}
		fmt.Printf("t=%.0fs  shaft band %.4f g², resonance band %.4f g², mean frequency %4.0f Hz\n",
			w.Time, s.BandPowers[0], s.BandPowers[1], s.Features.MeanFrequency)
		for _, m := range s.Faults {
			fmt.Printf("      %-26v peak %6.1f Hz  %5.1f dB over the floor\n", m.Band, m.PeakFreq, m.Prominence)
		}
	})
	// Output:
	// t=0s  shaft band 0.0201 g², resonance band 0.0009 g², mean frequency  369 Hz
	//       BPFO h1 [105.2, 109.5] Hz  peak  106.0 Hz    4.1 dB over the floor
	//       BPFI h1 [158.9, 165.4] Hz  peak  163.0 Hz    4.2 dB over the floor
	//       2xBSF h1 [138.3, 144] Hz   peak  143.0 Hz    7.2 dB over the floor
	//       FTF h1 [11.69, 12.17] Hz   peak   12.0 Hz   -6.0 dB over the floor
	// t=1s  shaft band 0.0198 g², resonance band 0.0008 g², mean frequency  366 Hz
	//       BPFO h1 [105.2, 109.5] Hz  peak  108.0 Hz    8.1 dB over the floor
	//       BPFI h1 [158.9, 165.4] Hz  peak  165.0 Hz    4.1 dB over the floor
	//       2xBSF h1 [138.3, 144] Hz   peak  139.0 Hz    3.3 dB over the floor
	//       FTF h1 [11.69, 12.17] Hz   peak   12.0 Hz   -1.9 dB over the floor
	// t=2s  shaft band 0.0202 g², resonance band 0.0362 g², mean frequency 2073 Hz
	//       BPFO h1 [105.2, 109.5] Hz  peak  107.0 Hz   30.0 dB over the floor
	//       BPFI h1 [158.9, 165.4] Hz  peak  165.0 Hz   10.9 dB over the floor
	//       2xBSF h1 [138.3, 144] Hz   peak  140.0 Hz    9.0 dB over the floor
	//       FTF h1 [11.69, 12.17] Hz   peak   12.0 Hz    6.0 dB over the floor
	// t=3s  shaft band 0.0198 g², resonance band 0.0361 g², mean frequency 2083 Hz
	//       BPFO h1 [105.2, 109.5] Hz  peak  107.0 Hz   29.6 dB over the floor
	//       BPFI h1 [158.9, 165.4] Hz  peak  162.0 Hz    1.9 dB over the floor
	//       2xBSF h1 [138.3, 144] Hz   peak  140.0 Hz    4.8 dB over the floor
	//       FTF h1 [11.69, 12.17] Hz   peak   12.0 Hz   -1.2 dB over the floor
}
