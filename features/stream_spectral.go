package features

import (
	"errors"
	"math"

	"github.com/spindle-pdm/spindle/fft"
)

// Band is a named frequency band [Lo, Hi] in Hz whose power the spectral
// path of an Extractor reports per window (see BandPower).
type Band struct {
	Name   string  // label, e.g. "gear mesh"
	Lo, Hi float64 // edges in Hz, 0 ≤ Lo < Hi ≤ SampleRate/2
}

// SpectralConfig turns on the per-window spectral path of an Extractor (or
// configures a standalone SpectralAnalyzer). Each window is analysed as:
//
//   - PSD: a one-sided power spectral density in unit²/Hz of the whole
//     window under Taper, with Detrend, i.e. fft.Welch with one segment of
//     Window samples and fft.Density scaling; bin k lies at k·SampleRate/
//     Window Hz;
//   - Features: ComputeSpectralFeatures of the PSD;
//   - BandPowers: BandPower of the PSD over each of Bands;
//   - with a Bearing: SES, the squared-envelope spectrum of the window
//     (EnvelopeAnalyzer.SES over [EnvelopeLo, EnvelopeHi]), and Faults,
//     MeasureBand of the SES over every band of FaultBands for the
//     bearing's defect frequencies at ShaftHz.
type SpectralConfig struct {
	// Taper is the window function applied before the PSD; the zero value
	// is fft.Rectangular (no taper). fft.Hann is the usual choice for
	// broadband vibration. TaperParam is its β (Kaiser) or α (Tukey).
	Taper      fft.WindowKind
	TaperParam float64
	// Detrend is the trend removed before the PSD; the zero value is
	// fft.NoDetrend (the mean shows in the DC bin).
	Detrend fft.Detrend
	// Bands are the bands whose power is reported; nil means none. Every
	// band must lie within [0, SampleRate/2].
	Bands []Band
	// Bearing, when not nil, adds envelope analysis and fault-band metrics
	// at its defect frequencies; ShaftHz (> 0, Hz) is then required.
	Bearing *Bearing
	// ShaftHz is the shaft speed in Hz (RPM/60), used only with Bearing.
	ShaftHz float64
	// FaultBands chooses the fault lines, harmonics and tolerance (see
	// FaultBands); its zero value means 3 harmonics of BPFO, BPFI, 2×BSF
	// and FTF at DefaultSlipTolerance. Bands that cannot be measured on
	// the window's spectrum are left out: those reaching above the
	// Nyquist frequency, and those too near 0 Hz or the Nyquist frequency
	// to have the noise floor's flanking bins (see SpectralAnalyzer.
	// FaultBands for the bands kept).
	FaultBands BandConfig
	// Floor defines the noise floor for the fault bands' prominence (see
	// MeasureBand); its zero value is the documented default. Floor.Power
	// is ignored: the SES is measured as an amplitude spectrum.
	Floor FloorConfig
	// EnvelopeLo and EnvelopeHi, in Hz, are the band demodulated for the
	// SES; both zero means the whole spectrum, [0, SampleRate/2].
	EnvelopeLo, EnvelopeHi float64
}

// WindowSpectrum is the spectral analysis of one window. It and its slices
// are reused for the next window: copy what must outlive the callback.
type WindowSpectrum struct {
	// Resolution is the bin spacing of PSD and SES, SampleRate/Window Hz.
	Resolution float64
	// PSD is the window's one-sided power spectral density in unit²/Hz.
	PSD []float64
	// Features are ComputeSpectralFeatures(PSD, Resolution).
	Features SpectralFeatures
	// BandPowers[i] is BandPower(PSD, Resolution, Bands[i].Lo,
	// Bands[i].Hi), the mean-square value in band i, in unit².
	BandPowers []float64
	// SES is the squared-envelope spectrum in unit² (nil without a
	// Bearing).
	SES []float64
	// Faults holds MeasureBand(SES, Resolution, b, Floor) for every fault
	// band b, in the order of FaultBands (nil without a Bearing).
	Faults []BandMetrics
	// Err is nil or the first error of the analysis (a NaN or ±Inf sample,
	// a window without power); the values computed after it are zero.
	Err error
}

// SpectralAnalyzer runs the spectral path of SpectralConfig on windows of
// one length. It holds all its buffers: Analyze allocates nothing (except
// for an error). It is not safe for concurrent use; use one per channel.
type SpectralAnalyzer struct {
	cfg     SpectralConfig
	rate    float64
	welch   *fft.Welch
	work    *fft.Work
	env     *EnvelopeAnalyzer
	envLo   float64
	envHi   float64
	bands   []FaultBand
	scratch []float64
	out     WindowSpectrum
}

