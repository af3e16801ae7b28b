package anomaly

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBOCPDConfigBounds: a MaxRunLength of 1<<40 used to die with a fatal
// out-of-memory in NewBOCPD; it and a prior beyond MaxBOCPDValue are now
// ErrConfig.
func TestBOCPDConfigBounds(t *testing.T) {
	for _, f := range []func(*BOCPDConfig){
		func(c *BOCPDConfig) { c.MaxRunLength = min(1<<40, math.MaxInt) }, // math.MaxInt on 32-bit CPUs
		func(c *BOCPDConfig) { c.MaxRunLength = MaxBOCPDRunLength + 1 },
		func(c *BOCPDConfig) { c.Mu0 = 1e200 },
		func(c *BOCPDConfig) { c.Kappa0 = 1e300 },
		func(c *BOCPDConfig) { c.Beta0 = math.Inf(1) },
	} {
		cfg := DefaultBOCPDConfig()
		f(&cfg)
		_, err := NewBOCPD(cfg)
		assert.True(t, errors.Is(err, ErrConfig), "%+v: %v", cfg, err)
	}
	cfg := DefaultBOCPDConfig()
	cfg.MaxRunLength = 4096
	_, err := NewBOCPD(cfg)
	assert.NoError(t, err)
}

// TestBOCPDExtremeSamples: one finite sample with |x| ≥ 1e154 used to make
// every later Score NaN while Status stayed ready. Samples beyond
// MaxBOCPDValue are now ignored (DriftInvalid, state unchanged) and large
// accepted ones never produce a NaN; after them the detector settles
// back to its undisturbed alarm count.
func TestBOCPDExtremeSamples(t *testing.T) {
	sim := newDriftSim(71)
	head, tail := sim.noise(600, 0, 1), sim.noise(3000, 0, 1)
	var post []float64 // run's final run-length posterior
	run := func(glitch []float64) (alarms int, statuses []DriftStatus) {
		b, err := NewBOCPD(DefaultBOCPDConfig())
		require.NoError(t, err)
		runDrift(b, head)
		for _, g := range glitch {
			r := b.Update(0, g)
			require.False(t, math.IsNaN(r.Score), "glitch %g", g)
			statuses = append(statuses, r.Status)
		}
		for i, v := range tail {
			r := b.Update(float64(i), v)
			require.False(t, math.IsNaN(r.Score) || math.IsNaN(b.Posterior(nil)[0]), "sample %d after %v", i, glitch)
			if r.Alarm && i > 200 {
				alarms++
			}
		}
		post = b.Posterior(nil)
		return alarms, statuses
	}
	clean, _ := run(nil)
	want := post
	for _, g := range [][]float64{{1e154}, {-1e300, 1e300}, {math.MaxFloat64}} {
		a, st := run(g)
		assert.Equal(t, clean, a, "glitch %v", g)
		assert.Equal(t, want, post, "glitch %v left the state unchanged", g)
		for _, s := range st {
			assert.Equal(t, DriftInvalid, s)
		}
	}
	for _, g := range [][]float64{{1e99}, {-1e99, 1e99, -1e99}, {1e50, 1e50, 1e50, 1e50}} {
		a, st := run(g)
		t.Logf("glitch %v: statuses %v, %d alarms after 200 samples (undisturbed %d)", g, st, a, clean)
		assert.LessOrEqual(t, a, clean+1, "glitch %v", g)
		dist := 0.0
		for r := range post {
			dist += math.Abs(post[r] - want[r])
		}
		assert.Less(t, dist, 0.05, "glitch %v: the run-length posterior returns to the undisturbed one", g)
	}
}
