package order

import (
	"errors"
	"math"
	"testing"
)

// chirpAngle returns the angle (rev) at n samples of a shaft accelerating
// from f0 Hz at a Hz/s, sampled at rate Hz.
func chirpAngle(n int, rate, f0, a float64) []float64 {
	rev := make([]float64, n)
	for i := range rev {
		t := float64(i) / rate
		rev[i] = f0*t + a*t*t/2
	}
	return rev
}

func TestResamplerTracksOrders(t *testing.T) {
	const rate, spr = 10000.0, 64
	rev := chirpAngle(50000, rate, 10, 4) // 10 → 30 Hz in 5 s
	x := make([]float64, len(rev))
	orders := []float64{3.5, 6}
	for i, th := range rev {
		for _, o := range orders {
			x[i] += math.Sin(2 * math.Pi * o * th)
		}
	}
	r, err := NewResampler(ResamplerConfig{SampleRate: rate, SamplesPerRev: spr, MinSpeedHz: 10})
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Push(nil, x, rev)
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, r.Flush(nil)...)
	if want := int(rev[len(rev)-1]*spr) + 1; len(out) != want {
		t.Errorf("%d output samples, want %d", len(out), want)
	}
	worst := 0.0
	for k := spr; k < len(out)-spr; k++ { // away from the zero-padded ends
		th := r.Start() + float64(k)/spr
		var want float64
		for _, o := range orders {
			want += math.Sin(2 * math.Pi * o * th)
		}
		worst = max(worst, math.Abs(out[k]-want))
	}
	// Order 6 reaches 180 Hz at 30 Hz, inside the passband of the 256 Hz
	// cutoff (its 127 Hz wide transition band starts near 192 Hz): the
	// Hamming passband ripple (~0.2 %) and the delay interpolation bound
	// the error.
	t.Logf("worst error %.2g", worst)
	if worst > 0.01 {
		t.Errorf("worst error %v, want ≤ 0.01", worst)
	}
}

func TestResamplerAntiAlias(t *testing.T) {
	// Order 40 is above the Nyquist order 32 of 64 samples per revolution:
	// without the filter it would fold onto order 24.
	const rate, spr = 10000.0, 64
	rev := chirpAngle(30000, rate, 20, 0)
	x := make([]float64, len(rev))
	for i, th := range rev {
		x[i] = math.Sin(2 * math.Pi * 40 * th)
	}
	r, _ := NewResampler(ResamplerConfig{SampleRate: rate, SamplesPerRev: spr, MinSpeedHz: 20})
	out, _ := r.Push(nil, x, rev)
	var ms float64
	for _, v := range out[spr : len(out)-spr] {
		ms += v * v
	}
	if rms := math.Sqrt(ms / float64(len(out)-2*spr)); rms > 0.01 {
		t.Errorf("order 40 leaks with RMS %v, want ≤ 0.01 (−40 dB)", rms)
	}
}

func TestResamplerStreamingMatchesBatch(t *testing.T) {
	const rate = 5000.0
	rev := chirpAngle(20000, rate, 8, 3)
	x := make([]float64, len(rev))
	for i := range x {
		x[i] = math.Sin(float64(i)*0.01) + math.Cos(float64(i)*0.37)
	}
	cfg := ResamplerConfig{SampleRate: rate, SamplesPerRev: 32, MinSpeedHz: 8}
	r, _ := NewResampler(cfg)
	want, _ := r.Push(nil, x, rev)
	want = append(want, r.Flush(nil)...)
	for _, block := range []int{1, 7, 100, 4096} {
		r.Reset()
		var got, out []float64
		for i := 0; i < len(x); i += block {
			j := min(len(x), i+block)
			var err error
			if out, err = r.Push(out, x[i:j], rev[i:j]); err != nil {
				t.Fatal(err)
			}
			got = append(got, out...)
		}
		got = append(got, r.Flush(out)...)
		if len(got) != len(want) {
			t.Fatalf("block %d: %d samples, want %d", block, len(got), len(want))
		}
		for k := range got {
			if got[k] != want[k] {
				t.Fatalf("block %d: sample %d = %v, want %v", block, k, got[k], want[k])
			}
		}
	}
}

func TestResamplerSteadyStateAllocs(t *testing.T) {
	const rate, block = 25600.0, 25600
	r, _ := NewResampler(ResamplerConfig{SampleRate: rate, SamplesPerRev: 256, MinSpeedHz: 10})
	x := make([]float64, block)
	rev := make([]float64, block)
	dst := make([]float64, 0, 8192)
	k := 0
	push := func() {
		for i := range rev {
			rev[i] = 20 * float64(k*block+i) / rate
		}
		k++
		dst, _ = r.Push(dst, x, rev)
	}
	push()
	push()
	if a := testing.AllocsPerRun(10, push); a != 0 {
		t.Errorf("%v allocations per block, want 0", a)
	}
}

func TestResamplerErrors(t *testing.T) {
	if _, err := NewResampler(ResamplerConfig{SampleRate: 0, SamplesPerRev: 8, MinSpeedHz: 1}); !errors.Is(err, ErrSampleRate) {
		t.Errorf("rate 0: %v", err)
	}
	if _, err := NewResampler(ResamplerConfig{SampleRate: 100, SamplesPerRev: 8, MinSpeedHz: -1}); !errors.Is(err, ErrSpeed) {
		t.Errorf("speed −1: %v", err)
	}
	if _, err := NewResampler(ResamplerConfig{SampleRate: 1e5, SamplesPerRev: 8, MinSpeedHz: 0.01}); !errors.Is(err, ErrConfig) {
		t.Errorf("a filter of %d taps: %v", int(3.3*1e5/0.016), err)
	}
	if _, err := NewResampler(ResamplerConfig{SampleRate: 100, SamplesPerRev: 2, MinSpeedHz: 1}); !errors.Is(err, ErrConfig) {
		t.Errorf("2 samples per rev: %v", err)
	}
	r, _ := NewResampler(ResamplerConfig{SampleRate: 100, SamplesPerRev: 8, MinSpeedHz: 1})
	if _, err := r.Push(nil, []float64{1, 2}, []float64{0.5, 0.4}); !errors.Is(err, ErrNotIncreasing) {
		t.Errorf("decreasing angle: %v", err)
	}
	if _, err := r.Push(nil, []float64{1, math.NaN()}, []float64{0.5, 0.6}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("NaN: %v", err)
	}
	if _, err := r.Push(nil, []float64{1, 2}, []float64{0.5, 1e12}); !errors.Is(err, ErrSpeed) {
		t.Errorf("runaway angle: %v", err)
	}
	a, _ := NewShaftAngle([]float64{0, 1}, []float64{0.001, 0.011})
	if _, err := ResampleToAngle(make([]float64, 10), a, ResamplerConfig{SampleRate: 100, SamplesPerRev: 8, MinSpeedHz: 1}); !errors.Is(err, ErrTooFewRevolutions) {
		t.Errorf("0.001 rev: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("mismatched lengths did not panic")
		}
	}()
	_, _ = r.Push(nil, []float64{1}, nil)
}
