package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// expSamples returns n Exp(scale) samples.
func expSamples(s driftSim, n int, scale float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = scale * s.r.ExpFloat64()
	}
	return x
}

// TestSPOTExponentialTail: for Exp(β) the excesses over any threshold are
// Exp(β) (γ = 0, σ = β) and the exact (1−q)-quantile is −β·ln q.
func TestSPOTExponentialTail(t *testing.T) {
	const beta, q = 2.0, 1e-3
	for _, m := range []GPDMethod{GPDGrimshaw, GPDMoments} {
		sim := newDriftSim(41)
		cfg := SPOTConfig{PFA: q, Level: 0.98, Calibration: 20000, MaxPeaks: 2000, Method: m}
		s, err := NewSPOT(cfg)
		require.NoError(t, err)
		require.NoError(t, s.Init(expSamples(sim, 20000, beta)))
		g, sg := s.GPD()
		z, ok := s.Threshold()
		require.True(t, ok)
		exact := -beta * math.Log(q)
		t.Logf("method %d: γ %.4f σ %.4f z_q %.4f exact %.4f", m, g, sg, z, exact)
		assert.InDelta(t, 0, g, 0.08)
		assert.InDelta(t, beta, sg, 0.25)
		assert.InDelta(t, exact, z, 0.05*exact)

		// Empirical false-alarm rate on a long i.i.d. stream ≈ q when the
		// stream is learnt in full; the paper's default (alarms not
		// learnt) truncates the tail and drifts above q.
		n := 200000
		stream := expSamples(sim, n, beta)
		cfg.LearnAlarms = true
		learn, err := NewSPOT(cfg)
		require.NoError(t, err)
		require.NoError(t, learn.Init(expSamples(sim, 20000, beta)))
		rate := float64(len(runDrift(learn, stream))) / float64(n)
		t.Logf("method %d: false-alarm rate %.2e (q = %.0e), alarms learnt", m, rate, q)
		assert.InDelta(t, q, rate, 0.25*q)
		rate = float64(len(runDrift(s, stream))) / float64(n)
		t.Logf("method %d: false-alarm rate %.2e (q = %.0e), alarms not learnt", m, rate, q)
		assert.Less(t, rate, 4*q)
	}
}

// TestSPOTHeavyTail: GPD(γ = 0.25, σ = 1) data; the exact quantile is
// σ/γ·(q^(−γ) − 1).
func TestSPOTHeavyTail(t *testing.T) {
	const gamma, sigma, q = 0.25, 1.0, 1e-3
	sim := newDriftSim(42)
	x := make([]float64, 50000)
	for i := range x {
		x[i] = sigma / gamma * (math.Pow(1-sim.r.Float64(), -gamma) - 1)
	}
	s, err := NewSPOT(SPOTConfig{PFA: q, Level: 0.95, Calibration: 50000, MaxPeaks: 5000})
	require.NoError(t, err)
	require.NoError(t, s.Init(x))
	g, _ := s.GPD()
	z, _ := s.Threshold()
	exact := sigma / gamma * (math.Pow(q, -gamma) - 1)
	t.Logf("γ %.3f (true %.2f), z_q %.3f (exact %.3f)", g, gamma, z, exact)
	assert.InDelta(t, gamma, g, 0.06)
	assert.InDelta(t, exact, z, 0.1*exact)
}

func TestGrimshawMatchesMLE(t *testing.T) {
	// On GPD data the Grimshaw root must be a likelihood maximum: nudging
	// (γ, σ) never increases the likelihood.
	sim := newDriftSim(43)
	y := make([]float64, 400)
	for i := range y {
		y[i] = 0.5 / 0.3 * (math.Pow(1-sim.r.Float64(), -0.3) - 1)
	}
	g, sg, _, ok := gpdGrimshaw(y)
	require.True(t, ok)
	best := gpdLogLik(y, g, sg)
	for _, dg := range []float64{-1e-3, 0, 1e-3} {
		for _, ds := range []float64{-1e-3, 0, 1e-3} {
			assert.LessOrEqual(t, gpdLogLik(y, g+dg, sg*(1+ds)), best+1e-9)
		}
	}
	// Negative shape (bounded tail), γ = −0.3: a root in (−1/max y, 0).
	for i := range y {
		y[i] = 0.5 / -0.3 * (math.Pow(1-sim.r.Float64(), 0.3) - 1)
	}
	g, _, _, ok = gpdGrimshaw(y)
	require.True(t, ok)
	assert.InDelta(t, -0.3, g, 0.12)
}

