package asset

import (
	"errors"
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/rul"
)

// TrackerConfig configures a Tracker. Times are in any one unit (the
// examples use hours); the raw values in the indicator's unit (g).
type TrackerConfig struct {
	// Smooth is the length of the trailing mean applied to the raw
	// values (1 or 0: none).
	Smooth int
	// Baseline is the number of first (smoothed) values taken as healthy;
	// their mean μ and standard deviation σ define the health indicator
	// HI = smoothed value / μ (1 = healthy) and the alarm level.
	Baseline int
	// Sigmas is K of the alarm level 1 + K·σ/μ (default 6), used when PFA
	// is zero.
	Sigmas float64
	// PFA, when > 0, sets the alarm level data-driven instead: the HI that
	// the healthy baseline exceeds with probability PFA per value,
	// extrapolated by a generalised Pareto fit of the baseline HI's upper
	// tail (anomaly.HealthyEVT). It needs Baseline ≥ 50 and PFA below the
	// fitted tail fraction (10.5/Baseline for Baseline < 525).
	PFA float64
	// Run is the number of consecutive values above the alarm level that
	// raise the alarm (default 3).
	Run int
	// Prior, when not nil, enables the forecast: an exponential
	// degradation model (rul.ExponentialModel, φ = Prior.Phi) updated with
	// (time since the alarm's first exceedance, HI) after the alarm.
	Prior *rul.ExponentialPrior
	// Failure is the HI at which the unit counts as failed; needed with
	// Prior.
	Failure float64
	// Samples is the number of posterior draws per forecast (default 4000).
	Samples int
	// Noise is the forecast model's observation-noise model
	// (rul.SamplingConfig.Noise); rul.RobustNoise() for honest intervals
	// on real indicators, the zero value for the classical i.i.d. model.
	Noise rul.NoiseConfig
}

// Tracker follows one unit's health indicator: baseline, alarm, forecast.
// The alarm is raised when the indicator stays above the alarm level for
// Run consecutive values; the level is 1 + K·σ/μ of
// the baseline, or with PFA the baseline's extreme-value quantile.
type Tracker struct {
	cfg    TrackerConfig
	ring   []float64 // last Smooth raw values
	n      int
	sum    float64
	base   []float64 // smoothed baseline values
	mu, sd float64
	level  float64
	// recent exceedances: times and HI, at most Run
	runT, runV []float64
	alarmed    bool
	origin     float64 // time of the alarm run's first exceedance
	alarmAt    float64 // time the alarm was raised
	model      *rul.ExponentialModel
	dist       *rul.Distribution
	skipped    int
	last       State
}

// State is the tracker's view after one value.
type State struct {
	Time     float64
	Raw      float64 // the raw value
	HI       float64 // smoothed value / baseline mean; NaN while learning
	Learning bool    // baseline still being learned
	Level    float64 // alarm level (HI units); NaN while learning
	Alarm    bool    // alarm raised at or before this value
	Raised   bool    // alarm raised by this value
}

// NewTracker returns a tracker for cfg.
func NewTracker(cfg TrackerConfig) (*Tracker, error) {
	if cfg.Smooth <= 0 {
		cfg.Smooth = 1
	}
	if cfg.Sigmas == 0 {
		cfg.Sigmas = 6
	}
	if cfg.Run == 0 {
		cfg.Run = 3
	}
	if cfg.Samples == 0 {
		cfg.Samples = 4000
	}
	if cfg.Baseline < 2 {
		return nil, fmt.Errorf("monitor: baseline of %d values, need at least 2", cfg.Baseline)
	}
	if cfg.PFA < 0 || cfg.PFA >= 1 {
		return nil, fmt.Errorf("monitor: PFA %g, want 0 (σ rule) or a probability in (0, 1)", cfg.PFA)
	}
	if cfg.Prior != nil && !(cfg.Failure > cfg.Prior.Phi) {
		return nil, fmt.Errorf("monitor: failure level %g must exceed the prior's φ = %g", cfg.Failure, cfg.Prior.Phi)
	}
	t := &Tracker{cfg: cfg, ring: make([]float64, cfg.Smooth)}
	if cfg.Prior != nil {
		m, err := rul.NewExponentialModel(*cfg.Prior, rul.SamplingConfig{Samples: cfg.Samples, Seed: 1, Noise: cfg.Noise})
		if err != nil {
			return nil, err
		}
		t.model = m
	}
	return t, nil
}

