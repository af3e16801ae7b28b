package alarm_test

import (
	"fmt"

	"github.com/spindle-pdm/spindle/anomaly/alarm"
)

// An alarm on a velocity RMS in mm/s with ISO 20816-3 zone boundaries as
// levels (group 2, rigid support: B/C at 2.8, C/D at 4.5 mm/s), hysteresis
// and minimum durations, latched until acknowledged.
func Example() {
	a, err := alarm.New(alarm.Config{
		Warning: alarm.Threshold{Set: 2.8, Clear: 2.5, SetDelay: 60},
		Danger:  alarm.Threshold{Set: 4.5, Clear: 4.0, SetDelay: 30},
		Latch:   true,
	})
	if err != nil {
		panic(err)
	}
	for _, u := range []struct{ t, v float64 }{
		{0, 1.9}, {60, 3.1}, {120, 3.0}, {150, 4.8}, {180, 4.9}, {240, 2.0},
	} {
		st, _ := a.Update(u.t, u.v)
		fmt.Printf("t=%3.0f s %.1f mm/s: active %-7v shown %-7v unacked %v\n", u.t, u.v, st.Active, st.Shown, st.Unacked)
	}
	st := a.Ack()
	fmt.Printf("after Ack: shown %v\n", st.Shown)
	// Output:
	// t=  0 s 1.9 mm/s: active none    shown none    unacked false
	// t= 60 s 3.1 mm/s: active none    shown none    unacked false
	// t=120 s 3.0 mm/s: active warning shown warning unacked true
	// t=150 s 4.8 mm/s: active warning shown warning unacked true
	// t=180 s 4.9 mm/s: active danger  shown danger  unacked true
	// t=240 s 2.0 mm/s: active none    shown danger  unacked true
	// after Ack: shown none
}

// Saving the state before a restart and restoring it afterwards.
func ExampleAlarm_MarshalBinary() {
	cfg := alarm.Config{Danger: alarm.Threshold{Set: 10, Clear: 8, SetDelay: 5}}
	a, _ := alarm.New(cfg)
	a.Update(0, 12) // the 5 s delay starts
	blob, _ := a.MarshalBinary()

	var b alarm.Alarm // after the restart
	if err := b.UnmarshalBinary(blob); err != nil {
		panic(err)
	}
	st, _ := b.Update(5, 11) // the delay carried over the restart
	fmt.Println(len(blob), "bytes;", st.Active)
	// Output: 182 bytes; danger
}
