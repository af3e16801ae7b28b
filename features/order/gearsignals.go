package order

import (
	"fmt"

	"github.com/spindle-pdm/spindle/fft"
)

// GearConfig describes the gear on the averaged shaft for the signals and
// indicators of a GearAnalyzer. Orders are of the averaged shaft; in a
// time-synchronous average of SamplesPerRev samples, order k is bin k.
type GearConfig struct {
	// Teeth is the tooth count of the gear on the averaged shaft: its mesh
	// order (≥ 2).
	Teeth int
	// MeshHarmonics is the number of mesh harmonics h·Teeth, h = 1..,
	// treated as regular meshing; 0 means all below the Nyquist order.
	MeshHarmonics int
	// ShaftHarmonics is the number of shaft orders 1..ShaftHarmonics
	// removed from the residual and difference signals; 0 means 2.
	ShaftHarmonics int
	// Sidebands is the number of sideband orders ±1..±Sidebands about each
	// mesh harmonic that belong to the regular signal (removed from the
	// difference signal); 0 means 1, the first-order sidebands of
	// Zakrajsek et al. (1993).
	Sidebands int
	// NB4HalfWidth is the half-width, in orders, of the band about the mesh
	// order that NB4 envelopes; 0 means Teeth/2.
	NB4HalfWidth int
}

// Bin classes of a TSA spectrum.
const (
	binOther    = iota
	binDC       // order 0
	binShaft    // shaft orders 1..ShaftHarmonics
	binMesh     // mesh harmonics
	binSideband // their sidebands
)

// GearAnalyzer separates the time-synchronous average (TSA) of a gear's
// shaft into its regular meshing signal, residual and difference signals,
// and computes gear condition indicators from them (see GearIndicators).
// It keeps scratch buffers, so it is not safe for concurrent use; with a
// dst of the right length its methods do not allocate.
//
// The signals follow Zakrajsek, Townsend & Decker, "An analysis of gear
// fault detection methods as applied to pitting fatigue failure data",
// NASA TM-105950 (1993), and Lebold, McClintic, Campbell, Byington &
// Maynard, "Review of vibration analysis methods for gearbox diagnostics
// and prognostics", Proc. 54th MFPT Society Meeting (2000) 623-634:
//   - regular: the mesh harmonics, their first Sidebands sideband orders and
//     the shaft orders 1..ShaftHarmonics;
//   - residual: the TSA without its mean, shaft orders and mesh harmonics;
//   - difference: the TSA without its mean and the regular signal.
//
// Each is formed by zeroing bins of the TSA's Fourier transform.
type GearAnalyzer struct {
	cfg     GearConfig
	n       int
	class   []uint8
	plan    *fft.RealPlan
	hilbert *fft.Hilbert
	spec    []complex128
	work    []complex128
	bufA    []float64
	bufB    []float64
}

// NewGearAnalyzer returns a GearAnalyzer for averages of samplesPerRev
// samples. Errors wrap ErrConfig: fewer than 4 samples per revolution, a
// tooth count below 2 or a mesh order (plus its sidebands) at or above the
// Nyquist order samplesPerRev/2.
func NewGearAnalyzer(samplesPerRev int, cfg GearConfig) (*GearAnalyzer, error) {
	if samplesPerRev < 4 {
		return nil, fmt.Errorf("%w: %d samples per revolution, want ≥ 4", ErrConfig, samplesPerRev)
	}
	if cfg.Teeth < 2 {
		return nil, fmt.Errorf("%w: GearConfig.Teeth = %d, want ≥ 2", ErrConfig, cfg.Teeth)
	}
	if cfg.ShaftHarmonics == 0 {
		cfg.ShaftHarmonics = 2
	}
	if cfg.Sidebands == 0 {
		cfg.Sidebands = 1
	}
	if cfg.NB4HalfWidth == 0 {
		cfg.NB4HalfWidth = cfg.Teeth / 2
	}
	nyq := samplesPerRev / 2
	if cfg.MeshHarmonics == 0 {
		cfg.MeshHarmonics = max(1, (nyq-1-cfg.Sidebands)/cfg.Teeth)
	}
	if cfg.MeshHarmonics < 0 || cfg.ShaftHarmonics < 0 || cfg.Sidebands < 0 || cfg.NB4HalfWidth < 0 ||
		cfg.MeshHarmonics*cfg.Teeth+cfg.Sidebands >= nyq || cfg.Teeth+cfg.NB4HalfWidth >= nyq {
		return nil, fmt.Errorf("%w: %+v does not fit below the Nyquist order %d", ErrConfig, cfg, nyq)
	}
	bins := nyq + 1
	plan, err := fft.NewRealPlan(samplesPerRev)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	hilbert, err := fft.NewHilbert(samplesPerRev)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	g := &GearAnalyzer{
		cfg: cfg, n: samplesPerRev, class: make([]uint8, bins),
		plan: plan, hilbert: hilbert,
		spec: make([]complex128, bins), work: make([]complex128, bins),
		bufA: make([]float64, samplesPerRev), bufB: make([]float64, samplesPerRev),
	}
	g.class[0] = binDC
	for k := 1; k <= min(cfg.ShaftHarmonics, nyq); k++ {
		g.class[k] = binShaft
	}
	for h := 1; h <= cfg.MeshHarmonics; h++ {
		for s := 1; s <= cfg.Sidebands; s++ {
			for _, k := range []int{h*cfg.Teeth - s, h*cfg.Teeth + s} {
				if k > 0 && g.class[k] == binOther {
					g.class[k] = binSideband
				}
			}
		}
		g.class[h*cfg.Teeth] = binMesh
	}
	return g, nil
}

// Config returns the configuration with its defaults filled in.
func (g *GearAnalyzer) Config() GearConfig { return g.cfg }

// Regular writes the regular meshing signal of tsa into dst and returns it.
func (g *GearAnalyzer) Regular(dst, tsa []float64) []float64 {
	return g.keep(dst, tsa, func(c uint8) bool { return c == binShaft || c == binMesh || c == binSideband })
}

// Residual writes the residual signal of tsa into dst and returns it.
func (g *GearAnalyzer) Residual(dst, tsa []float64) []float64 {
	return g.keep(dst, tsa, func(c uint8) bool { return c == binOther || c == binSideband })
}

// Difference writes the difference signal of tsa into dst and returns it.
func (g *GearAnalyzer) Difference(dst, tsa []float64) []float64 {
	return g.keep(dst, tsa, func(c uint8) bool { return c == binOther })
}

// keep writes into dst the inverse transform of tsa's spectrum with only
// the bins whose class passes kept. A nil dst is allocated; dst or tsa of
// another length than SamplesPerRev panics.
func (g *GearAnalyzer) keep(dst, tsa []float64, kept func(uint8) bool) []float64 {
	if len(tsa) != g.n {
		panic("order: GearAnalyzer: tsa length differs from SamplesPerRev")
	}
	if dst == nil {
		dst = make([]float64, g.n)
	}
	if len(dst) != g.n {
		panic("order: GearAnalyzer: dst length differs from SamplesPerRev")
	}
	g.plan.Forward(g.spec, tsa)
	for k, c := range g.class {
		if kept(c) {
			g.work[k] = g.spec[k]
		} else {
			g.work[k] = 0
		}
	}
	return g.plan.Inverse(dst, g.work)
}
