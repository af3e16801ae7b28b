package datasets_test

import (
	"fmt"
	"log"
	"math"

	"github.com/spindle-pdm/spindle/datasets"
)

func ExampleSimulateBearing() {
	// An outer-race defect of a 6205 bearing at 1797 rpm: BPFO = 3.5848 ×
	// 29.95 Hz = 107.4 Hz, 1 % slip, a 3.2 kHz housing resonance, 6 dB SNR.
	x, truth, err := datasets.SimulateBearing(datasets.BearingSim{
		SampleRate: 12000, Duration: 1,
		DefectFreq: 107.4, Jitter: 0.01, ImpactAmp: 1,
		Resonances: []datasets.Resonance{{Freq: 3200, Damping: 0.05}},
		ShaftHz:    29.95, ShaftHarmonics: []float64{0.1},
		SNR: 6, Seed: 1,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(x), "samples,", len(truth.ImpactTimes), "impacts")
	fmt.Printf("SNR = %.1f dB\n", 10*math.Log10(truth.SignalPower/(truth.NoiseStd*truth.NoiseStd)))
	// Output:
	// 12000 samples, 107 impacts
	// SNR = 6.0 dB
}

func ExampleSimulateRunToFailure() {
	b := datasets.BearingSim{
		SampleRate: 20000, Duration: 0.1, DefectFreq: 236.4, Jitter: 0.015, ImpactAmp: 5,
		Resonances: []datasets.Resonance{{Freq: 4000, Damping: 0.04}},
		ShaftHz:    33.3, ShaftHarmonics: []float64{0.1},
	}
	run, err := datasets.SimulateRunToFailure(datasets.RunToFailureSim{
		Bearing: b, NoiseRMS: 0.05, Interval: 3600, // one snapshot an hour
		OnsetTime: 48 * 3600, FailureTime: 72 * 3600, Growth: 1.0 / (6 * 3600), Seed: 3,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(run.Len, "snapshots; onset", run.OnsetTime/3600, "h; failure", run.FailureTime/3600, "h")
	for s := range run.All() { // generated one at a time, in a reused buffer
		if s.Index%12 == 0 {
			fmt.Printf("t = %2.0f h  severity %.3f\n", s.Time/3600, s.Severity)
		}
	}
	// Output:
	// 73 snapshots; onset 48 h; failure 72 h
	// t =  0 h  severity 0.000
	// t = 12 h  severity 0.000
	// t = 24 h  severity 0.000
	// t = 36 h  severity 0.000
	// t = 48 h  severity 0.000
	// t = 60 h  severity 0.119
	// t = 72 h  severity 1.000
}

func ExampleSimulateThermal() {
	s, err := datasets.SimulateThermal(datasets.ThermalSim{
		Interval: 300, Samples: 3 * 288, // three days of 5-minute samples
		Base: 65, DailyAmplitude: 2.5, DailyPeak: 15 * 3600, NoiseStd: 0.1, Seed: 9,
		Events: []datasets.ThermalEvent{
			{Kind: datasets.ThermalDrift, Start: 36 * 3600, Duration: 12 * 3600, Magnitude: 8},
			{Kind: datasets.ThermalSpike, Start: 60 * 3600, Magnitude: -15},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, sp := range s.Spans {
		fmt.Printf("%-5v samples [%d, %d)\n", sp.Event.Kind, sp.First, sp.End)
	}
	fmt.Println(s.Labels[432], s.Labels[431], s.Labels[720])
	// Output:
	// drift samples [432, 576)
	// spike samples [720, 721)
	// drift normal spike
}
