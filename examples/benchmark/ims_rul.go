package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// imsRunIn is the number of first files of each IMS test left out of the
// RUL runs as run-in (as the alarm rule's reference skips them); a run's
// age counts from its first file after them.
const imsRunIn = 100

// imsTracking is the tracker set-up on the IMS summary levels (mean
// |acceleration|, g, one value per file, about 10 minutes apart): a
// 5-file trailing mean (as the alarm rule's 5-file median), a baseline of
// the 200 files after the run-in (the alarm rule's reference, files
// 100-299), an alarm after 3 values in a row above the level.
func imsTracking() asset.TrackerConfig {
	return asset.TrackerConfig{Smooth: 5, Baseline: 200, Run: 3}
}

// imsRULSetting and imsRULQuantile are the forecast used for the IMS
// table, chosen on FEMTO alone: the setting and the point quantile that
// FEMTO's nested protocol picked most often (4 and 3 of its 6 folds).
var (
	imsRULSetting  = femtoSetting{Sigmas: 3, Onsets: true, OnsetFleet: true}
	imsRULQuantile = 0.2
)

// imsRULCut is one IMS forecast.
type imsRULCut struct {
	Bearing    string  `json:"bearing"`
	Cut        float64 `json:"cut_fraction"`
	LifeH      float64 `json:"life_h"`
	ActualH    float64 `json:"actual_rul_h"`
	PredH      float64 `json:"predicted_rul_h"`
	MedianH    float64 `json:"median_h"`
	LoH        float64 `json:"interval90_lo_h"`
	HiH        secs    `json:"interval90_hi_h"`
	Covered    bool    `json:"covered90"`
	Source     string  `json:"prediction_from"`
	Score      float64 `json:"score"`
	AlarmHours float64 `json:"alarm_h"` // −1: none before the cut
}

// imsRULJSON is the IMS RUL table.
type imsRULJSON struct {
	Setting    string   `json:"setting"`
	Quantile   float64  `json:"point_quantile"`
	Score      float64  `json:"phm2012_score"`
	Coverage90 float64  `json:"coverage90"`
	Missing    []string `json:"no_forecast,omitempty"`
	// Settings holds every FEMTO setting's figures on the same folds.
	Settings []femtoSettingResult `json:"settings,omitempty"`
	Detail   []imsRULCut          `json:"detail"`
}

// imsRuns returns every bearing's run of one test: its summary levels
// from file imsRunIn to the end of the active files, hours from the start
// of the test; a bearing that did not fail is Censored (still running at
// the end of the test).
func imsRuns(test int, s *datasets.IMSSummary) []asset.Run {
	n := s.ActiveLen(0.01)
	hours := s.Hours()[:n]
	names, y := s.BearingLevels(n)
	var runs []asset.Run
	if n <= imsRunIn {
		return nil
	}
	for b, name := range names {
		r := asset.Run{Name: fmt.Sprintf("test %d %s", test, name), Time: hours[imsRunIn:], Value: y[b][imsRunIn:], Censored: true}
		for _, f := range imsFailed[test] {
			r.Censored = r.Censored && f != name
		}
		runs = append(runs, r)
	}
	return runs
}

// imsRUL forecasts every failed bearing, leaving it out of the fleet
// (learned from the other failed bearings and, as censored lives, the
// bearings that did not fail), at every femtoCuts fraction of its life
// after the run-in.
func imsRUL(runs []asset.Run) (imsRULJSON, string, error) {
	res, err := imsRULWith(runs, imsRULSetting, imsRULQuantile)
	if err != nil {
		return res, "", err
	}
	failed := 0
	for _, r := range runs {
		if !r.Censored {
			failed++
		}
	}
	md := imsRULMarkdown(res, failed, len(runs)-failed)
	md += fmt.Sprintf("\nEvery FEMTO setting on the same IMS folds at the same point quantile (%.1f), for comparison only: nothing here chose the one above.\n\n| setting | PHM 2012 score | 90 %% coverage | forecasts |\n|---|---|---|---|\n", imsRULQuantile)
	for _, st := range femtoSettings {
		r, err := imsRULWith(runs, st, imsRULQuantile)
		if err != nil {
			return res, "", err
		}
		res.Settings = append(res.Settings, femtoSettingResult{femtoSetting: st, Score: r.Score, Coverage90: r.Coverage90, Used: st == imsRULSetting})
		mark := ""
		if st == imsRULSetting {
			mark = " (used)"
		}
		md += fmt.Sprintf("| %v%s | %.3f | %.2f | %d |\n", st, mark, r.Score, r.Coverage90, len(r.Detail))
	}
	return res, md, nil
}

