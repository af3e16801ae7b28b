package main

import (
	"errors"
	"fmt"
	"iter"
	"math"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/rul/asset"
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
	analyzer  asset.AnalyzerConfig
	tracker   asset.TrackerConfig
	snapshots func() iter.Seq2[snapshot, error]
	fleet     []asset.Run

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
	state    asset.State
	forecast *asset.Forecast // after the alarm, with a prior
}

// result is the outcome of a monitored run.
type result struct {
	src      *source
	steps    []step
	fleet    *asset.Fleet
	fleetErr error
	mu, sd   float64 // baseline mean square, g²
	learned  bool

	alarmed            bool
	alarmFirst, raised float64

	// The reported snapshot — the first from the alarm on that
	// bearing.Diagnoser diagnosed as a fault (else the last diagnosed, or
	// with no alarm the last snapshot) — its samples (g), its
	// kurtogram-band squared-envelope spectrum (g²) for the chart, and its
	// diagnosis. atAlarm is the diagnosis of the alarm snapshot itself.
	sesHours float64
	snapX    []float64
	ses      []float64
	sesDF    float64
	sesBand  [2]float64
	bands    []features.FaultBand
	diag     *bearing.Diagnosis
	diagErr  error
	atAlarm  diagSummary
	settled  bool // a diagnosis after the alarm named a fault, or failed
	skipped  int
}

// monitorRun streams src's snapshots through the pipeline, as a service
// would: each snapshot is analysed (indicators and envelope evidence), its
// RMS feeds the tracker (baseline, alarm), and after the alarm the forecast
// is updated.
func monitorRun(src *source) (*result, error) {
	res := &result{src: src}
	cfg := src.tracker
	if len(src.fleet) > 0 {
		f, err := asset.LearnFleet(src.fleet, cfg, 1)
		if err != nil {
			res.fleetErr = err
		} else {
			res.fleet = f
			cfg.Prior, cfg.Failure = &f.Prior, f.Failure
		}
	}
	// The library's bearing diagnosis, in its default configuration.
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	if err != nil {
		return nil, err
	}
	an, err := asset.NewAnalyzer(src.analyzer)
	if err != nil {
		return nil, err
	}
	res.bands = an.Bands()
	tr, err := asset.NewTracker(cfg)
	if err != nil {
		return nil, err
	}
	keep := func(st step, ind *asset.Indicators, x []float64) {
		res.sesHours = st.hours
		res.snapX = append(res.snapX[:0], x...)
		res.ses = append(res.ses[:0], an.SES()...)
		res.sesDF = an.Resolution()
		res.sesBand = [2]float64{ind.BandLo, ind.BandHi}
	}
	for snap, err := range src.snapshots() {
		if err != nil {
			return nil, err
		}
		ind, err := an.Analyze(snap.x)
		if err != nil {
			return nil, fmt.Errorf("snapshot at %.2f h: %w", snap.hours, err)
		}
		st := step{hours: snap.hours, rms: ind.Features.RMS, kurtosis: ind.Features.Kurtosis}
		// The tracked value is the mean square (RMS², g²): vibration energy,
		// which grows with the square of the fault's impact amplitude and
		// so keeps the exponential shape of spall growth.
		st.state, err = tr.Update(snap.hours, ind.Features.RMS*ind.Features.RMS)
		if err != nil {
			return nil, err
		}
		if st.state.Alarm {
			fc, err := tr.Forecast()
			switch {
			case err == nil:
				st.forecast = &fc
			case !errors.Is(err, asset.ErrNoForecast):
				return nil, err
			}
		}
		switch {
		case !st.state.Alarm:
			keep(st, ind, snap.x) // the latest snapshot, diagnosed at the end if no alarm comes
		case !res.settled:
			// From the alarm on, each snapshot is diagnosed until the
			// diagnoser names a fault (or fails): at the alarm itself the
			// evidence may still be too thin for a verdict.
			keep(st, ind, snap.x)
			res.diag, res.diagErr = dg.DiagnoseTo(res.diag, snap.x, src.analyzer.Rate, src.analyzer.ShaftHz, src.analyzer.Bearing)
			if !res.alarmed && res.diagErr == nil {
				res.atAlarm = diagSummary{res.diag.Verdict, res.diag.Confidence, res.diag.Reason}
			}
			res.settled = res.diagErr != nil || isFault(res.diag.Verdict)
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
	if !res.alarmed {
		res.diag, res.diagErr = dg.Diagnose(res.snapX, src.analyzer.Rate, src.analyzer.ShaftHz, src.analyzer.Bearing)
	}
	if e := shownEvidence(res.diag); res.diagErr == nil && e != nil && e.Band[1] > e.Band[0] {
		// The chart shows the spectrum the diagnosis rests on: the
		// squared-envelope spectrum of its method's band. (For the
		// cepstrum pre-whitened method this is the plain signal's, in the
		// same band.)
		env, err := features.NewEnvelopeAnalyzer(len(res.snapX), src.analyzer.Rate)
		if err != nil {
			return nil, err
		}
		lo, hi := e.Band[0], e.Band[1]
		if res.ses, err = env.SES(make([]float64, env.Bins()), res.snapX, lo, hi); err != nil {
			return nil, err
		}
		res.sesDF, res.sesBand = env.Resolution(), e.Band
	}
	return res, nil
}

// isFault reports whether v names a faulted component.
func isFault(v fault.Kind) bool { return v != fault.Healthy && v != fault.Unknown }

// shownEvidence is the evidence a report shows of diagnosis d: the
// diagnosed fault's, or for healthy and unknown the strongest fault's;
// nil for a nil d.
func shownEvidence(d *bearing.Diagnosis) *bearing.FaultEvidence {
	if d == nil {
		return nil
	}
	if e := d.Fault(d.Verdict); e != nil {
		return e
	}
	var e *bearing.FaultEvidence
	for i := range d.Evidence {
		if e == nil || d.Evidence[i].Score > e.Score {
			e = &d.Evidence[i]
		}
	}
	return e
}

// diagSummary is the gist of one diagnosis.
type diagSummary struct {
	verdict    fault.Kind
	confidence float64
	reason     string
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
