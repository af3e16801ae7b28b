package datasets

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCfg is a 10-hour run, snapshots every 10 minutes, onset at 4 h.
func runCfg() RunToFailureSim {
	b := outerRace()
	b.Duration = 0.25
	b.ImpactAmp = 4
	return RunToFailureSim{
		Bearing: b, NoiseRMS: 0.05, Interval: 600,
		OnsetTime: 4 * 3600, FailureTime: 10 * 3600, Growth: 1.0 / 3600, Seed: 11,
	}
}

func rms(x []float64) float64 { return math.Sqrt(meanSquare(x)) }

func TestRunToFailureSeverity(t *testing.T) {
	r, err := SimulateRunToFailure(runCfg())
	require.NoError(t, err)
	assert.Equal(t, 61, r.Len)
	assert.Equal(t, 4*3600.0, r.OnsetTime)
	assert.Equal(t, 10*3600.0, r.FailureTime)
	prev := -1.0
	n := 0
	for s := range r.All() {
		assert.Equal(t, n, s.Index)
		assert.Equal(t, float64(n)*600, s.Time)
		switch {
		case s.Time <= r.OnsetTime:
			assert.Zero(t, s.Severity)
		default:
			assert.Greater(t, s.Severity, prev, "strictly increasing after onset")
			want := math.Expm1((s.Time-r.OnsetTime)/3600) / math.Expm1(6)
			assert.InDelta(t, want, s.Severity, 1e-12)
		}
		prev = s.Severity
		n++
	}
	assert.Equal(t, 61, n)
	assert.Equal(t, 1.0, prev, "the last snapshot is at failure")

	cfg := runCfg()
	cfg.Growth = 0
	lin, err := SimulateRunToFailure(cfg)
	require.NoError(t, err)
	assert.InDelta(t, 0.5, lin.Severity(7*3600), 1e-12)
	assert.Equal(t, 0.0, lin.Severity(-1))
	assert.Equal(t, 1.0, lin.Severity(1e9))
}

func TestRunToFailureVibrationGrows(t *testing.T) {
	r, err := SimulateRunToFailure(runCfg())
	require.NoError(t, err)
	var healthy, last []float64
	for s := range r.All() {
		v := rms(s.Signal)
		if s.Severity == 0 {
			healthy = append(healthy, v)
		}
		last = append(last, v)
	}
	// Healthy snapshots: shaft harmonics (0.2, 0.05 g) plus 0.05 g noise.
	want := math.Sqrt(0.2*0.2/2 + 0.05*0.05/2 + 0.05*0.05)
	for _, v := range healthy {
		assert.InDelta(t, want, v, 0.01*want)
	}
	assert.Greater(t, last[len(last)-1], 4*want, "failure is loud")
	// The RMS rises with severity over the last hours.
	for i := len(last) - 12; i < len(last); i++ {
		assert.Greater(t, last[i], last[i-6])
	}
}

func TestRunToFailureRandomAccessAndDeterminism(t *testing.T) {
	r, err := SimulateRunToFailure(runCfg())
	require.NoError(t, err)
	var seq [][]float64
	for s := range r.All() {
		seq = append(seq, append([]float64(nil), s.Signal...))
	}
	for _, i := range []int{0, 30, 45, 60} {
		s := r.Snapshot(i, nil)
		assert.Equal(t, seq[i], s.Signal, "snapshot %d", i)
	}
	assert.NotEqual(t, seq[0], seq[1], "snapshots have their own noise")
	r2, err := SimulateRunToFailure(runCfg())
	require.NoError(t, err)
	assert.Equal(t, seq[59], r2.Snapshot(59, nil).Signal)
	cfg := runCfg()
	cfg.Seed++
	r3, err := SimulateRunToFailure(cfg)
	require.NoError(t, err)
	assert.NotEqual(t, seq[59], r3.Snapshot(59, nil).Signal)
	assert.Panics(t, func() { r.Snapshot(61, nil) })
	assert.Panics(t, func() { r.Snapshot(-1, nil) })
}

func TestRunToFailureBoundedMemory(t *testing.T) {
	r, err := SimulateRunToFailure(runCfg())
	require.NoError(t, err)
	buf := r.Snapshot(0, nil).Signal
	allocs := testing.AllocsPerRun(10, func() {
		s := r.Snapshot(50, buf)
		if &s.Signal[0] != &buf[0] {
			t.Fatal("dst not reused")
		}
	})
	assert.LessOrEqual(t, allocs, 4.0, "only the random sources, never the signal")
	// Early break stops generation.
	n := 0
	for range r.All() {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
}

func TestRunToFailureInvalid(t *testing.T) {
	mod := []func(*RunToFailureSim){
		func(c *RunToFailureSim) { c.Bearing.ImpactAmp = 0 },
		func(c *RunToFailureSim) { c.Bearing.SampleRate = -1 },
		func(c *RunToFailureSim) { c.NoiseRMS = math.NaN() },
		func(c *RunToFailureSim) { c.Interval = 0 },
		func(c *RunToFailureSim) { c.OnsetTime = -5 },
		func(c *RunToFailureSim) { c.FailureTime = c.OnsetTime },
		func(c *RunToFailureSim) { c.Growth = -1 },
		func(c *RunToFailureSim) { c.Growth = 1 },
		func(c *RunToFailureSim) { c.Interval = 1e-6 },
	}
	for i, m := range mod {
		cfg := runCfg()
		m(&cfg)
		r, err := SimulateRunToFailure(cfg)
		assert.Error(t, err, "case %d", i)
		assert.Nil(t, r)
	}
}
