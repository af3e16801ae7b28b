package anomaly

import (
	"encoding/json"

	"github.com/spindle-pdm/spindle/features"
)

// Diagnosis is the result of Diagnoser.Diagnose: the verdict, its
// confidence and the evidence for every fault type, ready to log or to
// serialise as JSON (snake_case keys; every number finite).
type Diagnosis struct {
	// Verdict is the diagnosed fault, Healthy or Unknown.
	Verdict Verdict `json:"verdict"`
	// Confidence in [0, 1] is the support for the verdict: for a fault,
	// its evidence score discounted by the score of the runner-up; for
	// Healthy, one minus the strongest evidence of any fault; for
	// Unknown, the score of the strongest candidate (how much there is
	// that cannot be attributed).
	Confidence float64 `json:"confidence"`
	// ShaftHz is the shaft speed the diagnosis used, Hz.
	ShaftHz float64 `json:"shaft_hz"`
	// Defects are the kinematic defect frequencies of the bearing at
	// ShaftHz, Hz.
	Defects features.DefectFrequencies `json:"defects"`
	// Evidence holds one entry per fault type, in the order of Faults().
	Evidence []FaultEvidence `json:"evidence"`
	// Method and Band are the envelope method ("raw", "kurtogram",
	// "cpw") and demodulation band (Hz) of the evidence behind the
	// verdict: the diagnosed fault's best method, or for Healthy and
	// Unknown the strongest fault's.
	Method string     `json:"method"`
	Band   [2]float64 `json:"band_hz"`
	// Reason explains the verdict in one line.
	Reason string `json:"reason"`
}

// Fault returns the evidence of fault v (OuterRace, InnerRace, Ball or
// Cage), or nil when the diagnosis holds none for it.
func (d *Diagnosis) Fault(v Verdict) *FaultEvidence {
	for i := range d.Evidence {
		if d.Evidence[i].Fault == v {
			return &d.Evidence[i]
		}
	}
	return nil
}

// defectsJSON is features.DefectFrequencies with snake_case keys.
type defectsJSON struct {
	Shaft float64 `json:"shaft_hz"`
	FTF   float64 `json:"ftf_hz"`
	BPFO  float64 `json:"bpfo_hz"`
	BPFI  float64 `json:"bpfi_hz"`
	BSF   float64 `json:"bsf_hz"`
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
		Defects:        defectsJSON{f.Shaft, f.FTF, f.BPFO, f.BPFI, f.BSF},
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (d *Diagnosis) UnmarshalJSON(b []byte) error {
	v := diagnosisJSON{diagnosisAlias: (*diagnosisAlias)(d)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	f := v.Defects
	d.Defects = features.DefectFrequencies{Shaft: f.Shaft, FTF: f.FTF, BPFO: f.BPFO, BPFI: f.BPFI, BSF: f.BSF}
	return nil
}
