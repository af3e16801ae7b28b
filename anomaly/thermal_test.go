package anomaly

import (
	"fmt"
	"math"
	"strings"
	"testing"

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
func scoreNABRun(t *testing.T, e *nabEnv, scores func(file string) ([]float64, []NABWindow), th func(profile string) float64) nabRun {
	run := nabRun{raw: map[string]float64{}, normalised: map[string]float64{}, detected: map[string][]int{}, fps: map[string]int{}}
	windows := 0
	for _, file := range nabFiles {
		s, ws := scores(file)
		windows += len(ws)
		for _, pr := range nabProfiles {
			det, err := NABDetections(nil, s, th(pr.name))
			require.NoError(t, err)
			prob := NABProbationLength(len(s), NABProbationPercent)
			res, err := ScoreNAB(nil, det, ws, pr.p, prob)
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
		v, err := NABNormalize(run.raw[pr.name], NABNullScore(windows, pr.p), NABPerfectScore(windows, pr.p))
		require.NoError(t, err)
		run.normalised[pr.name] = v
	}
	return run
}

// runThermalNAB runs the thermal detector over a NAB data file and returns
// anomaly scores 1 (alarm) or 0.
func runThermalNAB(t *testing.T, e *nabEnv, file string, cfg ThermalConfig) ([]float64, []NABWindow) {
	f, ws := e.rows(t, "data/realKnownCause/"+file, file)
	x, err := f.Value()
	require.NoError(t, err)
	d, err := NewThermalDetector(cfg)
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
	htm := scoreNABRun(t, e, func(file string) ([]float64, []NABWindow) {
		f, ws := e.rows(t, "results/numenta/realKnownCause/numenta_"+file, file)
		s, ok := f.Column("anomaly_score")
		require.True(t, ok)
		return s, ws
	}, func(p string) float64 { return e.thresholds["numenta"][p].Threshold })
	th := scoreNABRun(t, e, func(file string) ([]float64, []NABWindow) { return runThermalNAB(t, e, file, DefaultThermalConfig()) },
		func(string) float64 { return 0.5 })

	var b strings.Builder
	fmt.Fprintf(&b, "\n| detector | standard | reward_low_FP_rate | reward_low_FN_rate |\n|---|---|---|---|\n")
	for _, r := range []struct {
		name string
		run  nabRun
	}{{"Numenta HTM (published scores, tuned thresholds)", htm}, {"Spindle thermal (DefaultThermalConfig)", th}} {
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

func TestThermalSyntheticChanges(t *testing.T) {
	sim := newDriftSim(51)
	n := 6000
	x := sim.noise(n, 70, 0.8)
	for i := range x {
		x[i] += 3 * math.Sin(2*math.Pi*float64(i)/288) // daily cycle
	}
	for i := 4000; i < n; i++ {
		x[i] -= 25 // shutdown: a 25 °C drop
	}
	x[3000] += 30 // one spike
	d, err := NewThermalDetector(DefaultThermalConfig())
	require.NoError(t, err)
	alarms := runDrift(d, x)
	t.Logf("alarms %v", alarms)
	assert.Contains(t, alarms, 3000, "the spike")
	a := firstAlarmAfter(alarms, 3001)
	assert.GreaterOrEqual(t, a, 4000, "no alarm between the spike and the drop")
	assert.Less(t, a, 4000+30, "the drop is found within the level median's length")
	assert.LessOrEqual(t, len(alarms), 4)
	checkDriftBasicsOn(t, d, x)

	for _, cfg := range []ThermalConfig{
		{Baseline: 288, Relearn: 5, Short: 6, MinZ: 5, PFA: 1e-3, Calibration: 500},
		{Baseline: 20, Relearn: 48, Short: 6, MinZ: 5, PFA: 1e-3, Calibration: 500},
		{Baseline: 288, Relearn: 48, Short: -1, MinZ: 5, PFA: 1e-3, Calibration: 500},
		{Baseline: 288, Relearn: 48, Short: 6, MinZ: -1, PFA: 1e-3, Calibration: 500},
		{Baseline: 288, Relearn: 48, Short: 6, MinZ: 5, PFA: 0.5, Calibration: 500},
	} {
		_, err := NewThermalDetector(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
	allocs := testing.AllocsPerRun(1000, func() { d.Update(0, 70) })
	assert.Zero(t, allocs)
}
