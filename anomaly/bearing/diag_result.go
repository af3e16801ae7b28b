package bearing

import (
	"encoding/json"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/features"
)

// Diagnosis is the result of Diagnoser.Diagnose: the verdict, its
// confidence and the evidence for every fault type, ready to log or to
// serialise as JSON (snake_case keys; every number finite).
//
// The verdict rules, applied to the evidence of every envelope method:
//
//  1. Attribution. In each method the faults are ranked by the prominence
//     of their fundamental, the cage last (FTF lines are by-products of
//     race and ball faults). A line of a lower-ranked fault that lies on
//     the lattice of a higher-ranked fault with a present fundamental —
//     its harmonics h·f and their sidebands h·f ± k·m, |k| ≤ 3, m the
//     shaft speed for an inner race, the cage rate for an outer race or a
//     ball — is marked Explained and does not count for it (3×BPFO and
//     2×BPFI, for instance, lie 0.7 % apart).
//  2. Qualification. A fault qualifies in a method when its unexplained
//     fundamental reaches FundamentalDB (when the fundamental's line lies
//     on a shaft harmonic, as the 6203-2RS's 2×BSF at 3.986× shaft does in
//     a few seconds of signal, the next harmonic stands in for it) and a
//     second line corroborates it, as an impact train's harmonic series
//     must: another harmonic
//     (outer race); two consecutive harmonics (cage, whose low
//     fundamental shares its band with many unrelated lines, so that two
//     lines such as h1 and h4 alone are no series); another harmonic and
//     a ±shaft sideband (inner race, whose defect turns through the load
//     zone); another harmonic or a ±FTF sideband of the fundamental (ball,
//     carried by the cage).
//  3. Pooling. Each fault's scores are summed over the methods: its
//     qualified sum (the methods where it qualifies) and its total sum
//     (every method).
//  4. Verdict. The race or ball fault of greatest qualified sum, if it
//     qualifies in at least MinMethods methods and no other race or ball
//     fault's total sum reaches DominanceRatio times its qualified sum:
//     that fault. Too few methods, a rival of comparable strength, or a
//     cage series alone (the SES of a cage defect and of a cage-modulated
//     ball defect look alike): Unknown. Nothing qualifies anywhere:
//     Healthy, if health is earned (rule 6), else Unknown.
//  5. Sensor. When the signal reaches its converter's full scale
//     (Saturation), a fault verdict whose Score is below SaturatedMinScore,
//     and a Healthy one, become Unknown.
//  6. Earned health. The absence of fault series is evidence of health
//     only when the signal spans MinHealthyCageRevolutions cage
//     revolutions (Health.CageRevolutions) and no band wide enough to
//     hold the fault series is impulsive beyond HealthyKurtosis
//     (Health.Kurtosis) and, when DiagnoserConfig.Reference is given,
//     every band's level lies within the healthy reference's spread
//     (Health.Reference); otherwise the verdict is Unknown and Reason
//     says which is missing. Lines on a harmonic of the shaft speed are
//     explained as shaft-synchronous (ExplainedBy "shaft"), and given
//     DiagnoserConfig.SupplyHz those on a harmonic of the electrical supply
//     (ExplainedBy "supply"); they count for no fault.
type Diagnosis struct {
	// Verdict is the diagnosed fault, fault.Healthy or fault.Unknown. The
	// cage's evidence is reported but fault.Cage is never the verdict: an
	// FTF series alone is reported Unknown, because a ball defect, carried
	// round by the cage, modulates its impacts at the same rate and shows
	// the same envelope lines when its 2×BSF series is weak.
	Verdict fault.Kind `json:"verdict"`
	// Confidence in [0, 1] is the support for the verdict: for a fault,
	// its Score (FaultEvidence.Score: strength and agreement of the
	// methods); for Healthy, half of one minus the highest score any fault
	// reaches in any method, qualified or not (absence of every fault
	// series is evidence of health only at better than even odds when a
	// reference of the same sensor says so, which this verdict does not
	// have: it stays below 0.5); for Unknown, the highest Score of
	// the faults (how much evidence is left unattributed).
	Confidence float64 `json:"confidence"`
	// ShaftHz is the shaft speed the diagnosis used, Hz: the one given,
	// or the one read from the signal (DiagnoserConfig.SpeedTolerance).
	ShaftHz float64 `json:"shaft_hz"`
	// GivenShaftHz is the shaft speed given to Diagnose, Hz.
	GivenShaftHz float64 `json:"given_shaft_hz"`
	// SpeedRead tells that ShaftHz was read from the signal's shaft
	// harmonics (DiagnoserConfig.SpeedTolerance); false when the speed
	// given was used.
	SpeedRead bool `json:"speed_read"`
	// AnalysisRate is the sample rate analysed, Hz (samples per revolution
	// for ProfileDiagnoser, which diagnoses in the angle domain): the
	// signal's own, or a lower one when every band above a quarter of the
	// signal's rate is empty (DiagnoserConfig.EmptyBandDB), as in a
	// recording sampled faster than its sensor or anti-aliasing filter
	// passes, or resampled up from a slower stream.
	AnalysisRate float64 `json:"analysis_rate_hz"`
	// Defects are the kinematic defect frequencies of the bearing at
	// ShaftHz, Hz.
	Defects features.DefectFrequencies `json:"defects"`
	// Evidence holds one entry per fault type, in the order of Faults().
	Evidence []FaultEvidence `json:"evidence"`
	// Method and Band are the envelope method ("raw", "kurtogram",
	// "cpw") and demodulation band (Hz) of the evidence behind the
	// verdict: the diagnosed fault's best method, for Unknown the
	// strongest fault's; empty ("" and [0, 0]) for Healthy, which no
	// fault's evidence stands behind (each fault's own method and band
	// remain in Evidence).
	Method string     `json:"method"`
	Band   [2]float64 `json:"band_hz"`
	// Reason explains the verdict in one line.
	Reason string `json:"reason"`
	// Saturation is the signal's converter read back from its samples
	// (CheckSaturation); Step is 0 when the samples are not converter
	// codes times a gain, and then nothing is known of clipping.
	Saturation anomaly.Saturation `json:"saturation"`
	// Health is what the signal shows for or against a Healthy verdict
	// (see DiagnoserConfig.MinHealthyCageRevolutions and HealthyKurtosis).
	Health HealthEvidence `json:"health"`
}

