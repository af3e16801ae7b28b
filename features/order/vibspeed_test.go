package order

import (
	"errors"
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
)

// TestSpeedFromVibrationRunup estimates the speed of the simulated run-up
// (10 → 30 → 15 Hz, vibration SNR 0 dB) from the vibration alone, tracking
// the shaft's first order with the hint 8-35 Hz.
func TestSpeedFromVibrationRunup(t *testing.T) {
	vib, _, truth, cfg := simRunup(t)
	res, err := SpeedFromVibration(vib, RidgeConfig{SampleRate: cfg.SampleRate, Order: 1, MinHz: 8, MaxHz: 35})
	if err != nil {
		t.Fatal(err)
	}
	within, covered := 0, 0
	worst := 0.0
	for i, tm := range res.Speed.Time {
		want := truth.Hz[int(math.Round(tm*cfg.SampleRate))]
		e := math.Abs(res.Speed.Hz[i] - want)
		worst = max(worst, e/want)
		if e <= 0.01*want {
			within++
		}
		if e <= 2*res.Speed.Uncertainty[i] {
			covered++
		}
	}
	n := len(res.Speed.Time)
	span := res.Speed.Time[n-1] - res.Speed.Time[0]
	t.Logf("%d points over %.2f of %.0f s: %.1f %% within 1 %%, worst %.2f %%; %.1f %% within 2σ (median σ %.3f Hz)",
		n, span, float64(len(vib))/cfg.SampleRate, 100*float64(within)/float64(n), 100*worst,
		100*float64(covered)/float64(n), median(append([]float64(nil), res.Speed.Uncertainty...)))
	if float64(within) < 0.95*float64(n) {
		t.Errorf("%d of %d points within 1 %% of the true speed, want ≥ 95 %%", within, n)
	}
	if span < 0.95*float64(len(vib))/cfg.SampleRate {
		t.Errorf("the estimate spans %.2f s, want ≥ 95 %% of the run", span)
	}
	// A 2σ interval should hold most errors (≈ 95 % for a Gaussian).
	if float64(covered) < 0.8*float64(n) {
		t.Errorf("%d of %d errors within 2σ, want ≥ 80 %%: the uncertainty is too small", covered, n)
	}
	// The refined angle follows the true one up to a constant offset: the
	// phase demodulation keeps what integrating the ridge's frequency
	// would let drift.
	mid := res.Angle.Start() + (res.Angle.End()-res.Angle.Start())/2
	off := truth.Angle[int(mid*cfg.SampleRate)] - res.Angle.At(mid)
	drift := 0.0
	for i := 0; i < len(truth.Angle); i += 256 {
		tm := float64(i) / cfg.SampleRate
		if tm >= res.Angle.Start() && tm <= res.Angle.End() {
			drift = max(drift, math.Abs(res.Angle.At(tm)+off-truth.Angle[i]))
		}
	}
	t.Logf("angle drift %.4f rev over %.0f rev", drift, truth.Angle[len(truth.Angle)-1])
	if drift > 0.02 {
		t.Errorf("refined angle drifts %.4f rev from the truth, want ≤ 0.02", drift)
	}
	// Tacholess order tracking: the envelope order spectrum on the angle
	// from the vibration finds the defect order as the tachometer's does.
	oes, err := OrderEnvelopeSpectrum(vib, res.Angle, ResamplerConfig{SampleRate: cfg.SampleRate, SamplesPerRev: 64, MinSpeedHz: 10}, 2000, 4000)
	if err != nil {
		t.Fatal(err)
	}
	if o, _ := oes.Peak(2, 6); math.Abs(o/bpfo-1) > 0.005 {
		t.Errorf("tacholess order envelope peak at order %.4f, want %v ± 0.5 %%", o, bpfo)
	} else {
		t.Logf("tacholess order envelope peak at order %.4f", o)
	}
}

func TestSpeedFromVibrationErrors(t *testing.T) {
	x := make([]float64, 1000)
	cases := []struct {
		name string
		cfg  RidgeConfig
		x    []float64
		want error
	}{
		{"rate", RidgeConfig{SampleRate: -1, Order: 1, MinHz: 1, MaxHz: 2}, x, ErrSampleRate},
		{"speed", RidgeConfig{SampleRate: 1000, Order: 1, MinHz: 0, MaxHz: 2}, x, ErrSpeed},
		{"range", RidgeConfig{SampleRate: 1000, Order: 1, MinHz: 5, MaxHz: 2}, x, ErrSpeed},
		{"order", RidgeConfig{SampleRate: 1000, Order: math.NaN(), MinHz: 1, MaxHz: 2}, x, ErrSpeed},
		{"nyquist", RidgeConfig{SampleRate: 1000, Order: 100, MinHz: 1, MaxHz: 6}, x, ErrConfig},
		{"short", RidgeConfig{SampleRate: 1000, Order: 1, MinHz: 10, MaxHz: 20}, x[:300], ErrTooFewRevolutions},
		{"NaN", RidgeConfig{SampleRate: 1000, Order: 1, MinHz: 10, MaxHz: 20}, append([]float64{math.NaN()}, x...), ErrNotFinite},
	}
	for _, c := range cases {
		if _, err := SpeedFromVibration(c.x, c.cfg); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

// TestSpeedFromVibrationMeshOrder tracks the mesh (order 19) of the
// simulated gear, whose speed swings 30 Hz ± 5 %, with the noise at the
// gear signal's RMS.
func TestSpeedFromVibrationMeshOrder(t *testing.T) {
	cfg := gearConfig(0, 10, 9)
	cfg.NoiseRatio = 1
	vib, _, truth, err := datasets.SimulateGear(cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := SpeedFromVibration(vib, RidgeConfig{SampleRate: cfg.SampleRate, Order: 19, MinHz: 25, MaxHz: 35})
	if err != nil {
		t.Fatal(err)
	}
	within := 0
	for i, tm := range res.Speed.Time {
		if want := truth.Hz[int(math.Round(tm*cfg.SampleRate))]; math.Abs(res.Speed.Hz[i]-want) <= 0.01*want {
			within++
		}
	}
	n := len(res.Speed.Time)
	t.Logf("mesh ridge: %d of %d points within 1 %%", within, n)
	if float64(within) < 0.95*float64(n) {
		t.Errorf("%d of %d points within 1 %% of the true speed, want ≥ 95 %%", within, n)
	}
}
