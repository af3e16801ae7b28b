package alarm

import (
	"fmt"
	"math"
)

// Level is an alarm severity, ordered: None < Advisory < Warning < Danger.
type Level uint8

// The alarm levels, in escalating order.
const (
	None     Level = iota // no alarm
	Advisory              // first, informational level: watch the machine
	Warning               // second level: plan maintenance
	Danger                // third level: act now
)

// numLevels is the number of raisable levels (Advisory, Warning, Danger).
const numLevels = 3

// String returns "none", "advisory", "warning" or "danger".
func (l Level) String() string {
	switch l {
	case None:
		return "none"
	case Advisory:
		return "advisory"
	case Warning:
		return "warning"
	case Danger:
		return "danger"
	}
	return fmt.Sprintf("Level(%d)", uint8(l))
}

// Threshold configures one alarm level. The monitored value rises with
// severity (a velocity RMS in mm/s, an anomaly score); negate a value that
// falls with severity.
//
// The zero Threshold disables its level. A Threshold is enabled when any
// of its fields is non-zero; then Set and Clear are used as given (a zero
// Clear is a clear level of 0, not a default).
type Threshold struct {
	// Set is the level, in the monitored value's unit, at or above which
	// the level's condition holds.
	Set float64
	// Clear is the level, in the monitored value's unit, below which a
	// raised level's condition ends; Clear ≤ Set. Clear < Set gives
	// hysteresis: a value between Clear and Set neither raises nor clears
	// the level. Clear == Set gives none.
	Clear float64
	// SetDelay is the minimum duration in seconds for which the value
	// must stay at or above Set before the level is raised (0: at once,
	// on the first update at or above Set).
	SetDelay float64
	// ClearDelay is the minimum duration in seconds for which the value
	// must stay below Clear before a raised level clears (0: at once).
	ClearDelay float64
}

// enabled reports whether th configures a level.
func (th Threshold) enabled() bool { return th != Threshold{} }

// Config configures an Alarm. The zero value of each field means its
// documented default; at least one level must be enabled.
type Config struct {
	// Advisory, Warning and Danger configure the three levels; the set
	// levels of the enabled ones must not decrease in that order. A zero
	// Threshold disables its level.
	Advisory, Warning, Danger Threshold
	// Latch keeps a raised level shown after its condition has cleared
	// until Ack is called (default false: the shown level follows the
	// condition).
	Latch bool
	// MaxGap is the longest time in seconds between two updates over
	// which a set or clear delay keeps running; after a longer gap the
	// pending delays restart at the new update, because nothing is known
	// of the value in between. Raised levels are kept. Default 0: no
	// limit (the value is assumed to have held between updates).
	MaxGap float64
}

// threshold returns the Threshold of level i+1 (0: Advisory).
func (c *Config) threshold(i int) Threshold {
	switch i {
	case 0:
		return c.Advisory
	case 1:
		return c.Warning
	}
	return c.Danger
}

// validate checks c and returns an error wrapping ErrConfig.
func (c *Config) validate() error {
	if !(c.MaxGap >= 0) || math.IsInf(c.MaxGap, 1) {
		return errorf(ErrConfig, "MaxGap %v s: want finite and ≥ 0", c.MaxGap)
	}
	prev, any := math.Inf(-1), false
	for i := 0; i < numLevels; i++ {
		th, name := c.threshold(i), Level(i+1)
		if !th.enabled() {
			continue
		}
		any = true
		if !finite(th.Set) || !finite(th.Clear) {
			return errorf(ErrConfig, "%v: Set %v, Clear %v: want finite", name, th.Set, th.Clear)
		}
		if th.Clear > th.Set {
			return errorf(ErrConfig, "%v: Clear %v above Set %v", name, th.Clear, th.Set)
		}
		if !(th.SetDelay >= 0) || !(th.ClearDelay >= 0) || math.IsInf(th.SetDelay, 1) || math.IsInf(th.ClearDelay, 1) {
			return errorf(ErrConfig, "%v: SetDelay %v s, ClearDelay %v s: want finite and ≥ 0", name, th.SetDelay, th.ClearDelay)
		}
		if th.Set < prev {
			return errorf(ErrConfig, "%v: Set %v below the set level %v of a lower level", name, th.Set, prev)
		}
		prev = th.Set
	}
	if !any {
		return errorf(ErrConfig, "no level enabled")
	}
	return nil
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