// HealthEvidence is what a Healthy verdict rests on besides the absence of
// every fault series: that the signal was long enough for a fault to show,
// and that no band is impulsive beyond what a healthy bearing shows.
type HealthEvidence struct {
	// CageRevolutions is the number of cage revolutions (FTF periods) the
	// analysed signal spans.
	CageRevolutions float64 `json:"cage_revolutions"`
	// Measured tells that Kurtosis and Band were measured (false when the
	// signal is too short for a kurtogram).
	Measured bool `json:"measured"`
	// Kurtosis is the spectral kurtosis of the most impulsive kurtogram
	// band among those wide enough to hold the fault series, and Band its
	// edges in Hz.
	Kurtosis float64    `json:"kurtosis"`
	Band     [2]float64 `json:"band_hz"`
	// Reference is the comparison with DiagnoserConfig.Reference (Checked
	// false without one).
	Reference ReferenceCheck `json:"reference"`
}

// Fault returns the evidence of fault v (OuterRace, InnerRace, Ball or
// Cage), or nil when the diagnosis holds none for it.
func (d *Diagnosis) Fault(v fault.Kind) *FaultEvidence {
	for i := range d.Evidence {
		if d.Evidence[i].Fault == v {
			return &d.Evidence[i]
		}
	}
	return nil
}

// defectsJSON is features.DefectFrequencies with snake_case keys.
type defectsJSON struct {
	ShaftHz float64 `json:"shaft_hz"`
	FTF     float64 `json:"ftf_hz"`
	BPFO    float64 `json:"bpfo_hz"`
	BPFI    float64 `json:"bpfi_hz"`
	BSF     float64 `json:"bsf_hz"`
}

type diagnosisAlias Diagnosis

type diagnosisJSON struct {
	*diagnosisAlias
	Defects defectsJSON `json:"defects"`
}

// MarshalJSON writes the diagnosis with snake_case keys, the defect
// frequencies included (shaft_hz, ftf_hz, bpfo_hz, bpfi_hz, bsf_hz).
func (d Diagnosis) MarshalJSON() ([]byte, error) {
	f := d.Defects
	return json.Marshal(diagnosisJSON{
		diagnosisAlias: (*diagnosisAlias)(&d),
		Defects:        defectsJSON{f.ShaftHz, f.FTF, f.BPFO, f.BPFI, f.BSF},
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Diagnosis) UnmarshalJSON(b []byte) error {
	v := diagnosisJSON{diagnosisAlias: (*diagnosisAlias)(d)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	f := v.Defects
	d.Defects = features.DefectFrequencies{ShaftHz: f.ShaftHz, FTF: f.FTF, BPFO: f.BPFO, BPFI: f.BPFI, BSF: f.BSF}
	return nil
}
