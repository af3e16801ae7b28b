package asset

import (
	"errors"
	"math"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/rul"
)

// DefaultBaseline is the number of healthy values a Tracker learns its
// baseline from when TrackerConfig.Baseline is 0: 10 minutes of snapshots
// taken every 10 s.
const DefaultBaseline = 60

// MaxSamples bounds TrackerConfig.Samples, so that a forecast's draws
// (8 bytes each) stay within 8 MiB.
const MaxSamples = 1 << 20

// defaultSamples is TrackerConfig.Samples's default.
const defaultSamples = 4000

// TrackerConfig configures a Tracker. The zero value of every field means
// its documented default. Times are in any one unit (the examples use
// hours); the raw values in the indicator's unit (g for an RMS, g² for a
// mean square).
type TrackerConfig struct {
	// Smooth is the length of the trailing mean applied to the raw
	// values, in values (0 or 1: none).
	Smooth int
	// Baseline is the number of first (smoothed) values taken as healthy
	// (0: DefaultBaseline; at least 2); their mean μ and standard
	// deviation σ define the health indicator HI = smoothed value / μ
	// (1 = healthy) and the alarm level.
	Baseline int
	// Sigmas is K of the alarm level 1 + K·σ/μ (0: the default, 6), used
	// when PFA is zero.
	Sigmas float64
	// PFA, when > 0, sets the alarm level data-driven instead: the HI that
	// the healthy baseline exceeds with probability PFA per value,
	// extrapolated by a generalised Pareto fit of the baseline HI's upper
	// tail (anomaly.HealthyEVT). It needs Baseline ≥ 50 and PFA below the
	// fitted tail fraction (10.5/Baseline for Baseline < 525). 0: the
	// σ rule.
	PFA float64
	// Run is the number of consecutive values above the alarm level that
	// raise the alarm (0: the default, 3).
	Run int
	// Prior, when not nil, enables the forecast: an exponential
	// degradation model (rul.ExponentialModel, φ = Prior.Phi, in HI units)
	// updated with (time since the alarm's first exceedance, HI) after the
	// alarm. nil: no forecast.
	Prior *rul.ExponentialPrior
	// Failure is the HI at which the unit counts as failed. It has no
	// default: with a Prior it is required and must exceed Prior.Phi;
	// without one it is ignored.
	Failure float64
	// Samples is the number of posterior draws per forecast (0: the
	// default, 4000; at most MaxSamples).
	Samples int
	// Noise is the forecast model's observation-noise model
	// (rul.SamplingConfig.Noise); rul.RobustNoise() for honest intervals
	// on real indicators, the zero value for the classical i.i.d. model.
	Noise rul.NoiseConfig
}

// withDefaults fills in the defaults and validates c.
func (c TrackerConfig) withDefaults() (TrackerConfig, error) {
	if c.Smooth == 0 {
		c.Smooth = 1
	}
	if c.Baseline == 0 {
		c.Baseline = DefaultBaseline
	}
	if c.Sigmas == 0 {
		c.Sigmas = 6
	}
	if c.Run == 0 {
		c.Run = 3
	}
	if c.Samples == 0 {
		c.Samples = defaultSamples
	}
	switch {
	case c.Smooth < 0:
		return c, errorf(ErrConfig, "smoothing over %d values, want 0 (none) or more", c.Smooth)
	case c.Baseline < 2:
		return c, errorf(ErrConfig, "baseline of %d values, need at least 2", c.Baseline)
	case !(c.Sigmas > 0) || math.IsInf(c.Sigmas, 0):
		return c, errorf(ErrConfig, "alarm at %g σ, want a finite K > 0", c.Sigmas)
	case !(c.PFA >= 0 && c.PFA < 1):
		return c, errorf(ErrConfig, "PFA %g, want 0 (σ rule) or a probability in (0, 1)", c.PFA)
	case c.Run < 1:
		return c, errorf(ErrConfig, "alarm run of %d values, want 0 (default 3) or more", c.Run)
	case c.Samples < 1 || c.Samples > MaxSamples:
		return c, errorf(ErrConfig, "%d draws per forecast, want 0 (default 4000) up to %d", c.Samples, MaxSamples)
	case c.Prior != nil && (!(c.Failure > c.Prior.Phi) || math.IsInf(c.Failure, 0)):
		return c, errorf(ErrConfig, "failure level %g must be finite and exceed the prior's φ = %g", c.Failure, c.Prior.Phi)
	}
	return c, nil
}

