package features

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/internal/stats"
)

// LineFrequency returns the fundamental envelope line of component k in Hz:
// BPFO, BPFI, 2×BSF or FTF of d. It panics if k is not a component
// (fault.Kind.IsComponent), a programmer error.
func (d DefectFrequencies) LineFrequency(k fault.Kind) float64 {
	switch k {
	case fault.OuterRace:
		return d.BPFO
	case fault.InnerRace:
		return d.BPFI
	case fault.Ball:
		return 2 * d.BSF
	case fault.Cage:
		return d.FTF
	}
	panic(fmt.Sprintf("features: %v is not a faulted component", k))
}

// Modulation returns the spacing in Hz of component k's sidebands: the
// shaft speed for an inner-race fault (the defect turns through the load
// zone once per revolution), FTF for a ball fault (the ball travels with
// the cage), and 0 for the outer race and cage. It panics if k is not a
// component, a programmer error.
func (d DefectFrequencies) Modulation(k fault.Kind) float64 {
	switch k {
	case fault.InnerRace:
		return d.ShaftHz
	case fault.Ball:
		return d.FTF
	case fault.OuterRace, fault.Cage:
		return 0
	}
	panic(fmt.Sprintf("features: %v is not a faulted component", k))
}

// DefaultSlipTolerance is the relative half-width of a fault band when
// BandConfig.Tolerance is zero: real bearings slip 1–2 %.
const DefaultSlipTolerance = 0.02

// BandConfig chooses the fault bands FaultBands returns.
type BandConfig struct {
	// Harmonics is the number of harmonics h = 1..Harmonics of each
	// fault's line; zero means 3.
	Harmonics int
	// Tolerance is the relative half-width of every band: a band is
	// Center·(1 ± Tolerance), which covers a slip of that fraction. Zero
	// means DefaultSlipTolerance; otherwise it must lie in (0, 0.5).
	Tolerance float64
	// Sidebands is the number of sideband orders s = 1..Sidebands added at
	// h·f ± s·m around each harmonic of the faults that have a modulation
	// m (inner race, ball); zero means none.
	Sidebands int
	// Faults lists the fault kinds to include; nil means fault.Components().
	Faults []fault.Kind
}

// FaultBand is a frequency band in which a fault's line is expected.
type FaultBand struct {
	Fault    fault.Kind
	Harmonic int     // h ≥ 1
	Sideband int     // 0 for the harmonic itself, ±s for h·f ± s·m
	Center   float64 // expected line frequency, Hz
	Lo, Hi   float64 // band edges, Hz
}

// String describes the band, such as "BPFI h2-1 [285.1, 296.7] Hz".
func (b FaultBand) String() string {
	sb := ""
	if b.Sideband != 0 {
		sb = fmt.Sprintf("%+d", b.Sideband)
	}
	return fmt.Sprintf("%s h%d%s [%.4g, %.4g] Hz", b.Fault.Line(), b.Harmonic, sb, b.Lo, b.Hi)
}

