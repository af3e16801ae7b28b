package order

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestAveragerStreamingMatchesTSA(t *testing.T) {
	const spr = 16
	rng := rand.New(rand.NewPCG(1, 2))
	s := AngleSignal{Samples: make([]float64, 1000), SamplesPerRev: spr, Start: 3.0 / spr}
	for i := range s.Samples {
		s.Samples[i] = math.Cos(2*math.Pi*float64(i+3)/spr) + rng.NormFloat64()
	}
	want, revs, err := TSA(nil, s)
	if err != nil || revs != 1000/spr {
		t.Fatalf("TSA: %d revolutions, %v", revs, err)
	}
	a := NewAverager(spr)
	for i := 0; i < len(s.Samples); i += 37 {
		j := min(len(s.Samples), i+37)
		if err := a.Add(s.Samples[i:j], s.Start+float64(i)/spr); err != nil {
			t.Fatal(err)
		}
	}
	got := make([]float64, spr)
	if _, err := a.Average(got); err != nil {
		t.Fatal(err)
	}
	for k := range got {
		if math.Abs(got[k]-want[k]) > 1e-12 {
			t.Fatalf("angle %d: streamed %v, batch %v", k, got[k], want[k])
		}
	}
	// The cosine at order 1 survives the averaging of unit noise over 62
	// revolutions (noise std 0.13).
	if math.Abs(got[0]-1) > 0.5 || math.Abs(got[spr/2]+1) > 0.5 {
		t.Errorf("TSA %v, want a cosine of amplitude 1", got)
	}
	if n := testing.AllocsPerRun(10, func() { _ = a.Add(s.Samples, 0); _, _ = a.Average(got) }); n != 0 {
		t.Errorf("%v allocations per Add+Average, want 0", n)
	}
}

func TestGearIndicatorsAllocs(t *testing.T) {
	g, _ := NewGearAnalyzer(128, GearConfig{Teeth: 10})
	tsa := make([]float64, 128)
	for i := range tsa {
		tsa[i] = math.Cos(2*math.Pi*10*float64(i)/128) + 0.01*float64(i%7)
	}
	var trend GearTrend
	if n := testing.AllocsPerRun(10, func() { _, _ = g.Indicators(tsa, &trend) }); n != 0 {
		t.Errorf("%v allocations per Indicators, want 0", n)
	}
}

