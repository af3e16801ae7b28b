package main

import (
	"errors"
	"fmt"
	"iter"
	"math"

	"github.com/spindle-pdm/spindle/examples/internal/monitor"
	"github.com/spindle-pdm/spindle/features"
)

// snapshot is one vibration snapshot: its time in hours and its samples
// in g.
type snapshot struct {
	hours float64
	x     []float64
}

// source is a monitored machine: where its snapshots come from, what is
// known of it, and the past runs to failure of its fleet (if any).
type source struct {
	name      string
	analyzer  monitor.AnalyzerConfig
	tracker   monitor.TrackerConfig
	snapshots func() iter.Seq2[snapshot, error]
	fleet     []monitor.Run

	// Ground truth, when known (simulation): fault onset and failure
	// times in hours, and the fault.
	truthKnown       bool
	onset, failure   float64
	truthFault       string
	endIsFailure     bool // the last snapshot is the failure (run-to-failure data)
	noForecastReason string
}

// step is what the pipeline kept of one snapshot.
type step struct {
	hours    float64
	rms      float64 // g
	kurtosis float64
	state    monitor.State
	verdict  monitor.Verdict
	forecast *monitor.Forecast // after the alarm, with a prior
}

// result is the outcome of a monitored run.
type result struct {
	src      *source
	steps    []step
	fleet    *monitor.Fleet
	fleetErr error
	mu, sd   float64 // baseline mean square, g²
	learned  bool

	alarmed            bool
	alarmFirst, raised float64
	firstFault         int // index of the first step whose verdict named a fault, −1

	// Envelope spectrum of the reported snapshot (the alarm's, else the
	// last one), g².
	sesHours float64
	ses      []float64
	sesDF    float64
	sesBand  [2]float64
	evidence []features.BandMetrics
	verdict  monitor.Verdict
	bands    []features.FaultBand
	skipped  int
}

// faultRun is the number of consecutive snapshots whose envelope evidence
// must name the same fault before the report counts it.
const faultRun = 3

// monitorRun streams src's snapshots through the pipeline, as a service
// would: each snapshot is analysed (indicators and envelope evidence), its
// RMS feeds the tracker (baseline, alarm), and after the alarm the forecast
// is updated.
func monitorRun(src *source) (*result, error) {
	res := &result{src: src, firstFault: -1}
	cfg := src.tracker
	if len(src.fleet) > 0 {
		f, err := monitor.LearnFleet(src.fleet, cfg, 1)
		if err != nil {
			res.fleetErr = err
		} else {
			res.fleet = f
			cfg.Prior, cfg.Failure = &f.Prior, f.Failure
		}
	}
	an, err := monitor.NewAnalyzer(src.analyzer)
	if err != nil {
		return nil, err
	}
	res.bands = an.Bands()
	tr, err := monitor.NewTracker(cfg)
	if err != nil {
		return nil, err
	}
	keep := func(st step, ind *monitor.Indicators) {
		res.sesHours = st.hours
		res.ses = append(res.ses[:0], an.SES()...)
		res.sesDF = an.Resolution()
		res.sesBand = [2]float64{ind.BandLo, ind.BandHi}
		res.evidence = append(res.evidence[:0], ind.Evidence...)
		res.verdict = ind.Fault
	}
	var run int
	var runKind features.FaultKind
	for snap, err := range src.snapshots() {
		if err != nil {
			return nil, err
		}
		ind, err := an.Analyze(snap.x)
		if err != nil {
			return nil, fmt.Errorf("snapshot at %.2f h: %w", snap.hours, err)
		}
		st := step{hours: snap.hours, rms: ind.Features.RMS, kurtosis: ind.Features.Kurtosis, verdict: ind.Fault}
		// The tracked value is the mean square (RMS², g²): vibration energy,
		// which grows with the square of the fault's impact amplitude and
		// so keeps the exponential shape of spall growth.
		st.state, err = tr.Update(snap.hours, ind.Features.RMS*ind.Features.RMS)
		if err != nil {
			return nil, err
		}
		// The envelope evidence counts once the same fault is named in
		// faultRun snapshots in a row.
		if ind.Fault.Found && res.firstFault < 0 {
			if run > 0 && ind.Fault.Kind != runKind {
				run = 0
			}
			run, runKind = run+1, ind.Fault.Kind
			if run == faultRun {
				res.firstFault = len(res.steps) - faultRun + 1
			}
		} else {
			run = 0
		}
		if st.state.Alarm {
			fc, err := tr.Forecast()
			switch {
			case err == nil:
				st.forecast = &fc
			case !errors.Is(err, monitor.ErrNoForecast):
				return nil, err
			}
		}
		if !res.alarmed {
			keep(st, ind) // the latest snapshot until the alarm; then the alarm's
		}
		res.alarmed = st.state.Alarm
		res.steps = append(res.steps, st)
	}
	if len(res.steps) == 0 {
		return nil, errors.New("no snapshots")
	}
	res.mu, res.sd, res.learned = tr.Baseline()
	res.alarmFirst, res.raised, _ = tr.Alarm()
	res.skipped = tr.Skipped()
	return res, nil
}

// truthRUL returns the true remaining life at time h, or NaN.
func (r *result) truthRUL(h float64) float64 {
	switch {
	case r.src.truthKnown:
		return r.src.failure - h
	case r.src.endIsFailure:
		return r.steps[len(r.steps)-1].hours - h
	}
	return math.NaN()
}
