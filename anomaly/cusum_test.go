package anomaly

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCUSUMAverageRunLengths(t *testing.T) {
	// Montgomery, Table 9.3: k = 1/2, h = 5 gives ARL₀ ≈ 465 and a 1σ
	// shift is detected after ≈ 10.4 samples.
	c, err := NewCUSUM(CUSUMConfig{K: 0.5, H: 5, Mean: 0, Sigma: 1})
	require.NoError(t, err)
	sim := newDriftSim(1)
	n := 400000
	alarms := runDrift(c, sim.noise(n, 0, 1))
	arl0 := float64(n) / float64(len(alarms))
	t.Logf("in-control ARL %.0f (theory ≈ 465)", arl0)
	assert.InDelta(t, 465, arl0, 60)

	total, trials := 0, 2000
	for k := 0; k < trials; k++ {
		c.Reset()
		x := sim.step(200, 0, 1)
		a := firstAlarmAfter(runDrift(c, x), 0)
		require.GreaterOrEqual(t, a, 0)
		total += a + 1
	}
	arl1 := float64(total) / float64(trials)
	t.Logf("ARL for a 1σ shift %.2f (theory ≈ 10.4)", arl1)
	assert.InDelta(t, 10.4, arl1, 1.0)
}

func TestCUSUMWarmupStep(t *testing.T) {
	cfg := DefaultCUSUMConfig()
	cfg.H = 8 // in-control ARL ≈ 10⁴: no false alarm expected in 1000 samples
	c, err := NewCUSUM(cfg)
	require.NoError(t, err)
	x := newDriftSim(2).step(2000, 1000, -1.5)
	for i := range x {
		x[i] = 20 + 0.5*x[i] // level 20 °C, σ 0.5, step −0.75
	}
	alarms := runDrift(c, x)
	mu, sigma := c.Baseline()
	assert.InDelta(t, 20, mu, 0.2)
	assert.InDelta(t, 0.5, sigma, 0.12)
	a := firstAlarmAfter(alarms, 0)
	assert.GreaterOrEqual(t, a, 1000, "no alarm before the step (alarms %v)", alarms)
	assert.Less(t, a, 1020)
	assert.Less(t, c.Lower()+c.Upper(), 100.0)
	checkDriftBasics(t, c)
}

func TestCUSUMRelearnAcceptsNewLevel(t *testing.T) {
	cfg := DefaultCUSUMConfig()
	cfg.H = 8
	cfg.Relearn = true
	c, err := NewCUSUM(cfg)
	require.NoError(t, err)
	alarms := runDrift(c, newDriftSim(3).step(3000, 1000, 4))
	require.NotEmpty(t, alarms)
	assert.Less(t, alarms[0]-1000, 5)
	// After the alarm the new level is learnt: no alarm storm follows.
	assert.LessOrEqual(t, len(alarms), 3, "alarms %v", alarms)
	mu, _ := c.Baseline()
	assert.InDelta(t, 4, mu, 0.5)
}

func TestCUSUMFlatAndInvalidConfig(t *testing.T) {
	c, err := NewCUSUM(DefaultCUSUMConfig())
	require.NoError(t, err)
	var r DriftResult
	for i := 0; i < 100; i++ {
		r = c.Update(float64(i), 5)
	}
	assert.Equal(t, DriftFlatBaseline, r.Status)
	assert.False(t, r.Alarm)
	r = c.Update(100, 5.01)
	assert.True(t, r.Alarm, "a constant series that moves is a change")

	for _, cfg := range []CUSUMConfig{{K: -1, H: 5, Warmup: 10}, {K: 0.5, H: -1, Warmup: 10}, {K: 0.5, H: 5, Warmup: 1}, {K: 0.5, H: 5, Sigma: -1}} {
		_, err := NewCUSUM(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
}
