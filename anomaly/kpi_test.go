package anomaly

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kpiNoise returns n samples of a daily-like sine with Gaussian noise.
func kpiNoise(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = 10 + math.Sin(2*math.Pi*float64(i)/288) + 0.1*r.NormFloat64()
	}
	return x
}

func TestKPIConfigValidate(t *testing.T) {
	require.NoError(t, DefaultKPIConfig().Validate())
	for name, mut := range map[string]func(*KPIConfig){
		"LongAlpha":        func(c *KPIConfig) { c.LongAlpha = 1 },
		"Short":            func(c *KPIConfig) { c.Short = KPIMaxShort + 1 },
		"Warmup":           func(c *KPIConfig) { c.Warmup = 1 },
		"SpatialTolerance": func(c *KPIConfig) { c.SpatialTolerance = math.NaN() },
		"AlarmLevel":       func(c *KPIConfig) { c.AlarmLevel = 1.5 },
		"Rest":             func(c *KPIConfig) { c.Rest = -1 },
		"Bins":             func(c *KPIConfig) { c.Bins = 0 },
		"Context":          func(c *KPIConfig) { c.Context = 9 },
		"Coarse":           func(c *KPIConfig) { c.Coarse = 1 },
	} {
		c := DefaultKPIConfig()
		mut(&c)
		_, err := NewKPIDetector(c)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "KPIConfig."+name)
	}
}

// TestKPIDetectsSpikeAndShift checks that a spike and a later level shift in
// a noisy periodic series each alarm once, near their start, and that the
// clean stretch raises no alarm.
func TestKPIDetectsSpikeAndShift(t *testing.T) {
	x := kpiNoise(6000, 7)
	x[3000] += 8
	for i := 4500; i < len(x); i++ {
		x[i] += 3
	}
	d, err := NewKPIDetector(DefaultKPIConfig())
	require.NoError(t, err)
	var alarms []int
	for i, v := range x {
		r := d.Update(float64(i)*300, v)
		assert.GreaterOrEqual(t, r.Score, 0.0)
		assert.LessOrEqual(t, r.Score, 1.0)
		if r.Alarm {
			alarms = append(alarms, i)
		}
	}
	var early, spike, shift int
	for _, a := range alarms {
		switch {
		case a >= 3000 && a < 3010:
			spike++
		case a >= 4500 && a < 4520:
			shift++
		case a < 3000 && a > 1500:
			early++
		}
	}
	assert.Equal(t, 1, spike, "alarms %v", alarms)
	assert.Equal(t, 1, shift, "alarms %v", alarms)
	assert.Zero(t, early, "alarms %v", alarms)
}

// TestKPIRest checks that no score is emitted for Rest samples after an
// alarm.
func TestKPIRest(t *testing.T) {
	c := DefaultKPIConfig()
	c.Rest = 40
	d, err := NewKPIDetector(c)
	require.NoError(t, err)
	x := kpiNoise(2000, 3)
	x[1000], x[1010] = 100, -100
	last := -1
	for i, v := range x {
		r := d.Update(float64(i), v)
		if r.Alarm {
			if last >= 0 {
				assert.Greater(t, i-last, c.Rest)
			}
			last = i
		}
		if last >= 0 && i > last && i <= last+c.Rest {
			assert.Zero(t, r.Score, "row %d in rest", i)
		}
	}
	assert.GreaterOrEqual(t, last, 1000)
}

// TestKPIGapsAndTime checks the documented time behaviour: NaN samples and
// samples earlier than the last are ignored without changing the state, a
// repeated time is a new sample, and Reset restores a fresh detector.
func TestKPIGapsAndTime(t *testing.T) {
	x := kpiNoise(1500, 11)
	a, _ := NewKPIDetector(DefaultKPIConfig())
	b, _ := NewKPIDetector(DefaultKPIConfig())
	for i, v := range x {
		ra := a.Update(float64(i), v)
		assert.Equal(t, DriftInvalid, b.Update(float64(i), math.NaN()).Status)
		assert.Equal(t, DriftInvalid, b.Update(math.Inf(1), v).Status)
		if i > 0 {
			assert.Equal(t, DriftInvalid, b.Update(float64(i-1)-0.5, v).Status, "out of order")
		}
		rb := b.Update(float64(i), v)
		require.Equal(t, ra, rb, "row %d", i)
	}
	// A repeated time is accepted as a new sample.
	assert.NotEqual(t, DriftInvalid, a.Update(float64(len(x)-1), x[0]).Status)
	a.Reset()
	c, _ := NewKPIDetector(DefaultKPIConfig())
	for i, v := range x {
		require.Equal(t, c.Update(float64(i), v), a.Update(float64(i), v), "after Reset, row %d", i)
	}
}

func TestKPIWarmupAndFlat(t *testing.T) {
	c := DefaultKPIConfig()
	d, _ := NewKPIDetector(c)
	for i := range c.Warmup {
		r := d.Update(float64(i), 5)
		assert.Equal(t, DriftWarmup, r.Status)
		assert.Zero(t, r.Score)
	}
	// A flat series stays quiet, then a step alarms.
	for i := c.Warmup; i < 1000; i++ {
		assert.False(t, d.Update(float64(i), 5).Alarm, "row %d", i)
	}
	assert.True(t, d.Update(1000, 6).Alarm)
}

func TestKPIUpdateAllocs(t *testing.T) {
	d, _ := NewKPIDetector(DefaultKPIConfig())
	x := kpiNoise(4096, 5)
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		d.Update(float64(i), x[i%len(x)])
		i++
	})
	assert.Zero(t, allocs)
}

func BenchmarkKPIUpdate(b *testing.B) {
	d, _ := NewKPIDetector(DefaultKPIConfig())
	x := kpiNoise(4096, 5)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		d.Update(float64(i), x[i&4095])
	}
}

// TestKPIDetectsShapeChange speeds up a periodic series' cycle twelvefold
// for a while inside its usual range, which range novelty cannot see: the
// context scores must alarm in that stretch, and nothing may alarm on the
// regular cycles before it.
func TestKPIDetectsShapeChange(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 1))
	x := make([]float64, 5000)
	phase := 0.0
	for i := range x {
		step := 2 * math.Pi / 288
		if i >= 3000 && i < 3200 {
			step *= 12
		}
		phase += step
		x[i] = 10 + math.Sin(phase) + 0.02*r.NormFloat64()
	}
	c := DefaultKPIConfig()
	c.SpatialTolerance = -1
	d, err := NewKPIDetector(c)
	require.NoError(t, err)
	var in, before int
	for i, v := range x {
		if d.Update(float64(i), v).Alarm {
			switch {
			case i >= 3000 && i < 3200:
				in++
			case i >= 1000 && i < 3000:
				before++
			}
		}
	}
	assert.Positive(t, in)
	assert.Zero(t, before)
}
