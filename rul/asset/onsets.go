package asset

import (
	"math"

	"github.com/spindle-pdm/spindle/rul"
)

// OnsetQuantiles is the number of quantiles that represent each component
// of OutlookOnsets's mixture.
const OnsetQuantiles = 64

// minOnsetWeight: onset components whose posterior is below this fraction
// of the largest are left out of OutlookOnsets's mixture (their total is
// at most len(onset)·1e-6 of it).
const minOnsetWeight = 1e-6

// Onsets is a posterior over when a unit's degradation began, e.g. from
// rul.OnsetPosterior on its standardised health indicator.
type Onsets struct {
	// Time holds the candidate onset times (the fleet's time unit, on the
	// same clock as the Tracker's times).
	Time []float64
	// Weight holds their posterior probabilities, one per time.
	Weight []float64
	// None is the probability that degradation has not begun.
	None float64
}

// OutlookOnsets returns the forecast of the unit that tr follows at age
// (time in service, the fleet's time unit) when the onset of its
// degradation is uncertain rather than a hard alarm: the mixture, with
// weight on.None, of the forecast without an alarm (f.Hazard at age and
// the current HI when f.UseHazard, else f.Life at age) and, with weight
// on.Weight[i], of f.Onset conditioned on the time from on.Time[i] to the
// tracker's latest time. Each component is represented by OnsetQuantiles
// quantiles (rul.Mixer, whose storage mx holds; nil allocates); the result
// is written into dst (nil allocates), Source FromOnsets. HI at or above
// f.Failure gives RUL 0 (FromFailed), as Outlook. A fleet without Onset
// or a lifetime model is an error wrapping ErrNoForecast; weights that
// are negative, not finite or all zero, times and weights of different
// lengths, or a bad age, one wrapping ErrInput.
func (f *Fleet) OutlookOnsets(dst *rul.Distribution, mx *rul.Mixer, tr *Tracker, age float64, on Onsets) (Outlook, error) {
	if len(on.Time) != len(on.Weight) {
		return Outlook{}, errorf(ErrInput, "%d onset times and %d weights", len(on.Time), len(on.Weight))
	}
	top := on.None
	for i, w := range on.Weight {
		if t := on.Time[i]; !(w >= 0) || math.IsInf(w, 0) || math.IsNaN(t) || math.IsInf(t, 0) {
			return Outlook{}, errorf(ErrInput, "onset %d: time %v, weight %v", i, on.Time[i], w)
		}
		top = math.Max(top, w)
	}
	if !(on.None >= 0) || math.IsInf(on.None, 0) || !(top > 0) {
		return Outlook{}, errorf(ErrInput, "onset posterior: none %v, largest weight %v", on.None, top)
	}
	if f.Onset == nil {
		return Outlook{}, errorf(ErrNoForecast, "fleet has no alarm-to-failure model")
	}
	if math.IsNaN(age) || math.IsInf(age, 0) || age < 0 {
		return Outlook{}, errorf(ErrInput, "age %v, want finite and ≥ 0", age)
	}
	o, failed, err := f.failed(tr)
	if failed || err != nil {
		return o, err
	}
	if mx == nil {
		mx = &rul.Mixer{}
	}
	mx.Reset(OnsetQuantiles)
	if on.None >= minOnsetWeight*top {
		h, err := f.beforeAlarm(dst, tr, age)
		if err != nil {
			return o, err
		}
		if err := mx.Add(h.Dist, on.None); err != nil {
			return o, wrap(ErrInput, err, "onset mixture")
		}
	}
	now := tr.Last().Time
	for i, w := range on.Weight {
		if w < minOnsetWeight*top {
			continue
		}
		d, err := f.Onset.Predict(dst, math.Max(now-on.Time[i], 0))
		if err != nil {
			return o, wrap(ErrInput, err, "onset mixture")
		}
		if err := mx.Add(d, w); err != nil {
			return o, wrap(ErrInput, err, "onset mixture")
		}
	}
	d, err := mx.Into(dst)
	if err != nil {
		return o, wrap(ErrInput, err, "onset mixture")
	}
	o = Outlook{Default: f.Default, Source: FromOnsets}
	return o.with(d), nil
}
