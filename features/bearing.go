package features

import (
	"math"
)

// Bearing is the geometry of a rolling-element bearing, the input to the
// kinematic defect frequency formulas.
//
// ElementDiameter and PitchDiameter may be in any length unit as long as it
// is the same for both (only their ratio enters the formulas). ContactAngle
// is in degrees; 0 for a deep-groove ball bearing under radial load.
type Bearing struct {
	Name            string  // designation, e.g. "6205-2RS"
	Elements        int     // rolling elements per row
	ElementDiameter float64 // ball or roller diameter d
	PitchDiameter   float64 // pitch (cage) diameter D, same unit as d
	ContactAngle    float64 // contact angle φ in degrees, 0 ≤ φ < 90
}

// DefectFrequencies holds the kinematic fault frequencies of a bearing with
// a fixed outer ring and a rotating inner ring, in Hz (or, from
// Bearing.Multiples, in multiples of the shaft speed).
//
// With n elements, shaft rate fr and r = (d/D)·cos φ:
//
//	FTF  = fr/2·(1 − r)            fundamental train (cage) frequency
//	BPFO = n·fr/2·(1 − r)          ball pass frequency, outer race
//	BPFI = n·fr/2·(1 + r)          ball pass frequency, inner race
//	BSF  = fr·D/(2d)·(1 − r²)      ball (roller) spin frequency
//
// BSF is the rotation rate of an element about its own axis. A defect on a
// ball strikes both races once per spin revolution, so the envelope spectrum
// of a ball fault shows its line at 2×BSF (CWRU's tables list 2×BSF as the
// "rolling element" frequency); look for 2×BSF, with FTF sidebands.
type DefectFrequencies struct {
	ShaftHz float64 // shaft rotation frequency fr
	FTF     float64 // fundamental train (cage) frequency
	BPFO    float64 // ball pass frequency, outer race
	BPFI    float64 // ball pass frequency, inner race
	BSF     float64 // ball spin frequency; a ball defect shows at 2×BSF
}

// Validate reports whether the geometry is physically possible: at least
// one element, finite positive diameters, an element smaller than the pitch
// diameter and a contact angle in [0°, 90°).
func (b Bearing) Validate() error {
	switch {
	case b.Elements < 1:
		return errorf(ErrConfig, "bearing %q: %d rolling elements, need at least 1", b.Name, b.Elements)
	case !(b.ElementDiameter > 0) || math.IsInf(b.ElementDiameter, 0):
		return errorf(ErrConfig, "bearing %q: element diameter %v, need a finite value > 0", b.Name, b.ElementDiameter)
	case !(b.PitchDiameter > 0) || math.IsInf(b.PitchDiameter, 0):
		return errorf(ErrConfig, "bearing %q: pitch diameter %v, need a finite value > 0", b.Name, b.PitchDiameter)
	case b.ElementDiameter >= b.PitchDiameter:
		return errorf(ErrConfig, "bearing %q: element diameter %v not smaller than pitch diameter %v", b.Name, b.ElementDiameter, b.PitchDiameter)
	case !(b.ContactAngle >= 0 && b.ContactAngle < 90):
		return errorf(ErrConfig, "bearing %q: contact angle %v°, need 0 ≤ angle < 90", b.Name, b.ContactAngle)
	}
	return nil
}

// Multiples returns the defect frequencies per unit shaft speed (orders):
// multiply by the shaft rate in Hz to get Hz. Shaft is 1.
func (b Bearing) Multiples() (DefectFrequencies, error) {
	return b.DefectFrequencies(1)
}

// DefectFrequencies returns the kinematic defect frequencies in Hz for a
// shaft turning at shaftHz (RPM/60) with the outer ring fixed. It returns an
// error for an invalid geometry (see Validate) or a shaft rate that is not
// finite and positive.
//
// The formulas assume pure rolling; real bearings slip 1–2 %, so search for
// the lines within a small tolerance.
func (b Bearing) DefectFrequencies(shaftHz float64) (DefectFrequencies, error) {
	if err := b.Validate(); err != nil {
		return DefectFrequencies{}, err
	}
	if !(shaftHz > 0) || math.IsInf(shaftHz, 0) {
		return DefectFrequencies{}, errorf(ErrInput, "shaft rate %v Hz, need a finite value > 0", shaftHz)
	}
	r := b.ElementDiameter / b.PitchDiameter * math.Cos(b.ContactAngle*math.Pi/180)
	n := float64(b.Elements)
	return DefectFrequencies{
		ShaftHz: shaftHz,
		FTF:     shaftHz / 2 * (1 - r),
		BPFO:    n * shaftHz / 2 * (1 - r),
		BPFI:    n * shaftHz / 2 * (1 + r),
		BSF:     shaftHz * b.PitchDiameter / (2 * b.ElementDiameter) * (1 - r*r),
	}, nil
}
