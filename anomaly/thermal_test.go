package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
