package filter

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func noise(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 2))
	x := make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
	}
	return x
}

func TestStreamingEqualsOnePass(t *testing.T) {
	sos, err := ButterBandpass(4, 100, 2000, 25600)
	if err != nil {
		t.Fatal(err)
	}
	x := noise(5000, 1)
	want, _ := sos.Apply(nil, x)
	f := NewFilter(sos)
	got := make([]float64, len(x))
	for i := 0; i < len(x); {
		n := min(1+i%97, len(x)-i)
		if _, err := f.Process(got[i:i+n], x[i:i+n]); err != nil {
			t.Fatal(err)
		}
		i += n
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("sample %d: chunked %v, one pass %v", i, got[i], want[i])
		}
	}
	// A NaN chunk is rejected and leaves the state as it was.
	f.Reset()
	a, _ := f.Process(nil, x[:10])
	if _, err := f.Process(nil, []float64{1, math.NaN()}); !errors.Is(err, ErrInput) {
		t.Fatalf("NaN chunk: %v", err)
	}
	b, _ := f.Process(nil, x[10:20])
	for i := range a {
		if a[i] != want[i] || b[i] != want[10+i] {
			t.Fatalf("state changed by a rejected chunk at %d", i)
		}
	}
}

func TestSteadyStateNoTransient(t *testing.T) {
	sos, _ := ButterLowpass(6, 50, 1000)
	f := NewFilter(sos)
	f.SetSteady(3)
	y, _ := f.Process(nil, []float64{3, 3, 3, 3})
	for i, v := range y {
		if math.Abs(v-3) > 1e-12 {
			t.Errorf("sample %d: %v, want 3 (DC gain 1, no transient)", i, v)
		}
	}
}

// The magnitude response at the cutoff is −3 dB (1/√2) and FiltFilt
// squares it; a sine far in the pass band goes through unchanged and
// without phase shift.
func TestButterworthResponse(t *testing.T) {
	const fs = 1000.0
	sos, _ := ButterHighpass(4, 100, fs)
	n := 20000
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Sin(2 * math.Pi * 100 * float64(i) / fs)
	}
	y, _ := sos.Apply(nil, x)
	var p float64
	for _, v := range y[n/2:] {
		p += v * v
	}
	if g := math.Sqrt(p / float64(n/2) * 2); math.Abs(g-1/math.Sqrt2) > 1e-3 {
		t.Errorf("gain at the cutoff %v, want 1/√2", g)
	}
	for i := range x {
		x[i] = math.Sin(2 * math.Pi * 300 * float64(i) / fs)
	}
	z, err := FiltFilt(nil, x, sos)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1000; i < n-1000; i++ {
		if math.Abs(z[i]-x[i]) > 1e-3 {
			t.Fatalf("sample %d: zero-phase output %v, input %v", i, z[i], x[i])
		}
	}
}

func TestResampleSine(t *testing.T) {
	// A 50 Hz sine at 1000 Hz resampled by 3/2 is the same sine at 1500
	// Hz, away from the edges.
	x := make([]float64, 3000)
	for i := range x {
		x[i] = math.Sin(2 * math.Pi * 50 * float64(i) / 1000)
	}
	r, _ := NewResampler(6, 4)
	if up, down := r.Factors(); up != 3 || down != 2 {
		t.Fatalf("factors %d/%d", up, down)
	}
	y, _ := r.Resample(nil, x)
	if len(y) != 4500 {
		t.Fatalf("%d samples", len(y))
	}
	for i := 200; i < len(y)-200; i++ {
		if w := math.Sin(2 * math.Pi * 50 * float64(i) / 1500); math.Abs(y[i]-w) > 3e-3 { // Kaiser β=5 pass-band ripple
			t.Fatalf("sample %d: %v, want %v", i, y[i], w)
		}
	}
}

