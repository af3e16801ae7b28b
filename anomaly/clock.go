package anomaly

import (
	"fmt"
	"time"
)

// Clock turns wall-clock timestamps into the seconds that the streaming
// detectors' Update(t, x) takes: seconds since the first timestamp it was
// given, so that a Unix epoch (1.7·10⁹ s) never reaches a detector's
// arithmetic. The zero value is ready; it is not safe for concurrent use.
//
// Seconds rejects what would give a detector a silently wrong time: a
// zero time, a timestamp before the previous one (out of order), and a
// jump ahead of more than MaxGap since the previous one when MaxGap > 0
// (a clock reset to a far-future date). A rejected timestamp leaves the
// clock unchanged, so the caller may skip the sample and go on. A
// repeated timestamp is accepted (the detectors count it as a new sample
// at the same time).
type Clock struct {
	// MaxGap bounds the step between consecutive timestamps; zero means
	// no bound.
	MaxGap time.Duration

	origin, last time.Time
	started      bool
}

// Seconds returns t in seconds since the clock's first timestamp, or an
// error wrapping ErrInput naming the problem.
func (c *Clock) Seconds(t time.Time) (float64, error) {
	switch {
	case t.IsZero():
		return 0, errorf(ErrInput, "clock: zero timestamp")
	case !c.started:
		c.origin, c.last, c.started = t, t, true
		return 0, nil
	case t.Before(c.last):
		return 0, errorf(ErrInput, "clock: timestamp %v before the previous one %v", t.Format(time.RFC3339Nano), c.last.Format(time.RFC3339Nano))
	case c.MaxGap > 0 && t.Sub(c.last) > c.MaxGap:
		return 0, errorf(ErrInput, "clock: timestamp %v is %v after the previous one, more than MaxGap %v", t.Format(time.RFC3339Nano), t.Sub(c.last), c.MaxGap)
	}
	c.last = t
	return t.Sub(c.origin).Seconds(), nil
}

// Origin returns the first timestamp the clock was given (the zero time
// before any).
func (c *Clock) Origin() time.Time { return c.origin }

// String describes the clock's origin and last timestamp.
func (c *Clock) String() string {
	if !c.started {
		return "anomaly.Clock(unstarted)"
	}
	return fmt.Sprintf("anomaly.Clock(origin %v, last %v)", c.origin.Format(time.RFC3339Nano), c.last.Format(time.RFC3339Nano))
}
