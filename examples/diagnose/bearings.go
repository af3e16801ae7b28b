package main

import "github.com/spindle-pdm/spindle/features"

// lookupBearing finds a bearing by name in features' catalogue.
func lookupBearing(name string) (features.Bearing, bool) { return features.LookupBearing(name) }

// bearingNames lists the designations -bearing accepts (aliases aside).
func bearingNames() []string {
	var names []string
	for _, b := range features.Bearings() {
		names = append(names, b.Name)
	}
	return names
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
