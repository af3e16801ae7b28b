package asset_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/rul/asset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fleetRun is a healthy level of exactly 1 ± 0.01 for 20 values, then
// 1 + 0.1·exp(β·k) for k = 0..n−1, times 1 apart.
func fleetRun(name string, beta float64, n int) asset.Run {
	r := asset.Run{Name: name}
	for i := range 20 {
		r.Time = append(r.Time, float64(i))
		r.Value = append(r.Value, 1+0.01*float64(1-2*(i%2)))
	}
	for k := range n {
		r.Time = append(r.Time, float64(20+k))
		r.Value = append(r.Value, 1+0.1*math.Exp(beta*float64(k)))
	}
	return r
}

func TestLearnFleetKnownAnswer(t *testing.T) {
	betas := []float64{0.2, 0.25, 0.3}
	var runs []asset.Run
	for i, b := range betas {
		runs = append(runs, fleetRun(fmt.Sprintf("unit %d", i), b, 12))
	}
	runs = append(runs, fleetRun("healthy", 0, 0)) // never alarms
	cfg := asset.TrackerConfig{Baseline: 20}
	f, err := asset.LearnFleet(runs, cfg, 1)
	require.NoError(t, err)
	require.Len(t, f.Units, 4)
	for i, b := range betas {
		u := f.Units[i]
		assert.True(t, u.Alarmed)
		assert.Equal(t, 20.0, u.AlarmFirst) // the first growth value exceeds 1 + 6σ
		assert.Equal(t, 31.0, u.End)
		assert.Equal(t, 12, u.Points)
		assert.InDelta(t, 1+0.1*math.Exp(b*11), u.FinalHI, 1e-12)
	}
	assert.False(t, f.Units[3].Alarmed)
	assert.Equal(t, 0, f.Units[3].Points)
	// The failure level is the median final HI, the prior's mean the
	// mean of the exact lines ln(HI − 1) = ln 0.1 + β·t.
	assert.InDelta(t, 1+0.1*math.Exp(0.25*11), f.Failure, 1e-12)
	assert.InDelta(t, 0.25, f.Prior.BetaMean, 1e-9)
	assert.InDelta(t, math.Log(0.1), f.Prior.LogThetaMean, 1e-9)
	assert.Equal(t, 1.0, f.Prior.Phi)

	// An even count takes the mean of the middle two.
	runs = append(runs, fleetRun("unit 4", 0.35, 12))
	f, err = asset.LearnFleet(runs, cfg, 1)
	require.NoError(t, err)
	want := (1 + 0.1*math.Exp(0.25*11) + 1 + 0.1*math.Exp(0.3*11)) / 2
	assert.InDelta(t, want, f.Failure, 1e-12)

	// The learned fleet drives a forecast.
	cfg.Prior, cfg.Failure = &f.Prior, f.Failure
	tr, err := asset.NewTracker(cfg)
	require.NoError(t, err)
	r := fleetRun("new", 0.25, 6)
	for i := range r.Time {
		_, err := tr.Update(r.Time[i], r.Value[i])
		require.NoError(t, err)
	}
	fc, err := tr.Forecast()
	require.NoError(t, err)
	// Exact data dominate the prior: the unit's line (β = 0.25) reaches
	// the failure level at k = ln((D − 1)/0.1)/0.25, from the last value
	// at k = 5.
	assert.InDelta(t, math.Log((f.Failure-1)/0.1)/0.25-5, fc.Median, 0.01)
	assert.Less(t, fc.Lo, fc.Median)
	assert.Greater(t, fc.Hi, fc.Median)
}

func TestLearnFleetErrors(t *testing.T) {
	cfg := asset.TrackerConfig{Baseline: 20}
	two := []asset.Run{fleetRun("a", 0.2, 12), fleetRun("b", 0.3, 12), fleetRun("c", 0, 0)}
	_, err := asset.LearnFleet(two, cfg, 1)
	assert.ErrorIs(t, err, asset.ErrTooFewRuns)

	_, err = asset.LearnFleet(append(two, asset.Run{Name: "empty"}), cfg, 1)
	assert.ErrorIs(t, err, asset.ErrInput)

	_, err = asset.LearnFleet([]asset.Run{{Name: "ragged", Time: []float64{0, 1}, Value: []float64{1}}}, cfg, 1)
	assert.ErrorIs(t, err, asset.ErrInput)

	r := fleetRun("nan", 0.2, 12)
	r.Value[25] = math.NaN()
	_, err = asset.LearnFleet([]asset.Run{r}, cfg, 1)
	assert.ErrorIs(t, err, asset.ErrInput)

	_, err = asset.LearnFleet(two, asset.TrackerConfig{Baseline: 1}, 1)
	assert.ErrorIs(t, err, asset.ErrConfig)
	_, err = asset.LearnFleet(two, cfg, math.NaN())
	assert.ErrorIs(t, err, asset.ErrConfig)
}
