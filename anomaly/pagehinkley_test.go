package anomaly

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPageHinkleyStep(t *testing.T) {
	p, err := NewPageHinkley(PageHinkleyConfig{Delta: 0.5, Lambda: 25, MinSamples: 30})
	require.NoError(t, err)
	sim := newDriftSim(4)
	// In control: no alarm in 20 000 N(0,1) samples.
	assert.Empty(t, runDrift(p, sim.noise(20000, 3, 1)))
	for _, delta := range []float64{2, -2} {
		p.Reset()
		x := sim.step(1500, 1000, delta)
		alarms := runDrift(p, x)
		a := firstAlarmAfter(alarms, 0)
		assert.GreaterOrEqual(t, a, 1000, "Δ=%g alarms %v", delta, alarms)
		// Expected delay ≈ λ/(|Δ| − δ) plus the mean's lag: about 17–25.
		assert.Less(t, a, 1000+40, "Δ=%g", delta)
	}
	assert.InDelta(t, 0, p.Mean(), 2.5)
	checkDriftBasics(t, p)
}

func TestPageHinkleyInvalidConfig(t *testing.T) {
	for _, cfg := range []PageHinkleyConfig{{Delta: -1, Lambda: 1, MinSamples: 1}, {Delta: 0, Lambda: -1, MinSamples: 1}, {Delta: 0, Lambda: 1, MinSamples: -1}} {
		_, err := NewPageHinkley(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
}