func TestErrors(t *testing.T) {
	for i, c := range []struct {
		err  error
		want error
	}{
		{func() error { _, e := ButterLowpass(0, 10, 100); return e }(), ErrConfig},
		{func() error { _, e := ButterLowpass(MaxOrder+1, 10, 100); return e }(), ErrConfig},
		{func() error { _, e := ButterLowpass(2, 50, 100); return e }(), ErrConfig}, // at Nyquist
		{func() error { _, e := ButterLowpass(2, 0, 100); return e }(), ErrConfig},
		{func() error { _, e := ButterHighpass(2, math.NaN(), 100); return e }(), ErrConfig},
		{func() error { _, e := ButterBandpass(2, 30, 20, 100); return e }(), ErrConfig},
		{func() error { _, e := ButterBandpass(2, 10, 60, 100); return e }(), ErrConfig},
		{func() error { _, e := ButterLowpass(2, 10, 0); return e }(), ErrInput},
		{func() error { _, e := ButterLowpass(2, 10, math.Inf(1)); return e }(), ErrInput},
		{func() error { _, e := NewResampler(0, 2); return e }(), ErrConfig},
		{func() error { _, e := NewDecimator(0); return e }(), ErrConfig},
		{func() error { _, e := Decimate(nil, noise(100, 1), 1); return e }(), ErrConfig},
		{func() error { _, e := Decimate(nil, noise(27, 1), 2); return e }(), ErrInput},
		{func() error { _, e := Decimate(nil, []float64{math.NaN()}, 2); return e }(), ErrInput},
		{func() error { _, e := NewResamplerFIR(1, 2, nil); return e }(), ErrConfig},
		{func() error { _, e := NewResamplerFIR(1, 2, []float64{math.NaN()}); return e }(), ErrConfig},
		{func() error {
			s, _ := ButterLowpass(4, 10, 100)
			_, e := FiltFilt(nil, make([]float64, s.PadLen()), s)
			return e
		}(), ErrInput},
		{func() error {
			r, _ := NewResampler(2, 1)
			_, e := r.Resample(nil, []float64{0, math.Inf(-1)})
			return e
		}(), ErrInput},
	} {
		if !errors.Is(c.err, c.want) {
			t.Errorf("case %d: err %v, want %v", i, c.err, c.want)
		}
	}
}

func TestAllocs(t *testing.T) {
	sos, _ := ButterLowpass(8, 1000, 25600)
	f := NewFilter(sos)
	x := noise(1024, 3)
	y := make([]float64, len(x))
	if n := testing.AllocsPerRun(50, func() { f.Process(y, x) }); n != 0 {
		t.Errorf("Filter.Process allocates %v times per chunk", n)
	}
	ff := NewFiltFilter(sos)
	ff.FiltFilt(y, x)
	if n := testing.AllocsPerRun(50, func() { ff.FiltFilt(y, x) }); n != 0 {
		t.Errorf("FiltFilter.FiltFilt allocates %v times per call", n)
	}
	r, _ := NewResampler(2, 5)
	z := make([]float64, r.Len(len(x)))
	if n := testing.AllocsPerRun(50, func() { r.Resample(z, x) }); n != 0 {
		t.Errorf("Resample allocates %v times per call", n)
	}
}

func BenchmarkFilterProcess(b *testing.B) {
	sos, _ := ButterBandpass(4, 500, 5000, 25600)
	f := NewFilter(sos)
	x := noise(4096, 4)
	y := make([]float64, len(x))
	b.ReportAllocs()
	b.SetBytes(int64(8 * len(x)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.Process(y, x); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResample(b *testing.B) {
	r, _ := NewResampler(3, 8)
	x := noise(4096, 5)
	y := make([]float64, r.Len(len(x)))
	b.ReportAllocs()
	b.SetBytes(int64(8 * len(x)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.Resample(y, x); err != nil {
			b.Fatal(err)
		}
	}
}

func TestFiltFiltInPlace(t *testing.T) {
	sos, _ := ButterLowpass(3, 40, 1000)
	x := noise(300, 9)
	want, _ := FiltFilt(nil, x, sos)
	if _, err := FiltFilt(x, x, sos); err != nil {
		t.Fatal(err)
	}
	for i := range x {
		if x[i] != want[i] {
			t.Fatalf("sample %d: in place %v, want %v", i, x[i], want[i])
		}
	}
}