// Baseline returns the learned mean and standard deviation of the smoothed
// values (raw units), and false while still learning.
func (t *Tracker) Baseline() (mu, sd float64, ok bool) { return t.mu, t.sd, t.level > 0 }

// Alarm returns the time of the alarm run's first exceedance and the time
// the alarm was raised, and false when there has been no alarm.
func (t *Tracker) Alarm() (first, raised float64, ok bool) {
	return t.origin, t.alarmAt, t.alarmed
}

// Skipped returns the number of post-alarm values not absorbed by the
// model because they were at or below its φ.
func (t *Tracker) Skipped() int { return t.skipped }

// Update absorbs the raw value v at time t.
func (t *Tracker) Update(tm, v float64) (State, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return t.last, fmt.Errorf("monitor: value %v at t=%g", v, tm)
	}
	t.sum += v - t.ring[t.n%len(t.ring)]
	t.ring[t.n%len(t.ring)] = v
	t.n++
	sm := t.sum / float64(min(t.n, len(t.ring)))
	s := State{Time: tm, Raw: v, HI: math.NaN(), Level: math.NaN()}
	if t.level == 0 {
		if t.n >= len(t.ring) { // only full windows enter the baseline
			t.base = append(t.base, sm)
		}
		if len(t.base) < t.cfg.Baseline {
			s.Learning = true
			t.last = s
			return s, nil
		}
		t.mu, t.sd = meanStd(t.base)
		if !(t.mu > 0) {
			return s, fmt.Errorf("monitor: baseline mean %g, need > 0", t.mu)
		}
		if err := t.setLevel(); err != nil {
			return s, err
		}
	}
	s.HI, s.Level = sm/t.mu, t.level
	if !t.alarmed {
		if s.HI > t.level {
			t.runT = append(t.runT, tm)
			t.runV = append(t.runV, s.HI)
		} else {
			t.runT, t.runV = t.runT[:0], t.runV[:0]
		}
		if len(t.runT) >= t.cfg.Run {
			t.alarmed, s.Raised = true, true
			t.origin, t.alarmAt = t.runT[0], tm
			for i := range t.runT {
				if err := t.absorb(t.runT[i], t.runV[i]); err != nil {
					return s, err
				}
			}
		}
	} else if err := t.absorb(tm, s.HI); err != nil {
		return s, err
	}
	s.Alarm = t.alarmed
	t.last = s
	return s, nil
}

// setLevel sets the alarm level from the baseline.
func (t *Tracker) setLevel() error {
	if t.cfg.PFA == 0 {
		t.level = 1 + t.cfg.Sigmas*t.sd/t.mu
		return nil
	}
	hi := make([]float64, len(t.base))
	for i, v := range t.base {
		hi[i] = v / t.mu
	}
	lv, err := anomaly.HealthyEVT(hi, t.cfg.PFA)
	if err != nil {
		return fmt.Errorf("monitor: alarm level from %d baseline values: %w", len(hi), err)
	}
	t.level = lv
	return nil
}

func (t *Tracker) absorb(tm, hi float64) error {
	if t.model == nil {
		return nil
	}
	if !(hi > t.cfg.Prior.Phi) {
		t.skipped++
		return nil
	}
	return t.model.Update(tm-t.origin, hi)
}

// Forecast is a remaining-life forecast.
type Forecast struct {
	Median, Lo, Hi float64 // median and 90 % interval of the remaining life
}

// ErrNoForecast is returned by Forecast before an alarm or without a prior.
var ErrNoForecast = errors.New("monitor: no forecast (no alarm yet, or no prior)")

// Forecast returns the remaining-life forecast from the latest value: 0
// when the indicator has reached the failure level.
func (t *Tracker) Forecast() (Forecast, error) {
	if t.model == nil || !t.alarmed || t.model.N() == 0 {
		return Forecast{}, ErrNoForecast
	}
	d, err := t.model.Predict(t.dist, t.cfg.Failure)
	if errors.Is(err, rul.ErrThresholdCrossed) {
		return Forecast{}, nil
	}
	if err != nil {
		return Forecast{}, err
	}
	t.dist = d
	lo, hi := d.Interval(0.9)
	return Forecast{Median: d.Median(), Lo: lo, Hi: hi}, nil
}

func meanStd(x []float64) (mu, sd float64) {
	for _, v := range x {
		mu += v
	}
	mu /= float64(len(x))
	for _, v := range x {
		sd += (v - mu) * (v - mu)
	}
	return mu, math.Sqrt(sd / float64(len(x)-1))
}
