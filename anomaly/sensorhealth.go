package anomaly

import (
	"math"
	"strings"

	"github.com/spindle-pdm/spindle/internal/stats"
)

// HealthFlag is a set of sensor-health findings for one sample.
type HealthFlag uint16

const (
	// HealthFlatline: the sample ends a run of at least FlatRun identical
	// values (a stuck or dead sensor).
	HealthFlatline HealthFlag = 1 << iota
	// HealthClipped: the sample ends a run of at least ClipRun values at a
	// rail (the configured Min/Max, or the running extreme): saturation.
	HealthClipped
	// HealthSpike: the sample's first difference is a robust outlier
	// against the recent differences (MAD-based z above SpikeZ).
	HealthSpike
	// HealthGap: the sample is NaN or infinite (a dropout).
	HealthGap
	// HealthIrregular: the time step deviates from Nominal by more than
	// Tolerance·Nominal.
	HealthIrregular
	// HealthBadTime: the timestamp is not finite or does not increase.
	HealthBadTime
)

// healthRailWindow is the number of recent samples whose extremes serve
// as rails when none are configured.
const healthRailWindow = 64

var healthNames = [...]string{"flatline", "clipped", "spike", "gap", "irregular", "bad-time"}

// String lists the flags, e.g. "clipped|spike", or "ok" for none.
func (f HealthFlag) String() string {
	if f == 0 {
		return "ok"
	}
	var parts []string
	for i, n := range healthNames {
		if f&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, "|")
}

// SensorHealthConfig configures a SensorHealth monitor. The zero value of
// every field means its default (DefaultSensorHealthConfig); a check with
// a run length or threshold is disabled by a negative value.
type SensorHealthConfig struct {
	// Nominal is the nominal sample interval in seconds; zero, the
	// default, disables the irregular-timestamp check.
	Nominal float64
	// Tolerance is the accepted relative deviation of a time step from
	// Nominal (0.5 accepts 0.5–1.5 × Nominal); zero means 0.5.
	Tolerance float64
	// FlatRun is the run of identical values that flags a flatline; ≥ 2;
	// zero means 50; negative disables the check.
	FlatRun int
	// ClipRun is the run of values at a rail that flags clipping; ≥ 2;
	// zero means 3; negative disables the check.
	ClipRun int
	// Min and Max are the sensor's rails (ADC or range limits) in the
	// units of x. When both are zero the rails are the extremes of the
	// last 64 samples, so a flat top or bottom of ClipRun identical values
	// is taken for saturation.
	Min, Max float64
	// SpikeZ is the robust z of a first difference that flags a spike;
	// zero means 10; negative disables the check.
	SpikeZ float64
	// SpikeWindow is the number of recent first differences whose median
	// and MAD judge a new one; ≥ 8; zero means 64.
	SpikeWindow int
}

// DefaultSensorHealthConfig returns the values the zero fields of a
// SensorHealthConfig stand for, with the given nominal interval (seconds): ±50 % time-step tolerance, flatline after 50
// identical samples, clipping after 3 samples at the running extremes,
// spikes at robust z 10 over 64 differences.
func DefaultSensorHealthConfig(nominal float64) SensorHealthConfig {
	return SensorHealthConfig{Nominal: nominal, Tolerance: 0.5, FlatRun: 50, ClipRun: 3, SpikeZ: 10, SpikeWindow: 64}
}

// withDefaults returns c with its zero fields set to their defaults and
// the negative (disabled) FlatRun, ClipRun and SpikeZ set to 0, the
// monitor's internal "off".
func (c SensorHealthConfig) withDefaults() SensorHealthConfig {
	d := DefaultSensorHealthConfig(0)
	orDefault(&c.Tolerance, d.Tolerance)
	orDefault(&c.FlatRun, d.FlatRun)
	orDefault(&c.ClipRun, d.ClipRun)
	orDefault(&c.SpikeZ, d.SpikeZ)
	orDefault(&c.SpikeWindow, d.SpikeWindow)
	c.FlatRun, c.ClipRun, c.SpikeZ = max(c.FlatRun, 0), max(c.ClipRun, 0), max(c.SpikeZ, 0)
	return c
}

