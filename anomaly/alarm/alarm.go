package alarm

// Status is what an Alarm reports after an update or acknowledgement.
type Status struct {
	// Active is the highest level whose condition currently holds, after
	// its set and clear delays.
	Active Level
	// Shown is the level to display and act on: Active, or with
	// Config.Latch a higher level raised earlier and not yet
	// acknowledged.
	Shown Level
	// Unacked reports that Shown rose since the last Ack.
	Unacked bool
	// Changed reports that Active or Shown changed at this call.
	Changed bool
	// Since is the time in seconds of the update at which Shown last
	// changed (an Ack that releases a latch carries no time and leaves
	// it); 0 before any change.
	Since float64
}

// levelState is the running state of one level.
type levelState struct {
	active     bool    // the level is raised
	pending    bool    // not raised, value at or above Set since setSince
	clearing   bool    // raised, value below Clear since clearSince
	setSince   float64 // s; 0 unless pending
	clearSince float64 // s; 0 unless clearing
}

// Alarm turns a monitored value into alarm levels a plant can act on:
// three escalating levels (advisory, warning, danger), each with
// hysteresis (separate set and clear levels) and minimum durations
// before it is raised or cleared, optional latching until acknowledged,
// and a state that is saved with MarshalBinary and restored with
// UnmarshalBinary.
//
// Times are in seconds on any clock that does not run backwards (Unix
// seconds, seconds since start); updates may come at irregular intervals.
// An Alarm is for one goroutine at a time. Make one with New; the zero
// Alarm is only a target for UnmarshalBinary.
type Alarm struct {
	cfg     Config
	th      [numLevels]Threshold
	lv      [numLevels]levelState
	hasT    bool
	lastT   float64
	latched Level // highest level raised since the last Ack (Latch only)
	status  Status
}

// New returns an Alarm for cfg, or an error wrapping ErrConfig.
func New(cfg Config) (*Alarm, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	a := &Alarm{cfg: cfg}
	a.setConfig()
	return a, nil
}

// setConfig copies the thresholds of a.cfg into a.th.
func (a *Alarm) setConfig() {
	for i := range a.th {
		a.th[i] = a.cfg.threshold(i)
	}
}

// Config returns the alarm's configuration.
func (a *Alarm) Config() Config { return a.cfg }

// Status returns the status after the last update or Ack (Changed as it
// was then).
func (a *Alarm) Status() Status { return a.status }

// Update feeds the value x observed at time t (seconds) and returns the
// new status. It allocates nothing.
//
// A NaN or ±Inf x or t, or a t earlier than the last accepted time (an
// out-of-order sample), is rejected with an error wrapping ErrInput and
// leaves the state unchanged; an update at the same time as the last one
// is accepted. The value is assumed to have held between updates, so a
// delay runs from the first update at which its condition held; a gap
// longer than Config.MaxGap restarts the pending delays.
func (a *Alarm) Update(t, x float64) (Status, error) {
	if !finite(t) || !finite(x) {
		return a.status, errorf(ErrInput, "update at t=%v s of value %v: want finite", t, x)
	}
	if a.hasT && t < a.lastT {
		return a.status, errorf(ErrInput, "update at t=%v s is earlier than the last at %v s", t, a.lastT)
	}
	if a.hasT && a.cfg.MaxGap > 0 && t-a.lastT > a.cfg.MaxGap {
		for i := range a.lv {
			s := &a.lv[i]
			if s.pending {
				s.setSince = t
			}
			if s.clearing {
				s.clearSince = t
			}
		}
	}
	a.hasT, a.lastT = true, t
	active := None
	for i := range a.lv {
		th := &a.th[i]
		if !th.enabled() {
			continue
		}
		s := &a.lv[i]
		if !s.active {
			if x >= th.Set {
				if !s.pending {
					s.pending, s.setSince = true, t
				}
				if t-s.setSince >= th.SetDelay {
					*s = levelState{active: true}
				}
			} else {
				s.pending, s.setSince = false, 0
			}
		} else {
			if x < th.Clear {
				if !s.clearing {
					s.clearing, s.clearSince = true, t
				}
				if t-s.clearSince >= th.ClearDelay {
					*s = levelState{} // x < Clear ≤ Set: not pending either
				}
			} else {
				s.clearing, s.clearSince = false, 0
			}
		}
		if s.active {
			active = Level(i + 1)
		}
	}
	a.settle(t, active)
	return a.status, nil
}

// settle sets the status for the new active level at time t.
func (a *Alarm) settle(t float64, active Level) {
	prev := a.status
	shown := active
	if a.cfg.Latch {
		if active > a.latched {
			a.latched = active
		}
		shown = max(a.latched, active)
	}
	st := Status{Active: active, Shown: shown, Unacked: prev.Unacked, Since: prev.Since}
	if shown > prev.Shown {
		st.Unacked = true
	}
	if shown == None {
		st.Unacked = false
	}
	if shown != prev.Shown {
		st.Since = t
	}
	st.Changed = active != prev.Active || shown != prev.Shown
	a.status = st
}

// Ack acknowledges the alarm: Unacked becomes false and, with
// Config.Latch, levels whose condition has cleared are released, so Shown
// falls to Active; an acknowledged level that is still raised then
// follows its condition and clears without a further Ack. A level raised
// after the Ack latches again. It returns the new status.
func (a *Alarm) Ack() Status {
	st := a.status
	st.Changed = false
	st.Unacked = false
	if a.cfg.Latch {
		a.latched = None
		if st.Shown != st.Active {
			st.Shown = st.Active
			st.Changed = true
		}
	}
	a.status = st
	return st
}
