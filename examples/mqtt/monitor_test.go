package spindlemqtt

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/spindle-pdm/spindle/rul"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noiseFrames returns n frames of Gaussian noise whose standard deviation
// is sigma(t) at each sample's time t in seconds.
func noiseFrames(n, size int, rate float64, sigma func(t float64) float64, seed uint64) []Frame {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]Frame, n)
	for k := range out {
		f := Frame{Seq: uint64(k), Start: uint64(k * size), Rate: rate, Samples: make([]float32, size)}
		for i := range f.Samples {
			t := float64(int(f.Start)+i) / rate
			f.Samples[i] = float32(sigma(t) * rng.NormFloat64())
		}
		out[k] = f
	}
	return out
}

// feed processes frames in order and returns every event.
func feed(t *testing.T, m *Monitor, frames []Frame) []Event {
	t.Helper()
	var all []Event
	for i := range frames {
		var err error
		all, err = m.Process(all, &frames[i])
		require.NoError(t, err)
	}
	return all
}

func TestMonitorExponentialKnownAnswer(t *testing.T) {
	// Noise at 0.1 g until t0 = 4 s, then growing as e^(b·(t−t0)): the
	// health is e^(b·(t−t0)), the alarm is due when it passes 1.5 and the
	// failure (health 5) at t0 + ln 5 / b.
	const rate, size, t0, b = 10240.0, 1024, 4.0, 0.5
	sigma := func(t float64) float64 { return 0.1 * math.Exp(b*max(0, t-t0)) }
	frames := noiseFrames(72, size, rate, sigma, 3) // 7.2 s
	m, err := NewMonitor("s1", MonitorConfig{Rate: rate, Window: size, BaselineWindows: 30,
		DegradationTime: 2, ForecastEvery: 1, Sampling: rul.SamplingConfig{Samples: 4000, Seed: 1}})
	require.NoError(t, err)
	events := feed(t, m, frames)

	require.NotEmpty(t, events)
	a := events[0].Alarm
	require.NotNil(t, a, "the first event is the alarm")
	due := t0 + math.Log(1.5)/b // 4.81 s
	assert.GreaterOrEqual(t, a.Time, due-0.1, "no alarm before the health reaches 1.5")
	assert.LessOrEqual(t, a.Time, due+0.4, "alarm within 4 windows of the health reaching 1.5")
	assert.InDelta(t, 0.1, a.BaselineRMS, 0.002)
	assert.GreaterOrEqual(t, a.Health, 1.5)

	var last, tenth *Forecast
	for i, e := range events[1:] {
		require.NotNil(t, e.Forecast)
		require.Equal(t, i+1, e.Forecast.Updates, "one forecast per window after the alarm")
		last = e.Forecast
		if last.Updates == 10 {
			tenth = last
		}
	}
	// The window at t covers [t, t+0.1 s): its RMS is that of the middle.
	failAt := t0 + math.Log(5)/b
	require.NotNil(t, tenth)
	require.NotNil(t, tenth.RUL50)
	assert.InDelta(t, failAt-(tenth.Time+0.05), *tenth.RUL50, 0.15, "median RUL after 10 updates, s")
	st := m.Stats()
	assert.Equal(t, MonitorStats{Frames: 72, Windows: 72, Alarmed: true, Updates: last.Updates}, st)
	assert.Equal(t, int64(71), last.Window)
	assert.InDelta(t, b, last.Beta, 0.03, "posterior growth rate")
	assert.False(t, last.Failed)
	require.NotNil(t, last.RUL50)
	assert.InDelta(t, failAt-(last.Time+0.05), *last.RUL50, 0.05, "median RUL at the end, s")
	assert.Less(t, *last.RUL10, *last.RUL50)
	assert.Less(t, *last.RUL50, *last.RUL90)

	// Past the failure level the forecast says so.
	more := noiseFrames(110, size, rate, sigma, 3)[72:]
	events = feed(t, m, more)
	f := events[len(events)-1].Forecast
	require.NotNil(t, f)
	assert.True(t, f.Failed)
	assert.Equal(t, 0.0, *f.RUL50)
}

func TestMonitorHealthyNoAlarm(t *testing.T) {
	sim, err := NewSimulator(SimConfig{Seed: 11})
	require.NoError(t, err)
	m, err := NewMonitor("s", MonitorConfig{Rate: sim.Rate(), Window: 2560})
	require.NoError(t, err)
	var f Frame
	var events []Event
	for range 600 { // one minute
		require.NoError(t, sim.Next(&f))
		events, err = m.Process(events, &f)
		require.NoError(t, err)
	}
	assert.Empty(t, events)
	assert.Equal(t, MonitorStats{Frames: 600, Windows: 600}, m.Stats())
}

