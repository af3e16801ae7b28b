package alarm

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// testConfig is a three-level latched configuration with delays and a gap
// limit, so that every field of the state is exercised.
var testConfig = Config{
	Advisory: Threshold{Set: 2.3, Clear: 2, SetDelay: 0.5},
	Warning:  Threshold{Set: 4.5, Clear: 4, SetDelay: 1, ClearDelay: 2},
	Danger:   Threshold{Set: 7.1, Clear: 6.5, SetDelay: 2, ClearDelay: 1},
	Latch:    true,
	MaxGap:   3,
}

// walk returns n irregular, occasionally out-of-order (t, x) updates of a
// value wandering through all levels.
func walk(seed uint64, n int) (ts, xs []float64) {
	r := rand.New(rand.NewPCG(seed, 1))
	t, x := 0.0, 0.0
	for i := 0; i < n; i++ {
		t += r.ExpFloat64() * 0.7
		if r.IntN(20) == 0 {
			ts = append(ts, t-1) // out of order
		} else {
			ts = append(ts, t)
		}
		x = math.Abs(x + r.NormFloat64())
		xs = append(xs, x)
	}
	return ts, xs
}

func TestRestoreContinuesBitExact(t *testing.T) {
	ts, xs := walk(7, 4000)
	a, err := New(testConfig)
	if err != nil {
		t.Fatal(err)
	}
	var b *Alarm
	seen := map[Level]bool{}
	for i := range ts {
		if i == len(ts)/2 {
			blob, err := a.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			b = new(Alarm)
			if err := b.UnmarshalBinary(blob); err != nil {
				t.Fatal(err)
			}
		}
		if i%97 == 0 {
			a.Ack()
			if b != nil {
				b.Ack()
			}
		}
		sa, ea := a.Update(ts[i], xs[i])
		seen[sa.Shown] = true
		if b != nil {
			sb, eb := b.Update(ts[i], xs[i])
			if sa != sb || (ea == nil) != (eb == nil) {
				t.Fatalf("update %d: original %+v %v, restored %+v %v", i, sa, ea, sb, eb)
			}
		}
	}
	if len(seen) != 4 {
		t.Errorf("the walk showed only levels %v; the test needs all four", seen)
	}
	ba, _ := a.MarshalBinary()
	bb, _ := b.MarshalBinary()
	if string(ba) != string(bb) {
		t.Error("final states differ")
	}
}

func TestUnmarshalErrors(t *testing.T) {
	a, err := New(testConfig)
	if err != nil {
		t.Fatal(err)
	}
	step(t, a, 0, 9)
	good, _ := a.MarshalBinary()
	corrupt := func(i int, v byte) []byte {
		b := append([]byte(nil), good...)
		b[i] = v
		return b
	}
	nan := math.Float64bits(math.NaN())
	withNaN := append([]byte(nil), good...)
	for k := 0; k < 8; k++ { // MaxGap := NaN
		withNaN[6+k] = byte(nan >> (8 * k))
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"truncated": good[:len(good)-1],
		"long":      append(append([]byte(nil), good...), 0),
		"magic":     corrupt(0, 'X'),
		"version":   corrupt(4, 2),
		"latch":     corrupt(5, 2),
		"config":    withNaN,
		"shown":     corrupt(stateLen-10, byte(Advisory)),
		"flags":     corrupt(stateLen-9, 8),
	} {
		b := new(Alarm)
		if err := b.UnmarshalBinary(data); !errors.Is(err, ErrState) {
			t.Errorf("%s: err %v, want ErrState", name, err)
		}
		if b.cfg != (Config{}) {
			t.Errorf("%s: a failed restore changed the receiver", name)
		}
	}
}

func FuzzUnmarshalBinary(f *testing.F) {
	a, _ := New(testConfig)
	ts, xs := walk(3, 50)
	for i := range ts {
		a.Update(ts[i], xs[i])
		if i%10 == 0 {
			b, _ := a.MarshalBinary()
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var b Alarm
		if err := b.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrState) {
				t.Fatalf("error %v does not wrap ErrState", err)
			}
			return
		}
		again, err := b.MarshalBinary()
		if err != nil || string(again) != string(data) {
			t.Fatalf("accepted state does not marshal back to itself")
		}
		// A restored alarm must keep working and keep its state valid.
		last := b.lastT
		for i, x := range []float64{0, 3, 5, 8, 1} {
			if _, err := b.Update(last+float64(i), x); err != nil {
				t.Fatalf("Update after restore: %v", err)
			}
			b.Ack()
		}
		next, _ := b.MarshalBinary()
		if err := new(Alarm).UnmarshalBinary(next); err != nil {
			t.Fatalf("state after updates is rejected: %v", err)
		}
	})
}

// FuzzRestoreContinues drives an alarm with an arbitrary sequence of
// updates and acknowledgements, saves and restores it at an arbitrary
// point, and checks that the restored alarm continues bit for bit.
func FuzzRestoreContinues(f *testing.F) {
	f.Add([]byte{10, 50, 0, 20, 90, 1, 5, 200, 0, 0, 10, 0, 30, 250, 1}, uint8(2))
	f.Fuzz(func(t *testing.T, ops []byte, cut uint8) {
		a, err := New(testConfig)
		if err != nil {
			t.Fatal(err)
		}
		var b *Alarm
		tm := 0.0
		for i := 0; i+2 < len(ops); i += 3 {
			if i/3 == int(cut) {
				blob, _ := a.MarshalBinary()
				b = new(Alarm)
				if err := b.UnmarshalBinary(blob); err != nil {
					t.Fatalf("restore: %v", err)
				}
			}
			tm += float64(int(ops[i])-16) / 8 // sometimes backwards
			x := float64(ops[i+1]) / 20
			sa, ea := a.Update(tm, x)
			if ops[i+2]&1 == 1 {
				sa = a.Ack()
			}
			if b != nil {
				sb, eb := b.Update(tm, x)
				if ops[i+2]&1 == 1 {
					sb = b.Ack()
				}
				if sa != sb || (ea == nil) != (eb == nil) {
					t.Fatalf("op %d: original %+v, restored %+v", i/3, sa, sb)
				}
			}
		}
	})
}
