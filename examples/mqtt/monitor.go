package spindlemqtt

import (
	"errors"
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/rul"
)

// MonitorConfig configures the per-sensor analysis of a Monitor. Zero
// fields take the defaults in brackets.
type MonitorConfig struct {
	// Rate is the sensor's sample rate in Hz (required); frames at another
	// rate are rejected.
	Rate float64
	// Window is the feature window in samples (required, ≥ 2); windows are
	// back to back and need not align with frames.
	Window int
	// BaselineWindows is the number of first windows that learn the healthy
	// level of ln RMS [50].
	BaselineWindows int
	// The alarm: an anomaly.CUSUM on ln RMS with reference value CUSUMK
	// [1] and decision interval CUSUMH [5] (both in baseline σ; in-control
	// average run length about 10⁵ windows per side for Gaussian ln RMS, by
	// Siegmund's approximation), its input clipped at CUSUMClip
	// [3] σ above the baseline mean, alarms in a window whose RMS is at
	// least AlarmRatio [1.5] times the baseline RMS. The clip makes one
	// impulsive window insufficient: an alarm needs
	// ⌈CUSUMH/(CUSUMClip − CUSUMK)⌉ high windows (3). An alarm is latched: a
	// monitor raises it once.
	AlarmRatio float64
	CUSUMK     float64
	CUSUMH     float64
	CUSUMClip  float64
	// FailureHealth is the health (RMS / baseline RMS) at which the part
	// counts as failed, the RUL threshold [5].
	FailureHealth float64
	// DegradationTime is the typical time in seconds from the alarm to
	// failure; it centres the RUL model's prior growth rate [3600].
	DegradationTime float64
	// ForecastEvery is the number of windows between forecasts after the
	// alarm [10].
	ForecastEvery int
	// Sampling sets the number of posterior draws per forecast [1000] and
	// the seed of the forecasts' random stream.
	Sampling rul.SamplingConfig
}

// withDefaults fills in zero fields and validates the result.
func (c MonitorConfig) withDefaults() (MonitorConfig, error) {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	defInt(&c.BaselineWindows, 50)
	def(&c.AlarmRatio, 1.5)
	def(&c.CUSUMK, 1)
	def(&c.CUSUMH, 5)
	def(&c.CUSUMClip, 3)
	def(&c.FailureHealth, 5)
	def(&c.DegradationTime, 3600)
	defInt(&c.ForecastEvery, 10)
	defInt(&c.Sampling.Samples, 1000)
	switch {
	case !(c.Rate > 0) || math.IsInf(c.Rate, 0):
		return c, fmt.Errorf("spindlemqtt: MonitorConfig.Rate %v Hz, need a finite value > 0", c.Rate)
	case c.Window < 2:
		return c, fmt.Errorf("spindlemqtt: MonitorConfig.Window %d samples, need ≥ 2", c.Window)
	case c.BaselineWindows < 2 || c.ForecastEvery < 1:
		return c, fmt.Errorf("spindlemqtt: MonitorConfig needs BaselineWindows ≥ 2, ForecastEvery ≥ 1 (have %d, %d)",
			c.BaselineWindows, c.ForecastEvery)
	case !(c.AlarmRatio > 1) || !(c.FailureHealth > c.AlarmRatio):
		return c, fmt.Errorf("spindlemqtt: MonitorConfig needs AlarmRatio > 1, FailureHealth > AlarmRatio (have %g, %g)",
			c.AlarmRatio, c.FailureHealth)
	case !(c.CUSUMClip > c.CUSUMK) || math.IsInf(c.CUSUMClip, 0):
		return c, fmt.Errorf("spindlemqtt: MonitorConfig.CUSUMClip %g, need a finite value > CUSUMK %g", c.CUSUMClip, c.CUSUMK)
	case !(c.DegradationTime > 0) || math.IsInf(c.DegradationTime, 0):
		return c, fmt.Errorf("spindlemqtt: MonitorConfig.DegradationTime %v s, need a finite value > 0", c.DegradationTime)
	}
	return c, nil
}

// Event is one output of a Monitor: exactly one field is set.
type Event struct {
	Alarm    *Alarm
	Forecast *Forecast
}

// MonitorStats counts what a Monitor has seen.
type MonitorStats struct {
	Frames     int64 // frames processed
	Gaps       int64 // frames whose Start was not where the previous frame ended
	Windows    int64 // feature windows analysed
	BadWindows int64 // windows skipped: constant (e.g. a dead sensor) or zero RMS
	Alarmed    bool
	Updates    int // observations absorbed by the RUL model
}

// Monitor is the streaming analysis of one sensor: frames → features.Extractor
// → anomaly.CUSUM alarm rule → rul.ExponentialModel, updated from the alarm on
// with the window health RMS/baseline RMS against seconds since the alarm.
// Its state lives in memory for as long as the Monitor does, whatever
// happens to the broker connection. A Monitor is not safe for concurrent
// use.
type Monitor struct {
	sensor string
	cfg    MonitorConfig
	ex     *features.Extractor
	emit   func(*features.Window)
	rule   alarmRule
	model  *rul.ExponentialModel
	dist   rul.Distribution
	buf    []float64

	started      bool
	next, offset uint64 // expected Start of the next frame; stream index of the extractor's sample 0
	stats        MonitorStats
	onset        float64
	out          []Event
	err          error
}

