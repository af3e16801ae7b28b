package alarm_test

import (
	"fmt"

	"github.com/spindle-pdm/spindle/anomaly/alarm"
)

// An alarm saved while a warning is active and an earlier danger is
// latched, restored into a zero Alarm, then fed the same readings as the
// one that never stopped: both report the same levels (original /
// restored) at every step, and the latch carries over until Ack.
func ExampleAlarm_state() {
	a, err := alarm.New(alarm.Config{
		Warning: alarm.Threshold{Set: 2.8, Clear: 2.5, SetDelay: 60},
		Danger:  alarm.Threshold{Set: 4.5, Clear: 4.0, SetDelay: 30},
		Latch:   true,
	})
	if err != nil {
		panic(err)
	}
	a.Update(0, 4.8)  // danger's 30 s set delay starts
	a.Update(30, 4.9) // danger raised, latched
	a.Update(60, 3.1) // danger clears, warning active, danger still shown
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b alarm.Alarm
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for _, u := range []struct{ t, v float64 }{{90, 3.0}, {120, 2.0}} {
		sa, _ := a.Update(u.t, u.v)
		sb, _ := b.Update(u.t, u.v)
		fmt.Printf("t=%3.0f s %.1f mm/s: active %v / %v, shown %v / %v\n", u.t, u.v, sa.Active, sb.Active, sa.Shown, sb.Shown)
	}
	fmt.Printf("after Ack: shown %v / %v\n", a.Ack().Shown, b.Ack().Shown)
	// Output:
	// t= 90 s 3.0 mm/s: active warning / warning, shown danger / danger
	// t=120 s 2.0 mm/s: active none / none, shown danger / danger
	// after Ack: shown none / none
}
