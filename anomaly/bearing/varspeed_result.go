package bearing

import (
	"encoding/json"
)

// ProfileDiagnosis is the result of DiagnoseProfile and DiagnoseAngle: the
// Diagnosis of a signal whose shaft speed changed, made in the order domain,
// and how the signal was order tracked.
//
// The embedded Diagnosis was made on the signal resampled to shaft angle, so
// its lines are orders (cycles per revolution); its Hz fields — ShaftHz,
// Defects, the bands, Fundamental, Freq and ExpectedFreq — are those orders
// times MeanShaftHz: the frequencies the lines would have on a shaft turning
// steadily at the record's mean speed. Divide by MeanShaftHz for orders.
// Confidence, scores, prominences, ErrorPct and Health.CageRevolutions do
// not depend on the speed. Health's kurtosis and band (Hz) and Saturation
// are measured on the signal as recorded, before resampling, where the
// resonances the impacts ring stand still, and decide a Healthy verdict
// and weaken a fault verdict as in Diagnose (rules 5 and 6).
type ProfileDiagnosis struct {
	*Diagnosis
	OrderTracking
}

// OrderTracking tells how a signal was resampled to shaft angle for a
// ProfileDiagnosis.
type OrderTracking struct {
	// OrderTracked is true for a diagnosis made in the order domain.
	OrderTracked bool `json:"order_tracked"`
	// SamplesPerRev is the angular sampling, samples per revolution.
	SamplesPerRev int `json:"samples_per_rev"`
	// Revolutions is the number of shaft revolutions analysed.
	Revolutions float64 `json:"revolutions"`
	// Seconds is the span of the signal analysed, s: the part of the
	// record inside the speed profile's time span.
	Seconds float64 `json:"seconds"`
	// MeanShaftHz, MinShaftHz and MaxShaftHz are the mean, lowest and
	// highest shaft speed over the part analysed, Hz.
	MeanShaftHz float64 `json:"mean_shaft_hz"`
	MinShaftHz  float64 `json:"min_shaft_hz"`
	MaxShaftHz  float64 `json:"max_shaft_hz"`
}

// scaleHz multiplies every frequency of a diagnosis made in orders (a
// shaft speed of 1 Hz) by f Hz.
func (dg *Diagnosis) scaleHz(f float64) {
	df := &dg.Defects
	df.ShaftHz, df.FTF, df.BPFO, df.BPFI, df.BSF = df.ShaftHz*f, df.FTF*f, df.BPFO*f, df.BPFI*f, df.BSF*f
	dg.ShaftHz *= f
	scale2(&dg.Band, f)
	for i := range dg.Evidence {
		e := &dg.Evidence[i]
		e.Fundamental *= f
		scale2(&e.Band, f)
		for j := range e.Harmonics {
			e.Harmonics[j].Freq *= f
			e.Harmonics[j].ExpectedFreq *= f
		}
		for j := range e.Sidebands {
			e.Sidebands[j].Freq *= f
			e.Sidebands[j].ExpectedFreq *= f
		}
		for j := range e.Methods {
			scale2(&e.Methods[j].Band, f)
		}
	}
}

// scale2 multiplies both edges of a band by f.
func scale2(b *[2]float64, f float64) { b[0], b[1] = b[0]*f, b[1]*f }

// MarshalJSON writes the Diagnosis's JSON object (see Diagnosis.MarshalJSON)
// with the OrderTracking fields added at its top level (order_tracked,
// samples_per_rev, revolutions, seconds, mean_shaft_hz, min_shaft_hz,
// max_shaft_hz).
func (pd ProfileDiagnosis) MarshalJSON() ([]byte, error) {
	var dg Diagnosis
	if pd.Diagnosis != nil {
		dg = *pd.Diagnosis
	}
	b, err := dg.MarshalJSON()
	if err != nil {
		return nil, err
	}
	ot, err := json.Marshal(pd.OrderTracking)
	if err != nil {
		return nil, err
	}
	// Both are objects: splice ot's fields into b's.
	out := make([]byte, 0, len(b)+len(ot))
	out = append(out, b[:len(b)-1]...)
	out = append(out, ',')
	return append(out, ot[1:]...), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (pd *ProfileDiagnosis) UnmarshalJSON(b []byte) error {
	dg := new(Diagnosis)
	if err := json.Unmarshal(b, dg); err != nil {
		return err
	}
	var ot OrderTracking
	if err := json.Unmarshal(b, &ot); err != nil {
		return err
	}
	pd.Diagnosis, pd.OrderTracking = dg, ot
	return nil
}