// NewMonitor returns a Monitor for the named sensor.
func NewMonitor(sensor string, cfg MonitorConfig) (*Monitor, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	ex, err := features.NewExtractor(features.ExtractorConfig{SampleRate: cfg.Rate, Window: cfg.Window})
	if err != nil {
		return nil, err
	}
	cusum, err := anomaly.NewCUSUM(anomaly.CUSUMConfig{K: cfg.CUSUMK, H: cfg.CUSUMH, Warmup: cfg.BaselineWindows})
	if err != nil {
		return nil, fmt.Errorf("spindlemqtt: %w", err)
	}
	m := &Monitor{sensor: sensor, cfg: cfg, ex: ex}
	m.rule = alarmRule{cusum: cusum, ratio: cfg.AlarmRatio, clip: cfg.CUSUMClip}
	m.emit = m.window
	return m, nil
}

// Stats returns the monitor's counters.
func (m *Monitor) Stats() MonitorStats { return m.stats }

// Process analyses one frame and appends the alarms and forecasts it
// produces to dst. A frame at the wrong rate is an error and changes
// nothing. A frame that does not start where the previous one ended (a lost
// or repeated frame) counts as a gap: the partial window is dropped and the
// stream restarts at the frame's Start, keeping baseline and model.
func (m *Monitor) Process(dst []Event, f *Frame) ([]Event, error) {
	if f.Rate != m.cfg.Rate {
		return dst, fmt.Errorf("spindlemqtt: sensor %s frame %d at %g Hz, monitor expects %g Hz", m.sensor, f.Seq, f.Rate, m.cfg.Rate)
	}
	if !m.started || f.Start != m.next {
		if m.started {
			m.stats.Gaps++
		}
		m.ex.Reset()
		m.offset = f.Start
		m.started = true
	}
	m.next = f.Start + uint64(len(f.Samples))
	m.stats.Frames++
	m.buf = m.buf[:0]
	for _, v := range f.Samples {
		m.buf = append(m.buf, float64(v))
	}
	m.out, m.err = dst, nil
	m.ex.Write(m.buf, m.emit)
	dst, err := m.out, m.err
	m.out = nil
	return dst, err
}

// window handles one feature window (the Extractor's emit callback).
func (m *Monitor) window(w *features.Window) {
	if m.err != nil {
		return
	}
	if w.Err != nil || !(w.Features.RMS > 0) {
		m.stats.BadWindows++
		return
	}
	idx := m.stats.Windows
	m.stats.Windows++
	t := float64(m.offset)/m.cfg.Rate + w.Time
	fire, health, z, score := m.rule.observe(t, w.Features.RMS)
	if fire && m.model == nil {
		m.startModel(t)
		m.out = append(m.out, Event{Alarm: &Alarm{Sensor: m.sensor, Time: t, Window: idx, Health: health, Z: z, CUSUM: score,
			RMS: w.Features.RMS, BaselineRMS: m.rule.baselineRMS(), Kurtosis: w.Features.Kurtosis}})
	}
	if m.model == nil {
		return
	}
	if err := m.model.Update(t-m.onset, health); err != nil {
		m.err = fmt.Errorf("spindlemqtt: sensor %s window %d: %w", m.sensor, idx, err)
		return
	}
	m.stats.Updates = m.model.N()
	if m.stats.Updates%m.cfg.ForecastEvery == 0 {
		m.out = append(m.out, Event{Forecast: m.forecast(t, idx, health)})
	}
}

// startModel raises the alarm state and builds the RUL model, its prior
// centred on health = AlarmRatio at the alarm growing to FailureHealth in
// DegradationTime (β's prior standard deviation twice its mean), with the
// baseline's ln RMS variance as noise.
func (m *Monitor) startModel(t float64) {
	c := m.cfg
	m.stats.Alarmed = true
	m.onset = t
	beta := math.Log(c.FailureHealth/c.AlarmRatio) / c.DegradationTime
	prior := rul.ExponentialPrior{
		LogThetaMean: math.Log(c.AlarmRatio), LogThetaVariance: 0.25,
		BetaMean: beta, BetaVariance: 4 * beta * beta, // σ_β = 2·E β: a weak prior
		NoiseVariance: max(m.rule.logVariance(), 1e-4),
	}
	var err error
	if m.model, err = rul.NewExponentialModel(prior, c.Sampling); err != nil {
		panic("spindlemqtt: internal error: " + err.Error()) // the prior is valid by construction
	}
}

// forecast predicts the remaining life after window idx at time t.
func (m *Monitor) forecast(t float64, idx int64, health float64) *Forecast {
	mean, _ := m.model.Posterior()
	f := &Forecast{Sensor: m.sensor, Time: t, Window: idx, Health: health, BaselineRMS: m.rule.baselineRMS(),
		Onset: m.onset, Updates: m.model.N(), LogTheta: mean[0], Beta: mean[1], FailureHealth: m.cfg.FailureHealth}
	d, err := m.model.Predict(&m.dist, m.cfg.FailureHealth)
	switch {
	case errors.Is(err, rul.ErrThresholdCrossed):
		zero := 0.0
		f.Failed, f.RUL10, f.RUL50, f.RUL90 = true, &zero, &zero, &zero
	case err != nil:
		m.err = fmt.Errorf("spindlemqtt: sensor %s forecast: %w", m.sensor, err)
	default:
		f.RUL10, f.RUL50, f.RUL90 = finitePtr(d.Quantile(0.1)), finitePtr(d.Quantile(0.5)), finitePtr(d.Quantile(0.9))
	}
	return f
}
