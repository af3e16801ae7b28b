package asset

import (
	"math"
	"slices"

	"github.com/spindle-pdm/spindle/rul"
)

// Run is one unit's indicator history: raw values (the indicator's unit,
// e.g. g or g²) at increasing times (the caller's unit, e.g. hours). A past
// run ends at the unit's failure.
type Run struct {
	// Name identifies the unit in errors and in FleetUnit.
	Name string
	// Time holds the times, increasing.
	Time []float64
	// Value holds the raw values, one per time.
	Value []float64
	// Censored is true for a run that ended without a failure (a
	// suspension: the unit was still running, or was removed, at its last
	// time). LearnFleet counts it as a right-censored life in Life, Onset
	// and Hazard and leaves it out of the prior and the failure level.
	Censored bool
}

// FleetUnit is what LearnFleet learned from one past run. Times are in the
// run's unit.
type FleetUnit struct {
	// Name is the run's name.
	Name string
	// Alarmed is true when the run raised an alarm.
	Alarmed bool
	// AlarmFirst is the time of the alarm run's first exceedance.
	AlarmFirst float64
	// End is the time of the last value (the failure).
	End float64
	// FinalHI is the HI (dimensionless) at the failure.
	FinalHI float64
	// Points is the number of post-alarm points in the prior fit.
	Points int
	// Censored is the run's Censored.
	Censored bool
}

// Fleet is a forecast prior and failure level learned from past runs.
type Fleet struct {
	// Prior is the exponential degradation prior, in HI units and the
	// runs' time unit.
	Prior rul.ExponentialPrior
	// Failure is the median of the failed runs' final HI (dimensionless).
	Failure float64
	// Units holds what was learned from each run, in the order given.
	Units []FleetUnit
	// Life is the Weibull distribution of the runs' lifetimes (first to
	// last time, in the runs' time unit; a Censored run's as a
	// right-censored time), fitted by rul.FitWeibull; nil when it
	// could not be fitted. Outlook uses it before an alarm.
	Life *rul.WeibullModel
	// Onset is the Weibull distribution of the alarmed runs' times from
	// the alarm run's first exceedance to failure (the runs' time unit);
	// nil when it could not
	// be fitted. Outlook uses it after an alarm while the degradation
	// model has no finite forecast.
	Onset *rul.WeibullModel
	// Hazard is a Weibull proportional-hazards model of the runs'
	// lifetimes (rul.FitWeibullPH, ridge HazardRidge) whose covariate is
	// z = ln max(HI, MinHazardHI), the health reached (age in the runs'
	// time unit from each run's first time); nil when it could not be
	// fitted. Outlook uses it before an alarm when UseHazard is set.
	Hazard *rul.WeibullPH
	// UseHazard makes Outlook forecast a unit without an alarm from
	// Hazard at its age and current HI instead of Life at its age alone.
	// LearnFleet leaves it false.
	UseHazard bool
	// Default is true for DefaultFleet's prior, learned from no runs.
	Default bool
}

// HazardRidge is the precision of the zero-mean Gaussian prior that
// LearnFleet puts on Hazard's coefficient γ (per unit of ln HI): 1, so a
// γ of a few units is plausible. Without it γ diverges, as every run's
// indicator peaks at its failure.
const HazardRidge = 1.0

// MinHazardHI is the floor of the HI in Hazard's covariate ln HI (an HI
// at or below 0, possible for a signed indicator, has no logarithm).
const MinHazardHI = 0.01

// hazardZ is Hazard's covariate for health indicator hi.
func hazardZ(hi float64) float64 { return math.Log(math.Max(hi, MinHazardHI)) }

