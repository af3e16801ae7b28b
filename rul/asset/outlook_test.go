package asset_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/rul/asset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultFleetOutlook(t *testing.T) {
	const l10 = 1000.0 // hours
	f, err := asset.DefaultFleet(l10)
	require.NoError(t, err)
	tr, err := asset.NewTracker(asset.TrackerConfig{Baseline: 20})
	require.NoError(t, err)
	for i := range 30 {
		_, err := tr.Update(float64(i), 1+0.01*float64(1-2*(i%2)))
		require.NoError(t, err)
	}
	// New unit: the L10 life is the 10 % quantile, and the median of a
	// Weibull(1.5, λ) with λ = L10/(−ln 0.9)^(1/1.5) is λ·(ln 2)^(1/1.5).
	o, err := f.Outlook(nil, tr, 0)
	require.NoError(t, err)
	assert.True(t, o.Default)
	assert.Equal(t, asset.FromLife, o.Source)
	assert.InDelta(t, 0.1, o.PFail(l10), 1e-12)
	lambda := l10 / math.Pow(-math.Log(0.9), 1/1.5)
	assert.InDelta(t, lambda*math.Pow(math.Ln2, 1/1.5), o.Median, 1e-9*lambda)
	assert.Less(t, o.Lo, o.Median)
	assert.Less(t, o.Median, o.Hi)
	// At an age, conditioned on survival: P(fail within h | age a) =
	// 1 − exp((a/λ)^k − ((a+h)/λ)^k), larger than at age 0 (rising hazard).
	o2, err := f.Outlook(nil, tr, 2000)
	require.NoError(t, err)
	want := -math.Expm1(math.Pow(2000/lambda, 1.5) - math.Pow(2336/lambda, 1.5))
	assert.InDelta(t, want, o2.PFail(336), 1e-12) // two weeks in hours
	assert.Greater(t, o2.PFail(336), o.PFail(336))
	assert.Equal(t, 0.0, o2.PFail(-1))

	_, err = f.Outlook(nil, tr, -1)
	assert.True(t, errors.Is(err, asset.ErrInput), "%v", err)
	_, err = f.Outlook(nil, tr, math.NaN())
	assert.True(t, errors.Is(err, asset.ErrInput), "%v", err)
	_, err = asset.DefaultFleet(0)
	assert.True(t, errors.Is(err, asset.ErrConfig), "%v", err)
	var empty asset.Fleet
	_, err = empty.Outlook(nil, tr, 0)
	assert.True(t, errors.Is(err, asset.ErrNoForecast), "%v", err)
}

func TestFleetOutlookStages(t *testing.T) {
	betas := []float64{0.2, 0.25, 0.3, 0.35}
	var runs []asset.Run
	for i, b := range betas {
		runs = append(runs, fleetRun(fmt.Sprintf("unit %d", i), b, 8+2*i))
	}
	cfg := asset.TrackerConfig{Baseline: 20}
	f, err := asset.LearnFleet(runs, cfg, 1)
	require.NoError(t, err)
	require.NotNil(t, f.Life)
	require.NotNil(t, f.Onset)
	assert.False(t, f.Default)
	// Lives 28, 30, 32, 34 and alarm-to-failure times 7, 9, 11, 13: the
	// Weibull fits' medians lie inside each range.
	ml, err := f.Life.Predict(nil, 0)
	require.NoError(t, err)
	assert.InDelta(t, 31, ml.Median(), 3)
	mo, err := f.Onset.Predict(nil, 0)
	require.NoError(t, err)
	assert.InDelta(t, 10, mo.Median(), 3)

	cfg.Prior, cfg.Failure = &f.Prior, f.Failure
	tr, err := asset.NewTracker(cfg)
	require.NoError(t, err)
	u := fleetRun("new", 0.25, 30)
	var sources []asset.Source
	for i := range u.Time {
		_, err := tr.Update(u.Time[i], u.Value[i])
		require.NoError(t, err)
		if i < 19 {
			continue
		}
		o, err := f.Outlook(nil, tr, u.Time[i])
		require.NoError(t, err)
		if len(sources) == 0 || sources[len(sources)-1] != o.Source {
			sources = append(sources, o.Source)
		}
		assert.True(t, o.Lo <= o.Median && o.Median <= o.Hi, "%d: %+v", i, o)
		if o.Source == asset.FromFailed {
			// Past the failure level: RUL 0 with its distribution, no error.
			assert.Equal(t, 0.0, o.Median)
			assert.Equal(t, 1.0, o.PFail(0))
			assert.Equal(t, 0.0, o.Dist.Quantile(0.9))
		}
	}
	// Healthy → alarmed and forecast → failed, in that order.
	assert.Equal(t, asset.FromLife, sources[0])
	assert.Equal(t, asset.FromFailed, sources[len(sources)-1])
	assert.Contains(t, sources, asset.FromDegradation)
	assert.Equal(t, "degradation", asset.FromDegradation.String())
}