// Tracker follows one unit's health indicator: baseline, alarm, forecast.
// The alarm is raised when the indicator stays above the alarm level for
// Run consecutive values; the level is 1 + K·σ/μ of the baseline, or with
// PFA the baseline's extreme-value quantile.
//
// Once the baseline is learned an Update is O(1) and does not allocate
// (the value that completes the baseline costs O(Baseline), and with PFA
// allocates for the tail fit). A Tracker is not safe for concurrent use; MarshalBinary and
// UnmarshalBinary save and restore it.
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
	// Time is the value's time (the caller's unit).
	Time float64
	// Raw is the raw value (the indicator's unit, e.g. g).
	Raw float64
	// HI is the health indicator, smoothed value / baseline mean
	// (dimensionless, 1 = healthy); NaN while learning.
	HI float64
	// Learning is true while the baseline is still being learned.
	Learning bool
	// Level is the alarm level in HI units; NaN while learning.
	Level float64
	// Alarm is true when the alarm was raised at or before this value.
	Alarm bool
	// Raised is true when this value raised the alarm.
	Raised bool
}

// NewTracker returns a tracker for cfg. It returns an error wrapping
// ErrConfig for a field out of range (see TrackerConfig) or a prior that
// rul rejects.
func NewTracker(cfg TrackerConfig) (*Tracker, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	t := &Tracker{cfg: cfg, ring: make([]float64, cfg.Smooth)}
	if cfg.Prior != nil {
		m, err := rul.NewExponentialModel(*cfg.Prior, rul.SamplingConfig{Samples: cfg.Samples, Seed: 1, Noise: cfg.Noise})
		if err != nil {
			return nil, wrap(ErrConfig, err, "forecast model")
		}
		t.model = m
	}
	return t, nil
}

// Baseline returns the learned mean and standard deviation of the smoothed
// values (raw units, e.g. g), and false while still learning.
func (t *Tracker) Baseline() (mu, sd float64, ok bool) { return t.mu, t.sd, t.level > 0 }

// Level returns the alarm level in HI units, and false while still
// learning.
func (t *Tracker) Level() (level float64, ok bool) { return t.level, t.level > 0 }

// Alarm returns the time of the alarm run's first exceedance and the time
// the alarm was raised (the caller's unit), and false when there has been
// no alarm.
func (t *Tracker) Alarm() (first, raised float64, ok bool) {
	return t.origin, t.alarmAt, t.alarmed
}

// Skipped returns the number of post-alarm values not absorbed by the
// model because they were at or below its φ.
func (t *Tracker) Skipped() int { return t.skipped }

// Last returns the State of the latest value accepted (the zero State
// before any).
func (t *Tracker) Last() State { return t.last }

// Update absorbs the raw value v (the indicator's unit, e.g. g) at time tm
// (the caller's unit; after the alarm the times must increase). A NaN or
// infinite value or time is an error wrapping ErrInput that leaves the
// tracker unchanged; so is a baseline whose mean is not positive, or a
// post-alarm value the forecast model rejects.
func (t *Tracker) Update(tm, v float64) (State, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) || math.IsNaN(tm) || math.IsInf(tm, 0) {
		return t.last, errorf(ErrInput, "value %v at t=%v", v, tm)
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
		mu, sd := meanStd(t.base)
		if !(mu > 0) || math.IsInf(mu, 0) || math.IsNaN(sd) || math.IsInf(sd, 0) {
			return s, errorf(ErrInput, "baseline mean %g (σ %g), need a finite mean > 0", mu, sd)
		}
		t.mu, t.sd = mu, sd
		if err := t.setLevel(); err != nil {
			t.mu, t.sd = 0, 0
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
		return wrap(ErrInput, err, "alarm level from %d baseline values", len(hi))
	}
	if !(lv > 0) || math.IsInf(lv, 0) {
		return errorf(ErrInput, "alarm level %g from %d baseline values", lv, len(hi))
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
	if err := t.model.Update(tm-t.origin, hi); err != nil {
		return wrap(ErrInput, err, "forecast model")
	}
	return nil
}

// Forecast is a remaining-life forecast, in the tracker's time unit.
type Forecast struct {
	// Median is the median remaining life; +Inf when most draws never
	// reach the failure level.
	Median float64
	// Lo and Hi bound the central 90 % interval of the remaining life.
	Lo, Hi float64
}

// Forecast returns the remaining-life forecast from the latest value: the
// zero Forecast when the indicator has reached the failure level, and
// ErrNoForecast before an alarm, before a post-alarm value was absorbed,
// or without a prior. It draws TrackerConfig.Samples values from the
// model's seeded random stream, whose position is part of the saved state.
func (t *Tracker) Forecast() (Forecast, error) {
	if t.model == nil || !t.alarmed || t.model.N() == 0 {
		return Forecast{}, ErrNoForecast
	}
	d, err := t.model.Predict(t.dist, t.cfg.Failure)
	if errors.Is(err, rul.ErrThresholdCrossed) {
		return Forecast{}, nil
	}
	if err != nil {
		return Forecast{}, wrap(ErrInput, err, "forecast")
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