// TestDSPOTFollowsDrift: a rising level makes plain SPOT alarm on
// everything above its initial threshold, while DSPOT's moving-average
// window follows it; both catch an injected spike.
func TestDSPOTFollowsDrift(t *testing.T) {
	sim := newDriftSim(44)
	n := 30000
	x := expSamples(sim, n, 1)
	for i := range x {
		x[i] += 0.001 * float64(i) // +30 over the series
	}
	spike := 25000
	x[spike] += 40
	cfg := SPOTConfig{PFA: 1e-3, Level: 0.98, Calibration: 2000, MaxPeaks: 1000}
	plain, err := NewSPOT(cfg)
	require.NoError(t, err)
	cfg.Depth = 50
	drift, err := NewSPOT(cfg)
	require.NoError(t, err)
	pa, da := runDrift(plain, x), runDrift(drift, x)
	t.Logf("alarms: SPOT %d, DSPOT %d over %d samples", len(pa), len(da), n)
	assert.Greater(t, len(pa), 4*len(da))
	assert.Less(t, len(da), 3*n/1000)
	assert.Contains(t, da, spike)
	z, ok := drift.Threshold()
	require.True(t, ok)
	assert.Greater(t, z, 30.0, "the DSPOT threshold includes the local level")
	small, err := NewSPOT(SPOTConfig{PFA: 1e-3, Level: 0.98, Calibration: 1000, MaxPeaks: 100, Depth: 20})
	require.NoError(t, err)
	checkDriftBasicsOn(t, small, newDriftSim(47).step(3000, 2500, 8))
}

func TestSPOTLowerTail(t *testing.T) {
	sim := newDriftSim(45)
	cfg := SPOTConfig{PFA: 1e-3, Level: 0.98, Calibration: 5000, MaxPeaks: 1000, Lower: true}
	s, err := NewSPOT(cfg)
	require.NoError(t, err)
	x := expSamples(sim, 20000, 1)
	for i := range x {
		x[i] = 100 - x[i]
	}
	x[15000] = 60
	alarms := runDrift(s, x)
	assert.Contains(t, alarms, 15000)
	z, _ := s.Threshold()
	assert.InDelta(t, 100+math.Log(1e-3), z, 1.5)
}

func TestSPOTBadInput(t *testing.T) {
	for _, cfg := range []SPOTConfig{
		{PFA: 1e-3, Level: 1, Calibration: 1000, MaxPeaks: 100},
		{PFA: 0.05, Level: 0.98, Calibration: 1000, MaxPeaks: 100},
		{PFA: 1e-3, Level: 0.98, Calibration: 100, MaxPeaks: 100},
		{PFA: 1e-3, Level: 0.98, Calibration: 1000, MaxPeaks: 5},
		{PFA: 1e-3, Level: 0.98, Calibration: 1000, MaxPeaks: 100, Depth: -1},
		{PFA: 1e-3, Level: 0.98, Calibration: 1000, MaxPeaks: 100, Method: 9},
	} {
		_, err := NewSPOT(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
	s, err := NewSPOT(SPOTConfig{PFA: 1e-3, Level: 0.98, Calibration: 1000, MaxPeaks: 100})
	require.NoError(t, err)
	assert.ErrorContains(t, s.Init([]float64{1, 2}), "at least")
	assert.ErrorContains(t, s.Init(append(make([]float64, 50), math.NaN())), "value 50")
	// A constant series has no peaks: a clear error, and streaming keeps
	// calibrating instead of alarming.
	assert.ErrorContains(t, s.Init(make([]float64, 1000)), "peaks")
	s.Reset()
	for i := 0; i < 3000; i++ {
		r := s.Update(float64(i), 7)
		require.Equal(t, DriftWarmup, r.Status)
	}
	assert.ErrorContains(t, s.Err(), "constant")
	_, ok := s.Threshold()
	assert.False(t, ok)
}

func TestSPOTZeroAllocs(t *testing.T) {
	sim := newDriftSim(46)
	s, err := NewSPOT(SPOTConfig{PFA: 1e-3, Level: 0.98, Calibration: 1000, MaxPeaks: 200, Depth: 20})
	require.NoError(t, err)
	x := expSamples(sim, 5000, 1)
	i := 0
	allocs := testing.AllocsPerRun(4000, func() {
		s.Update(float64(i), x[i%len(x)])
		i++
	})
	assert.Zero(t, allocs)
}