// SensorReport counts the samples a SensorHealth monitor flagged.
type SensorReport struct {
	Samples                                             int
	Flatline, Clipped, Spikes, Gaps, Irregular, BadTime int
	LongestFlatline, LongestClip, LongestGap            int
}

// Healthy reports whether no sample was flagged.
func (r SensorReport) Healthy() bool {
	return r.Flatline+r.Clipped+r.Spikes+r.Gaps+r.Irregular+r.BadTime == 0
}

// SensorHealth watches a sample stream for the faults of the sensor
// itself — stuck, saturated, spiking, dropping out or mistimed — so that a
// dead sensor is not read as a healthy (or a failing) machine. Update
// returns the flags of each sample; Report accumulates counts. Memory is
// fixed at construction and Update allocates nothing. It is not safe for
// concurrent use.
type SensorHealth struct {
	cfg        SensorHealthConfig
	fixedRails bool
	lo, hi     float64 // rails in use
	havePrev   bool
	prevX      float64
	prevT      float64
	haveT      bool
	run        int // identical-value run length
	clip       int // at-rail run length
	gap        int
	vals       [healthRailWindow]float64 // recent values (automatic rails)
	vh, vn     int
	diffs      []float64 // ring of recent first differences
	dh, dn     int
	scratch    []float64
	rep        SensorReport
}

// NewSensorHealth returns a monitor, or an error naming the invalid
// field.
func NewSensorHealth(cfg SensorHealthConfig) (*SensorHealth, error) {
	cfg = cfg.withDefaults()
	switch {
	case cfg.Nominal < 0 || math.IsNaN(cfg.Nominal) || math.IsInf(cfg.Nominal, 0):
		return nil, errorf(ErrConfig, "SensorHealthConfig.Nominal = %g s, want a finite value ≥ 0", cfg.Nominal)
	case cfg.Nominal > 0 && !(cfg.Tolerance > 0):
		return nil, errorf(ErrConfig, "SensorHealthConfig.Tolerance = %g, want > 0", cfg.Tolerance)
	case cfg.FlatRun == 1 || cfg.FlatRun < 0 || cfg.ClipRun == 1 || cfg.ClipRun < 0:
		return nil, errorf(ErrConfig, "SensorHealthConfig FlatRun = %d, ClipRun = %d, want ≥ 2 (or < 0 for off)", cfg.FlatRun, cfg.ClipRun)
	case cfg.Min > cfg.Max || math.IsNaN(cfg.Min) || math.IsNaN(cfg.Max):
		return nil, errorf(ErrConfig, "SensorHealthConfig rails Min = %g > Max = %g", cfg.Min, cfg.Max)
	case !(cfg.SpikeZ >= 0) || math.IsInf(cfg.SpikeZ, 0) || (cfg.SpikeZ > 0 && cfg.SpikeWindow < 8):
		return nil, errorf(ErrConfig, "SensorHealthConfig SpikeZ = %g, SpikeWindow = %d, want SpikeZ ≥ 0 and SpikeWindow ≥ 8", cfg.SpikeZ, cfg.SpikeWindow)
	}
	h := &SensorHealth{cfg: cfg, fixedRails: cfg.Min != 0 || cfg.Max != 0}
	if cfg.SpikeZ > 0 {
		h.diffs = make([]float64, cfg.SpikeWindow)
		h.scratch = make([]float64, cfg.SpikeWindow)
	}
	h.Reset()
	return h, nil
}

// Reset forgets the stream and the report.
func (h *SensorHealth) Reset() {
	h.havePrev, h.haveT, h.run, h.clip, h.gap, h.dh, h.dn, h.vh, h.vn = false, false, 0, 0, 0, 0, 0, 0, 0
	h.lo, h.hi = h.cfg.Min, h.cfg.Max
	h.rep = SensorReport{}
}

// Report returns the counts since construction or Reset.
func (h *SensorHealth) Report() SensorReport { return h.rep }

