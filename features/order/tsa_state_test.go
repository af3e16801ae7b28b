package order

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAveragerStateRoundTrip is a property test: angle samples added in
// random chunks, the state saved after each and restored into a fresh
// Averager, give bit for bit the average of the uninterrupted one.
func TestAveragerStateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for trial := range 30 {
		spr := 1 + r.IntN(300)
		x := make([]float64, 20*spr+r.IntN(spr))
		for i := range x {
			x[i] = math.Sin(2*math.Pi*float64(i)/float64(spr)) + 0.5*r.NormFloat64()
		}
		start := float64(r.IntN(spr)) / float64(spr)
		ref := NewAverager(spr)
		a := NewAverager(spr)
		var state []byte
		for off := 0; off < len(x); {
			k := min(len(x)-off, 1+r.IntN(3*spr))
			at := start + float64(off)/float64(spr)
			if err := ref.Add(x[off:off+k], at); err != nil {
				t.Fatal(err)
			}
			if err := a.Add(x[off:off+k], at); err != nil {
				t.Fatal(err)
			}
			off += k
			var err error
			if state, err = a.AppendBinary(state[:0]); err != nil {
				t.Fatal(err)
			}
			a = NewAverager(spr)
			if err := a.UnmarshalBinary(state); err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
		}
		want, errW := ref.Average(nil)
		got, errG := a.Average(nil)
		if errW != nil || errG != nil {
			t.Fatalf("trial %d: %v, %v", trial, errW, errG)
		}
		for i := range want {
			if math.Float64bits(want[i]) != math.Float64bits(got[i]) {
				t.Fatalf("trial %d angle %d: %v, uninterrupted %v", trial, i, got[i], want[i])
			}
		}
		if ref.Revolutions() != a.Revolutions() {
			t.Fatalf("trial %d: %d revolutions, uninterrupted %d", trial, a.Revolutions(), ref.Revolutions())
		}
	}
}

// TestAveragerStateRejects checks truncations, bit flips, inconsistent
// states and another SamplesPerRev are refused with ErrState.
func TestAveragerStateRejects(t *testing.T) {
	a := NewAverager(8)
	if err := a.Add([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.25); err != nil {
		t.Fatal(err)
	}
	good, _ := a.MarshalBinary()
	if len(good) != 17+16*8 {
		t.Fatalf("state of %d bytes, want %d", len(good), 17+16*8)
	}
	snap := func() any { return [2]any{slices.Clone(a.sum), slices.Clone(a.count)} }
	checkStateRejects(t, good, a.UnmarshalBinary, snap)
	resealed := func(edit func(b *Averager)) []byte {
		b := NewAverager(8)
		copy(b.sum, a.sum)
		copy(b.count, a.count)
		edit(b)
		s, _ := b.MarshalBinary()
		return s
	}
	for name, edit := range map[string]func(*Averager){
		"negative count":    func(b *Averager) { b.count[1] = -1 },
		"sum without count": func(b *Averager) { b.count[2] = 0 },
	} {
		if err := a.UnmarshalBinary(resealed(edit)); !errors.Is(err, ErrState) {
			t.Errorf("%s: error %v, want ErrState", name, err)
		}
	}
	if err := NewAverager(9).UnmarshalBinary(good); !errors.Is(err, ErrState) {
		t.Errorf("other SamplesPerRev: error %v, want ErrState", err)
	}
	if err := new(Averager).UnmarshalBinary(good); !errors.Is(err, ErrState) {
		t.Errorf("zero Averager: error %v, want ErrState", err)
	}
	b := NewAverager(8)
	if err := b.UnmarshalBinary(good); err != nil || !slices.Equal(b.count, a.count) || !slices.Equal(b.sum, a.sum) {
		t.Fatalf("good state: %v", err)
	}
	allocs := testing.AllocsPerRun(50, func() {
		good, _ = a.AppendBinary(good[:0])
		_ = b.UnmarshalBinary(good)
	})
	if allocs != 0 {
		t.Errorf("save and restore allocate %v times", allocs)
	}
}

// TestAveragerStateOverflow checks that sums overflowed by finite samples
// near the float64 range are saved and restored like any other.
func TestAveragerStateOverflow(t *testing.T) {
	a := NewAverager(2)
	if err := a.Add([]float64{math.MaxFloat64, -math.MaxFloat64, math.MaxFloat64, 1}, 0); err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(a.sum[0], 1) {
		t.Fatalf("sum %v: the test needs an overflow", a.sum[0])
	}
	b, _ := a.MarshalBinary()
	r := NewAverager(2)
	if err := r.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if back, _ := r.MarshalBinary(); string(back) != string(b) {
		t.Fatal("the restored state saves differently")
	}
}

// FuzzAveragerUnmarshal: whatever an Averager of 8 samples per revolution
// accepts, it then adds samples and averages without panicking, and saves
// back the same bytes; whatever it rejects wraps ErrState.
func FuzzAveragerUnmarshal(f *testing.F) {
	a := NewAverager(8)
	s0, _ := a.MarshalBinary()
	f.Add(s0)
	_ = a.Add([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}, 0.5)
	s1, _ := a.MarshalBinary()
	f.Add(s1)
	f.Fuzz(func(t *testing.T, data []byte) {
		a := NewAverager(8)
		if err := a.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrState) {
				t.Fatalf("error %v does not wrap ErrState", err)
			}
			return
		}
		back, _ := a.MarshalBinary()
		if string(back) != string(data) {
			t.Fatal("accepted state does not save back to the same bytes")
		}
		if err := a.Add([]float64{0.5, -1, 2}, 0.125); err != nil {
			t.Fatal(err)
		}
		_, _ = a.Average(nil)
	})
}