// NewSpectralAnalyzer returns an analyzer for windows of n samples at
// sampleRate Hz. It returns an error wrapping ErrInput for an invalid sample
// rate, a window shorter than MinEnvelopeLength (with a Bearing) or 2, a band
// outside [0, sampleRate/2] or a shaft speed that is not finite and
// positive, and one wrapping ErrConfig for invalid taper, bearing or
// fault-band settings.
func NewSpectralAnalyzer(n int, sampleRate float64, cfg SpectralConfig) (*SpectralAnalyzer, error) {
	if !(sampleRate > 0) || math.IsInf(sampleRate, 0) {
		return nil, errorf(ErrInput, "spectral sample rate %v Hz, need a finite value > 0", sampleRate)
	}
	if n < 2 {
		return nil, errorf(ErrInput, "spectral window of %d samples, need at least 2", n)
	}
	win, err := fft.NewWindow(cfg.Taper, n, cfg.TaperParam)
	if err != nil {
		return nil, errorf(ErrConfig, "spectral taper: %w", err)
	}
	welch, err := fft.NewWelch(fft.WelchConfig{Window: win, Scaling: fft.Density, Detrend: cfg.Detrend})
	if err != nil {
		return nil, errorf(ErrConfig, "spectral PSD: %w", err)
	}
	a := &SpectralAnalyzer{cfg: cfg, rate: sampleRate, welch: welch, work: welch.NewWork()}
	nyq := sampleRate / 2
	for _, b := range cfg.Bands {
		if !(b.Lo >= 0) || !(b.Hi > b.Lo) || !(b.Hi <= nyq) {
			return nil, errorf(ErrInput, "band %q [%v, %v] Hz: need 0 ≤ lo < hi ≤ %v Hz (Nyquist)", b.Name, b.Lo, b.Hi, nyq)
		}
	}
	a.cfg.Bands = append([]Band(nil), cfg.Bands...)
	a.out = WindowSpectrum{
		Resolution: sampleRate / float64(n),
		PSD:        make([]float64, welch.Bins()),
		BandPowers: make([]float64, len(cfg.Bands)),
	}
	if cfg.Bearing != nil {
		if err := a.initBearing(n, sampleRate); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// initBearing builds the envelope analyzer and the fault bands.
func (a *SpectralAnalyzer) initBearing(n int, sampleRate float64) error {
	cfg := &a.cfg
	d, err := cfg.Bearing.DefectFrequencies(cfg.ShaftHz)
	if err != nil {
		return err
	}
	a.env, err = NewEnvelopeAnalyzer(n, sampleRate)
	if err != nil {
		return err
	}
	a.envLo, a.envHi = cfg.EnvelopeLo, cfg.EnvelopeHi
	if a.envLo == 0 && a.envHi == 0 {
		a.envHi = sampleRate / 2
	}
	if _, _, err := bandBinRange(a.envLo, a.envHi, sampleRate, n); err != nil {
		return err
	}
	all, err := FaultBands(d, cfg.FaultBands)
	if err != nil {
		return err
	}
	// Keep the bands MeasureBand can measure on a spectrum of this length:
	// a flat test spectrum fails only on the band's geometry (above the
	// Nyquist frequency, or too few flanking bins for the noise floor).
	a.cfg.Floor.Power = false
	flat := make([]float64, a.env.Bins())
	for i := range flat {
		flat[i] = 1
	}
	for _, b := range all {
		if _, err := measureBandInto(flat, a.env.Resolution(), b, a.cfg.Floor, &a.scratch); err == nil {
			a.bands = append(a.bands, b)
		} else if errors.Is(err, ErrConfig) {
			return err // an invalid FloorConfig
		}
	}
	a.out.SES = make([]float64, a.env.Bins())
	a.out.Faults = make([]BandMetrics, len(a.bands))
	return nil
}

// FaultBands returns the fault bands measured on every window (nil without
// a Bearing); do not modify.
func (a *SpectralAnalyzer) FaultBands() []FaultBand { return a.bands }

// Analyze computes the spectral analysis of the window x, whose length
// must be the analyzer's n (or it panics), and returns it. The result is
// reused by the next call.
func (a *SpectralAnalyzer) Analyze(x []float64) *WindowSpectrum {
	s := &a.out
	s.Features = SpectralFeatures{}
	clear(s.BandPowers)
	clear(s.Faults)
	s.Err = a.analyze(x)
	return s
}

func (a *SpectralAnalyzer) analyze(x []float64) error {
	s := &a.out
	df := s.Resolution
	if _, err := a.welch.PSDWork(s.PSD, x, a.rate, a.work); err != nil {
		return errorf(ErrInput, "spectral path: %w", err)
	}
	var err error
	if s.Features, err = ComputeSpectralFeatures(s.PSD, df); err != nil {
		return err
	}
	for i, b := range a.cfg.Bands {
		// ComputeSpectralFeatures has checked the PSD: BandPower without
		// checking it again.
		if s.BandPowers[i], err = bandPower(s.PSD, df, b.Lo, b.Hi); err != nil {
			return err
		}
	}
	if a.env == nil {
		return nil
	}
	if _, err := a.env.SES(s.SES, x, a.envLo, a.envHi); err != nil {
		return err
	}
	for i, b := range a.bands {
		if s.Faults[i], err = measureBandInto(s.SES, df, b, a.cfg.Floor, &a.scratch); err != nil {
			return err
		}
	}
	return nil
}
