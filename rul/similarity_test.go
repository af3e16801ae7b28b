package rul

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func simLibrary(rng *rand.Rand, n int) []History {
	lib := make([]History, n)
	for i := range lib {
		lib[i], _ = simExponential(rng, testExpPrior, 5, 1)
	}
	return lib
}

func TestSimilarityCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	lib := simLibrary(rng, 150)
	m, err := NewSimilarityModel(lib, SimilarityConfig{Degree: 2, K: 20})
	require.NoError(t, err)
	covered, units := 0, 200
	var relErr float64
	d := &Distribution{}
	for u := 0; u < units; u++ {
		h, tFail := simExponential(rng, testExpPrior, 5, 1)
		obs := prefix(h, 0.7)
		m.Reset()
		require.NoError(t, m.UpdateBatch(obs.Time, obs.Value))
		_, err := m.Predict(d)
		require.NoError(t, err)
		truth := tFail - obs.Time[len(obs.Time)-1]
		if lo, hi := d.Interval(0.9); lo <= truth+1 && truth-1 <= hi { // ±1: lives are whole steps
			covered++
		}
		relErr += math.Abs(d.Median()-truth) / truth
	}
	rate := float64(covered) / float64(units)
	t.Logf("similarity: 90%% interval coverage %.3f, mean |relative error| of median %.3f", rate, relErr/float64(units))
	assert.GreaterOrEqual(t, rate, 0.75)
	assert.Less(t, relErr/float64(units), 0.3)
}

// TestSimilarityExactMatch: a unit that follows a library history exactly
// (offset in time, found by the shift search) gets that history's remaining
// life.
func TestSimilarityExactMatch(t *testing.T) {
	var lib []History
	for i := 0; i < 5; i++ {
		eol := 100.0 + 20*float64(i)
		var h History
		for tt := 0.0; tt <= eol; tt++ {
			h.Time = append(h.Time, tt)
			h.Value = append(h.Value, (tt/eol)*(tt/eol)*(1+0.1*float64(i)))
		}
		lib = append(lib, h)
	}
	m, err := NewSimilarityModel(lib, SimilarityConfig{Degree: 2, K: 1, MaxShift: 30, ShiftStep: 1})
	require.NoError(t, err)
	// Unit = history 2 (EOL 140) started 10 cycles late: at its time t its
	// value is history 2's at t + 10.
	for tt := 1.0; tt <= 60; tt++ {
		x := (tt + 10) / 140
		require.NoError(t, m.Update(tt, x*x*1.2))
	}
	d, err := m.Predict(nil)
	require.NoError(t, err)
	assert.InDelta(t, 140-70, d.Median(), 1e-9)
}

func TestSimilarityErrors(t *testing.T) {
	_, err := NewSimilarityModel(nil, SimilarityConfig{})
	assert.ErrorIs(t, err, ErrTooFewPoints)
	short := History{Time: []float64{1, 2}, Value: []float64{1, 2}}
	_, err = NewSimilarityModel([]History{short}, SimilarityConfig{Degree: 2})
	assert.ErrorIs(t, err, ErrTooFewPoints)
	ok := History{Time: []float64{1, 2, 3, 4}, Value: []float64{1, 2, 3, 5}}
	_, err = NewSimilarityModel([]History{ok}, SimilarityConfig{MaxShift: 3})
	assert.ErrorIs(t, err, ErrBadInput)
	m, err := NewSimilarityModel([]History{ok}, SimilarityConfig{})
	require.NoError(t, err)
	_, err = m.Predict(nil)
	assert.ErrorIs(t, err, ErrTooFewPoints)
	assert.ErrorIs(t, m.Update(1, math.NaN()), ErrNaN)
	require.NoError(t, m.Update(5, 6))
	_, err = m.Predict(nil)
	assert.ErrorIs(t, err, ErrThresholdCrossed)
}
