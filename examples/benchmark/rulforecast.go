package main

import (
	"fmt"
	"math"
	"slices"

	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// The RUL forecast shared by the femto and ims suites: a fleet learned
// from past run-to-failure histories (asset.LearnFleet) and one unit's
// history replayed through an asset.Tracker up to a cut, forecast with
// the setting compared (femtoSetting).

// tracking is base with st's alarm level.
func (st femtoSetting) tracking(base asset.TrackerConfig) asset.TrackerConfig {
	base.Sigmas = st.Sigmas
	return base
}

// rulFleet learns the fleet from past runs with base's tracker set-up.
func rulFleet(past []asset.Run, st femtoSetting, base asset.TrackerConfig) (*asset.Fleet, error) {
	f, err := asset.LearnFleet(past, st.tracking(base), 1)
	if err != nil {
		return f, err
	}
	f.UseHazard = st.Hazard
	if st.OnsetFleet {
		err = rulOnsetFleet(f, past, st.tracking(base))
	}
	return f, err
}

// rulForecast replays r up to index k and returns its outlook and the
// time of the alarm run's first exceedance (−1 without an alarm), in r's
// time unit.
func rulForecast(f *asset.Fleet, r asset.Run, k int, st femtoSetting, base asset.TrackerConfig) (asset.Outlook, float64, error) {
	cfg := st.tracking(base)
	if st.Degradation {
		cfg.Prior, cfg.Failure, cfg.Noise = &f.Prior, f.Failure, rul.RobustNoise()
	}
	tr, err := asset.NewTracker(cfg)
	if err != nil {
		return asset.Outlook{}, 0, err
	}
	var his []asset.State
	for i := 0; i <= k; i++ {
		s, err := tr.Update(r.Time[i], r.Value[i])
		if err != nil {
			return asset.Outlook{}, 0, fmt.Errorf("%s: %w", r.Name, err)
		}
		his = append(his, s)
	}
	alarm := -1.0
	if first, _, ok := tr.Alarm(); ok {
		alarm = first
	}
	age := r.Time[k] - r.Time[0]
	if st.Onsets {
		oc, err := rulOnsetOutlook(f, tr, his, age, cfg.Smooth)
		if err != nil {
			return oc, alarm, fmt.Errorf("%s: %w", r.Name, err)
		}
		return oc, alarm, nil
	}
	oc, err := f.Outlook(nil, tr, age)
	if err != nil {
		return oc, alarm, fmt.Errorf("%s: %w", r.Name, err)
	}
	if oc.Source == asset.FromFailed && alarm >= 0 && f.Onset != nil {
		// The bearings are running at the cut: an HI past the fleet's
		// failure level says that level is low for this bearing, not that
		// it has failed. Forecast from the alarm-to-failure Weibull
		// conditioned on the time since the alarm.
		d, err := f.Onset.Predict(nil, r.Time[k]-alarm)
		if err != nil {
			return oc, alarm, fmt.Errorf("%s: %w", r.Name, err)
		}
		oc = asset.Outlook{Median: d.Median(), Source: asset.FromOnset, Dist: d}
		oc.Lo, oc.Hi = d.Interval(0.9)
	}
	return oc, alarm, nil
}

// rulOnsetShiftVar is the onset posterior's prior variance of the
// degraded mean, in baseline standard deviations squared: shifts of about
// 5 σ, the scale of the alarm levels compared (3 and 6 σ).
const rulOnsetShiftVar = 25

// rulOnsetOutlook forecasts from the posterior over the onset of
// degradation in the HI states his (the tracker's, up to now): ln HI
// standardised by the baseline, ln(HI)·μ/σ (≈ (HI − 1)·μ/σ near the
// healthy level; the logarithm keeps a final spike from outweighing a
// sustained rise), floored at ln asset.MinHazardHI, thinned to one value per
// smoothing window of step values (the trailing mean makes neighbours
// dependent), with a geometric prior of one onset per fleet mean life.
// The fleet's failure level is ignored: the bearings are running at the
// cut, so an HI past it says the level is low for this bearing.
func rulOnsetOutlook(f *asset.Fleet, tr *asset.Tracker, his []asset.State, age float64, step int) (asset.Outlook, error) {
	on, err := rulOnsets(f, tr, his, step)
	if err != nil {
		return asset.Outlook{}, err
	}
	g := *f
	g.Failure = 0
	return g.OutlookOnsets(nil, nil, tr, age, on)
}

// rulOnsets is the onset posterior of rulOnsetOutlook.
func rulOnsets(f *asset.Fleet, tr *asset.Tracker, his []asset.State, step int) (asset.Onsets, error) {
	mu, sd, ok := tr.Baseline()
	var x, at []float64
	if ok && sd > 0 {
		for i := len(his) - 1; i >= 0 && !his[i].Learning; i -= max(step, 1) {
			x, at = append(x, math.Log(math.Max(his[i].HI, asset.MinHazardHI))*mu/sd), append(at, his[i].Time)
		}
	}
	if len(x) == 0 {
		return asset.Onsets{None: 1}, nil
	}
	slices.Reverse(x)
	slices.Reverse(at)
	dt := at[len(at)-1] - at[0]
	if len(at) > 1 {
		dt /= float64(len(at) - 1)
	}
	rate := 0.5
	if f.Life != nil {
		d, err := f.Life.Predict(nil, 0)
		if err != nil {
			return asset.Onsets{}, err
		}
		if m := d.Mean(); m > 0 && !math.IsInf(m, 0) && dt > 0 {
			rate = min(dt/m, 0.5)
		}
	}
	w, none, err := rul.OnsetPosterior(nil, x, rul.OnsetConfig{Rate: rate, ShiftVar: rulOnsetShiftVar})
	if err != nil {
		return asset.Onsets{}, err
	}
	return asset.Onsets{Time: at, Weight: w, None: none}, nil
}

// rulOnsetFleet replaces f.Onset by the Weibull of the past runs' times
// from their posterior median onset (rulOnsets on the whole run) to
// failure, so that the onsets the fleet learns from and those it
// forecasts from are defined alike.
func rulOnsetFleet(f *asset.Fleet, past []asset.Run, cfg asset.TrackerConfig) error {
	var times []float64
	var failed []bool
	for _, r := range past {
		tr, err := asset.NewTracker(cfg)
		if err != nil {
			return err
		}
		his := make([]asset.State, 0, len(r.Time))
		for i := range r.Time {
			s, err := tr.Update(r.Time[i], r.Value[i])
			if err != nil {
				return fmt.Errorf("%s: %w", r.Name, err)
			}
			his = append(his, s)
		}
		on, err := rulOnsets(f, tr, his, cfg.Smooth)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Name, err)
		}
		c := on.None
		for i, w := range on.Weight {
			if c += w; c >= 0.5 {
				if d := r.Time[len(r.Time)-1] - on.Time[i]; d > 0 {
					times, failed = append(times, d), append(failed, true)
				}
				break
			}
		}
	}
	m, err := rul.FitWeibull(times, failed)
	if err != nil {
		return nil // keep the alarm-to-failure Weibull
	}
	f.Onset = m
	return nil
}
