package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEWMAExactLimits(t *testing.T) {
	const lam, L, mu, sigma = 0.2, 3.0, 10.0, 2.0
	e, err := NewEWMA(EWMAConfig{Lambda: lam, L: L, Mean: mu, Sigma: sigma})
	require.NoError(t, err)
	// First step: σ_z = σ·√(λ/(2−λ)·(1−(1−λ)²)) = σλ exactly.
	r := e.Update(0, mu+1)
	lo, hi := e.Limits()
	assert.InDelta(t, mu-L*sigma*lam, lo, 1e-12)
	assert.InDelta(t, mu+L*sigma*lam, hi, 1e-12)
	assert.InDelta(t, mu+lam*1, e.Statistic(), 1e-12)
	assert.InDelta(t, 1/sigma, r.Score, 1e-12) // |z−μ|/σ_z = λ/(σλ)
	for k := 2; k <= 200; k++ {
		e.Update(float64(k), mu)
		_, hi = e.Limits()
		want := mu + L*sigma*math.Sqrt(lam/(2-lam)*(1-math.Pow(1-lam, float64(2*k))))
		require.InDelta(t, want, hi, 1e-12, "step %d", k)
	}
	// Asymptote: L·σ·√(λ/(2−λ)).
	assert.InDelta(t, mu+L*sigma*math.Sqrt(lam/(2-lam)), hi, 1e-9)
}

func TestEWMARunLengths(t *testing.T) {
	e, err := NewEWMA(EWMAConfig{Lambda: 0.2, L: 3, Sigma: 1})
	require.NoError(t, err)
	sim := newDriftSim(5)
	n := 300000
	arl0 := float64(n) / float64(len(runDrift(e, sim.noise(n, 0, 1))))
	t.Logf("EWMA λ=0.2 L=3 in-control ARL %.0f", arl0)
	// Asymptotic limits give ≈ 560; exact (narrower) early limits shorten it.
	assert.Greater(t, arl0, 300.0)
	assert.Less(t, arl0, 700.0)
	total, trials := 0, 1000
	for k := 0; k < trials; k++ {
		e.Reset()
		a := firstAlarmAfter(runDrift(e, sim.step(300, 0, 1)), 0)
		require.GreaterOrEqual(t, a, 0)
		total += a + 1
	}
	arl1 := float64(total) / float64(trials)
	t.Logf("EWMA 1σ-shift ARL %.2f (Lucas & Saccucci: ≈ 10.2 with zero-state start)", arl1)
	assert.InDelta(t, 10, arl1, 2)
}

func TestEWMAWarmupAndBasics(t *testing.T) {
	cfg := DefaultEWMAConfig()
	cfg.L = 3.8 // a long in-control run length despite the estimated σ
	e, err := NewEWMA(cfg)
	require.NoError(t, err)
	x := newDriftSim(6).step(1000, 500, 2)
	alarms := runDrift(e, x)
	a := firstAlarmAfter(alarms, 0)
	assert.GreaterOrEqual(t, a, 500, "alarms %v", alarms)
	assert.Less(t, a, 515)
	checkDriftBasics(t, e)

	for _, cfg := range []EWMAConfig{{Lambda: -0.1, L: 3, Warmup: 10}, {Lambda: 1.5, L: 3, Warmup: 10}, {Lambda: 0.2, L: -1, Warmup: 10}, {Lambda: 0.2, L: 3, Warmup: 1}} {
		_, err := NewEWMA(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
}