func TestMonitorSimulatedFault(t *testing.T) {
	// The bearing fault of the MQTT test, without MQTT: onset at frame 60
	// (6 s); the alarm must come within 3 s of sensor time.
	sim, err := NewSimulator(SimConfig{Seed: 1, Severity: Ramp(60, 0.2, 0.05)})
	require.NoError(t, err)
	m, err := NewMonitor("s", MonitorConfig{Rate: sim.Rate(), Window: 2560, BaselineWindows: 30, DegradationTime: 5})
	require.NoError(t, err)
	var f Frame
	var alarm *Alarm
	for range 100 {
		require.NoError(t, sim.Next(&f))
		events, err := m.Process(nil, &f)
		require.NoError(t, err)
		for _, e := range events {
			if e.Alarm != nil {
				alarm = e.Alarm
			}
		}
	}
	require.NotNil(t, alarm)
	assert.GreaterOrEqual(t, alarm.Time, 6.0)
	assert.LessOrEqual(t, alarm.Time, 9.0)
	assert.Greater(t, alarm.Kurtosis, 3.5, "impacts make the signal impulsive")
}

func TestMonitorGapsAndErrors(t *testing.T) {
	frames := noiseFrames(6, 1000, 1000, func(float64) float64 { return 1 }, 1)
	m, err := NewMonitor("s", MonitorConfig{Rate: 1000, Window: 400})
	require.NoError(t, err)
	feed(t, m, frames[:2]) // 2000 samples: 5 windows
	assert.Equal(t, int64(5), m.Stats().Windows)
	feed(t, m, frames[3:4]) // frame 2 lost: restart at 3000, 2 windows, 200 samples held
	feed(t, m, frames[4:5]) // contiguous: 1200 samples → 3 windows
	st := m.Stats()
	assert.Equal(t, int64(1), st.Gaps)
	assert.Equal(t, int64(10), st.Windows)
	assert.Equal(t, int64(4), st.Frames)

	wrong := frames[5]
	wrong.Rate = 2000
	_, err = m.Process(nil, &wrong)
	require.ErrorContains(t, err, "sensor s frame 5 at 2000 Hz, monitor expects 1000 Hz")
	assert.Equal(t, st, m.Stats(), "a rejected frame changes nothing")

	// A dead (constant) sensor gives bad windows, not alarms or NaN.
	dead := Frame{Seq: 6, Start: 6000, Rate: 1000, Samples: make([]float32, 1000)}
	events, err := m.Process(nil, &dead)
	require.NoError(t, err)
	assert.Empty(t, events)
	assert.Equal(t, int64(2), m.Stats().BadWindows)

	for _, c := range []MonitorConfig{
		{Window: 10},
		{Rate: 1, Window: 1},
		{Rate: 1, Window: 10, AlarmRatio: 0.5},
		{Rate: 1, Window: 10, FailureHealth: 1.2},
		{Rate: 1, Window: 10, DegradationTime: -1},
		{Rate: 1, Window: 10, BaselineWindows: 1},
		{Rate: 1, Window: 10, CUSUMK: 3, CUSUMClip: 2},
		{Rate: 1, Window: 10, CUSUMH: -1},
	} {
		_, err := NewMonitor("s", c)
		assert.Error(t, err, "%+v", c)
	}
}

func TestMonitorAlarmNeedsPersistence(t *testing.T) {
	// One window at 3× the baseline RMS (a knock) adds at most
	// CUSUMClip − CUSUMK = 2 to the CUSUM: no alarm. A sustained 3× rise
	// alarms on its third window (⌈5/2⌉).
	sigma := func(t float64) float64 {
		if k := int(t); k == 40 || k >= 50 {
			return 3
		}
		return 1
	}
	frames := noiseFrames(60, 1000, 1000, sigma, 9)
	m, err := NewMonitor("s", MonitorConfig{Rate: 1000, Window: 1000, BaselineWindows: 30})
	require.NoError(t, err)
	events := feed(t, m, frames[:50])
	assert.Empty(t, events, "a single high window raises nothing")
	events = feed(t, m, frames[50:])
	require.NotEmpty(t, events)
	a := events[0].Alarm
	require.NotNil(t, a)
	assert.Equal(t, int64(52), a.Window)
	assert.InDelta(t, 3, a.Health, 0.15)
	assert.Greater(t, a.CUSUM, 5.0)
}
