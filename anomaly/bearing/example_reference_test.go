package bearing_test

import (
	"fmt"
	"log"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

// A machine recorded when healthy gives a reference; a later recording
// with no fault series but 10 dB louder in every band (looseness, a
// fault of another kind, a changed load path) is then not called healthy.
func ExampleHealthyReference() {
	b, _ := features.LookupBearing("6205-2RS")
	shaft := 1797.0 / 60
	record := func(seed uint64, gain float64) []float64 {
		x, _, err := datasets.SimulateBearing(datasets.BearingSim{
			SampleRate: 12000, Duration: 4, DefectFreq: 100, ImpactAmp: 0, // no defect impacts
			Resonances: []datasets.Resonance{{Freq: 3500, Damping: 0.05}},
			ShaftHz:    shaft, ShaftHarmonics: []float64{0.5, 0.3, 0.2},
			SNR: 10, Seed: seed,
		})
		if err != nil {
			log.Fatal(err)
		}
		for i := range x {
			x[i] *= gain
		}
		return x
	}
	ref, err := bearing.NewHealthyReference(12000, 0, record(1, 1), record(2, 1)) // 8 one-second segments
	if err != nil {
		log.Fatal(err)
	}
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{Reference: ref})
	if err != nil {
		log.Fatal(err)
	}
	for _, gain := range []float64{1, 3.16} {
		d, err := dg.Diagnose(record(3, gain), 12000, shaft, b)
		if err != nil {
			log.Fatal(err)
		}
		c := d.Health.Reference
		fmt.Printf("gain %.2f: %v, %+.0f dB from the healthy level at %.0f-%.0f Hz\n", gain, d.Verdict, c.LevelDB-c.ReferenceDB, c.Band[0], c.Band[1])
	}
	// Output:
	// gain 1.00: healthy, +1 dB from the healthy level at 3375-3562 Hz
	// gain 3.16: unknown, +10 dB from the healthy level at 5062-5250 Hz
}
