package asset

import (
	"math"

	"github.com/spindle-pdm/spindle/rul"
)

// Source tells which model an Outlook comes from.
type Source int

// The sources of an Outlook: the first four from the least to the most
// unit-specific, then FromHazard and FromOnsets (added later, so the
// earlier values keep their numbers).
const (
	// FromLife: no alarm yet; the fleet's lifetime distribution
	// (Fleet.Life) conditioned on the unit's age.
	FromLife Source = iota
	// FromOnset: alarmed, but no finite degradation forecast yet (no
	// prior, no post-alarm value absorbed, or a median of +Inf); the
	// fleet's alarm-to-failure distribution (Fleet.Onset) conditioned on
	// the time since the alarm run's first exceedance.
	FromOnset
	// FromDegradation: the Tracker's exponential degradation forecast.
	FromDegradation
	// FromFailed: the HI has reached the failure level; RUL 0.
	FromFailed
	// FromHazard: no alarm yet; the fleet's proportional-hazards model
	// (Fleet.Hazard) at the unit's age and current HI.
	FromHazard
	// FromOnsets: a mixture over a posterior of onset times
	// (Fleet.OutlookOnsets).
	FromOnsets
)

// String returns the source's name.
func (s Source) String() string {
	switch s {
	case FromLife:
		return "life"
	case FromOnset:
		return "onset"
	case FromDegradation:
		return "degradation"
	case FromFailed:
		return "failed"
	case FromHazard:
		return "hazard"
	case FromOnsets:
		return "onsets"
	}
	return "unknown"
}

// Outlook is a remaining-life forecast for one unit at any stage of its
// life, in the fleet's time unit.
type Outlook struct {
	// Median is the median remaining life; Lo and Hi bound its central
	// 90 % interval.
	Median, Lo, Hi float64
	// Source is the model the forecast comes from.
	Source Source
	// Default is true when the fleet is DefaultFleet's prior, learned
	// from no histories.
	Default bool
	// Dist is the remaining-life distribution (a point mass at 0 for
	// FromFailed). For FromDegradation it is the Tracker's own, which its
	// next Forecast overwrites.
	Dist *rul.Distribution
}

// PFail returns the probability that the unit fails within horizon (the
// fleet's time unit; e.g. two weeks = 336 when times are in hours):
// P(RUL ≤ horizon). It is 1 for FromFailed and 0 for horizon < 0.
func (o Outlook) PFail(horizon float64) float64 {
	if o.Dist == nil || math.IsNaN(horizon) || horizon < 0 {
		return 0
	}
	return o.Dist.CDF(horizon)
}

// DefaultL10Shape is the Weibull shape DefaultFleet uses: ISO 281's slope
// for rolling-bearing fatigue life, 1.5.
const DefaultL10Shape = rul.ISO281Shape

// DefaultFleet is the documented prior for a unit with no fleet histories:
// a Weibull lifetime of shape DefaultL10Shape (1.5, ISO 281) whose L10
// life (10 % failed; e.g. the bearing's rated L10 life from its
// catalogue, in the caller's time unit) is l10, so λ = l10/0.1054^(1/1.5)
// ≈ 4.48·l10. It has no degradation prior, no onset model and no failure
// level: Outlook forecasts from the lifetime alone, flagged Default. An
// l10 that is not finite and positive is an error wrapping ErrConfig.
func DefaultFleet(l10 float64) (*Fleet, error) {
	m, err := rul.WeibullFromL10(DefaultL10Shape, l10)
	if err != nil {
		return nil, wrap(ErrConfig, err, "default fleet")
	}
	return &Fleet{Life: m, Default: true}, nil
}

// Outlook returns the remaining-life forecast of the unit that tr follows,
// at age (time in service, in the fleet's time unit, ≥ 0), whatever its
// stage:
//
//   - HI at or above f.Failure (when f.Failure > 0): RUL 0, FromFailed;
//   - alarmed, and tr forecasts a finite median (tr needs f.Prior and
//     f.Failure in its config): the degradation forecast;
//   - alarmed otherwise: f.Onset conditioned on the time since the alarm
//     run's first exceedance (f.Life at age when f.Onset is nil);
//   - no alarm: f.Hazard at age and z = ln HI (the latest, or 0 while
//     learning) when f.UseHazard and f.Hazard is not nil, else f.Life
//     conditioned on age.
//
// The Weibull forecasts are written into dst (nil allocates), so that a
// service polling many units reuses one Distribution per unit;
// FromDegradation returns the Tracker's own and FromFailed a new point
// mass. A negative or non-finite age is an error wrapping ErrInput; a
// fleet without the model needed (f.Life nil) one wrapping ErrNoForecast.
func (f *Fleet) Outlook(dst *rul.Distribution, tr *Tracker, age float64) (Outlook, error) {
	if math.IsNaN(age) || math.IsInf(age, 0) || age < 0 {
		return Outlook{}, errorf(ErrInput, "age %v, want finite and ≥ 0", age)
	}
	if o, failed, err := f.failed(tr); failed || err != nil {
		return o, err
	}
	if first, _, ok := tr.Alarm(); ok {
		o := Outlook{Default: f.Default}
		fc, err := tr.Forecast()
		if err == nil && !math.IsInf(fc.Median, 1) && tr.dist != nil {
			o.Median, o.Lo, o.Hi = fc.Median, fc.Lo, fc.Hi
			o.Source, o.Dist = FromDegradation, tr.dist
			return o, nil
		}
		if f.Onset != nil {
			d, err := f.Onset.Predict(dst, math.Max(tr.Last().Time-first, 0))
			if err != nil {
				return o, wrap(ErrInput, err, "outlook")
			}
			o.Source = FromOnset
			return o.with(d), nil
		}
	}
	return f.beforeAlarm(dst, tr, age)
}

// failed returns the FromFailed outlook, true, when tr's HI has reached
// f.Failure (f.Failure > 0).
func (f *Fleet) failed(tr *Tracker) (Outlook, bool, error) {
	o := Outlook{Default: f.Default}
	last := tr.Last()
	if !(f.Failure > 0 && !last.Learning && last.HI >= f.Failure) {
		return o, false, nil
	}
	d, err := rul.NewSampleDistribution([]float64{0}, nil)
	if err != nil {
		return o, true, wrap(ErrInput, err, "outlook")
	}
	o.Source, o.Dist = FromFailed, d
	return o, true, nil
}

// beforeAlarm is the forecast with no alarm: f.Hazard at age and the
// current HI when f.UseHazard, else f.Life at age.
func (f *Fleet) beforeAlarm(dst *rul.Distribution, tr *Tracker, age float64) (Outlook, error) {
	o := Outlook{Default: f.Default, Source: FromLife}
	var d *rul.Distribution
	var err error
	switch last := tr.Last(); {
	case f.UseHazard && f.Hazard != nil:
		z := 0.0
		if !last.Learning && tr.n > 0 {
			z = hazardZ(last.HI)
		}
		o.Source = FromHazard
		d, err = f.Hazard.Predict(dst, age, z)
	case f.Life != nil:
		d, err = f.Life.Predict(dst, age)
	default:
		return o, errorf(ErrNoForecast, "fleet has no lifetime model")
	}
	if err != nil {
		return o, wrap(ErrInput, err, "outlook")
	}
	return o.with(d), nil
}

// with returns o forecasting from d: its median and central 90 %.
func (o Outlook) with(d *rul.Distribution) Outlook {
	o.Dist = d
	o.Median = d.Median()
	o.Lo, o.Hi = d.Interval(0.9)
	return o
}