func TestTSAAndGearErrors(t *testing.T) {
	one := AngleSignal{Samples: make([]float64, 16), SamplesPerRev: 16}
	nan := AngleSignal{Samples: make([]float64, 64), SamplesPerRev: 16}
	nan.Samples[5] = math.NaN()
	g, _ := NewGearAnalyzer(16, GearConfig{Teeth: 3})
	cases := []struct {
		name string
		want error
		call func() error
	}{
		{"TSA one revolution", ErrTooFewRevolutions, func() error { _, _, err := TSA(nil, one); return err }},
		{"TSA NaN", ErrNotFinite, func() error { _, _, err := TSA(nil, nan); return err }},
		{"TSA no samples per rev", ErrConfig, func() error { _, _, err := TSA(nil, AngleSignal{}); return err }},
		{"spectrum one revolution", ErrTooFewRevolutions, func() error { _, err := OrderSpectrumOf(one); return err }},
		{"spectrum NaN", ErrNotFinite, func() error { _, err := OrderSpectrumOf(nan); return err }},
		{"gear teeth", ErrConfig, func() error { _, err := NewGearAnalyzer(16, GearConfig{Teeth: 1}); return err }},
		{"gear nyquist", ErrConfig, func() error { _, err := NewGearAnalyzer(16, GearConfig{Teeth: 8}); return err }},
		{"gear constant", ErrConfig, func() error { _, err := g.Indicators(make([]float64, 16), nil); return err }},
		{"gear NaN", ErrNotFinite, func() error { _, err := g.Indicators(nan.Samples[:16], nil); return err }},
		{"resample empty", ErrTooFewRevolutions, func() error {
			a, _ := NewShaftAngle([]float64{0, 1}, []float64{0, 10})
			_, err := ResampleToAngle(nil, a, ResamplerConfig{SampleRate: 100, SamplesPerRev: 8, MinSpeedHz: 5})
			return err
		}},
		{"resample runaway angle", ErrSpeed, func() error {
			a, _ := NewShaftAngle([]float64{0, 1}, []float64{0, 1e12})
			_, err := ResampleToAngle(make([]float64, 100), a, ResamplerConfig{SampleRate: 100, SamplesPerRev: 8, MinSpeedHz: 5})
			return err
		}},
		{"envelope NaN", ErrNotFinite, func() error {
			a, _ := NewShaftAngle([]float64{0, 1}, []float64{0, 10})
			_, err := OrderEnvelopeSpectrum([]float64{math.NaN()}, a, ResamplerConfig{SampleRate: 100, SamplesPerRev: 8, MinSpeedHz: 5}, 1, 40)
			return err
		}},
		{"envelope rate", ErrSampleRate, func() error {
			a, _ := NewShaftAngle([]float64{0, 1}, []float64{0, 10})
			_, err := OrderEnvelopeSpectrum(make([]float64, 100), a, ResamplerConfig{SampleRate: 0}, 1, 40)
			return err
		}},
		{"vibration silent", ErrSpeed, func() error {
			_, err := SpeedFromVibration(make([]float64, 4000), RidgeConfig{SampleRate: 1000, Order: 1, MinHz: 10, MaxHz: 20})
			return err
		}},
	}
	for _, c := range cases {
		if err := c.call(); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	for name, f := range map[string]func(){
		"Average dst":   func() { _, _ = NewAverager(4).Average(make([]float64, 3)) },
		"Residual dst":  func() { g.Residual(make([]float64, 3), make([]float64, 16)) },
		"Indicators":    func() { _, _ = g.Indicators(make([]float64, 3), nil) },
		"RPM dst":       func() { SpeedProfile{Hz: []float64{1}}.RPM(make([]float64, 2)) },
		"NewAverager 0": func() { NewAverager(0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic for a programmer error", name)
				}
			}()
			f()
		}()
	}
}

// TestNoPanicOnGarbage feeds random and degenerate inputs to the entry
// points: they may fail, but with an error.
func TestNoPanicOnGarbage(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := rng.IntN(3000)
		x := make([]float64, n)
		for i := range x {
			switch rng.IntN(20) {
			case 0:
				x[i] = math.NaN()
			case 1:
				x[i] = math.Inf(1)
			default:
				x[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(6)-3))
			}
		}
		rate := []float64{-1, 0, math.NaN(), 1, 1000, 1e6}[rng.IntN(6)]
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("trial %d (n %d, rate %v): panic %v", trial, n, rate, r)
				}
			}()
			_, _ = SpeedFromTacho(x, rate, TachoConfig{PulsesPerRev: 1 + rng.IntN(3), Smoothing: rng.IntN(4)})
			_, _ = SpeedFromVibration(x, RidgeConfig{SampleRate: rate, Order: 1, MinHz: 5, MaxHz: 50})
			if a, err := NewShaftAngle([]float64{0, 1, 2}, []float64{0, 20, 45}); err == nil {
				_, _ = ResampleToAngle(x, a, ResamplerConfig{SampleRate: rate, SamplesPerRev: 16, MinSpeedHz: 20})
				_, _ = OrderEnvelopeSpectrum(x, a, ResamplerConfig{SampleRate: rate, SamplesPerRev: 16, MinSpeedHz: 20}, 10, 100)
			}
			_, _, _ = TSA(nil, AngleSignal{Samples: x, SamplesPerRev: 1 + rng.IntN(64)})
		}()
	}
}
