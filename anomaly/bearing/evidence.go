package bearing

import (
	"math"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/features"
)

// HarmonicEvidence is the squared-envelope spectrum line found at one
// harmonic of a fault's frequency.
type HarmonicEvidence struct {
	// Harmonic is h ≥ 1: the line sought is h times the fault frequency.
	Harmonic int `json:"harmonic"`
	// Freq is the frequency in Hz of the most prominent bin near h times
	// the fitted fundamental (see FaultEvidence.Fundamental).
	Freq float64 `json:"freq_hz"`
	// ExpectedFreq is h times the kinematic fault frequency, Hz.
	ExpectedFreq float64 `json:"expected_freq_hz"`
	// ErrorPct is 100·(Freq − ExpectedFreq)/ExpectedFreq: the slip, or an
	// error in the given shaft speed.
	ErrorPct float64 `json:"error_pct"`
	// ProminenceDB is the line's height over the local noise floor (the
	// running median of the spectrum), 20·log10 of the ratio, within ±200.
	ProminenceDB float64 `json:"prominence_db"`
	// Present tells that ProminenceDB reaches DiagnoserConfig.LineDB.
	Present bool `json:"present"`
	// Explained tells that the line lies on the harmonic or sideband
	// lattice of a fault with a stronger fundamental, to which it is
	// attributed, on a harmonic of the shaft speed (a shaft-synchronous
	// component: unbalance, misalignment, looseness, which no bearing
	// fault can be told from), or on a harmonic of the electrical supply
	// (DiagnoserConfig.SupplyHz); an explained line does not count for
	// this fault.
	Explained bool `json:"explained"`
	// ExplainedBy names what explains the line: a fault ("outer_race",
	// ...), "shaft" or "supply"; empty when Explained is false.
	ExplainedBy string `json:"explained_by,omitempty"`
}

// SidebandEvidence is a modulation sideband h·f ± s·m of a harmonic: the
// shaft speed m for an inner-race fault, FTF for a ball fault.
type SidebandEvidence struct {
	Harmonic     int     `json:"harmonic"` // h of the carrier line
	Order        int     `json:"order"`    // −1 or +1: below or above the carrier
	Freq         float64 `json:"freq_hz"`  // most prominent bin near the expected sideband, Hz
	ExpectedFreq float64 `json:"expected_freq_hz"`
	ProminenceDB float64 `json:"prominence_db"`
	Present      bool    `json:"present"`   // ProminenceDB ≥ DiagnoserConfig.SidebandDB
	Explained    bool    `json:"explained"` // attributed to a stronger fault, the shaft or the supply, as for HarmonicEvidence
	ExplainedBy  string  `json:"explained_by,omitempty"`
}

// MethodScore is the evidence one envelope method gives for one fault.
type MethodScore struct {
	Method         Method     `json:"method"`
	Band           [2]float64 `json:"band_hz"`   // band envelope-demodulated, Hz
	Score          float64    `json:"score"`     // see FaultEvidence.Score
	Qualified      bool       `json:"qualified"` // meets the fault's acceptance rule in this method
	HarmonicsFound int        `json:"harmonics_found"`
	SidebandsFound int        `json:"sidebands_found"`
}

