package features

import "strings"

// catalogEntry is a bearing with the other names it may be looked up by.
type catalogEntry struct {
	b       Bearing
	aliases []string
}

// catalog holds the bearings of the public data sets Spindle is tested on,
// with the geometry their publishers give.
var catalog = []catalogEntry{
	{
		// Case Western Reserve University Bearing Data Center, "Bearing
		// information": drive-end bearing SKF 6205-2RS JEM deep-groove ball
		// bearing, 9 balls, ball diameter 0.3126 in, pitch diameter
		// 1.537 in. Published multiples of running speed: inner ring 5.4152,
		// outer ring 3.5848, cage 0.39828, rolling element 4.7135 (= 2×BSF).
		b:       Bearing{Name: "6205-2RS", Elements: 9, ElementDiameter: 0.3126, PitchDiameter: 1.537, ContactAngle: 0},
		aliases: []string{"SKF 6205-2RS JEM", "6205-2RS JEM", "6205", "CWRU-DE"},
	},
	{
		// CWRU Bearing Data Center: fan-end bearing SKF 6203-2RS JEM, 8 balls,
		// ball diameter 0.2656 in, pitch diameter 1.122 in.
		b:       Bearing{Name: "6203-2RS", Elements: 8, ElementDiameter: 0.2656, PitchDiameter: 1.122, ContactAngle: 0},
		aliases: []string{"SKF 6203-2RS JEM", "6203-2RS JEM", "6203", "CWRU-FE"},
	},
	{
		// MFPT Society condition based maintenance fault database
		// (E. Bechhoefer): 8 rolling elements, roller diameter 0.235 in,
		// pitch diameter 1.245 in, contact angle 0.
		b:       Bearing{Name: "MFPT", Elements: 8, ElementDiameter: 0.235, PitchDiameter: 1.245, ContactAngle: 0},
		aliases: []string{"NICE", "MFPT bearing"},
	},
	{
		// IMS/University of Cincinnati run-to-failure rig (NASA prognostics
		// repository; H. Qiu et al., J. Sound Vib. 289 (2006) 1066-1090):
		// Rexnord ZA-2115 double-row bearing, 16 rollers per row, roller
		// diameter 0.331 in, pitch diameter 2.815 in, contact angle 15.17°.
		b:       Bearing{Name: "ZA-2115", Elements: 16, ElementDiameter: 0.331, PitchDiameter: 2.815, ContactAngle: 15.17},
		aliases: []string{"Rexnord ZA-2115", "ZA2115", "IMS"},
	},
	{
		// XJTU-SY accelerated life data set (B. Wang, Y. Lei, N. Li, N. Li,
		// IEEE Trans. Reliability 69 (2020) 401-412): LDK UER204 deep-groove
		// ball bearing, 8 balls, ball diameter 7.92 mm, pitch diameter
		// 34.55 mm, contact angle 0.
		b:       Bearing{Name: "UER204", Elements: 8, ElementDiameter: 7.92, PitchDiameter: 34.55, ContactAngle: 0},
		aliases: []string{"LDK UER204", "XJTU-SY"},
	},
	{
		// FEMTO-ST PRONOSTIA rig (IEEE PHM 2012 Prognostic Challenge
		// details, appendix A.1): 13 rolling elements of diameter 3.5 mm,
		// mean diameter 25.6 mm. The document gives no contact angle; the
		// bearing is a deep-groove ball bearing under radial load, so 0° is
		// taken.
		b:       Bearing{Name: "PRONOSTIA", Elements: 13, ElementDiameter: 3.5, PitchDiameter: 25.6, ContactAngle: 0},
		aliases: []string{"FEMTO", "FEMTO-ST"},
	},
}

// LookupBearing returns the catalogued bearing with the given designation or
// alias, compared case-insensitively and ignoring surrounding space; for
// example "6205-2RS", "skf 6205-2rs jem", "6203-2RS", "MFPT", "ZA-2115",
// "UER204", "PRONOSTIA". The second result is false when the name is not catalogued.
func LookupBearing(name string) (Bearing, bool) {
	name = strings.TrimSpace(name)
	for _, e := range catalog {
		if strings.EqualFold(name, e.b.Name) {
			return e.b, true
		}
		for _, a := range e.aliases {
			if strings.EqualFold(name, a) {
				return e.b, true
			}
		}
	}
	return Bearing{}, false
}

// Bearings returns a copy of the catalogue: the bearings of the CWRU, MFPT,
// IMS and XJTU-SY data sets.
func Bearings() []Bearing {
	out := make([]Bearing, len(catalog))
	for i, e := range catalog {
		out[i] = e.b
	}
	return out
}
