package features

import (
	"math"
)

// ExtractorConfig configures an Extractor.
type ExtractorConfig struct {
	// SampleRate is the channel's sample rate in Hz, > 0; it only sets
	// Window.Time.
	SampleRate float64
	// Window is the window length in samples, ≥ 2.
	Window int
	// Hop is the distance in samples between the starts of consecutive
	// windows, ≥ 1; 0 means Window (back-to-back windows). Hop < Window
	// overlaps windows (Window/2 is 50 % overlap); Hop > Window skips the
	// samples in between.
	Hop int
	// Spectral, when not nil, adds the spectral path: each window also
	// gets a WindowSpectrum (PSD, spectral features, band powers and,
	// with a bearing, fault-band metrics of the envelope spectrum); see
	// SpectralConfig. nil means time-domain indicators only.
	Spectral *SpectralConfig
}

// Window is one analysed window, handed to the emit callback of
// Extractor.Write. It and its Samples are reused for the next window: copy
// what must outlive the callback.
type Window struct {
	// Start is the index of the window's first sample, counted from 0 at
	// the first sample written after NewExtractor or Reset.
	Start int64
	// Time is Start/SampleRate, in seconds.
	Time float64
	// Samples are the window's samples, e.g. for spectral analysis. Valid
	// only during the callback; do not modify.
	Samples []float64
	// Features are the window's time-domain indicators, identical to
	// ComputeTimeFeatures(Samples).
	Features TimeFeatures
	// Err is nil, or the error ComputeTimeFeatures would return for the
	// window: ErrConstant (Features then holds the defined indicators) or
	// an error naming a NaN or ±Inf sample by its stream index (Features
	// then zero).
	Err error
	// Spectrum is the window's spectral analysis when
	// ExtractorConfig.Spectral is set, else nil; reused like the Window.
	Spectrum *WindowSpectrum
}

// Extractor cuts a stream of samples, written in chunks of any size, into
// fixed-length, possibly overlapping windows and computes each window's
// TimeFeatures: a streaming counterpart of ComputeTimeFeatures for ingest
// loops and gateways. Chunk boundaries do not matter: every window gets
// exactly (bit for bit) the numbers ComputeTimeFeatures gives for the same
// samples.
//
// With ExtractorConfig.Spectral each window also carries its spectral
// analysis (Window.Spectrum), equally bit-exact with the batch functions.
//
// It holds one window of samples; in steady state Write allocates nothing.
// MarshalBinary, AppendBinary and UnmarshalBinary save and restore its
// state, the partial window included, so that a restarted process carries
// on bit for bit.
// Each sample is analysed Window/Hop times (twice at 50 % overlap). An
// Extractor must not be used by several goroutines at once; use one per
// channel.
type Extractor struct {
	cfg   ExtractorConfig
	buf   []float64 // the current window, filled up to fill
	fill  int
	skip  int   // samples still to discard before the next window (Hop > Window)
	start int64 // stream index of buf[0]
	m     Moments
	w     Window
	spec  *SpectralAnalyzer // nil without ExtractorConfig.Spectral
}

// NewExtractor returns an Extractor for cfg, or an error if cfg is invalid.
func NewExtractor(cfg ExtractorConfig) (*Extractor, error) {
	if cfg.Hop == 0 {
		cfg.Hop = cfg.Window
	}
	switch {
	case !(cfg.SampleRate > 0) || math.IsInf(cfg.SampleRate, 0):
		return nil, errorf(ErrInput, "extractor sample rate %v Hz, need a finite value > 0", cfg.SampleRate)
	case cfg.Window < 2:
		return nil, errorf(ErrConfig, "extractor window of %d samples, need at least 2", cfg.Window)
	case cfg.Hop < 0:
		return nil, errorf(ErrConfig, "extractor hop of %d samples, need ≥ 1 (0 for Window)", cfg.Hop)
	}
	e := &Extractor{cfg: cfg, buf: make([]float64, cfg.Window)}
	if cfg.Spectral != nil {
		var err error
		if e.spec, err = NewSpectralAnalyzer(cfg.Window, cfg.SampleRate, *cfg.Spectral); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Config returns the configuration, with Hop filled in.
func (e *Extractor) Config() ExtractorConfig { return e.cfg }

// Reset discards buffered samples and restarts the stream at index 0.
func (e *Extractor) Reset() {
	e.fill, e.skip, e.start = 0, 0, 0
}

// Buffered returns the number of samples held towards the next window.
func (e *Extractor) Buffered() int { return e.fill }

// Write appends samples to the stream and calls emit, in order, for every
// window the samples complete; a chunk may complete none or several. emit
// must not call Write or Reset on e. A trailing partial window is held for
// the next Write. Write panics if emit is nil.
func (e *Extractor) Write(samples []float64, emit func(w *Window)) {
	write(e, samples, emit)
}

// write is Write for any sample type; Write32 is its float32
// instantiation.
func write[T float32 | float64](e *Extractor, x []T, emit func(*Window)) {
	if emit == nil {
		panic("features: Extractor.Write with a nil emit")
	}
	for len(x) > 0 {
		if e.skip > 0 {
			k := min(e.skip, len(x))
			e.skip -= k
			x = x[k:]
			continue
		}
		k := min(len(e.buf)-e.fill, len(x))
		dst := e.buf[e.fill : e.fill+k]
		for i, v := range x[:k] {
			dst[i] = float64(v)
		}
		e.fill += k
		x = x[k:]
		if e.fill == len(e.buf) {
			e.emitWindow(emit)
		}
	}
}

// emitWindow analyses the full buffer, calls emit and slides to the next
// window.
func (e *Extractor) emitWindow(emit func(*Window)) {
	e.m.Reset()
	e.m.AddSlice(e.buf)
	w := &e.w
	w.Start = e.start
	w.Time = float64(e.start) / e.cfg.SampleRate
	w.Samples = e.buf
	w.Features, w.Err = e.m.Features()
	if e.m.bad != 0 {
		w.Err = errorf(ErrInput, "window at sample %d: sample %d is %v", e.start, e.start+e.m.bad-1, e.m.badVal)
	}
	if e.spec != nil {
		w.Spectrum = e.spec.Analyze(e.buf)
	}
	emit(w)
	w.Samples = nil
	hop := e.cfg.Hop
	if hop < len(e.buf) {
		copy(e.buf, e.buf[hop:])
		e.fill = len(e.buf) - hop
	} else {
		e.fill = 0
		e.skip = hop - len(e.buf)
	}
	e.start += int64(hop)
}
