package asset

import (
	"math"

	"github.com/spindle-pdm/spindle/features"
)

// AnalyzerConfig configures an Analyzer. Rate, Samples, Bearing and ShaftHz
// have no default and are required; the zero Harmonics means its default.
type AnalyzerConfig struct {
	// Rate is the sample rate in Hz.
	Rate float64
	// Samples is the number of samples per snapshot; at least
	// features.MinEnvelopeLength.
	Samples int
	// Bearing is the bearing's geometry, for its fault frequencies.
	Bearing features.Bearing
	// ShaftHz is the shaft speed in Hz (revolutions per second).
	ShaftHz float64
	// Harmonics is the number of harmonics of each fault line measured
	// (0: the default, 3).
	Harmonics int
}

// Analyzer computes the indicators of one snapshot at a time: the
// time-domain features (features.Extractor, one window per snapshot), the
// squared-envelope spectrum of the band of greatest spectral kurtosis
// (features.Kurtogram, features.EnvelopeAnalyzer) and the fault-band
// evidence on it (features.FaultBands, features.MeasureBands). Snapshots
// shorter than 256 samples skip the kurtogram and demodulate the whole band
// up to Rate/2. Its buffers are reused from snapshot to snapshot; it is not
// safe for concurrent use.
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
// returned by Analyzer.SES are reused by the next Analyze call.
type Indicators struct {
	// Features are the snapshot's time-domain features: RMS, peak in g,
	// kurtosis, crest factor (dimensionless), ...
	Features features.TimeFeatures
	// BandLo and BandHi bound the band demodulated for the envelope, Hz.
	BandLo, BandHi float64
	// Evidence holds every fault band measured on the squared-envelope
	// spectrum, in the order of Analyzer.Bands.
	Evidence []features.BandMetrics
}

// NewAnalyzer returns an Analyzer for cfg. It returns an error wrapping
// ErrConfig when the configuration cannot work: a rate, length or shaft
// speed out of range, or fault lines (up to Harmonics × the highest defect
// frequency) too high for the sample rate.
func NewAnalyzer(cfg AnalyzerConfig) (*Analyzer, error) {
	if cfg.Harmonics == 0 {
		cfg.Harmonics = 3
	}
	if cfg.Harmonics < 0 {
		return nil, errorf(ErrConfig, "%d harmonics, want 0 (default 3) or more", cfg.Harmonics)
	}
	if !(cfg.Rate > 0) || math.IsInf(cfg.Rate, 0) {
		return nil, errorf(ErrConfig, "sample rate %g Hz, want a finite rate > 0", cfg.Rate)
	}
	ext, err := features.NewExtractor(features.ExtractorConfig{SampleRate: cfg.Rate, Window: cfg.Samples})
	if err != nil {
		return nil, wrap(ErrConfig, err, "analyzer")
	}
	d, err := cfg.Bearing.DefectFrequencies(cfg.ShaftHz)
	if err != nil {
		return nil, wrap(ErrConfig, err, "analyzer")
	}
	if cfg.Samples < features.MinEnvelopeLength {
		return nil, errorf(ErrConfig, "snapshots of %d samples are too short for envelope analysis", cfg.Samples)
	}
	a := &Analyzer{cfg: cfg, ext: ext}
	if a.env, err = features.NewEnvelopeAnalyzer(cfg.Samples, cfg.Rate); err != nil {
		return nil, err
	}
	if a.bands, err = features.FaultBands(d, features.BandConfig{Harmonics: cfg.Harmonics}); err != nil {
		return nil, err
	}
	top := 0.0
	for _, b := range a.bands {
		top = math.Max(top, b.Hi)
	}
	// The envelope band must be wide enough to hold the highest line
	// sought, and the spectrum must reach beyond it for the noise floor.
	a.minBW = 1.2 * top
	if 2*a.minBW > cfg.Rate/2 {
		return nil, errorf(ErrConfig, "fault lines up to %.0f Hz need a sample rate above %.0f Hz", top, 4*a.minBW)
	}
	levels := min(6, int(math.Log2(float64(cfg.Samples)))-7)
	if levels >= 1 {
		if a.kurt, err = features.NewKurtogram(levels, cfg.Rate); err != nil {
			return nil, err
		}
	}
	a.ses = make([]float64, a.env.Bins())
	return a, nil
}

// Bands returns the fault bands measured (lines and bounds in Hz).
func (a *Analyzer) Bands() []features.FaultBand { return a.bands }

// SES returns the squared-envelope spectrum of the last snapshot (g²);
// bin k lies at k·Resolution() Hz. It is overwritten by the next Analyze.
func (a *Analyzer) SES() []float64 { return a.ses }

// Resolution returns the envelope spectrum's bin spacing in Hz.
func (a *Analyzer) Resolution() float64 { return a.env.Resolution() }

// Analyze computes the indicators of snapshot x (acceleration, g), which
// must hold AnalyzerConfig.Samples finite samples; otherwise, or when a
// features step fails on the data, it returns an error wrapping ErrInput.
// The result is reused by the next call.
func (a *Analyzer) Analyze(x []float64) (*Indicators, error) {
	if len(x) != a.cfg.Samples {
		return nil, errorf(ErrInput, "snapshot of %d samples, analyzer built for %d", len(x), a.cfg.Samples)
	}
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errorf(ErrInput, "snapshot sample %d is %v", i, v)
		}
	}
	a.ext.Reset()
	a.tfErr = errorf(ErrInput, "no window")
	a.ext.Write(x, func(w *features.Window) { a.tf, a.tfErr = w.Features, w.Err })
	if a.tfErr != nil {
		return nil, wrap(ErrInput, a.tfErr, "time features")
	}
	r := &a.report
	r.Features = a.tf
	r.BandLo, r.BandHi = 0, a.cfg.Rate/2
	if a.kurt != nil {
		kr, err := a.kurt.Compute(a.kres, x)
		if err != nil {
			return nil, wrap(ErrInput, err, "kurtogram")
		}
		a.kres = kr
		b := kr.BestBand(a.minBW, a.cfg.Rate/4)
		r.BandLo, r.BandHi = math.Max(0, b.Lo()), math.Min(a.cfg.Rate/2, b.Hi()) // rounding can overshoot
	}
	if _, err := a.env.SES(a.ses, x, r.BandLo, r.BandHi); err != nil {
		return nil, wrap(ErrInput, err, "envelope spectrum")
	}
	ev, err := features.MeasureBands(r.Evidence[:0], a.ses, a.env.Resolution(), a.bands, features.FloorConfig{})
	if err != nil {
		return nil, wrap(ErrInput, err, "fault bands")
	}
	r.Evidence = ev
	return r, nil
}