// Update checks sample x taken at time t (seconds) and returns its flags.
func (h *SensorHealth) Update(t, x float64) HealthFlag {
	var f HealthFlag
	h.rep.Samples++
	// Time.
	if math.IsNaN(t) || math.IsInf(t, 0) || (h.haveT && t <= h.prevT) {
		f |= HealthBadTime
	} else {
		if h.haveT && h.cfg.Nominal > 0 && math.Abs(t-h.prevT-h.cfg.Nominal) > h.cfg.Tolerance*h.cfg.Nominal {
			f |= HealthIrregular
		}
		h.prevT, h.haveT = t, true
	}
	// Dropouts.
	if math.IsNaN(x) || math.IsInf(x, 0) {
		h.gap++
		h.rep.LongestGap = max(h.rep.LongestGap, h.gap)
		h.count(f | HealthGap)
		return f | HealthGap
	}
	h.gap = 0
	// Runs of identical values and of values at a rail.
	if h.havePrev && x == h.prevX {
		h.run++
	} else {
		h.run = 1
	}
	if !h.fixedRails {
		if h.vn < healthRailWindow {
			h.vals[h.vn] = x
			h.vn++
		} else {
			h.vals[h.vh] = x
			h.vh = (h.vh + 1) % healthRailWindow
		}
		h.lo, h.hi = x, x
		for _, v := range h.vals[:h.vn] {
			h.lo, h.hi = math.Min(h.lo, v), math.Max(h.hi, v)
		}
	}
	atRail := (x >= h.hi || x <= h.lo) && h.hi > h.lo
	if atRail && h.havePrev && x == h.prevX {
		h.clip++
	} else if atRail {
		h.clip = 1
	} else {
		h.clip = 0
	}
	if h.cfg.FlatRun > 0 && h.run >= h.cfg.FlatRun {
		f |= HealthFlatline
		h.rep.LongestFlatline = max(h.rep.LongestFlatline, h.run)
	}
	if h.cfg.ClipRun > 0 && h.clip >= h.cfg.ClipRun {
		f |= HealthClipped
		h.rep.LongestClip = max(h.rep.LongestClip, h.clip)
	}
	// Spikes: robust z of the first difference.
	if h.cfg.SpikeZ > 0 && h.havePrev {
		d := x - h.prevX
		if h.dn >= 8 {
			s := h.scratch[:h.dn]
			copy(s, h.diffs[:h.dn])
			med := stats.MedianInPlace(s)
			for i := range s {
				s[i] = math.Abs(s[i] - med)
			}
			if mad := 1.4826 * stats.MedianInPlace(s); mad > 0 && math.Abs(d-med)/mad > h.cfg.SpikeZ {
				f |= HealthSpike
			}
		}
		w := len(h.diffs)
		if h.dn < w {
			h.diffs[h.dn] = d
			h.dn++
		} else {
			h.diffs[h.dh] = d
			h.dh = (h.dh + 1) % w
		}
	}
	h.prevX, h.havePrev = x, true
	h.count(f)
	return f
}

func (h *SensorHealth) count(f HealthFlag) {
	r := &h.rep
	for i, c := range []*int{&r.Flatline, &r.Clipped, &r.Spikes, &r.Gaps, &r.Irregular, &r.BadTime} {
		if f&(1<<i) != 0 {
			*c++
		}
	}
}

// CheckSensor runs a fresh SensorHealth over a whole record sampled at
// sampleRate Hz (t = i/sampleRate) and returns its report. It returns an
// error if sampleRate is not positive or the configuration is invalid; flags are data findings, not
// errors.
func CheckSensor(x []float64, sampleRate float64, cfg SensorHealthConfig) (SensorReport, error) {
	if !(sampleRate > 0) || math.IsInf(sampleRate, 0) {
		return SensorReport{}, errorf(ErrInput, "CheckSensor sample rate %g Hz, want > 0", sampleRate)
	}
	h, err := NewSensorHealth(cfg)
	if err != nil {
		return SensorReport{}, err
	}
	for i, v := range x {
		h.Update(float64(i)/sampleRate, v)
	}
	return h.Report(), nil
}
