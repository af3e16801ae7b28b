package datasets

import (
	"math"
	"testing"
)

func testGear() GearSim {
	return GearSim{
		SampleRate: 10000, Duration: 2, ShaftHz: 20, Swing: 0.05, SwingHz: 0.5,
		Teeth: 19, MateTeeth: 43, MeshHarmonics: []float64{1, 0.4}, ShaftOrders: []float64{0.2},
		MateAmp: 0.1, Crack: 0.5, CrackAt: 0.25, NoiseRatio: 1, Seed: 3,
	}
}

func TestSimulateGear(t *testing.T) {
	cfg := testGear()
	vib, tacho, truth, err := SimulateGear(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(vib) != 20000 || len(tacho) != 20000 {
		t.Fatalf("lengths %d, %d", len(vib), len(tacho))
	}
	// The angle integrates the speed: compare with the trapezoid rule.
	var th float64
	for i := 1; i < len(truth.Hz); i++ {
		th += (truth.Hz[i] + truth.Hz[i-1]) / 2 / cfg.SampleRate
	}
	if d := truth.Angle[len(truth.Angle)-1] - th; math.Abs(d) > 1e-6 {
		t.Errorf("angle %v rev, integrated speed %v rev", truth.Angle[len(truth.Angle)-1], th)
	}
	// The crack modulates the mesh only within a tooth pitch of CrackAt.
	healthy := cfg
	healthy.Crack = 0
	for _, th := range []float64{0.1, 0.25 - 0.6/19, 0.25 + 0.6/19, 0.9} {
		if d := cfg.Synchronous(th) - healthy.Synchronous(th); d != 0 {
			t.Errorf("cracked and healthy differ by %v at %v rev, away from the tooth", d, th)
		}
	}
	if d := cfg.Synchronous(0.25) - healthy.Synchronous(0.25); math.Abs(d) < 0.1 {
		t.Errorf("crack changes the signal at the tooth by only %v", d)
	}
	// Noise at the asked ratio.
	var ms float64
	for i, v := range vib {
		g := cfg.Synchronous(truth.Angle[i]) + cfg.MateAmp*math.Sin(2*math.Pi*truth.Angle[i]*19.0/43)
		ms += (v - g) * (v - g)
	}
	if r := math.Sqrt(ms/float64(len(vib))) / truth.GearRMS; math.Abs(r-1) > 0.05 {
		t.Errorf("noise RMS ratio %v, want 1", r)
	}
}

func TestSimulateGearInvalid(t *testing.T) {
	for name, mod := range map[string]func(*GearSim){
		"rate":    func(c *GearSim) { c.SampleRate = -1 },
		"teeth":   func(c *GearSim) { c.Teeth = 1 },
		"mesh":    func(c *GearSim) { c.MeshHarmonics = nil },
		"nyquist": func(c *GearSim) { c.MeshHarmonics = make([]float64, 20) },
		"crack":   func(c *GearSim) { c.Crack = 2 },
		"noise":   func(c *GearSim) { c.NoiseRatio = math.Inf(1) },
		"swing":   func(c *GearSim) { c.Swing = 0.5 },
	} {
		cfg := testGear()
		mod(&cfg)
		if _, _, _, err := SimulateGear(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
