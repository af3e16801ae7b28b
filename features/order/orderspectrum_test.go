package order

import (
	"math"
	"slices"
	"testing"

	"github.com/spindle-pdm/spindle/features"
)

// prominence returns the ratio of the largest value of y[lo:hi] to its
// median.
func prominence(y []float64) float64 {
	s := slices.Clone(y)
	return slices.Max(s) / median(s)
}

// TestOrderEnvelopeFindsDefectDuringRunup shows the point of order
// tracking: during the run-up and coast-down (10 → 30 → 15 Hz) the order
// envelope spectrum finds the outer-race defect at its order, while the
// squared-envelope spectrum in Hz smears it over 36-108 Hz.
func TestOrderEnvelopeFindsDefectDuringRunup(t *testing.T) {
	vib, tacho, truth, cfg := simRunup(t)
	sp, err := SpeedFromTacho(tacho, cfg.SampleRate, TachoConfig{PulsesPerRev: 1, High: 3.5, Low: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := 2000.0, 4000.0 // around the 3 kHz resonance
	oes, err := OrderEnvelopeSpectrum(vib, sp.Angle, ResamplerConfig{SampleRate: cfg.SampleRate, SamplesPerRev: 64, MinSpeedHz: 10}, lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := oes.Peak(2, 6)
	t.Logf("order envelope spectrum: peak at order %.4f (defect %v), resolution %.4f", o, bpfo, oes.Resolution)
	if math.Abs(o/bpfo-1) > 0.005 {
		t.Errorf("order envelope peak at %.4f, want %v ± 0.5 %%", o, bpfo)
	}
	k0, k1 := int(1/oes.Resolution), int(10/oes.Resolution)
	orderProm := prominence(oes.Amp[k0:k1])

	// The same signal as if the speed were constant at its mean.
	mean := truth.Angle[len(truth.Angle)-1] / (float64(len(vib)) / cfg.SampleRate)
	ea, err := features.NewEnvelopeAnalyzer(len(vib), cfg.SampleRate)
	if err != nil {
		t.Fatal(err)
	}
	ses, err := ea.SES(nil, vib, lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	df := cfg.SampleRate / float64(len(vib))
	f0, f1 := int(mean/df), int(10*mean/df)
	k := f0 + slices.Index(ses[f0:f1], slices.Max(ses[f0:f1]))
	timeProm := prominence(ses[f0:f1])
	t.Logf("constant-speed SES: peak at %.2f Hz = order %.4f of the mean speed %.2f Hz; prominence %.1f vs %.1f in orders",
		float64(k)*df, float64(k)*df/mean, mean, timeProm, orderProm)
	if math.Abs(float64(k)*df/mean/bpfo-1) < 0.005 && timeProm > orderProm/4 {
		t.Errorf("constant-speed SES found the defect order sharply (prominence %.1f): the test shows no smearing", timeProm)
	}
	if orderProm < 5*timeProm {
		t.Errorf("order envelope prominence %.1f, want ≥ 5× the constant-speed SES's %.1f", orderProm, timeProm)
	}
}
