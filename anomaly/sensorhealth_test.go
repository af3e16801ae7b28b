package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vibration returns a noisy 50 Hz tone sampled at fs.
func vibration(sim driftSim, n int, fs float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Sin(2*math.Pi*50*float64(i)/fs) + 0.05*sim.r.NormFloat64()
	}
	return x
}

func TestSensorHealthHealthyIsClean(t *testing.T) {
	fs := 1000.0
	rep, err := CheckSensor(vibration(newDriftSim(61), 20000, fs), fs, DefaultSensorHealthConfig(1/fs))
	require.NoError(t, err)
	assert.True(t, rep.Healthy(), "%+v", rep)
	assert.Equal(t, 20000, rep.Samples)
}

func TestSensorHealthClipping(t *testing.T) {
	fs := 1000.0
	x := vibration(newDriftSim(62), 20000, fs)
	// Saturate the second half at ±0.8 (the amplifier's range).
	clipped := 0
	for i := 10000; i < len(x); i++ {
		if x[i] > 0.8 {
			x[i], clipped = 0.8, clipped+1
		} else if x[i] < -0.8 {
			x[i], clipped = -0.8, clipped+1
		}
	}
	for _, cfg := range []SensorHealthConfig{DefaultSensorHealthConfig(1 / fs), {ClipRun: 3, Min: -0.8, Max: 0.8, FlatRun: -1, SpikeZ: -1}} {
		rep, err := CheckSensor(x, fs, cfg)
		require.NoError(t, err)
		t.Logf("rails %g..%g: %d samples at the rails, %d flagged clipped, longest run %d", cfg.Min, cfg.Max, clipped, rep.Clipped, rep.LongestClip)
		assert.Greater(t, rep.Clipped, clipped/2)
		assert.GreaterOrEqual(t, rep.LongestClip, 3)
		assert.False(t, rep.Healthy())
	}
	// The same record before clipping is clean at the given rails.
	rep, err := CheckSensor(x[:10000], fs, SensorHealthConfig{ClipRun: 3, Min: -2, Max: 2, FlatRun: -1, SpikeZ: -1})
	require.NoError(t, err)
	assert.Zero(t, rep.Clipped)
}

func TestSensorHealthFaults(t *testing.T) {
	fs := 100.0
	h, err := NewSensorHealth(DefaultSensorHealthConfig(1 / fs))
	require.NoError(t, err)
	x := vibration(newDriftSim(63), 3000, fs)
	x[500] += 20 // spike
	for i := 1000; i < 1100; i++ {
		x[i] = 0.123 // stuck
	}
	for i := 2000; i < 2010; i++ {
		x[i] = math.NaN() // dropout
	}
	flags := make([]HealthFlag, len(x))
	tt := 0.0
	for i, v := range x {
		switch i {
		case 2500:
			tt += 5 / fs // a late sample
		case 2700:
			tt -= 2 / fs // clock goes backwards
		default:
			tt += 1 / fs
		}
		flags[i] = h.Update(tt, v)
	}
	assert.NotZero(t, flags[500]&HealthSpike, "spike: %v", flags[500])
	assert.Zero(t, flags[1048]&HealthFlatline)
	assert.NotZero(t, flags[1049]&HealthFlatline, "50th identical sample")
	assert.NotZero(t, flags[1099]&HealthFlatline)
	assert.NotZero(t, flags[2005]&HealthGap)
	assert.NotZero(t, flags[2500]&HealthIrregular)
	assert.NotZero(t, flags[2700]&HealthBadTime)
	rep := h.Report()
	assert.Equal(t, 10, rep.Gaps)
	assert.Equal(t, 10, rep.LongestGap)
	assert.Equal(t, 100, rep.LongestFlatline)
	assert.Equal(t, 51, rep.Flatline)
	assert.LessOrEqual(t, rep.Spikes, 6, "only the spike and the edges of the stuck section")
	assert.Equal(t, "flatline|spike", (HealthFlatline | HealthSpike).String())
	assert.Equal(t, "ok", HealthFlag(0).String())

	h.Reset()
	assert.Equal(t, SensorReport{}, h.Report())
	allocs := testing.AllocsPerRun(500, func() { h.Update(tt, 1); tt += 1 / fs })
	assert.Zero(t, allocs)
}

func TestSensorHealthBadConfig(t *testing.T) {
	for _, cfg := range []SensorHealthConfig{{Nominal: -1}, {Nominal: 1, Tolerance: -1}, {FlatRun: 1}, {ClipRun: 1}, {SpikeZ: math.NaN()},
		{Min: 1, Max: -1}, {SpikeZ: 5, SpikeWindow: 3}} {
		_, err := NewSensorHealth(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
	_, err := CheckSensor([]float64{1}, 0, SensorHealthConfig{})
	assert.Error(t, err)
}
