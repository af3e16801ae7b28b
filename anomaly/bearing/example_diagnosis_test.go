package bearing_test

import (
	"fmt"
	"log"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

// Diagnose a simulated outer-race defect of the CWRU drive-end bearing at
// 1797 rpm: impacts at BPFO ringing a 3.5 kHz resonance, shaft harmonics
// and noise at 0 dB SNR.
func ExampleDiagnoser_Diagnose() {
	b, _ := features.LookupBearing("6205-2RS")
	shaft := 1797.0 / 60
	d, _ := b.DefectFrequencies(shaft)
	x, _, err := datasets.SimulateBearing(datasets.BearingSim{
		SampleRate: 12000, Duration: 5, DefectFreq: d.BPFO, Jitter: 0.01, ImpactAmp: 1,
		Resonances: []datasets.Resonance{{Freq: 3500, Damping: 0.05}},
		ShaftHz:    shaft, ShaftHarmonics: []float64{0.5, 0.2},
		SNR: 0, Seed: 1,
	})
	if err != nil {
		log.Fatal(err)
	}
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	if err != nil {
		log.Fatal(err)
	}
	diag, err := dg.Diagnose(x, 12000, shaft, b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("verdict:", diag.Verdict)
	e := diag.Fault(fault.OuterRace)
	fmt.Printf("BPFO %.1f Hz, line at %.1f Hz, %d of %d harmonics\n",
		e.Harmonics[0].ExpectedFreq, e.Fundamental, e.HarmonicsFound, len(e.Harmonics))
	// Output:
	// verdict: outer_race
	// BPFO 107.4 Hz, line at 107.2 Hz, 4 of 4 harmonics
}
