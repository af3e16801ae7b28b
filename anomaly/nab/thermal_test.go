package nab

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nabRun is one detector's NAB outcome on the three realKnownCause files.
type nabRun struct {
	raw        map[string]float64 // profile → summed raw score
	normalised map[string]float64
	detected   map[string][]int // file → offset of the first detection in each window (−1: missed)
	fps        map[string]int   // file → FP rows (standard profile)
}

// scoreNABRun scores per-file anomaly scores (threshold th per profile)
// and normalises over the three files with NAB's null and perfect scores.
func scoreNABRun(t *testing.T, e *nabEnv, scores func(file string) ([]float64, []RowWindow), th func(profile string) float64) nabRun {
	run := nabRun{raw: map[string]float64{}, normalised: map[string]float64{}, detected: map[string][]int{}, fps: map[string]int{}}
	windows := 0
	for _, file := range nabFiles {
		s, ws := scores(file)
		windows += len(ws)
		for _, pr := range nabProfiles {
			det, err := Detections(nil, s, th(pr.name))
			require.NoError(t, err)
			prob := ProbationLength(len(s), ProbationPercent)
			res, err := Score(nil, det, ws, pr.p, prob)
			require.NoError(t, err)
			run.raw[pr.name] += res.Score
			if pr.name == "standard" {
				run.fps[file] = res.FP
				var offs []int
				for _, w := range ws {
					off := -1
					for i := max(w.First, prob); i <= w.Last; i++ {
						if det[i] {
							off = i - w.First
							break
						}
					}
					offs = append(offs, off)
				}
				run.detected[file] = offs
			}
		}
	}
	for _, pr := range nabProfiles {
		v, err := Normalize(run.raw[pr.name], NullScore(windows, pr.p), PerfectScore(windows, pr.p))
		require.NoError(t, err)
		run.normalised[pr.name] = v
	}
	return run
}

// runThermalNAB runs the thermal detector over a NAB data file and returns
// anomaly scores 1 (alarm) or 0.
func runThermalNAB(t *testing.T, e *nabEnv, file string, cfg anomaly.ThermalConfig) ([]float64, []RowWindow) {
	f, ws := e.rows(t, "data/realKnownCause/"+file, file)
	x, err := f.Value()
	require.NoError(t, err)
	d, err := anomaly.NewThermalDetector(cfg)
	require.NoError(t, err)
	out := make([]float64, len(x))
	t0 := f.Time[0]
	for i, v := range x {
		if d.Update(f.Time[i].Sub(t0).Seconds(), v).Alarm {
			out[i] = 1
		}
	}
	return out, ws
}

// TestThermalNAB scores the thermal detector (one configuration, nothing
// per file, labels unread) and Numenta HTM's published output on the three
// realKnownCause files with the same scorer and normalisation.
func TestThermalNAB(t *testing.T) {
	e := loadNABEnv(t)
	htm := scoreNABRun(t, e, func(file string) ([]float64, []RowWindow) {
		f, ws := e.rows(t, "results/numenta/realKnownCause/numenta_"+file, file)
		s, ok := f.Column("anomaly_score")
		require.True(t, ok)
		return s, ws
	}, func(p string) float64 { return e.thresholds["numenta"][p].Threshold })
	th := scoreNABRun(t, e, func(file string) ([]float64, []RowWindow) {
		return runThermalNAB(t, e, file, anomaly.DefaultThermalConfig())
	},
		func(string) float64 { return 0.5 })

	var b strings.Builder
	fmt.Fprintf(&b, "\n| detector | standard | reward_low_FP_rate | reward_low_FN_rate |\n|---|---|---|---|\n")
	for _, r := range []struct {
		name string
		run  nabRun
	}{{"Numenta HTM (published scores, tuned thresholds)", htm}, {"Spindle thermal (anomaly.DefaultThermalConfig)", th}} {
		fmt.Fprintf(&b, "| %s | %.2f (raw %+.3f) | %.2f (raw %+.3f) | %.2f (raw %+.3f) |\n", r.name,
			r.run.normalised["standard"], r.run.raw["standard"], r.run.normalised["reward_low_FP_rate"], r.run.raw["reward_low_FP_rate"],
			r.run.normalised["reward_low_FN_rate"], r.run.raw["reward_low_FN_rate"])
	}
	for _, file := range nabFiles {
		fmt.Fprintf(&b, "%s: HTM first detections %v (FP rows %d); thermal %v (FP rows %d)\n",
			file, htm.detected[file], htm.fps[file], th.detected[file], th.fps[file])
	}
	t.Log(b.String())

	for i, off := range th.detected["machine_temperature_system_failure.csv"] {
		assert.GreaterOrEqual(t, off, 0, "machine temperature window %d missed", i)
	}
	for _, pr := range nabProfiles {
		assert.Greater(t, th.normalised[pr.name], htm.normalised[pr.name], pr.name)
	}
}
