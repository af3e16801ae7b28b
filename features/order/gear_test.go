package order

import (
	"errors"
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
)

// gearConfig is a 19-tooth pinion meshing with a 43-tooth gear, 30 Hz ± 5 %
// swinging at 0.5 Hz, sampled at 12.8 kHz, with noise 10 times the RMS of
// the gear's synchronous signal.
func gearConfig(crack float64, seconds float64, seed uint64) datasets.GearSim {
	return datasets.GearSim{
		SampleRate: 12800, Duration: seconds, ShaftHz: 30, Swing: 0.05, SwingHz: 0.5,
		Teeth: 19, MateTeeth: 43, MeshHarmonics: []float64{1, 0.5, 0.25}, ShaftOrders: []float64{0.3},
		MateAmp: 0.2, Crack: crack, CrackAt: 0.3, NoiseRatio: 10, Seed: seed,
	}
}

const gearSPR = 256

// gearAngle simulates cfg and resamples it to the pinion shaft's angle,
// angle 0 at the tachometer's reference.
func gearAngle(tb testing.TB, cfg datasets.GearSim) AngleSignal {
	tb.Helper()
	vib, tacho, _, err := datasets.SimulateGear(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	sp, err := SpeedFromTacho(tacho, cfg.SampleRate, TachoConfig{PulsesPerRev: 1, High: 3.5, Low: 1.5})
	if err != nil {
		tb.Fatal(err)
	}
	a, err := ResampleToAngle(vib, sp.Angle, ResamplerConfig{SampleRate: cfg.SampleRate, SamplesPerRev: gearSPR, MinSpeedHz: 28})
	if err != nil {
		tb.Fatal(err)
	}
	return a
}

// gearTSA returns the TSA of the pinion's shaft of the simulated cfg and
// the revolutions averaged.
func gearTSA(tb testing.TB, cfg datasets.GearSim) (tsa []float64, revs int) {
	tb.Helper()
	tsa, revs, err := TSA(nil, gearAngle(tb, cfg))
	if err != nil {
		tb.Fatal(err)
	}
	return tsa, revs
}

// tachoOffset is the angle of the tachometer's reference: the 3.5 V
// threshold on the 0-5 V ramp.
const tachoOffset = 0.7 * datasets.TachoRamp

func correlation(a, b []float64) float64 {
	ma, va := centralSums(a)
	mb, vb := centralSums(b)
	var c float64
	for i := range a {
		c += (a[i] - ma) * (b[i] - mb)
	}
	return c / math.Sqrt(va*vb)
}

// TestTSARecoversGear averages 60 s (1800 revolutions) of a gear buried in
// noise 10 times its RMS and recovers the synchronous waveform.
func TestTSARecoversGear(t *testing.T) {
	cfg := gearConfig(0.8, 60, 1)
	tsa, revs := gearTSA(t, cfg)
	truth := make([]float64, gearSPR)
	for i := range truth {
		truth[i] = cfg.Synchronous(float64(i)/gearSPR + tachoOffset)
	}
	c := correlation(tsa, truth)
	t.Logf("%d revolutions, correlation with the true waveform %.4f", revs, c)
	if revs < 1700 {
		t.Errorf("%d revolutions averaged, want ≥ 1700", revs)
	}
	if c < 0.95 {
		t.Errorf("correlation %.4f with the true waveform, want ≥ 0.95", c)
	}
}

// TestGearIndicatorsCrack compares a healthy and a cracked pinion. FM4 and
// NA4 are 3 for a Gaussian difference or residual signal, the healthy
// gear's nominal value (Zakrajsek, Townsend & Decker 1993; Lebold et al.
// 2000); a cracked tooth drives them well above it. NA4 is trended over
// four healthy records before the cracked one.
func TestGearIndicatorsCrack(t *testing.T) {
	g, err := NewGearAnalyzer(gearSPR, GearConfig{Teeth: 19})
	if err != nil {
		t.Fatal(err)
	}
	var trend GearTrend
	var healthy GearIndicators
	for rec := range 4 {
		tsa, _ := gearTSA(t, gearConfig(0, 30, uint64(10+rec)))
		if healthy, err = g.Indicators(tsa, &trend); err != nil {
			t.Fatal(err)
		}
	}
	tsa, _ := gearTSA(t, gearConfig(0.8, 30, 20))
	cracked, err := g.Indicators(tsa, &trend)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("healthy %+v", healthy)
	t.Logf("cracked %+v", cracked)
	// 256 samples give a kurtosis a standard error of about √(24/256) ≈
	// 0.3; NA4 also carries the scatter of one record's variance about the
	// trend's mean (≈ 10 % for the ~190 degrees of freedom left below the
	// anti-alias cutoff), squared.
	if math.Abs(healthy.FM4-3) > 0.6 || math.Abs(healthy.NA4-3) > 1 {
		t.Errorf("healthy FM4 %.2f, NA4 %.2f: want 3 ± 0.6 and 3 ± 1", healthy.FM4, healthy.NA4)
	}
	if cracked.FM4 < healthy.FM4+1 || cracked.NA4 < healthy.NA4+1 {
		t.Errorf("cracked FM4 %.2f, NA4 %.2f: want ≥ 1 above the healthy %.2f, %.2f", cracked.FM4, cracked.NA4, healthy.FM4, healthy.NA4)
	}
	if cracked.NB4 < 2*healthy.NB4 {
		t.Errorf("NB4 %.2f → %.2f: want the mesh envelope's kurtosis at least doubled", healthy.NB4, cracked.NB4)
	}
	if cracked.M6A <= healthy.M6A || cracked.M8A <= healthy.M8A {
		t.Errorf("M6A %.1f → %.1f, M8A %.1f → %.1f: want growth", healthy.M6A, cracked.M6A, healthy.M8A, cracked.M8A)
	}
	if trend.Records() != 5 {
		t.Errorf("%d records trended, want 5", trend.Records())
	}
}

// TestTSAOfMatingShaft averages the simulated gear on the mating (43-tooth)
// shaft, through the pinion's tachometer geared by 19/43: the mating
// shaft's first order (0.2 g) emerges, as the pinion's (0.3 g) does in the
// pinion's TSA.
func TestTSAOfMatingShaft(t *testing.T) {
	cfg := gearConfig(0, 60, 2)
	cfg.NoiseRatio = 1 // at 10 the averaged noise alone moves an order's amplitude by ≈ 0.02 g
	vib, tacho, _, err := datasets.SimulateGear(cfg)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := SpeedFromTacho(tacho, cfg.SampleRate, TachoConfig{PulsesPerRev: 1})
	if err != nil {
		t.Fatal(err)
	}
	mate, err := sp.Angle.Geared(19.0 / 43)
	if err != nil {
		t.Fatal(err)
	}
	amp := func(angle *ShaftAngle) float64 {
		a, err := ResampleToAngle(vib, angle, ResamplerConfig{SampleRate: cfg.SampleRate, SamplesPerRev: 64, MinSpeedHz: 12})
		if err != nil {
			t.Fatal(err)
		}
		tsa, _, err := TSA(nil, a)
		if err != nil {
			t.Fatal(err)
		}
		var c, s float64
		for i, v := range tsa {
			c += v * math.Cos(2*math.Pi*float64(i)/64)
			s += v * math.Sin(2*math.Pi*float64(i)/64)
		}
		return 2 * math.Hypot(c, s) / 64
	}
	m, p := amp(mate), amp(sp.Angle)
	t.Logf("first order: %.3f g on the mating shaft, %.3f g on the pinion", m, p)
	if math.Abs(m-0.2) > 0.01 {
		t.Errorf("mating shaft's first order %.3f g, want 0.2 ± 0.01", m)
	}
	if math.Abs(p-0.3) > 0.01 { // the pinion's own first order
		t.Errorf("pinion's first order %.3f g, want 0.3 ± 0.01", p)
	}
	if _, err := sp.Angle.Geared(0); !errors.Is(err, ErrSpeed) {
		t.Errorf("ratio 0: %v", err)
	}
}
