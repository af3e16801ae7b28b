package anomaly

import (
	"fmt"
	"math"
	"slices"

	"github.com/spindle-pdm/spindle/internal/stats"
)

// RigMonitorConfig configures a RigMonitor. Lengths count snapshots (calls
// to Update), so the monitor is causal: nothing depends on how long the run
// will last.
//
// The zero value of every field means its default
// (DefaultRigMonitorConfig).
type RigMonitorConfig struct {
	// Skip is the number of run-in snapshots ignored before the baseline;
	// zero means 100. A negative Skip skips none.
	Skip int
	// Baseline is the number of snapshots after Skip assumed healthy; the
	// robust statistics and the threshold are learnt from them. ≥ 10; zero
	// means 200.
	Baseline int
	// Smooth is the length of the trailing median applied to each
	// bearing's relative level (1 disables smoothing); zero means 5.
	Smooth int
	// PFA is the false-alarm probability per snapshot at which the healthy
	// z-scores' tail (HealthyEVT) is cut; zero means 1e-3.
	PFA float64
	// Margin multiplies the EVT threshold; zero means 2.
	Margin float64
	// K is the number of consecutive snapshots above the threshold that
	// raise the alarm (Persistence); zero means 6.
	K int
}

// DefaultRigMonitorConfig returns the values the zero fields of a
// RigMonitorConfig stand for, the configuration used on the IMS
// run-to-failure tests: 100 run-in snapshots skipped, 200 healthy
// snapshots, a 5-snapshot median, PFA 1e-3, margin 2 and 6 consecutive
// exceedances (one hour at IMS's 10-minute spacing).
func DefaultRigMonitorConfig() RigMonitorConfig {
	return RigMonitorConfig{Skip: 100, Baseline: 200, Smooth: 5, PFA: 1e-3, Margin: 2, K: 6}
}

// withDefaults returns c with its zero fields set to their defaults and a
// negative Skip set to 0.
func (c RigMonitorConfig) withDefaults() RigMonitorConfig {
	d := DefaultRigMonitorConfig()
	orDefault(&c.Skip, d.Skip)
	c.Skip = max(c.Skip, 0)
	orDefault(&c.Baseline, d.Baseline)
	orDefault(&c.Smooth, d.Smooth)
	orDefault(&c.PFA, d.PFA)
	orDefault(&c.Margin, d.Margin)
	orDefault(&c.K, d.K)
	return c
}

// RigScore is one bearing's state after an Update.
type RigScore struct {
	// Z is the robust z-score of the bearing's smoothed relative level
	// against its baseline; 0 until the baseline is complete.
	Z float64
	// Threshold is the alarm threshold in z units; 0 until Ready.
	Threshold float64
	// Ready reports that the baseline is complete and Z is meaningful.
	Ready bool
	// Alarm reports that Z has exceeded Threshold for K consecutive
	// snapshots; it latches.
	Alarm bool
}

// RigMonitor watches several bearings that share one shaft, housing and
// load (a test rig, a gearbox, a line of pumps) from one positive level per
// bearing and snapshot, such as the RMS or mean absolute acceleration.
//
// Each Update works in the log domain and subtracts the mean over bearings
// (common-mode rejection): load, speed, temperature and the vibration a
// failing bearing sends through the shaft move every channel together,
// while a bearing's own defect raises its level relative to the others.
// The relative level is smoothed by a trailing median and scored as a
// robust z-score, z = (r − median)/(1.4826·MAD), against the baseline
// snapshots. The threshold is Margin times the healthy z-scores' quantile
// at PFA from a generalised Pareto tail fit (HealthyEVT); only rises
// alarm, after K consecutive exceedances.
//
// A RigMonitor is for one goroutine. After construction it allocates
// nothing per Update.
type RigMonitor struct {
	cfg     RigMonitorConfig
	n       int         // snapshots seen
	rel     []float64   // current relative log levels
	ring    [][]float64 // per bearing, last Smooth relative levels
	win     []float64   // median scratch
	base    [][]float64 // per bearing, baseline smoothed levels
	med     []float64
	mad     []float64
	thr     []float64
	persist []Persistence
	ready   bool
}

