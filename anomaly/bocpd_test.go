package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bocpdBrute computes the exact run-length posterior after each sample by
// the Adams–MacKay recursion in linear space, with each run length's
// Student-t predictive built from the raw segment by the closed-form
// Normal-Gamma posterior (no truncation, no incremental statistics).
func bocpdBrute(cfg BOCPDConfig, x []float64) [][]float64 {
	pred := func(seg []float64, v float64) float64 {
		n := float64(len(seg))
		mean, ss := 0.0, 0.0
		for _, s := range seg {
			mean += s
		}
		if n > 0 {
			mean /= n
		}
		for _, s := range seg {
			ss += (s - mean) * (s - mean)
		}
		k := cfg.Kappa0 + n
		mu := (cfg.Kappa0*cfg.Mu0 + n*mean) / k
		a := cfg.Alpha0 + n/2
		b := cfg.Beta0 + ss/2 + cfg.Kappa0*n*(mean-cfg.Mu0)*(mean-cfg.Mu0)/(2*k)
		nu := 2 * a
		s2 := b * (k + 1) / (a * k)
		l1, _ := math.Lgamma((nu + 1) / 2)
		l2, _ := math.Lgamma(nu / 2)
		z := (v - mu) * (v - mu) / (nu * s2)
		return math.Exp(l1 - l2 - 0.5*math.Log(nu*math.Pi*s2) - (nu+1)/2*math.Log1p(z))
	}
	p := []float64{1}
	var out [][]float64
	for t, v := range x {
		next := make([]float64, len(p)+1)
		for r, pr := range p {
			pi := pred(x[t-r:t], v)
			next[r+1] += pr * pi * (1 - cfg.Hazard)
			next[0] += pr * pi * cfg.Hazard
		}
		s := 0.0
		for _, q := range next {
			s += q
		}
		for r := range next {
			next[r] /= s
		}
		p = next
		out = append(out, p)
	}
	return out
}

func TestBOCPDMatchesBruteForce(t *testing.T) {
	cfg := BOCPDConfig{Hazard: 0.05, MaxRunLength: 200, Mu0: 0.5, Kappa0: 0.7, Alpha0: 1.5, Beta0: 2, Lag: 3, Threshold: 0.5}
	b, err := NewBOCPD(cfg)
	require.NoError(t, err)
	x := newDriftSim(11).step(80, 40, 3)
	want := bocpdBrute(cfg, x)
	got := make([]float64, cfg.MaxRunLength+1)
	for i, v := range x {
		r := b.Update(float64(i), v)
		b.Posterior(got)
		sum := 0.0
		for k := range got {
			w := 0.0
			if k < len(want[i]) {
				w = want[i][k]
			}
			require.InDelta(t, w, got[k], 1e-10, "t=%d r=%d", i, k)
			sum += got[k]
		}
		require.InDelta(t, 1, sum, 1e-12)
		require.InDelta(t, cfg.Hazard, got[0], 1e-12, "P(r=0) is the hazard")
		lagSum := 0.0
		for k := 0; k <= cfg.Lag && k < len(want[i]); k++ {
			lagSum += want[i][k]
		}
		require.InDelta(t, lagSum, r.Score, 1e-10)
	}
}

func TestBOCPDTruncationKeepsMass(t *testing.T) {
	cfg := DefaultBOCPDConfig()
	cfg.MaxRunLength = 20
	b, err := NewBOCPD(cfg)
	require.NoError(t, err)
	post := make([]float64, 21)
	for i, v := range newDriftSim(12).noise(500, 0, 1) {
		b.Update(float64(i), v)
		b.Posterior(post)
		s := 0.0
		for _, p := range post {
			s += p
		}
		require.InDelta(t, 1, s, 1e-12)
	}
	assert.Equal(t, 20, b.RunLength(), "a long stationary run piles up in the last bin")
}

func TestBOCPDDetectsMeanAndVarianceChanges(t *testing.T) {
	b, err := NewBOCPD(DefaultBOCPDConfig())
	require.NoError(t, err)
	sim := newDriftSim(13)
	// Stationary: at most a rare false alarm in 5000 samples (the prior
	// expects a change every 250).
	fa := runDrift(b, sim.noise(5000, 0, 1))
	t.Logf("false alarms in 5000 stationary samples: %v", fa)
	assert.LessOrEqual(t, len(fa), 2)
	// Mean step of 2σ.
	b.Reset()
	alarms := runDrift(b, sim.step(1000, 500, 2))
	require.NotEmpty(t, alarms)
	assert.GreaterOrEqual(t, alarms[0], 500, "alarms %v", alarms)
	assert.Less(t, alarms[0], 515, "alarms %v", alarms)
	assert.InDelta(t, 500, 1000-b.RunLength(), 10, "the MAP run length points at the change")
	// Variance change σ 1 → 4 at the same mean.
	b.Reset()
	x := append(sim.noise(600, 0, 1), sim.noise(400, 0, 4)...)
	alarms = runDrift(b, x)
	require.NotEmpty(t, alarms)
	assert.GreaterOrEqual(t, alarms[0], 600, "alarms %v", alarms)
	assert.Less(t, alarms[0], 625, "alarms %v", alarms)
	checkDriftBasics(t, b)
}

func TestBOCPDInvalidConfig(t *testing.T) {
	bad := []func(*BOCPDConfig){
		func(c *BOCPDConfig) { c.Hazard = -0.1 },
		func(c *BOCPDConfig) { c.Hazard = 1 },
		func(c *BOCPDConfig) { c.MaxRunLength = -1 },
		func(c *BOCPDConfig) { c.Beta0 = -1 },
		func(c *BOCPDConfig) { c.Mu0 = math.NaN() },
		func(c *BOCPDConfig) { c.Lag = -1 },
		func(c *BOCPDConfig) { c.Threshold = 1 },
	}
	for i, f := range bad {
		cfg := DefaultBOCPDConfig()
		f(&cfg)
		_, err := NewBOCPD(cfg)
		assert.Error(t, err, "case %d", i)
	}
	b, err := NewBOCPD(DefaultBOCPDConfig())
	require.NoError(t, err)
	assert.Panics(t, func() { b.Posterior(make([]float64, 3)) })
}