// FaultEvidence is what the squared-envelope spectra show of one fault
// type. Harmonics, Sidebands, Method, Band and Fundamental are those of the
// method that scored highest; Methods holds the score of every method run.
type FaultEvidence struct {
	// Fault is OuterRace, InnerRace, Ball or Cage.
	Fault fault.Kind `json:"fault"`
	// Score is the fault's evidence in [0, 1]: the method score (see
	// MethodScore) averaged over the methods run, a method where the fault
	// does not qualify counting 0. A method scores a fault by the mean over
	// its harmonics of q(dB) = (dB − LineDB)/(CapDB − LineDB) clipped to
	// [0, 1], present unexplained lines only; for inner race and ball,
	// 3/4 of that plus 1/4 of the same mean over the sidebands (with
	// SidebandDB). Near 1: a complete, prominent series found by every
	// method.
	Score float64 `json:"score"`
	// Qualified tells that the evidence meets the acceptance rule of its
	// fault type (see DiagnoserConfig) in at least one method.
	Qualified bool `json:"qualified"`
	// Method and Band are the envelope method and demodulation band (Hz)
	// of the best-scoring method.
	Method Method     `json:"method"`
	Band   [2]float64 `json:"band_hz"`
	// Fundamental is the fitted fundamental line in Hz: the frequency
	// whose harmonic comb best matches the spectrum within the slip
	// tolerance of the kinematic frequency.
	Fundamental float64 `json:"fundamental_hz"`
	// Harmonics holds lines h = 1..DiagnoserConfig.Harmonics (fewer when
	// they would pass the spectrum's end).
	Harmonics []HarmonicEvidence `json:"harmonics"`
	// Sidebands holds the ±1 sidebands of each harmonic for the faults
	// that are modulated (InnerRace: ± shaft speed; Ball: ± FTF); empty
	// for OuterRace and Cage.
	Sidebands []SidebandEvidence `json:"sidebands,omitempty"`
	// HarmonicsFound and SidebandsFound count the present, unexplained
	// lines of the best method.
	HarmonicsFound int `json:"harmonics_found"`
	SidebandsFound int `json:"sidebands_found"`
	// Methods holds the evidence of each method run, in run order.
	Methods []MethodScore `json:"methods"`
}

// faultScan is one fault's evidence under one method.
type faultScan struct {
	fundamental float64
	lattice     float64 // spacing of the sideband lattice attributed to the fault, Hz
	harm        []HarmonicEvidence
	side        []SidebandEvidence
	nh, ns      int
}

// scanFault measures fault v's harmonic series (and sidebands) in s for the
// defect frequencies d, appending into the slices of dst for reuse.
func (c *DiagnoserConfig) scanFault(dst *faultScan, s *lineSpectrum, v fault.Kind, d features.DefectFrequencies) {
	k := v
	f0, mod := d.LineFrequency(k), d.Modulation(k)
	dst.harm, dst.side = dst.harm[:0], dst.side[:0]
	dst.nh, dst.ns = 0, 0
	dst.lattice = 0
	dst.fundamental = s.combFit(f0, c.Tolerance, c.Harmonics, c.CapDB)
	if dst.fundamental == 0 {
		return
	}
	rho := dst.fundamental / f0
	dst.lattice = latticeSpacing(v, d) * rho
	for h := 1; h <= c.Harmonics; h++ {
		bin, db, ok := s.peakNear(float64(h)*dst.fundamental, (h+1)/2)
		if !ok {
			break
		}
		exp := float64(h) * f0
		fr := float64(bin) * s.df
		he := HarmonicEvidence{
			Harmonic: h, Freq: fr, ExpectedFreq: exp,
			ErrorPct: 100 * (fr - exp) / exp, ProminenceDB: db,
			Present: db >= c.LineDB,
		}
		dst.harm = append(dst.harm, he)
		if he.Present {
			dst.nh++
		}
		if mod == 0 || h > c.SidebandHarmonics {
			continue
		}
		// The sideband spacing is m if the offset of the lines is slip, m·ρ
		// if it is an error in the given shaft speed: search both.
		half := 1 + int(math.Ceil(math.Abs(mod*(rho-1))/s.df))
		for _, o := range [2]int{-1, 1} {
			e := fr + float64(o)*mod*(1+rho)/2
			sb, sdb, ok := s.peakNear(e, half)
			if !ok {
				continue
			}
			se := SidebandEvidence{
				Harmonic: h, Order: o, Freq: float64(sb) * s.df,
				ExpectedFreq: exp + float64(o)*mod, ProminenceDB: sdb,
				Present: sdb >= c.SidebandDB,
			}
			dst.side = append(dst.side, se)
			if se.Present {
				dst.ns++
			}
		}
	}
}
