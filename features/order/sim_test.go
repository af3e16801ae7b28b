package order

import (
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
)

// bpfo is the outer-race defect order of the simulated bearing (CWRU
// drive-end 6205: 3.5848 × shaft speed).
const bpfo = 3.585

// runupConfig is a run-up from 600 to 1800 rpm in 12 s, 3 s at 1800 rpm and
// a coast-down to 900 rpm in 9 s, sampled at 25.6 kHz, with an outer-race
// defect and a once-per-revolution tachometer that misses pulse 40.
func runupConfig() datasets.RunupSim {
	return datasets.RunupSim{
		SampleRate:   25600,
		Profile:      []datasets.SpeedPoint{{Time: 0, Hz: 10}, {Time: 12, Hz: 30}, {Time: 15, Hz: 30}, {Time: 24, Hz: 15}},
		DefectOrder:  bpfo,
		Jitter:       0.01,
		ImpactAmp:    1,
		Resonances:   []datasets.Resonance{{Freq: 3000, Damping: 0.05}},
		ShaftOrders:  []float64{0.5, 0.2},
		PulsesPerRev: 1,
		TachoNoise:   0.3,
		DropPulses:   []int{40},
		SNR:          0,
		Seed:         7,
	}
}

// simRunup simulates runupConfig, failing the test on error.
func simRunup(tb testing.TB) (vib, tacho []float64, truth datasets.RunupTruth, cfg datasets.RunupSim) {
	tb.Helper()
	cfg = runupConfig()
	vib, tacho, truth, err := datasets.SimulateRunup(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return vib, tacho, truth, cfg
}
