package features

import (
	"errors"
	"math"
	"testing"
)

// sineAccel returns n samples of A·sin(2πft+φ) at fs Hz.
func sineAccel(n int, fs, a, f, phi float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = a * math.Sin(2*math.Pi*f*float64(i)/fs+phi)
	}
	return x
}

func TestVelocitySineClosedForm(t *testing.T) {
	const fs, n = 8192.0, 8192 // 1 Hz bins
	for _, c := range []struct {
		unit    AccelUnit
		a, f    float64
		relTol  float64
		comment string
	}{
		{MS2, 10, 100, 1e-4, "bin-centred"}, // bias Δf²/(2f²) = 5e-5
		{G, 1, 159.155, 2e-4, "1 g at 159 Hz ≈ 9.81 mm/s peak"},
		{MS2, 3, 50.37, 5e-4, "between bins"},
		{G, 0.5, 997, 1e-5, "near the band edge"},
	} {
		x := sineAccel(n, fs, c.a, c.f, 0.3)
		got, err := VelocityRMS(x, VelocityConfig{SampleRate: fs, Unit: c.unit})
		if err != nil {
			t.Fatal(err)
		}
		want := c.a * c.unit.MetresPerSecond2() * 1000 / (2 * math.Pi * c.f * math.Sqrt2)
		if rel := math.Abs(got-want) / want; rel > c.relTol {
			t.Errorf("%s: %v %v at %v Hz: %v mm/s, want A/(2πf√2) = %v (rel %.2g)", c.comment, c.a, c.unit, c.f, got, want, rel)
		}
	}
}

func TestVelocityBand(t *testing.T) {
	const fs, n = 4096.0, 16384 // 0.25 Hz bins: leakage bias Δf²/(2f²) = 0.125 % at 5 Hz
	// 5 Hz lies outside the default 10–1000 Hz band but inside the 2 Hz
	// band of a slow machine.
	x := sineAccel(n, fs, 1, 5, 0)
	fast, err := VelocityRMS(x, VelocityConfig{SampleRate: fs, Unit: MS2})
	if err != nil {
		t.Fatal(err)
	}
	slow, err := VelocityRMS(x, VelocityConfig{SampleRate: fs, Unit: MS2, ShaftRPM: 300})
	if err != nil {
		t.Fatal(err)
	}
	want := 1000 / (2 * math.Pi * 5 * math.Sqrt2)
	if fast > 1e-3*want {
		t.Errorf("5 Hz with the 10 Hz cut: %v mm/s, want ≈ 0", fast)
	}
	if math.Abs(slow-want) > 2e-3*want {
		t.Errorf("5 Hz with the 2 Hz cut: %v mm/s, want %v", slow, want)
	}
	// 1500 Hz is above the 1000 Hz edge.
	if v, _ := VelocityRMS(sineAccel(n, fs, 1, 1500, 0), VelocityConfig{SampleRate: fs, Unit: MS2}); v > 1e-6 {
		t.Errorf("1500 Hz: %v mm/s, want ≈ 0", v)
	}
	// An offset (DC) contributes nothing.
	dc := sineAccel(n, fs, 1, 100, 0)
	for i := range dc {
		dc[i] += 3
	}
	a, _ := VelocityRMS(dc, VelocityConfig{SampleRate: fs, Unit: MS2})
	b, _ := VelocityRMS(sineAccel(n, fs, 1, 100, 0), VelocityConfig{SampleRate: fs, Unit: MS2})
	if math.Abs(a-b) > 1e-12*b {
		t.Errorf("offset changed the velocity: %v vs %v", a, b)
	}
}

func TestVelocityDefaults(t *testing.T) {
	v, err := NewVelocity(VelocityConfig{SampleRate: 1500}, 1500)
	if err != nil {
		t.Fatal(err)
	}
	if c := v.Config(); c.LowHz != 10 || c.HighHz != 750 || c.Unit != G {
		t.Errorf("defaults at 1500 Hz: %+v", c)
	}
	v, _ = NewVelocity(VelocityConfig{SampleRate: 25600, ShaftRPM: 600}, 1024)
	if c := v.Config(); c.LowHz != 2 || c.HighHz != 1000 {
		t.Errorf("defaults at 600 r/min: %+v", c)
	}
}