// FaultBands returns the bands of the kinematic fault lines of d: for each
// fault of cfg.Faults, each harmonic h and each sideband order s (inner race
// and ball only), a band centred on h·f + s·m (see DefectFrequencies.LineFrequency and
// Modulation) with half-width Tolerance·Center. Bands are ordered by fault,
// harmonic and sideband; bands whose centre would not be positive are left
// out. It returns an error wrapping ErrConfig if cfg.Tolerance is outside
// (0, 0.5), cfg.Harmonics or cfg.Sidebands is negative or a fault kind of
// cfg.Faults is not a component, and ErrInput if a frequency of d needed is
// not finite and positive (build d with Bearing.DefectFrequencies).
func FaultBands(d DefectFrequencies, cfg BandConfig) ([]FaultBand, error) {
	tol := cfg.Tolerance
	if tol == 0 {
		tol = DefaultSlipTolerance
	}
	if !(tol > 0 && tol < 0.5) {
		return nil, errorf(ErrConfig, "fault band tolerance %v outside (0, 0.5)", cfg.Tolerance)
	}
	harm := cfg.Harmonics
	if harm == 0 {
		harm = 3
	}
	if harm < 0 || cfg.Sidebands < 0 {
		return nil, errorf(ErrConfig, "fault bands with %d harmonics and %d sidebands", cfg.Harmonics, cfg.Sidebands)
	}
	faults := cfg.Faults
	if faults == nil {
		faults = fault.Components()
	}
	var out []FaultBand
	for _, k := range faults {
		if !k.IsComponent() {
			return nil, errorf(ErrConfig, "%v is not a faulted component", k)
		}
		f, m := d.LineFrequency(k), d.Modulation(k)
		if !(f > 0) || math.IsInf(f, 0) || !(m >= 0) || math.IsInf(m, 0) {
			return nil, errorf(ErrInput, "%v line %v Hz, modulation %v Hz: need finite positive defect frequencies", k, f, m)
		}
		sides := cfg.Sidebands
		if m == 0 {
			sides = 0
		}
		for h := 1; h <= harm; h++ {
			for s := -sides; s <= sides; s++ {
				c := float64(h)*f + float64(s)*m
				if c <= 0 {
					continue
				}
				out = append(out, FaultBand{
					Fault: k, Harmonic: h, Sideband: s,
					Center: c, Lo: c * (1 - tol), Hi: c * (1 + tol),
				})
			}
		}
	}
	return out, nil
}

// FloorConfig defines the local noise floor against which MeasureBand
// rates a band's peak.
type FloorConfig struct {
	// Width is the width in Hz of the two flanking windows, [Lo−Width, Lo)
	// and (Hi, Hi+Width], over which the floor is the median of the
	// spectrum. Zero means 5 times the band's width, but at least 10 bins.
	Width float64
	// Power tells that the spectrum holds powers (squared amplitudes)
	// rather than amplitudes: prominence is then 10·log10 instead of
	// 20·log10 of the peak-to-floor ratio, and band power the plain sum.
	Power bool
}

// BandMetrics measures one band of a one-sided spectrum.
type BandMetrics struct {
	Band FaultBand
	// PeakFreq and PeakAmp are the frequency (Hz, a bin frequency) and
	// value of the largest bin in the band; when the band is narrower than
	// a bin, the bin nearest the band's centre.
	PeakFreq, PeakAmp float64
	// Error is the relative deviation (PeakFreq − Center)/Center of the
	// peak from the kinematic frequency.
	Error float64
	// Power is the power of the band: ½·Σ spec[k]² over its bins for an
	// amplitude spectrum (the mean-square value of the sinusoids the bins
	// represent, whatever the leakage), Σ spec[k] for a power spectrum.
	Power float64
	// Floor is the local noise floor: the median of the spectrum over the
	// flanking windows of FloorConfig, bin 0 excluded, clipped to the
	// spectrum's range.
	Floor float64
	// Prominence is the peak over the floor in dB: 20·log10(PeakAmp/Floor)
	// (10·log10 for a power spectrum); +Inf when the floor is 0 and the
	// peak is not, −Inf when the peak is 0 and the floor is not, 0 when
	// both are 0.
	Prominence float64
}

// minFloorBins is the fewest flanking bins a noise floor is taken over.
const minFloorBins = 10

// MeasureBand measures band b of the one-sided spectrum spec, whose bin k
// lies at k·df Hz: an amplitude spectrum, a squared-envelope spectrum (as
// from EnvelopeAnalyzer.SES) or, with cfg.Power, a power spectrum. It
// returns an error if df is not finite and positive, the band is inverted,
// starts below 0 Hz or ends above the spectrum's last bin (len(spec)−1)·df
// (the Nyquist frequency), the flanking windows hold fewer than 10 bins, or
// a bin used is negative, NaN or infinite.
func MeasureBand(spec []float64, df float64, b FaultBand, cfg FloorConfig) (BandMetrics, error) {
	var flank []float64
	return measureBandInto(spec, df, b, cfg, &flank)
}

