package order

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// runUp returns n samples at rate Hz of a run-up from f0 Hz, with an
// angle that stands still for a while (the shaft stopped), and its angles.
func runUp(r *rand.Rand, n int, rate, f0 float64) (x, rev []float64) {
	x, rev = make([]float64, n), make([]float64, n)
	angle := 0.25 + r.Float64()
	for i := range x {
		speed := f0 * (1 + float64(i)/float64(n))
		if i > n/3 && i < n/3+200 {
			speed = 0
		}
		angle += speed / rate
		rev[i] = angle
		x[i] = math.Sin(2*math.Pi*3*angle) + 0.2*r.NormFloat64()
	}
	return x, rev
}

// TestResamplerStateRoundTrip is a property test: a signal pushed in
// random blocks, the state saved after each (and after Flush) and restored
// into a fresh Resampler of the same configuration, gives bit for bit the
// output of the uninterrupted Resampler.
func TestResamplerStateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	for trial := range 12 {
		cfg := ResamplerConfig{SampleRate: 1000, SamplesPerRev: 8 + r.IntN(60), MinSpeedHz: 5 + 10*r.Float64()}
		x, rev := runUp(r, 3000+r.IntN(2000), cfg.SampleRate, 10+10*r.Float64())
		ref, err := NewResampler(cfg)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ref.Push(nil, x, rev)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, ref.Flush(nil)...)

		fresh := func() *Resampler {
			s, err := NewResampler(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Push(nil, []float64{1, 2}, []float64{3, 4}); err != nil { // a used receiver
				t.Fatal(err)
			}
			return s
		}
		s := fresh()
		s.Reset()
		var got, out []float64
		var state []byte
		restore := func() {
			state, err = s.AppendBinary(state[:0])
			if err != nil {
				t.Fatal(err)
			}
			s = fresh()
			if err := s.UnmarshalBinary(state); err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
		}
		restore()
		for off := 0; off < len(x); {
			k := min(len(x)-off, 1+r.IntN(300))
			if out, err = s.Push(out, x[off:off+k], rev[off:off+k]); err != nil {
				t.Fatal(err)
			}
			got = append(got, out...)
			off += k
			restore()
		}
		got = append(got, s.Flush(out)...)
		restore()
		if n := len(s.Flush(nil)); n != 0 {
			t.Fatalf("trial %d: a restored flushed Resampler emits %d more samples", trial, n)
		}
		if len(got) != len(want) {
			t.Fatalf("trial %d: %d samples, uninterrupted %d", trial, len(got), len(want))
		}
		for i := range want {
			if math.Float64bits(want[i]) != math.Float64bits(got[i]) {
				t.Fatalf("trial %d: sample %d is %v, uninterrupted %v", trial, i, got[i], want[i])
			}
		}
		if s.Start() != ref.Start() || s.NextAngle() != ref.NextAngle() {
			t.Fatalf("trial %d: angles %v…%v, uninterrupted %v…%v", trial, s.Start(), s.NextAngle(), ref.Start(), ref.NextAngle())
		}
	}
}

