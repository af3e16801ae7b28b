package alarm

import (
	"errors"
	"math"
	"testing"
)

// step feeds (t, x) and fails the test on an error.
func step(t *testing.T, a *Alarm, tm, x float64) Status {
	t.Helper()
	st, err := a.Update(tm, x)
	if err != nil {
		t.Fatalf("Update(%v, %v): %v", tm, x, err)
	}
	return st
}

func TestHysteresis(t *testing.T) {
	a, err := New(Config{Warning: Threshold{Set: 7.1, Clear: 6}})
	if err != nil {
		t.Fatal(err)
	}
	// Between Clear and Set: no raise; at Set: raised; back between: kept;
	// below Clear: cleared.
	for i, c := range []struct {
		x    float64
		want Level
	}{{5, None}, {7.0, None}, {7.1, Warning}, {6.5, Warning}, {6.0, Warning}, {5.99, None}, {6.5, None}, {8, Warning}} {
		if got := step(t, a, float64(i), c.x).Active; got != c.want {
			t.Errorf("update %d (x=%v): Active %v, want %v", i, c.x, got, c.want)
		}
	}
}

func TestDelaysIrregularTimes(t *testing.T) {
	a, err := New(Config{Danger: Threshold{Set: 10, Clear: 8, SetDelay: 5, ClearDelay: 3}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		t, x float64
		want Level
	}{
		{0, 12, None},       // condition starts at t=0
		{1.5, 11, None},     // 1.5 s < 5 s
		{2, 9, None},        // dropped below Set: delay restarts
		{3, 12, None},       // starts again at 3
		{7.9, 12, None},     // 4.9 s
		{8, 12, Danger},     // 5 s: raised
		{9, 7, Danger},      // below Clear since 9
		{10, 9, Danger},     // back above Clear: clear delay restarts
		{11, 7, Danger},     // below Clear since 11
		{13.999, 7, Danger}, // 2.999 s
		{14, 7, None},       // 3 s: cleared
	} {
		if got := step(t, a, c.t, c.x).Active; got != c.want {
			t.Errorf("t=%v x=%v: Active %v, want %v", c.t, c.x, got, c.want)
		}
	}
}

func TestEscalation(t *testing.T) {
	cfg := Config{
		Advisory: Threshold{Set: 2.3, Clear: 2, SetDelay: 1},
		Warning:  Threshold{Set: 4.5, Clear: 4, SetDelay: 2},
		Danger:   Threshold{Set: 7.1, Clear: 6.5, SetDelay: 3},
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// A jump straight to danger-level vibration escalates level by level
	// as each minimum duration passes.
	want := []Level{None, Advisory, Warning, Danger, Danger}
	for i, w := range want {
		if got := step(t, a, float64(i), 9).Active; got != w {
			t.Errorf("t=%d: Active %v, want %v", i, got, w)
		}
	}
	// Falling to between warning's Clear and Set de-escalates to warning.
	if got := step(t, a, 5, 5).Active; got != Warning {
		t.Errorf("after falling to 5: Active %v, want warning", got)
	}
}

func TestLatchAck(t *testing.T) {
	a, err := New(Config{Advisory: Threshold{Set: 1, Clear: 1}, Danger: Threshold{Set: 3, Clear: 3}, Latch: true})
	if err != nil {
		t.Fatal(err)
	}
	st := step(t, a, 0, 5)
	if st.Shown != Danger || !st.Unacked || !st.Changed || st.Since != 0 {
		t.Fatalf("raise: %+v", st)
	}
	st = step(t, a, 1, 2)
	if st.Active != Advisory || st.Shown != Danger || !st.Unacked {
		t.Fatalf("latched after fall: %+v", st)
	}
	st = a.Ack()
	if st.Active != Advisory || st.Shown != Advisory || st.Unacked || !st.Changed {
		t.Fatalf("after Ack: %+v", st)
	}
	st = step(t, a, 2, 0) // the acknowledged advisory clears with its condition
	if st.Shown != None || st.Unacked || st.Since != 2 {
		t.Fatalf("cleared: %+v", st)
	}
	// Acknowledged while the condition holds: stays shown, acknowledged.
	step(t, a, 3, 5)
	if st = a.Ack(); st.Shown != Danger || st.Unacked {
		t.Fatalf("ack while active: %+v", st)
	}
	if st = step(t, a, 4, 5); st.Unacked || st.Changed {
		t.Fatalf("held after ack: %+v", st)
	}
}

func TestMaxGap(t *testing.T) {
	a, err := New(Config{Warning: Threshold{Set: 1, Clear: 1, SetDelay: 10}, MaxGap: 5})
	if err != nil {
		t.Fatal(err)
	}
	step(t, a, 0, 2)
	step(t, a, 4, 2)
	if st := step(t, a, 10, 2); st.Active != None { // 6 s gap: delay restarts at 10
		t.Fatalf("after gap: %+v", st)
	}
	step(t, a, 14, 2)
	if st := step(t, a, 18, 2); st.Active != None {
		t.Fatalf("8 s after gap: %+v", st)
	}
	if st := step(t, a, 20, 2); st.Active != Warning {
		t.Fatalf("10 s after gap: %+v", st)
	}
}

func TestUpdateErrors(t *testing.T) {
	a, err := New(Config{Warning: Threshold{Set: 1, Clear: 1}})
	if err != nil {
		t.Fatal(err)
	}
	step(t, a, 10, 2)
	before, _ := a.MarshalBinary()
	for _, c := range [][2]float64{{9, 0}, {math.NaN(), 0}, {11, math.Inf(1)}, {math.Inf(1), 0}, {11, math.NaN()}} {
		if _, err := a.Update(c[0], c[1]); !errors.Is(err, ErrInput) {
			t.Errorf("Update(%v, %v): err %v, want ErrInput", c[0], c[1], err)
		}
	}
	after, _ := a.MarshalBinary()
	if string(before) != string(after) {
		t.Error("a rejected update changed the state")
	}
	if st := step(t, a, 10, 0); st.Active != None { // same time accepted
		t.Errorf("same-time update: %+v", st)
	}
}

func TestConfigErrors(t *testing.T) {
	nan := math.NaN()
	for i, cfg := range []Config{
		{},
		{Warning: Threshold{Set: 1, Clear: 2}},
		{Warning: Threshold{Set: nan}},
		{Warning: Threshold{Set: 1, SetDelay: -1}},
		{Warning: Threshold{Set: 1, ClearDelay: math.Inf(1)}},
		{Warning: Threshold{Set: 5}, Danger: Threshold{Set: 4}},
		{Warning: Threshold{Set: 1}, MaxGap: -1},
		{Warning: Threshold{Set: 1}, MaxGap: nan},
	} {
		if _, err := New(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("config %d: err %v, want ErrConfig", i, err)
		}
	}
}

func TestLevelString(t *testing.T) {
	for l, w := range map[Level]string{None: "none", Advisory: "advisory", Warning: "warning", Danger: "danger", 9: "Level(9)"} {
		if l.String() != w {
			t.Errorf("%d: %q, want %q", l, l.String(), w)
		}
	}
}