// measureBandInto is MeasureBand with caller-owned scratch for the flanking
// bins, grown when too short, so that a caller that keeps it allocates
// nothing in steady state.
func measureBandInto(spec []float64, df float64, b FaultBand, cfg FloorConfig, scratch *[]float64) (BandMetrics, error) {
	m := BandMetrics{Band: b}
	if !(df > 0) || math.IsInf(df, 0) {
		return m, errorf(ErrInput, "frequency resolution %v Hz, need a finite value > 0", df)
	}
	if len(spec) < 2 {
		return m, errorf(ErrInput, "spectrum of %d bins is too short", len(spec))
	}
	top := float64(len(spec)-1) * df
	switch {
	case math.IsNaN(b.Lo) || math.IsNaN(b.Hi) || b.Lo < 0:
		return m, errorf(ErrInput, "%v starts below 0 Hz", b)
	case b.Hi > top*(1+1e-12):
		return m, errorf(ErrInput, "%v ends above the spectrum's highest frequency %g Hz (Nyquist)", b, top)
	case !(b.Hi > b.Lo):
		return m, errorf(ErrInput, "%v is inverted or empty", b)
	}
	k0, k1 := binSpan(b.Lo, b.Hi, df, len(spec)-1)
	if k0 > k1 { // narrower than a bin: take the nearest bin
		k0 = min(int(math.Round(b.Center/df)), len(spec)-1)
		k1 = k0
	}
	if err := checkBins(spec, k0, k1); err != nil {
		return m, err
	}
	peak := k0
	for k := k0; k <= k1; k++ {
		v := spec[k]
		if v > spec[peak] {
			peak = k
		}
		if cfg.Power {
			m.Power += v
		} else {
			m.Power += v * v / 2
		}
	}
	m.PeakFreq, m.PeakAmp = float64(peak)*df, spec[peak]
	if b.Center != 0 {
		m.Error = (m.PeakFreq - b.Center) / b.Center
	}

	w := cfg.Width
	if w == 0 {
		w = max(5*(b.Hi-b.Lo), minFloorBins*df)
	}
	if !(w > 0) || math.IsInf(w, 0) {
		return m, errorf(ErrConfig, "noise floor width %v Hz, need a finite value > 0", cfg.Width)
	}
	l0, h1 := binSpan(b.Lo-w, b.Hi+w, df, len(spec)-1)
	l0 = max(l0, 1)
	if err := checkBins(spec, l0, k0-1); err != nil {
		return m, err
	}
	if err := checkBins(spec, k1+1, h1); err != nil {
		return m, err
	}
	flank := (*scratch)[:0]
	flank = append(flank, spec[l0:max(k0, l0)]...)
	if k1+1 <= h1 {
		flank = append(flank, spec[k1+1:h1+1]...)
	}
	*scratch = flank
	if len(flank) < minFloorBins {
		return m, errorf(ErrInput, "noise floor of %v: flanking windows of %g Hz hold %d bins, need %d", b, w, len(flank), minFloorBins)
	}
	m.Floor = stats.MedianInPlace(flank)
	m.Prominence = prominenceDB(m.PeakAmp, m.Floor, cfg.Power)
	return m, nil
}

// MeasureBands measures every band of bands on spec (see MeasureBand),
// appending to dst, and stops at the first error.
func MeasureBands(dst []BandMetrics, spec []float64, df float64, bands []FaultBand, cfg FloorConfig) ([]BandMetrics, error) {
	for _, b := range bands {
		m, err := MeasureBand(spec, df, b, cfg)
		if err != nil {
			return dst, err
		}
		dst = append(dst, m)
	}
	return dst, nil
}

// checkBins returns an error naming the first bin of spec[k0..k1] that is
// negative, NaN or infinite.
func checkBins(spec []float64, k0, k1 int) error {
	for k := k0; k <= k1; k++ {
		if v := spec[k]; !(v >= 0) || math.IsInf(v, 0) {
			return errorf(ErrInput, "spectrum bin %d is %v, need a finite value ≥ 0", k, v)
		}
	}
	return nil
}

// prominenceDB returns the peak-to-floor ratio in dB.
func prominenceDB(peak, floor float64, power bool) float64 {
	switch {
	case peak == 0 && floor == 0:
		return 0
	case floor == 0:
		return math.Inf(1)
	}
	s := 20.0
	if power {
		s = 10
	}
	return s * math.Log10(peak/floor)
}
