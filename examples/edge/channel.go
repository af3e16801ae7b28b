package main

import (
	"errors"
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/rul"
)

// channelConfig sets up one monitored channel.
type channelConfig struct {
	SampleRate float64 // Hz
	Window     int     // samples per analysed window
	Hop        int     // samples between window starts; 0 = Window
	Baseline   int     // healthy windows learned before scoring, ≥ 2
	Threshold  float64 // alarm when an indicator is this many σ above its baseline
	FailFactor float64 // failure when RMS reaches this multiple of its baseline, > 1
}

// eventKind classifies what a window produced.
type eventKind uint8

const (
	eventLearning eventKind = iota // still learning the baseline
	eventBaseline                  // the window that completed the baseline
	eventNormal                    // scored, no alarm
	eventAlarm                     // RMS or kurtosis departed from the baseline
	eventDrift                     // no departure yet, but the CUSUM found RMS drifting
	eventFault                     // the window could not be analysed (NaN, flat line)
)

// event is one window's verdict, handed to the channel's report callback.
// It is reused for the next window.
type event struct {
	Kind     eventKind
	Time     float64 // window start, s
	RMS      float64 // g
	Kurtosis float64
	ZRMS     float64 // (RMS − baseline mean)/baseline σ
	ZKurt    float64
	CUSUM    float64 // the drift detector's score on RMS, in baseline σ
	// RUL is the forecast remaining life in seconds (median and 90 %
	// interval) until RMS reaches FailFactor × its baseline; set on alarms
	// when HasRUL. Quantiles may be +Inf (no growth seen yet).
	HasRUL               bool
	RULMed, RULLo, RULHi float64
	Err                  error // for eventFault
}

// welford accumulates a mean and standard deviation (Welford 1962).
type welford struct {
	n       int
	mean, s float64
}

func (w *welford) add(x float64) {
	w.n++
	d := x - w.mean
	w.mean += d / float64(w.n)
	w.s += d * (x - w.mean)
}

// sigma is the sample standard deviation, floored at 1 % of |mean| so that
// a nearly constant baseline does not make every later wobble an alarm.
func (w *welford) sigma() float64 {
	s := math.Sqrt(w.s / float64(w.n-1))
	return max(s, 0.01*math.Abs(w.mean), 1e-12)
}

// channel is one accelerometer channel on an edge gateway: the streaming
// feature extractor, a baseline detector on RMS and kurtosis (z-scores
// against the first Baseline windows), a two-sided CUSUM drift detector on
// RMS standardised by the same baseline, and an exponential degradation
// model of RMS for the remaining-life forecast. In steady state a window
// costs no allocation.
type channel struct {
	cfg     channelConfig
	ex      *features.Extractor
	rms     welford // baseline of RMS
	kurt    welford // baseline of kurtosis
	lnRMS   welford // baseline of ln RMS: the degradation model's prior
	drift   *anomaly.CUSUM
	model   *rul.ExponentialModel
	dist    rul.Distribution // reused forecast storage
	fail    float64          // failure RMS, g
	ev      event
	report  func(*event)
	onWin   func(*features.Window) // e.window bound once
	windows int
}

func newChannel(cfg channelConfig, report func(*event)) (*channel, error) {
	switch {
	case cfg.Baseline < 2:
		return nil, fmt.Errorf("baseline of %d windows, need at least 2", cfg.Baseline)
	case !(cfg.Threshold > 0):
		return nil, fmt.Errorf("alarm threshold %g σ, need > 0", cfg.Threshold)
	case !(cfg.FailFactor > 1) || math.IsInf(cfg.FailFactor, 0):
		return nil, fmt.Errorf("failure factor %g, need a finite value > 1", cfg.FailFactor)
	}
	ex, err := features.NewExtractor(features.ExtractorConfig{SampleRate: cfg.SampleRate, Window: cfg.Window, Hop: cfg.Hop})
	if err != nil {
		return nil, err
	}
	c := &channel{cfg: cfg, ex: ex, report: report}
	c.onWin = c.window
	return c, nil
}