// LearnFleet replays every past run through a Tracker with cfg (its Prior
// and Failure ignored) and learns, from the failed (not Censored) runs
// that raised an alarm with at least 3 points after it:
//
//   - the prior: rul.FitExponentialPrior over their post-alarm histories,
//     (time since the alarm run's first exceedance, HI), with intercept phi
//     in HI units (1, the healthy level, in the examples; points at or
//     below phi are left out);
//   - the failure level: the median of their HI at failure;
//   - Life: a Weibull (rul.FitWeibull) of every run's lifetime, and Onset:
//     one of the alarmed runs' times from the alarm run's first exceedance
//     to failure, for Fleet.Outlook (nil when a fit fails);
//   - Hazard: a Weibull proportional-hazards model of every run's
//     lifetime with covariate ln HI (nil when the fit fails).
//
// A Censored run enters Life, Onset and Hazard as a right-censored time
// and nothing else. It needs 3 such failed runs (else an error wrapping
// ErrTooFewRuns). A run that is empty, whose Time and Value differ in length, or that a Tracker
// rejects is an error wrapping ErrInput; an invalid cfg or phi one
// wrapping ErrConfig.
func LearnFleet(past []Run, cfg TrackerConfig, phi float64) (*Fleet, error) {
	cfg.Prior, cfg.Failure = nil, 0
	if math.IsNaN(phi) || math.IsInf(phi, 0) {
		return nil, errorf(ErrConfig, "prior intercept φ = %v", phi)
	}
	f := &Fleet{}
	var hist []rul.History
	var finals []float64
	var states []State
	var lives, onsets []float64
	var lifeFailed, onsetFailed []bool
	var cov []rul.CovariateRun
	for _, r := range past {
		if len(r.Time) != len(r.Value) {
			return nil, errorf(ErrInput, "fleet run %s has %d times and %d values", r.Name, len(r.Time), len(r.Value))
		}
		tr, err := NewTracker(cfg)
		if err != nil {
			return nil, err
		}
		var h rul.History
		u := FleetUnit{Name: r.Name, Censored: r.Censored}
		states = states[:0]
		for i := range r.Time {
			s, err := tr.Update(r.Time[i], r.Value[i])
			if err != nil {
				return nil, errorf(err, "fleet run %s", r.Name)
			}
			states = append(states, s)
		}
		if len(states) == 0 {
			return nil, errorf(ErrInput, "fleet run %s is empty", r.Name)
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
		lives, lifeFailed = append(lives, last.Time-r.Time[0]), append(lifeFailed, !r.Censored)
		cr := covariateRun(states, r.Time[0])
		cr.Failed = !r.Censored
		cov = append(cov, cr)
		if u.Alarmed && u.End > u.AlarmFirst {
			onsets, onsetFailed = append(onsets, u.End-u.AlarmFirst), append(onsetFailed, !r.Censored)
		}
		f.Units = append(f.Units, u)
		if u.Alarmed && len(h.Time) >= 3 && !r.Censored {
			hist = append(hist, h)
			finals = append(finals, u.FinalHI)
		}
	}
	f.Life, f.Onset = fitLife(lives, lifeFailed), fitLife(onsets, onsetFailed)
	if m, err := rul.FitWeibullPH(cov, HazardRidge); err == nil {
		f.Hazard = m
	}
	if len(hist) < 3 {
		return nil, errorf(ErrTooFewRuns, "%d of %d past runs raised an alarm with 3 or more points after it; need 3 to learn a prior", len(hist), len(past))
	}
	p, err := rul.FitExponentialPrior(hist, phi)
	if err != nil {
		return nil, wrap(ErrInput, err, "fleet prior")
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

// fitLife fits a Weibull to failure (failed) and right-censored times
// (nil when it cannot be fitted: fewer than 2 failures at distinct
// positive times).
func fitLife(times []float64, failed []bool) *rul.WeibullModel {
	fl := make([]bool, 0, len(times))
	pos := times[:0:0]
	for i, t := range times {
		if t > 0 {
			pos = append(pos, t)
			fl = append(fl, failed[i])
		}
	}
	m, err := rul.FitWeibull(pos, fl)
	if err != nil {
		return nil
	}
	return m
}

// covariateRun is one run's failure history for the hazard fit: ln HI at
// every value after the baseline (age from t0), ending at its last time
// (failed; the caller clears Failed for a censored run).
func covariateRun(states []State, t0 float64) rul.CovariateRun {
	r := rul.CovariateRun{Failed: true, End: states[len(states)-1].Time - t0}
	for _, s := range states {
		if !s.Learning && (len(r.Time) == 0 || s.Time-t0 > r.Time[len(r.Time)-1]) {
			r.Time, r.Z = append(r.Time, s.Time-t0), append(r.Z, hazardZ(s.HI))
		}
	}
	if len(r.Time) == 0 { // all learning: healthy throughout
		r.Time, r.Z = []float64{0}, []float64{0}
	}
	return r
}
