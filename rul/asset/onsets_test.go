package asset_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// healthyTracker is a tracker past its 20-value baseline at HI ≈ 1, the
// latest value at time 29.
func healthyTracker(t *testing.T) *asset.Tracker {
	tr, err := asset.NewTracker(asset.TrackerConfig{Baseline: 20})
	require.NoError(t, err)
	for i := range 30 {
		_, err := tr.Update(float64(i), 1+0.01*float64(1-2*(i%2)))
		require.NoError(t, err)
	}
	return tr
}

// TestOutlookOnsetsMixture: the mixture's CDF is the posterior-weighted
// sum of the components' closed forms (the life Weibull at the age, the
// onset Weibull at each time since onset) to within the Mixer's 1/(2m).
func TestOutlookOnsetsMixture(t *testing.T) {
	life, err := rul.NewWeibullModel(2, 100)
	require.NoError(t, err)
	onset, err := rul.NewWeibullModel(1.5, 10)
	require.NoError(t, err)
	f := &asset.Fleet{Life: life, Onset: onset}
	tr := healthyTracker(t)
	on := asset.Onsets{Time: []float64{20, 25}, Weight: []float64{0.3, 0.5}, None: 0.2}
	o, err := f.OutlookOnsets(nil, nil, tr, 29, on)
	require.NoError(t, err)
	assert.Equal(t, asset.FromOnsets, o.Source)
	assert.Equal(t, "onsets", o.Source.String())
	dl, _ := life.Predict(nil, 29)
	d1, _ := onset.Predict(nil, 9)
	d2, _ := onset.Predict(nil, 4)
	for _, x := range []float64{1, 3, 10, 30, 80} {
		want := 0.2*dl.CDF(x) + 0.3*d1.CDF(x) + 0.5*d2.CDF(x)
		assert.InDelta(t, want, o.PFail(x), 1/(2.0*asset.OnsetQuantiles)+1e-12, "x=%g", x)
	}
	assert.InDelta(t, o.Dist.Median(), o.Median, 1e-12)

	// All the mass on "no onset": the life forecast's quantiles.
	o, err = f.OutlookOnsets(nil, nil, tr, 29, asset.Onsets{None: 1})
	require.NoError(t, err)
	assert.InDelta(t, 0.5, dl.CDF(o.Median), 1.0/asset.OnsetQuantiles)

	_, err = f.OutlookOnsets(nil, nil, tr, 29, asset.Onsets{Time: []float64{1}, Weight: nil, None: 1})
	assert.True(t, errors.Is(err, asset.ErrInput), "%v", err)
	_, err = f.OutlookOnsets(nil, nil, tr, 29, asset.Onsets{})
	assert.True(t, errors.Is(err, asset.ErrInput), "%v", err)
	_, err = f.OutlookOnsets(nil, nil, tr, -1, asset.Onsets{None: 1})
	assert.True(t, errors.Is(err, asset.ErrInput), "%v", err)
	_, err = (&asset.Fleet{Life: life}).OutlookOnsets(nil, nil, tr, 29, asset.Onsets{None: 1})
	assert.True(t, errors.Is(err, asset.ErrNoForecast), "%v", err)
}

// TestOutlookHazard: with UseHazard, a unit without an alarm is forecast
// from the proportional-hazards model at its age and z = ln HI: the
// conditional Weibull of scale λe^{−γz/k}.
func TestOutlookHazard(t *testing.T) {
	ph, err := rul.NewWeibullPH(2, 100, 1.5)
	require.NoError(t, err)
	life, err := rul.NewWeibullModel(2, 100)
	require.NoError(t, err)
	f := &asset.Fleet{Life: life, Hazard: ph}
	tr := healthyTracker(t)
	o, err := f.Outlook(nil, tr, 29)
	require.NoError(t, err)
	assert.Equal(t, asset.FromLife, o.Source, "UseHazard off")
	f.UseHazard = true
	o, err = f.Outlook(nil, tr, 29)
	require.NoError(t, err)
	assert.Equal(t, asset.FromHazard, o.Source)
	assert.Equal(t, "hazard", o.Source.String())
	z := math.Log(tr.Last().HI)
	sc := 100 * math.Exp(-1.5*z/2)
	want := -math.Expm1(math.Pow(29/sc, 2) - math.Pow(39/sc, 2))
	assert.InDelta(t, want, o.PFail(10), 1e-12)
}

// TestLearnFleetHazard: LearnFleet fits Hazard from the runs' ln HI
// histories. The units degrade nearly alike after onsets at different ages, so
// each fails at the highest HI of the units still running: γ > 0, and a
// unit at a higher HI gets the shorter forecast.
func TestLearnFleetHazard(t *testing.T) {
	var runs []asset.Run
	for i := range 4 {
		r := asset.Run{Name: fmt.Sprintf("unit %d", i)}
		for j := range 20 + 5*i {
			r.Time = append(r.Time, float64(j))
			r.Value = append(r.Value, 1+0.01*float64(1-2*(j%2)))
		}
		for k := range 10 {
			r.Time = append(r.Time, float64(20+5*i+k))
			r.Value = append(r.Value, 1+0.1*math.Exp((0.28+0.02*float64(i))*float64(k)))
		}
		runs = append(runs, r)
	}
	f, err := asset.LearnFleet(runs, asset.TrackerConfig{Baseline: 20, Sigmas: 3}, 1)
	require.NoError(t, err)
	require.NotNil(t, f.Hazard)
	assert.Greater(t, f.Hazard.Gamma(), 0.0, "the HI rises before each failure")
	lo, err := f.Hazard.Predict(nil, 20, 0)
	require.NoError(t, err)
	hi, err := f.Hazard.Predict(nil, 20, 1)
	require.NoError(t, err)
	assert.Less(t, hi.Median(), lo.Median())
}

// TestLearnFleetCensored: a censored run enters the lifetime Weibull as a
// suspension (the fit equals rul.FitWeibull's with its flag false) and
// leaves the failure level alone.
func TestLearnFleetCensored(t *testing.T) {
	var runs []asset.Run
	var lives []float64
	var failed []bool
	for i, b := range []float64{0.2, 0.25, 0.3, 0.35} {
		r := fleetRun(fmt.Sprintf("unit %d", i), b, 8+2*i)
		runs = append(runs, r)
		lives, failed = append(lives, r.Time[len(r.Time)-1]-r.Time[0]), append(failed, true)
	}
	base, err := asset.LearnFleet(runs, asset.TrackerConfig{Baseline: 20, Sigmas: 3}, 1)
	require.NoError(t, err)
	c := fleetRun("still running", 0.3, 40)
	c.Censored = true
	f, err := asset.LearnFleet(append(runs, c), asset.TrackerConfig{Baseline: 20, Sigmas: 3}, 1)
	require.NoError(t, err)
	want, err := rul.FitWeibull(append(lives, c.Time[len(c.Time)-1]-c.Time[0]), append(failed, false))
	require.NoError(t, err)
	assert.InDelta(t, want.Shape(), f.Life.Shape(), 1e-12)
	assert.InDelta(t, want.Scale(), f.Life.Scale(), 1e-9)
	assert.Greater(t, f.Life.Scale(), base.Life.Scale(), "a long suspension lengthens the lives")
	assert.Equal(t, base.Failure, f.Failure)
	assert.True(t, f.Units[4].Censored)
}
