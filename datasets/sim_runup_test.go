package datasets

import (
	"math"
	"testing"
)

func testRunup() RunupSim {
	return RunupSim{
		SampleRate:   10000,
		Profile:      []SpeedPoint{{0, 10}, {4, 30}, {5, 30}, {8, 12}},
		DefectOrder:  3.585,
		ImpactAmp:    1,
		Resonances:   []Resonance{{Freq: 2500, Damping: 0.05}},
		ShaftOrders:  []float64{0.2},
		PulsesPerRev: 1,
		TachoNoise:   0.1,
		DropPulses:   []int{20},
		SNR:          10,
		Seed:         1,
	}
}

func TestSimulateRunupKinematics(t *testing.T) {
	cfg := testRunup()
	vib, tacho, truth, err := SimulateRunup(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(vib) != 80000 || len(tacho) != len(vib) || len(truth.Angle) != len(vib) {
		t.Fatalf("lengths %d %d %d, want 80000", len(vib), len(tacho), len(truth.Angle))
	}
	// Exact angle: ∫ speed = 4·20 + 1·30 + 3·21 = 173 revolutions.
	last := truth.Angle[len(truth.Angle)-1]
	want := 173 - 12.0/cfg.SampleRate // one sample short of 8 s, at 12 Hz
	if math.Abs(last-want) > 1e-6 {
		t.Errorf("final angle %v rev, want %v", last, want)
	}
	if got := truth.Hz[20000]; math.Abs(got-20) > 1e-9 {
		t.Errorf("speed at 2 s = %v Hz, want 20", got)
	}
	// Impacts per revolution = defect order.
	if got := float64(len(truth.ImpactTimes)) / last; math.Abs(got-cfg.DefectOrder) > 0.05 {
		t.Errorf("%v impacts per revolution, want %v", got, cfg.DefectOrder)
	}
	// The dropped pulse 20 leaves the tacho low over its half revolution.
	for i, th := range truth.Angle {
		if th > 20.1 && th < 20.4 && tacho[i] > 1 {
			t.Fatalf("tacho %v V at %v rev, pulse 20 should be dropped", tacho[i], th)
		}
		if th > 21.1 && th < 21.4 && tacho[i] < 4 {
			t.Fatalf("tacho %v V at %v rev, want a pulse", tacho[i], th)
		}
	}
	vib2, _, _, _ := SimulateRunup(cfg)
	for i := range vib {
		if vib[i] != vib2[i] {
			t.Fatal("same seed gave another signal")
		}
	}
}

func TestSimulateRunupInvalid(t *testing.T) {
	for name, mod := range map[string]func(*RunupSim){
		"rate":      func(c *RunupSim) { c.SampleRate = 0 },
		"profile":   func(c *RunupSim) { c.Profile = c.Profile[:1] },
		"start":     func(c *RunupSim) { c.Profile[0].Time = 1 },
		"speed":     func(c *RunupSim) { c.Profile[1].Hz = -1 },
		"order":     func(c *RunupSim) { c.DefectOrder = math.NaN() },
		"times":     func(c *RunupSim) { c.Profile[2].Time = 4 },
		"ppr":       func(c *RunupSim) { c.PulsesPerRev = 0 },
		"resonance": func(c *RunupSim) { c.Resonances[0].Freq = 6000 },
	} {
		cfg := testRunup()
		cfg.Profile = append([]SpeedPoint(nil), cfg.Profile...)
		cfg.Resonances = append([]Resonance(nil), cfg.Resonances...)
		mod(&cfg)
		if _, _, _, err := SimulateRunup(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