// write feeds float64 samples.
func (c *channel) write(x []float64) { c.ex.Write(x, c.onWin) }

// write32 feeds float32 samples without converting the buffer.
func (c *channel) write32(x []float32) { c.ex.Write32(x, c.onWin) }

// window scores one analysed window and reports it.
func (c *channel) window(w *features.Window) {
	c.windows++
	ev := &c.ev
	*ev = event{Time: w.Time, RMS: w.Features.RMS, Kurtosis: w.Features.Kurtosis}
	if w.Err != nil {
		// A flat line (ErrConstant) or a NaN/Inf sample: a sensor fault,
		// not a machine condition; neither learned nor scored.
		ev.Kind, ev.Err = eventFault, w.Err
		if errors.Is(w.Err, features.ErrConstant) {
			ev.Err = fmt.Errorf("flat-lined signal (dead sensor or saturated ADC): %w", w.Err)
		}
		c.report(ev)
		return
	}
	f := &w.Features
	if c.rms.n < c.cfg.Baseline {
		c.rms.add(f.RMS)
		c.kurt.add(f.Kurtosis)
		c.lnRMS.add(math.Log(f.RMS))
		ev.Kind = eventLearning
		if c.rms.n == c.cfg.Baseline {
			ev.Kind = eventBaseline
			c.startDetectors()
		}
		c.report(ev)
		return
	}
	ev.ZRMS = (f.RMS - c.rms.mean) / c.rms.sigma()
	ev.ZKurt = (f.Kurtosis - c.kurt.mean) / c.kurt.sigma()
	ev.Kind = eventNormal
	d := c.drift.Update(w.Time, f.RMS)
	ev.CUSUM = d.Score
	// The model learns the RMS trend from every scored window; an
	// observation it refuses (time not increasing) is simply not used.
	_ = c.model.Update(w.Time, f.RMS)
	switch {
	case ev.ZRMS > c.cfg.Threshold || ev.ZKurt > c.cfg.Threshold:
		ev.Kind = eventAlarm
		c.forecast(ev)
	case d.Alarm:
		ev.Kind = eventDrift
		c.forecast(ev)
	}
	c.report(ev)
}

// startDetectors builds the drift detector and the degradation model from
// the learned baseline.
//
// The CUSUM (K = 1σ, H = 8σ) finds a sustained 2σ shift of RMS in about 9
// windows and has an in-control run length of millions of windows. The
// model starts ln RMS at its baseline level with the baseline's scatter as
// noise, and gives the growth rate β (per second) a vague zero-mean prior.
func (c *channel) startDetectors() {
	d, err := anomaly.NewCUSUM(anomaly.CUSUMConfig{K: 1, H: 8, Mean: c.rms.mean, Sigma: c.rms.sigma()})
	if err != nil {
		panic(err) // valid by construction: σ ≥ 1e-12, μ finite
	}
	c.drift = d
	c.fail = c.cfg.FailFactor * c.rms.mean
	noise := max(c.lnRMS.s/float64(c.lnRMS.n-1), 1e-6)
	m, err := rul.NewExponentialModel(rul.ExponentialPrior{
		Phi:              0,
		LogThetaMean:     c.lnRMS.mean,
		LogThetaVariance: noise,
		BetaMean:         0,
		BetaVariance:     1e-2,
		NoiseVariance:    noise,
	}, rul.SamplingConfig{Samples: 1000, Seed: 1})
	if err != nil {
		panic(err) // valid by construction
	}
	c.model = m
}

// forecast fills ev's remaining-life fields.
func (c *channel) forecast(ev *event) {
	if _, err := c.model.Predict(&c.dist, c.fail); err != nil {
		if errors.Is(err, rul.ErrThresholdCrossed) {
			ev.HasRUL = true // RUL 0: already past the failure level
		}
		return
	}
	ev.HasRUL = true
	ev.RULMed = c.dist.Median()
	ev.RULLo, ev.RULHi = c.dist.Interval(0.9)
}