// imsRULWith is imsRUL's leave-one-failed-bearing-out forecast with
// setting st and point quantile q.
func imsRULWith(runs []asset.Run, st femtoSetting, q float64) (imsRULJSON, error) {
	res := imsRULJSON{Setting: st.String(), Quantile: q}
	var truth, pred []float64
	covered := 0
	for i, r := range runs {
		if r.Censored {
			continue
		}
		var past []asset.Run
		for j, o := range runs {
			if j != i {
				past = append(past, o)
			}
		}
		f, err := rulFleet(past, st, imsTracking())
		if errors.Is(err, asset.ErrTooFewRuns) {
			res.Missing = append(res.Missing, r.Name)
			continue
		}
		if err != nil {
			return res, fmt.Errorf("ims rul: %s: %w", r.Name, err)
		}
		t0, life := r.Time[0], r.Time[len(r.Time)-1]-r.Time[0]
		for _, cut := range femtoCuts {
			k := 0
			for k+1 < len(r.Time) && r.Time[k+1]-t0 <= cut*life {
				k++
			}
			oc, alarm, err := rulForecast(f, r, k, st, imsTracking())
			if errors.Is(err, asset.ErrNoForecast) {
				res.Missing = append(res.Missing, fmt.Sprintf("%s at %.0f%%", r.Name, 100*cut))
				continue
			}
			if err != nil {
				return res, fmt.Errorf("ims rul: %w", err)
			}
			c := imsRULCut{Bearing: r.Name, Cut: cut, LifeH: life, ActualH: life - (r.Time[k] - t0), AlarmHours: alarm,
				PredH: femtoPoint(oc, q), MedianH: oc.Median, LoH: oc.Lo, HiH: secs(oc.Hi), Source: oc.Source.String()}
			c.Covered = c.LoH <= c.ActualH && c.ActualH <= float64(c.HiH)
			if c.Score, err = rul.PHM12Score([]float64{c.ActualH}, []float64{c.PredH}); err != nil {
				return res, err
			}
			if c.Covered {
				covered++
			}
			truth, pred = append(truth, c.ActualH), append(pred, c.PredH)
			res.Detail = append(res.Detail, c)
		}
	}
	if len(truth) > 0 {
		var err error
		if res.Score, err = rul.PHM12Score(truth, pred); err != nil {
			return res, err
		}
		res.Coverage90 = float64(covered) / float64(len(truth))
	}
	return res, nil
}

// imsRULMarkdown writes the IMS RUL table.
func imsRULMarkdown(res imsRULJSON, bearings, censored int) string {
	var md strings.Builder
	fmt.Fprintf(&md, "\n### Remaining useful life, leave one failed bearing out\n\nEach of the %d failed bearings is left out in turn; the fleet (asset.LearnFleet) is learned from the other failed bearings' summary levels and, as right-censored lives (Run.Censored), the %d bearings that did not fail (files %d to the end; tracker: 5-file trailing mean, baseline the next 200 files), and the left-out bearing is cut at %v of its life after the run-in and forecast at the cut. Forecast (chosen on FEMTO alone, not tuned here): %s; point forecast the distribution's %.1f quantile, interval its central 90 %%. %d forecasts; PHM 2012 score %.3f, 90 %% interval coverage **%.2f**.\n\n",
		bearings, censored, imsRunIn, femtoCuts, res.Setting, res.Quantile, len(res.Detail), res.Score, res.Coverage90)
	if len(res.Missing) > 0 {
		fmt.Fprintf(&md, "No forecast (the other bearings gave fewer than 3 alarmed runs, or no alarm-to-failure model): %s.\n\n", strings.Join(res.Missing, ", "))
	}
	md.WriteString("| bearing | cut | life (h) | actual RUL (h) | alarm (h) | predicted RUL (h) | median (h) | 90 % interval (h) | in interval | from | A_i |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, c := range res.Detail {
		fmt.Fprintf(&md, "| %s | %.0f%% | %.1f | %.1f | %s | %.1f | %.1f | [%.1f, %s] | %v | %s | %.3f |\n",
			c.Bearing, 100*c.Cut, c.LifeH, c.ActualH, alarmCell(c.AlarmHours, 1), c.PredH, c.MedianH, c.LoH, infH(float64(c.HiH)), c.Covered, c.Source, c.Score)
	}
	return md.String()
}

// alarmCell writes an alarm time with prec decimals, "none" when
// negative (no alarm).
func alarmCell(t float64, prec int) string {
	if t < 0 {
		return "none"
	}
	return fmt.Sprintf("%.*f", prec, t)
}

// infH writes hours with one decimal, ∞ for +Inf.
func infH(v float64) string {
	if v > 1e300 {
		return "∞"
	}
	return fmt.Sprintf("%.1f", v)
}
