package anomaly

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rigLevels returns levels for 4 bearings over n snapshots: lognormal noise,
// a common-mode swing shared by all, and, from onset on, a rise of bearing
// 0 alone by factor rise.
func rigLevels(n, onset int, rise float64, seed int64) [][]float64 {
	rng := rand.New(rand.NewSource(seed))
	out := make([][]float64, n)
	for i := range out {
		common := 0.5 * math.Sin(2*math.Pi*float64(i)/150)
		row := make([]float64, 4)
		for b := range row {
			row[b] = math.Exp(common + 0.05*rng.NormFloat64())
		}
		if onset >= 0 && i >= onset {
			row[0] *= rise
		}
		out[i] = row
	}
	return out
}

func firstRigAlarms(t *testing.T, m *RigMonitor, levels [][]float64) []int {
	first := []int{-1, -1, -1, -1}
	dst := make([]RigScore, 4)
	for i, l := range levels {
		_, err := m.Update(dst, l)
		require.NoError(t, err)
		for b, s := range dst {
			if s.Alarm && first[b] < 0 {
				first[b] = i
			}
		}
	}
	return first
}

func TestRigMonitorRejectsCommonModeAndFindsOwnRise(t *testing.T) {
	m, err := NewRigMonitor(4, DefaultRigMonitorConfig())
	require.NoError(t, err)
	// A common-mode swing of ±65 % alone never alarms.
	assert.Equal(t, []int{-1, -1, -1, -1}, firstRigAlarms(t, m, rigLevels(1500, -1, 1, 1)))
	// A 50 % rise of bearing 0 alone alarms it within K+Smooth snapshots,
	// and no other bearing.
	m.Reset()
	first := firstRigAlarms(t, m, rigLevels(1500, 800, 1.5, 2))
	assert.GreaterOrEqual(t, first[0], 800)
	assert.Less(t, first[0], 800+6+5)
	assert.Equal(t, []int{-1, -1, -1}, first[1:])
}

func TestRigMonitorNotReadyBeforeBaseline(t *testing.T) {
	cfg := DefaultRigMonitorConfig()
	m, err := NewRigMonitor(4, cfg)
	require.NoError(t, err)
	levels := rigLevels(cfg.Skip+cfg.Baseline+1, -1, 1, 3)
	var dst []RigScore
	for i, l := range levels {
		dst, err = m.Update(dst, l)
		require.NoError(t, err)
		assert.Equal(t, i >= cfg.Skip+cfg.Baseline, dst[0].Ready, "snapshot %d", i)
	}
	assert.Greater(t, dst[0].Threshold, 0.0)
}

func TestRigMonitorBadInput(t *testing.T) {
	_, err := NewRigMonitor(1, DefaultRigMonitorConfig())
	assert.ErrorContains(t, err, "at least 2 bearings")
	bad := DefaultRigMonitorConfig()
	bad.PFA = -1
	_, err = NewRigMonitor(4, bad)
	assert.ErrorContains(t, err, "PFA")
	bad = DefaultRigMonitorConfig()
	bad.Baseline = 3
	_, err = NewRigMonitor(4, bad)
	assert.ErrorContains(t, err, "Baseline")

	m, err := NewRigMonitor(2, DefaultRigMonitorConfig())
	require.NoError(t, err)
	for _, v := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		_, err = m.Update(nil, []float64{1, v})
		assert.ErrorContains(t, err, "bearing 1", "level %v", v)
	}
	assert.Equal(t, 0, m.Snapshots(), "rejected snapshots are not used")
	assert.Panics(t, func() { m.Update(nil, []float64{1}) })

	// A baseline with no spread cannot set a threshold.
	cfg := RigMonitorConfig{Skip: -1, Baseline: 20, Smooth: 1, PFA: 1e-3, Margin: 2, K: 1}
	m, err = NewRigMonitor(2, cfg)
	require.NoError(t, err)
	for i := 0; i < 19; i++ {
		_, err = m.Update(nil, []float64{1, 1})
		require.NoError(t, err)
	}
	_, err = m.Update(nil, []float64{1, 1})
	assert.ErrorContains(t, err, "no spread")
}

func TestRigMonitorZeroAllocs(t *testing.T) {
	m, err := NewRigMonitor(4, DefaultRigMonitorConfig())
	require.NoError(t, err)
	levels := rigLevels(400, -1, 1, 4)
	dst := make([]RigScore, 4)
	for _, l := range levels {
		_, err = m.Update(dst, l)
		require.NoError(t, err)
	}
	row := levels[len(levels)-1]
	assert.Zero(t, testing.AllocsPerRun(200, func() { m.Update(dst, row) }))
}
