package datasets

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// thermalCfg is a week of 5-minute machine temperatures.
func thermalCfg() ThermalSim {
	return ThermalSim{
		Interval: 300, Samples: 7 * 288,
		Base: 70, DailyAmplitude: 3, DailyPeak: 15 * 3600,
		NoiseStd: 0.2, Seed: 5,
	}
}

func TestSimulateThermalDailyCycle(t *testing.T) {
	cfg := thermalCfg()
	cfg.NoiseStd = 0
	s, err := SimulateThermal(cfg)
	require.NoError(t, err)
	require.Len(t, s.Values, 2016)
	assert.Equal(t, 300.0, s.Interval)
	for i := 0; i+288 < len(s.Values); i++ {
		require.InDelta(t, s.Values[i], s.Values[i+288], 1e-9, "24 h period")
	}
	assert.InDelta(t, 73, s.Values[15*12], 1e-12, "maximum at 15:00")
	assert.InDelta(t, 67, s.Values[3*12], 1e-12, "minimum at 03:00")
	var m float64
	for _, v := range s.Values {
		m += v
	}
	assert.InDelta(t, 70, m/float64(len(s.Values)), 1e-9)
	for _, l := range s.Labels {
		require.Equal(t, ThermalNormal, l)
	}
}

func TestSimulateThermalLoadLag(t *testing.T) {
	tau := 1800.0
	cfg := ThermalSim{Interval: 60, Samples: 600, Base: 40, LoadGain: 25, TimeConstant: tau,
		Load: func(t float64) float64 {
			if t >= 3600 {
				return 1
			}
			return 0
		}}
	s, err := SimulateThermal(cfg)
	require.NoError(t, err)
	for i, v := range s.Values {
		tt := float64(i) * 60
		want := 40.0
		if tt >= 3600 {
			want += 25 * (1 - math.Exp(-(tt-3600+60)/tau))
		}
		require.InDelta(t, want, v, 1e-9, "sample %d", i)
	}
	cfg.TimeConstant = 0
	s, err = SimulateThermal(cfg)
	require.NoError(t, err)
	assert.Equal(t, 40.0, s.Values[59])
	assert.Equal(t, 65.0, s.Values[60])
}

func TestSimulateThermalEventsAndLabels(t *testing.T) {
	base := thermalCfg()
	cfg := base
	cfg.Events = []ThermalEvent{
		{Kind: ThermalDrift, Start: 86400, Duration: 6 * 3600, Magnitude: 6},
		{Kind: ThermalStep, Start: 3 * 86400, Duration: 3600, Magnitude: -4},
		{Kind: ThermalSpike, Start: 4*86400 + 10, Magnitude: 9},
		{Kind: ThermalStep, Start: 6 * 86400, Magnitude: 2.5}, // to the end
	}
	clean, err := SimulateThermal(base)
	require.NoError(t, err)
	s, err := SimulateThermal(cfg)
	require.NoError(t, err)
	require.Len(t, s.Spans, 4)
	want := []ThermalSpan{
		{cfg.Events[0], 288, 288 + 72},
		{cfg.Events[1], 3 * 288, 3*288 + 12},
		{cfg.Events[2], 4*288 + 1, 4*288 + 2},
		{cfg.Events[3], 6 * 288, 7 * 288},
	}
	assert.Equal(t, want, s.Spans)
	for i := range s.Values {
		off, label := 0.0, ThermalNormal
		switch {
		case i >= 288 && i < 360:
			off, label = 6*float64(i-288)/72, ThermalDrift
		case i >= 864 && i < 876:
			off, label = -4, ThermalStep
		case i == 1153:
			off, label = 9, ThermalSpike
		case i >= 1728:
			off, label = 2.5, ThermalStep
		}
		require.Equal(t, label, s.Labels[i], "label of sample %d", i)
		require.InDelta(t, off, s.Values[i]-clean.Values[i], 1e-12, "offset of sample %d", i)
	}
	assert.Equal(t, "drift", ThermalDrift.String())
	assert.Equal(t, "ThermalAnomaly(9)", ThermalAnomaly(9).String())
}

func TestSimulateThermalNoiseAndSeed(t *testing.T) {
	cfg := thermalCfg()
	cfg.Samples = 100000
	cfg.DailyAmplitude = 0
	s, err := SimulateThermal(cfg)
	require.NoError(t, err)
	var m, m2 float64
	for _, v := range s.Values {
		m += v - 70
		m2 += (v - 70) * (v - 70)
	}
	n := float64(len(s.Values))
	assert.InDelta(t, 0, m/n, 0.005)
	assert.InDelta(t, 0.2, math.Sqrt(m2/n), 0.003)
	again, err := SimulateThermal(cfg)
	require.NoError(t, err)
	assert.Equal(t, s.Values, again.Values)
	cfg.Seed++
	other, err := SimulateThermal(cfg)
	require.NoError(t, err)
	assert.NotEqual(t, s.Values, other.Values)
}

func TestSimulateThermalInvalid(t *testing.T) {
	mod := []func(*ThermalSim){
		func(c *ThermalSim) { c.Interval = 0 },
		func(c *ThermalSim) { c.Samples = 0 },
		func(c *ThermalSim) { c.Base = math.NaN() },
		func(c *ThermalSim) { c.TimeConstant = -1 },
		func(c *ThermalSim) { c.NoiseStd = math.Inf(1) },
		func(c *ThermalSim) { c.Events = []ThermalEvent{{Kind: ThermalNormal}} },
		func(c *ThermalSim) { c.Events = []ThermalEvent{{Kind: ThermalDrift, Start: 10}} },
		func(c *ThermalSim) { c.Events = []ThermalEvent{{Kind: ThermalStep, Duration: -1}} },
		func(c *ThermalSim) { c.Events = []ThermalEvent{{Kind: ThermalSpike, Magnitude: math.NaN()}} },
		func(c *ThermalSim) { c.Load = func(float64) float64 { return math.Inf(1) }; c.LoadGain = 1 },
	}
	for i, m := range mod {
		cfg := thermalCfg()
		m(&cfg)
		s, err := SimulateThermal(cfg)
		assert.Error(t, err, "case %d", i)
		assert.Nil(t, s)
	}
	// Events beyond the series are clamped, not an error.
	cfg := thermalCfg()
	cfg.Events = []ThermalEvent{{Kind: ThermalStep, Start: 1e300, Magnitude: 1}, {Kind: ThermalStep, Start: -1e300, Duration: 1e300, Magnitude: 1}}
	s, err := SimulateThermal(cfg)
	require.NoError(t, err)
	assert.Equal(t, ThermalSpan{cfg.Events[0], 2016, 2016}, s.Spans[0])
}
