package asset

import (
	"fmt"
	"slices"

	"github.com/spindle-pdm/spindle/rul"
)

// Run is one unit's indicator history: raw values (e.g. RMS in g) at
// increasing times. A past run ends at the unit's failure.
type Run struct {
	Name  string
	Time  []float64
	Value []float64
}

// FleetUnit is what Fleet learned from one past run.
type FleetUnit struct {
	Name       string
	Alarmed    bool
	AlarmFirst float64 // time of the alarm run's first exceedance
	End        float64 // time of the last value (failure)
	FinalHI    float64 // HI at the failure
	Points     int     // post-alarm points in the prior fit
}

// Fleet is a forecast prior and failure level learned from past runs.
type Fleet struct {
	Prior   rul.ExponentialPrior
	Failure float64 // median of the runs' final HI
	Units   []FleetUnit
}

// LearnFleet replays every past run through a Tracker with cfg (its Prior
// and Failure ignored) and learns, from the runs that raised an alarm with
// at least 3 points after it:
//
//   - the prior: rul.FitExponentialPrior over their post-alarm histories,
//     (time since the alarm run's first exceedance, HI), with intercept phi
//     (points at or below phi are left out);
//   - the failure level: the median of their HI at failure.
//
// It needs 3 such runs.
func LearnFleet(past []Run, cfg TrackerConfig, phi float64) (*Fleet, error) {
	cfg.Prior, cfg.Failure = nil, 0
	f := &Fleet{}
	var hist []rul.History
	var finals []float64
	for _, r := range past {
		tr, err := NewTracker(cfg)
		if err != nil {
			return nil, err
		}
		var h rul.History
		u := FleetUnit{Name: r.Name}
		var states []State
		for i := range r.Time {
			s, err := tr.Update(r.Time[i], r.Value[i])
			if err != nil {
				return nil, fmt.Errorf("monitor: fleet run %s: %w", r.Name, err)
			}
			states = append(states, s)
		}
		if len(states) == 0 {
			return nil, fmt.Errorf("monitor: fleet run %s is empty", r.Name)
		}
		last := states[len(states)-1]
		u.AlarmFirst, _, u.Alarmed = tr.Alarm()
		if u.Alarmed {
			for _, s := range states {
				if s.Time >= u.AlarmFirst && s.HI > phi {
					h.Time = append(h.Time, s.Time-u.AlarmFirst)
					h.Value = append(h.Value, s.HI)
				}
			}
		}
		u.End, u.FinalHI, u.Points = last.Time, last.HI, len(h.Time)
		f.Units = append(f.Units, u)
		if u.Alarmed && len(h.Time) >= 3 {
			hist = append(hist, h)
			finals = append(finals, u.FinalHI)
		}
	}
	if len(hist) < 3 {
		return nil, fmt.Errorf("monitor: %d of %d past runs raised an alarm with 3 or more points after it; need 3 to learn a prior", len(hist), len(past))
	}
	p, err := rul.FitExponentialPrior(hist, phi)
	if err != nil {
		return nil, err
	}
	f.Prior = p
	slices.Sort(finals)
	n := len(finals)
	f.Failure = finals[n/2]
	if n%2 == 0 {
		f.Failure = (finals[n/2-1] + finals[n/2]) / 2
	}
	return f, nil
}