// TestResamplerStateRejects checks that truncations, bit flips, a state
// that cannot be reached and another configuration are refused with
// ErrState, leaving the receiver unchanged.
func TestResamplerStateRejects(t *testing.T) {
	cfg := ResamplerConfig{SampleRate: 1000, SamplesPerRev: 16, MinSpeedHz: 20}
	s, err := NewResampler(cfg)
	if err != nil {
		t.Fatal(err)
	}
	x, rev := runUp(rand.New(rand.NewPCG(1, 1)), 300, 1000, 25)
	if _, err := s.Push(nil, x, rev); err != nil {
		t.Fatal(err)
	}
	good, _ := s.MarshalBinary()
	if want := 98 + 16*len(s.buf); len(good) != want {
		t.Fatalf("state of %d bytes, want %d", len(good), want)
	}
	snap := func() any {
		return []any{slices.Clone(s.buf), slices.Clone(s.rev), s.base, s.real, s.next, s.first, s.scan, s.started, s.ended}
	}
	checkStateRejects(t, good, s.UnmarshalBinary, snap)
	before := snap()
	resealed := func(edit func(c *Resampler)) []byte {
		c := *s
		c.buf, c.rev = slices.Clone(s.buf), slices.Clone(s.rev)
		edit(&c)
		b, _ := c.MarshalBinary()
		return b
	}
	for name, edit := range map[string]func(*Resampler){
		"NaN sample":        func(c *Resampler) { c.buf[len(c.buf)-1] = math.NaN() },
		"decreasing angle":  func(c *Resampler) { c.rev[len(c.rev)-1] = c.rev[len(c.rev)-2] - 1 },
		"scan beyond input": func(c *Resampler) { c.scan = c.real },
		"wrong base":        func(c *Resampler) { c.base-- },
		"next before first": func(c *Resampler) { c.next = c.first - 1 },
		"next far ahead":    func(c *Resampler) { c.next += 1000 },
		"ended without pad": func(c *Resampler) { c.ended = true },
		"not started":       func(c *Resampler) { c.started = false },
	} {
		if err := s.UnmarshalBinary(resealed(edit)); !errors.Is(err, ErrState) {
			t.Errorf("%s: error %v, want ErrState", name, err)
		}
	}
	other := cfg
	other.Taps = 101
	o, err := NewResampler(other)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.UnmarshalBinary(good); !errors.Is(err, ErrState) {
		t.Errorf("other configuration: error %v, want ErrState", err)
	}
	if err := new(Resampler).UnmarshalBinary(good); !errors.Is(err, ErrState) {
		t.Errorf("zero Resampler: error %v, want ErrState", err)
	}
	if err := s.UnmarshalBinary(good); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, snap()) {
		t.Fatal("the good state restored differently")
	}
	buf := make([]byte, 0, len(good))
	allocs := testing.AllocsPerRun(50, func() {
		buf, _ = s.AppendBinary(buf[:0])
		_ = s.UnmarshalBinary(buf)
	})
	if allocs != 0 {
		t.Errorf("save and restore allocate %v times", allocs)
	}
}

// FuzzResamplerUnmarshal: whatever a Resampler of the seeds'
// configuration accepts, it then pushes a block (or flushes, if the state
// was flushed) without panicking and saves back the same bytes; whatever
// it rejects wraps ErrState.
func FuzzResamplerUnmarshal(f *testing.F) {
	cfg := ResamplerConfig{SampleRate: 1000, SamplesPerRev: 16, MinSpeedHz: 20}
	s, err := NewResampler(cfg)
	if err != nil {
		f.Fatal(err)
	}
	add := func() {
		b, _ := s.MarshalBinary()
		f.Add(b)
	}
	add()
	x, rev := runUp(rand.New(rand.NewPCG(2, 2)), 120, 1000, 25)
	for k := 0; k < len(x); k += 40 {
		if _, err := s.Push(nil, x[k:k+40], rev[k:k+40]); err != nil {
			f.Fatal(err)
		}
		add()
	}
	s.Flush(nil)
	add()
	// One receiver for every input (its filter table is costly to build):
	// an accepted state replaces all of its state.
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := s.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrState) {
				t.Fatalf("error %v does not wrap ErrState", err)
			}
			return
		}
		back, _ := s.MarshalBinary()
		if string(back) != string(data) {
			t.Fatal("accepted state does not save back to the same bytes")
		}
		if s.ended {
			s.Flush(nil)
			return
		}
		last := 0.0
		if s.real > 0 {
			last = s.rev[len(s.rev)-1]
		}
		if _, err := s.Push(nil, []float64{0.5, -1, 2}, []float64{last, last + 0.01, last + 0.02}); err != nil && !errors.Is(err, ErrSpeed) {
			t.Fatal(err)
		}
		s.Flush(nil)
	})
}

// BenchmarkResamplerState saves and restores a Resampler in mid-stream
// (256 samples per revolution, 10 Hz minimum speed at 25.6 kHz).
func BenchmarkResamplerState(b *testing.B) {
	s, err := NewResampler(ResamplerConfig{SampleRate: benchRate, SamplesPerRev: 256, MinSpeedHz: 10})
	if err != nil {
		b.Fatal(err)
	}
	x, rev := runUp(rand.New(rand.NewPCG(3, 3)), 5000, benchRate, 20)
	if _, err := s.Push(nil, x, rev); err != nil {
		b.Fatal(err)
	}
	buf, _ := s.MarshalBinary()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		buf, _ = s.AppendBinary(buf[:0])
		if s.UnmarshalBinary(buf) != nil {
			b.Fatal("restore failed")
		}
	}
	b.ReportMetric(float64(len(buf)), "bytes/state")
}

// BenchmarkAveragerState saves and restores an Averager of 256 samples
// per revolution.
func BenchmarkAveragerState(b *testing.B) {
	a := NewAverager(256)
	buf, _ := a.MarshalBinary()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		buf, _ = a.AppendBinary(buf[:0])
		if a.UnmarshalBinary(buf) != nil {
			b.Fatal("restore failed")
		}
	}
}