func TestVelocityErrors(t *testing.T) {
	for i, c := range []struct {
		cfg  VelocityConfig
		n    int
		want error
	}{
		{VelocityConfig{}, 1024, ErrInput},
		{VelocityConfig{SampleRate: math.Inf(1)}, 1024, ErrInput},
		{VelocityConfig{SampleRate: 1000, ShaftRPM: -1}, 1024, ErrInput},
		{VelocityConfig{SampleRate: 1000, HighHz: 600}, 1024, ErrConfig}, // above Nyquist
		{VelocityConfig{SampleRate: 1000, LowHz: 300, HighHz: 200}, 1024, ErrConfig},
		{VelocityConfig{SampleRate: 1000, LowHz: -1}, 1024, ErrConfig},
		{VelocityConfig{SampleRate: 1000, Unit: 7}, 1024, ErrConfig},
		{VelocityConfig{SampleRate: 1000}, 1, ErrConfig},
		{VelocityConfig{SampleRate: 1000, LowHz: 10.1, HighHz: 10.2}, 100, ErrConfig}, // no bin
	} {
		if _, err := NewVelocity(c.cfg, c.n); !errors.Is(err, c.want) {
			t.Errorf("case %d: err %v, want %v", i, err, c.want)
		}
	}
	v, _ := NewVelocity(VelocityConfig{SampleRate: 1000}, 8)
	if _, err := v.RMS([]float64{0, 1, math.NaN(), 0, 0, 0, 0, 0}); !errors.Is(err, ErrInput) {
		t.Errorf("NaN sample: err %v", err)
	}
	if _, err := VelocityRMS([]float64{1}, VelocityConfig{SampleRate: 1000}); !errors.Is(err, ErrInput) {
		t.Errorf("1 sample: err %v", err)
	}
}

func TestVelocityAllocs(t *testing.T) {
	v, _ := NewVelocity(VelocityConfig{SampleRate: 25600}, 4096)
	x := sineAccel(4096, 25600, 1, 120, 0)
	if n := testing.AllocsPerRun(50, func() { v.RMS(x) }); n != 0 {
		t.Errorf("RMS allocates %v times per window", n)
	}
}

func BenchmarkVelocityRMS(b *testing.B) {
	v, _ := NewVelocity(VelocityConfig{SampleRate: 25600}, 4096)
	x := sineAccel(4096, 25600, 1, 120, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := v.RMS(x); err != nil {
			b.Fatal(err)
		}
	}
}

// Per-window velocity on an Extractor's windows allocates nothing in
// steady state.
func TestVelocityStreamAllocs(t *testing.T) {
	const fs = 4096
	v, _ := NewVelocity(VelocityConfig{SampleRate: fs}, fs)
	ex, _ := NewExtractor(ExtractorConfig{SampleRate: fs, Window: fs, Hop: fs / 2})
	var sum float64
	emit := func(w *Window) {
		r, _ := v.RMS(w.Samples)
		sum += r
	}
	chunk := sineAccel(700, fs, 0.1, 50, 0)
	for i := 0; i < 20; i++ {
		ex.Write(chunk, emit)
	}
	if n := testing.AllocsPerRun(50, func() { ex.Write(chunk, emit) }); n != 0 {
		t.Errorf("Write with a velocity per window allocates %v times per chunk", n)
	}
	if sum == 0 {
		t.Error("no window was measured")
	}
}

// Two tones add in power: v = √(v₁² + v₂²), each vᵢ = Aᵢ/(2πfᵢ√2).
func TestVelocityTwoTones(t *testing.T) {
	const fs, n = 8192.0, 16384
	x := sineAccel(n, fs, 2, 60, 0.1)
	y := sineAccel(n, fs, 5, 420, 1.2)
	for i := range x {
		x[i] += y[i]
	}
	got, err := VelocityRMS(x, VelocityConfig{SampleRate: fs, Unit: MS2})
	if err != nil {
		t.Fatal(err)
	}
	v1 := 2000 / (2 * math.Pi * 60 * math.Sqrt2)
	v2 := 5000 / (2 * math.Pi * 420 * math.Sqrt2)
	if want := math.Hypot(v1, v2); math.Abs(got-want) > 1e-4*want {
		t.Errorf("two tones: %v mm/s, want %v", got, want)
	}
}
