package asset_test

import (
	"errors"
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sameState reports whether a and b are bit-identical.
func sameState(a, b asset.State) bool {
	eq := func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) }
	return eq(a.Time, b.Time) && eq(a.Raw, b.Raw) && eq(a.HI, b.HI) && eq(a.Level, b.Level) &&
		a.Learning == b.Learning && a.Alarm == b.Alarm && a.Raised == b.Raised
}

func update(t *testing.T, tr *asset.Tracker, tm, v float64) asset.State {
	t.Helper()
	s, err := tr.Update(tm, v)
	require.NoError(t, err)
	return s
}

func TestTrackerSigmaRule(t *testing.T) {
	tr, err := asset.NewTracker(asset.TrackerConfig{Baseline: 4})
	require.NoError(t, err)
	for i, v := range []float64{1.0, 1.2, 0.8} {
		s := update(t, tr, float64(i), v)
		assert.True(t, s.Learning)
		assert.True(t, math.IsNaN(s.HI) && math.IsNaN(s.Level))
	}
	_, ok := tr.Level()
	assert.False(t, ok)
	s := update(t, tr, 3, 1.0)
	assert.False(t, s.Learning)
	mu, sd, ok := tr.Baseline()
	require.True(t, ok)
	assert.InDelta(t, 1.0, mu, 1e-15)
	assert.InDelta(t, math.Sqrt(0.08/3), sd, 1e-15)
	want := 1 + 6*math.Sqrt(0.08/3) // default K = 6
	assert.InDelta(t, want, s.Level, 1e-14)
	assert.InDelta(t, 1.0, s.HI, 1e-15)

	// Two exceedances, a reset, then three in a row (default Run 3).
	for i, v := range []float64{2.5, 2.5, 1.0, 3, 3} {
		s := update(t, tr, float64(4+i), v)
		assert.False(t, s.Alarm, "value %d", i)
	}
	_, _, ok = tr.Alarm()
	assert.False(t, ok)
	s = update(t, tr, 9, 3)
	assert.True(t, s.Alarm && s.Raised)
	assert.InDelta(t, 3.0, s.HI, 1e-15)
	first, raised, ok := tr.Alarm()
	assert.True(t, ok)
	assert.Equal(t, 7.0, first)
	assert.Equal(t, 9.0, raised)
	s = update(t, tr, 10, 1)
	assert.True(t, s.Alarm)
	assert.False(t, s.Raised)
	_, err = tr.Forecast()
	assert.ErrorIs(t, err, asset.ErrNoForecast) // no prior
}

func TestTrackerSmoothing(t *testing.T) {
	tr, err := asset.NewTracker(asset.TrackerConfig{Smooth: 2, Baseline: 2})
	require.NoError(t, err)
	assert.True(t, update(t, tr, 0, 1).Learning) // window not full
	assert.True(t, update(t, tr, 1, 3).Learning) // baseline [2]
	s := update(t, tr, 2, 1)                     // baseline [2, 2]
	assert.False(t, s.Learning)
	mu, sd, _ := tr.Baseline()
	assert.Equal(t, 2.0, mu)
	assert.Equal(t, 0.0, sd)
	assert.Equal(t, 1.0, s.Level)
	assert.Equal(t, 1.0, s.HI)
	s = update(t, tr, 3, 5) // mean of 1 and 5 = 3, HI 1.5
	assert.Equal(t, 1.5, s.HI)
	assert.Equal(t, s, tr.Last())
}

func TestTrackerEVTLevel(t *testing.T) {
	tr, err := asset.NewTracker(asset.TrackerConfig{Baseline: 100, PFA: 0.01})
	require.NoError(t, err)
	var s asset.State
	for i := range 100 {
		s = update(t, tr, float64(i), 1+0.1*math.Sin(float64(i)*1.7))
	}
	lv, ok := tr.Level()
	require.True(t, ok)
	assert.Equal(t, s.Level, lv)
	assert.Greater(t, lv, 1.0)
	assert.Less(t, lv, 1.5)
}

// exponentialPrior is a tight prior around HI = 1 + θ·exp(β·t).
func exponentialPrior(theta, beta float64) *rul.ExponentialPrior {
	return &rul.ExponentialPrior{Phi: 1, LogThetaMean: math.Log(theta), LogThetaVariance: 1e-6,
		BetaMean: beta, BetaVariance: 1e-8, NoiseVariance: 1e-6}
}

