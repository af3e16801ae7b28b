// Package monitor is the condition-monitoring pipeline of Spindle's example
// programs, written the way a service would run it: an Analyzer turns each
// vibration snapshot into indicators and envelope evidence (features), a
// Tracker turns the stream of health-indicator values into a learned
// baseline, an alarm and, after the alarm, an online remaining-life
// forecast (rul), and Fleet learns the forecast's prior and failure
// threshold from past run-to-failure histories.
package asset

import (
	"errors"
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
)

// AnalyzerConfig configures an Analyzer.
type AnalyzerConfig struct {
	Rate    float64          // sample rate, Hz
	Samples int              // samples per snapshot
	Bearing features.Bearing // geometry, for the fault bands
	ShaftHz float64          // shaft speed, Hz
	// Harmonics of each fault line measured (default 3).
	Harmonics int
}

// Analyzer computes the indicators of one snapshot at a time: the
// time-domain features (features.Extractor, one window per snapshot), the
// squared-envelope spectrum of the band of greatest spectral kurtosis
// (features.Kurtogram, features.EnvelopeAnalyzer) and the fault-band
// evidence on it (features.FaultBands, features.MeasureBands). Its buffers
// are reused from snapshot to snapshot; it is not safe for concurrent use.
type Analyzer struct {
	cfg    AnalyzerConfig
	ext    *features.Extractor
	env    *features.EnvelopeAnalyzer
	kurt   *features.Kurtogram
	kres   *features.KurtogramResult
	bands  []features.FaultBand
	ses    []float64
	minBW  float64
	tf     features.TimeFeatures
	tfErr  error
	report Indicators
}

// Indicators are the results of one snapshot. Evidence and the spectrum
// returned by SES are reused by the next Analyze call.
type Indicators struct {
	Features features.TimeFeatures // RMS, kurtosis, crest factor, ... (g)
	BandLo   float64               // envelope band, Hz
	BandHi   float64
	Evidence []features.BandMetrics // every fault band, on the envelope spectrum
}

// NewAnalyzer returns an Analyzer for cfg.
func NewAnalyzer(cfg AnalyzerConfig) (*Analyzer, error) {
	if cfg.Harmonics == 0 {
		cfg.Harmonics = 3
	}
	ext, err := features.NewExtractor(features.ExtractorConfig{SampleRate: cfg.Rate, Window: cfg.Samples})
	if err != nil {
		return nil, err
	}
	d, err := cfg.Bearing.DefectFrequencies(cfg.ShaftHz)
	if err != nil {
		return nil, err
	}
	if cfg.Samples < features.MinEnvelopeLength {
		return nil, fmt.Errorf("monitor: snapshots of %d samples are too short for envelope analysis", cfg.Samples)
	}
	a := &Analyzer{cfg: cfg, ext: ext}
	a.env = features.NewEnvelopeAnalyzer(cfg.Samples, cfg.Rate)
	a.bands = features.FaultBands(d, features.BandConfig{Harmonics: cfg.Harmonics})
	top := 0.0
	for _, b := range a.bands {
		top = math.Max(top, b.Hi)
	}
	// The envelope band must be wide enough to hold the highest line
	// sought, and the spectrum must reach beyond it for the noise floor.
	a.minBW = 1.2 * top
	if 2*a.minBW > cfg.Rate/2 {
		return nil, fmt.Errorf("monitor: fault lines up to %.0f Hz need a sample rate above %.0f Hz", top, 4*a.minBW)
	}
	levels := min(6, int(math.Log2(float64(cfg.Samples)))-7)
	if levels >= 1 {
		a.kurt = features.NewKurtogram(levels, cfg.Rate)
	}
	a.ses = make([]float64, a.env.Bins())
	return a, nil
}

// Bands returns the fault bands measured.
func (a *Analyzer) Bands() []features.FaultBand { return a.bands }

// SES returns the squared-envelope spectrum of the last snapshot (g²);
// bin k lies at k·Resolution() Hz. It is overwritten by the next Analyze.
func (a *Analyzer) SES() []float64 { return a.ses }

// Resolution returns the envelope spectrum's bin spacing in Hz.
func (a *Analyzer) Resolution() float64 { return a.env.Resolution() }

// Analyze computes the indicators of snapshot x, which must hold
// cfg.Samples samples.
func (a *Analyzer) Analyze(x []float64) (*Indicators, error) {
	if len(x) != a.cfg.Samples {
		return nil, fmt.Errorf("monitor: snapshot of %d samples, analyzer built for %d", len(x), a.cfg.Samples)
	}
	a.ext.Reset()
	a.tfErr = errors.New("monitor: no window")
	a.ext.Write(x, func(w *features.Window) { a.tf, a.tfErr = w.Features, w.Err })
	if a.tfErr != nil {
		return nil, a.tfErr
	}
	r := &a.report
	r.Features = a.tf
	r.BandLo, r.BandHi = 0, a.cfg.Rate/2
	if a.kurt != nil {
		kr, err := a.kurt.Compute(a.kres, x)
		if err != nil {
			return nil, err
		}
		a.kres = kr
		b := kr.BestBand(a.minBW, a.cfg.Rate/4)
		r.BandLo, r.BandHi = math.Max(0, b.Lo()), math.Min(a.cfg.Rate/2, b.Hi()) // rounding can overshoot
	}
	if _, err := a.env.SES(a.ses, x, r.BandLo, r.BandHi); err != nil {
		return nil, err
	}
	ev, err := features.MeasureBands(r.Evidence[:0], a.ses, a.env.Resolution(), a.bands, features.FloorConfig{})
	if err != nil {
		return nil, err
	}
	r.Evidence = ev
	return r, nil
}