// NewRigMonitor returns a monitor for the given number of bearings (at
// least 2, since the common mode is their mean).
func NewRigMonitor(bearings int, cfg RigMonitorConfig) (*RigMonitor, error) {
	cfg = cfg.withDefaults()
	switch {
	case bearings < 2:
		return nil, errorf(ErrConfig, "rig monitor needs at least 2 bearings, got %d", bearings)
	case cfg.Skip < 0 || cfg.Baseline < 10:
		return nil, errorf(ErrConfig, "rig monitor needs Skip ≥ 0 and Baseline ≥ 10, got %d and %d", cfg.Skip, cfg.Baseline)
	case cfg.Smooth < 1 || cfg.K < 1:
		return nil, errorf(ErrConfig, "rig monitor needs Smooth ≥ 1 and K ≥ 1, got %d and %d", cfg.Smooth, cfg.K)
	case !(cfg.PFA > 0 && cfg.PFA < 1) || !(cfg.Margin > 0) || math.IsInf(cfg.Margin, 0):
		return nil, errorf(ErrConfig, "rig monitor needs 0 < PFA < 1 and a finite Margin > 0, got %g and %g", cfg.PFA, cfg.Margin)
	}
	m := &RigMonitor{
		cfg:     cfg,
		rel:     make([]float64, bearings),
		ring:    make([][]float64, bearings),
		win:     make([]float64, cfg.Smooth),
		base:    make([][]float64, bearings),
		med:     make([]float64, bearings),
		mad:     make([]float64, bearings),
		thr:     make([]float64, bearings),
		persist: make([]Persistence, bearings),
	}
	for b := range m.ring {
		m.ring[b] = make([]float64, cfg.Smooth)
		m.base[b] = make([]float64, 0, cfg.Baseline)
		m.persist[b] = Persistence{K: cfg.K}
	}
	return m, nil
}

// Bearings returns the number of bearings watched.
func (m *RigMonitor) Bearings() int { return len(m.rel) }

// Snapshots returns the number of snapshots seen.
func (m *RigMonitor) Snapshots() int { return m.n }

// Update adds one snapshot's levels, one per bearing, and writes each
// bearing's score into dst, which it returns (a nil dst is allocated).
// Levels must be positive and finite: a level that is not returns an error
// naming the bearing and the snapshot, and the snapshot is not used. The
// error from the tail fit when the baseline completes (for example a
// baseline with no spread) is returned too, and the monitor stays unready.
// len(levels) and a non-nil dst must equal Bearings(), or Update panics.
func (m *RigMonitor) Update(dst []RigScore, levels []float64) ([]RigScore, error) {
	nb := len(m.rel)
	if len(levels) != nb {
		panic(fmt.Sprintf("anomaly: %d levels for %d bearings", len(levels), nb))
	}
	if dst == nil {
		dst = make([]RigScore, nb)
	} else if len(dst) != nb {
		panic(fmt.Sprintf("anomaly: destination length %d for %d bearings", len(dst), nb))
	}
	var mean float64
	for b, v := range levels {
		if !(v > 0) || math.IsInf(v, 1) {
			return dst, errorf(ErrInput, "rig monitor snapshot %d: bearing %d level %g is not positive and finite", m.n, b, v)
		}
		m.rel[b] = math.Log(v)
		mean += m.rel[b]
	}
	mean /= float64(nb)
	slot := m.n % m.cfg.Smooth
	w := min(m.n+1, m.cfg.Smooth)
	m.n++
	start, end := m.cfg.Skip, m.cfg.Skip+m.cfg.Baseline
	for b := range m.rel {
		m.ring[b][slot] = m.rel[b] - mean
		win := m.win[:w]
		copy(win, m.ring[b][:w])
		r := stats.MedianInPlace(win)
		if m.n > start && m.n <= end {
			m.base[b] = append(m.base[b], r)
		}
		if m.ready {
			z := (r - m.med[b]) / m.mad[b]
			dst[b] = RigScore{Z: z, Threshold: m.thr[b], Ready: true, Alarm: m.persist[b].Update(z > m.thr[b])}
		} else {
			dst[b] = RigScore{}
		}
	}
	if !m.ready && m.n == end {
		if err := m.learn(); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// learn fixes each bearing's median, MAD and threshold from its baseline.
func (m *RigMonitor) learn() error {
	for b, base := range m.base {
		med := stats.MedianInPlace(slices.Clone(base))
		dev := make([]float64, len(base))
		for i, v := range base {
			dev[i] = math.Abs(v - med)
		}
		mad := 1.4826 * stats.MedianInPlace(dev)
		if !(mad > 0) {
			return errorf(ErrInput, "rig monitor bearing %d: baseline has no spread (MAD 0)", b)
		}
		for i, v := range base {
			dev[i] = (v - med) / mad
		}
		q, err := HealthyEVT(dev, m.cfg.PFA)
		if err != nil {
			return fmt.Errorf("anomaly: rig monitor bearing %d: %w", b, err)
		}
		m.med[b], m.mad[b], m.thr[b] = med, mad, m.cfg.Margin*q
	}
	m.ready = true
	return nil
}

// Reset forgets every snapshot and the learnt baseline.
func (m *RigMonitor) Reset() {
	m.n, m.ready = 0, false
	for b := range m.base {
		m.base[b] = m.base[b][:0]
		m.persist[b].Reset()
	}
}