func TestTrackerForecastKnownAnswer(t *testing.T) {
	const theta, beta = 0.5, 0.1
	failure := 1 + theta*math.Exp(beta*30) // reached 30 time units after the alarm run began
	tr, err := asset.NewTracker(asset.TrackerConfig{Baseline: 10, Prior: exponentialPrior(theta, beta), Failure: failure})
	require.NoError(t, err)
	for i := range 10 {
		update(t, tr, float64(i), 1)
	}
	_, err = tr.Forecast()
	assert.ErrorIs(t, err, asset.ErrNoForecast)
	for k := 0; k <= 20; k++ {
		s := update(t, tr, float64(10+k), 1+theta*math.Exp(beta*float64(k)))
		assert.Equal(t, k >= 2, s.Alarm)
	}
	first, _, _ := tr.Alarm()
	assert.Equal(t, 10.0, first)
	fc, err := tr.Forecast()
	require.NoError(t, err)
	assert.InDelta(t, 10, fc.Median, 0.05) // 30 − 20
	assert.LessOrEqual(t, fc.Lo, fc.Median)
	assert.GreaterOrEqual(t, fc.Hi, fc.Median)
	assert.Less(t, fc.Hi-fc.Lo, 1.0)

	// At the failure level the remaining life is 0.
	update(t, tr, 41, failure*1.01)
	fc, err = tr.Forecast()
	require.NoError(t, err)
	assert.Equal(t, asset.Forecast{}, fc)
	assert.Equal(t, 0, tr.Skipped())
}

func TestTrackerSkipsAtOrBelowPhi(t *testing.T) {
	tr, err := asset.NewTracker(asset.TrackerConfig{Baseline: 2, Run: 1, Prior: exponentialPrior(0.5, 0.1), Failure: 10})
	require.NoError(t, err)
	update(t, tr, 0, 1)
	update(t, tr, 1, 1)
	assert.True(t, update(t, tr, 2, 2).Raised)
	update(t, tr, 3, 0.5) // HI 0.5 ≤ φ = 1
	assert.Equal(t, 1, tr.Skipped())
}

func TestTrackerErrors(t *testing.T) {
	for name, cfg := range map[string]asset.TrackerConfig{
		"baseline 1":     {Baseline: 1},
		"smooth":         {Smooth: -1},
		"sigmas":         {Sigmas: -1},
		"sigmas inf":     {Sigmas: math.Inf(1)},
		"pfa":            {PFA: 1},
		"pfa nan":        {PFA: math.NaN()},
		"run":            {Run: -2},
		"samples":        {Samples: asset.MaxSamples + 1},
		"failure at phi": {Prior: exponentialPrior(0.5, 0.1), Failure: 1},
		"bad prior":      {Prior: &rul.ExponentialPrior{Phi: 1}, Failure: 2},
	} {
		_, err := asset.NewTracker(cfg)
		assert.ErrorIs(t, err, asset.ErrConfig, name)
	}
	_, err := asset.NewTracker(asset.TrackerConfig{Prior: &rul.ExponentialPrior{Phi: 1}, Failure: 2})
	assert.ErrorIs(t, err, rul.ErrBadPrior)

	tr, err := asset.NewTracker(asset.TrackerConfig{}) // all defaults
	require.NoError(t, err)
	update(t, tr, 0, 1)
	before, _ := tr.MarshalBinary()
	for _, tv := range [][2]float64{{1, math.NaN()}, {1, math.Inf(1)}, {math.NaN(), 1}, {math.Inf(-1), 1}} {
		s, err := tr.Update(tv[0], tv[1])
		assert.ErrorIs(t, err, asset.ErrInput)
		assert.True(t, sameState(tr.Last(), s))
	}
	after, _ := tr.MarshalBinary()
	assert.Equal(t, before, after, "a rejected value leaves the tracker unchanged")
	for i := 1; i < asset.DefaultBaseline-1; i++ {
		assert.True(t, update(t, tr, float64(i), 1).Learning)
	}
	assert.False(t, update(t, tr, 100, 1).Learning)

	// A baseline whose mean is not positive.
	tr, _ = asset.NewTracker(asset.TrackerConfig{Baseline: 2})
	update(t, tr, 0, -1)
	_, err = tr.Update(1, -1)
	assert.ErrorIs(t, err, asset.ErrInput)

	// Times must increase once the forecast model is fed.
	tr, _ = asset.NewTracker(asset.TrackerConfig{Baseline: 2, Run: 1, Prior: exponentialPrior(0.5, 0.1), Failure: 10})
	update(t, tr, 0, 1)
	update(t, tr, 1, 1)
	update(t, tr, 2, 2)
	update(t, tr, 3, 2)
	_, err = tr.Update(3, 2)
	assert.ErrorIs(t, err, asset.ErrInput)
	assert.ErrorIs(t, err, rul.ErrTimeOrder)
	assert.True(t, errors.Is(err, asset.ErrInput))
}
