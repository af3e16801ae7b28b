package main

import (
	"strings"

	"github.com/spindle-pdm/spindle/features"
)

// pronostia is the bearing of the FEMTO-ST PRONOSTIA rig, which
// features' catalogue lacks. Geometry from the IEEE PHM 2012 Prognostic
// Challenge details (FEMTO-ST), appendix A.1: 13 rolling elements of
// diameter d = 3.5 mm, mean (pitch) diameter Dm = 25.6 mm. The document
// gives no contact angle; the bearing is a deep-groove ball bearing under
// radial load, so 0° is taken.
var pronostia = features.Bearing{Name: "PRONOSTIA", Elements: 13, ElementDiameter: 3.5, PitchDiameter: 25.6, ContactAngle: 0}

// lookupBearing finds a bearing by name: features.LookupBearing's
// catalogue, then PRONOSTIA (also "FEMTO").
func lookupBearing(name string) (features.Bearing, bool) {
	if b, ok := features.LookupBearing(name); ok {
		return b, true
	}
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "PRONOSTIA", "FEMTO", "FEMTO-ST":
		return pronostia, true
	}
	return features.Bearing{}, false
}

// bearingNames lists the designations -bearing accepts (aliases aside).
func bearingNames() []string {
	var names []string
	for _, b := range features.Bearings() {
		names = append(names, b.Name)
	}
	return append(names, pronostia.Name)
}

// mustBearing returns a catalogued bearing; the names used are constants
// of this program, so a miss is a programming error.
func mustBearing(name string) *features.Bearing {
	b, ok := lookupBearing(name)
	if !ok {
		panic("diagnose: bearing " + name + " missing from the catalogue")
	}
	return &b
}
