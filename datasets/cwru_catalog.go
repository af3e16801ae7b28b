package datasets

import (
	"sort"
	"sync"

	"github.com/spindle-pdm/spindle/features/fault"
)

// CWRUInfo describes one record of the Case Western Reserve University
// Bearing Data Center, as its tables publish it.
type CWRUInfo struct {
	// Number is the record (file) number, e.g. 105 for 105.mat.
	Number int
	Fault  fault.Kind
	// Position is the outer race defect's clock position relative to the
	// load zone: "@6:00" (centred), "@3:00" (orthogonal), "@12:00"
	// (opposite); "" for other faults.
	Position string
	// DiameterIn is the seeded defect's diameter in inches (0.007 to
	// 0.028); 0 for normal records.
	DiameterIn float64
	// LoadHP is the motor load in horsepower, 0 to 3.
	LoadHP int
	// NominalRPM is the table's shaft speed (1797, 1772, 1750, 1730 rpm);
	// the RPM stored in a record's file may differ slightly.
	NominalRPM float64
	// SampleRate is the sampling rate in Hz (12 000 or 48 000).
	SampleRate float64
	// End is the faulted bearing, "DE" (drive end, SKF 6205-2RS JEM) or
	// "FE" (fan end, SKF 6203-2RS JEM); "" for normal records.
	End string
	// Table is the data center's table: "12k_drive_end", "48k_drive_end",
	// "12k_fan_end" or "normal".
	Table string
}

// cwruRow is one row of a data center table: one fault at one diameter,
// with the record numbers at 0, 1, 2 and 3 hp (0 where none was recorded).
type cwruRow struct {
	fault    fault.Kind
	position string
	diameter float64
	numbers  [4]int
}

type cwruTable struct {
	name string
	rate float64
	end  string
	rows []cwruRow
}

var cwruNominalRPM = [4]float64{1797, 1772, 1750, 1730}

// The tables of the CWRU Bearing Data Center web site
// (https://engineering.case.edu/bearingdatacenter): "12k Drive End Bearing
// Fault Data", "48k Drive End Bearing Fault Data", "12k Fan End Bearing
// Fault Data" and "Normal Baseline Data".
var cwruTables = []cwruTable{
	{"12k_drive_end", 12000, "DE", []cwruRow{
		{fault.InnerRace, "", 0.007, [4]int{105, 106, 107, 108}},
		{fault.Ball, "", 0.007, [4]int{118, 119, 120, 121}},
		{fault.OuterRace, "@6:00", 0.007, [4]int{130, 131, 132, 133}},
		{fault.OuterRace, "@3:00", 0.007, [4]int{144, 145, 146, 147}},
		{fault.OuterRace, "@12:00", 0.007, [4]int{156, 158, 159, 160}},
		{fault.InnerRace, "", 0.014, [4]int{169, 170, 171, 172}},
		{fault.Ball, "", 0.014, [4]int{185, 186, 187, 188}},
		{fault.OuterRace, "@6:00", 0.014, [4]int{197, 198, 199, 200}},
		{fault.InnerRace, "", 0.021, [4]int{209, 210, 211, 212}},
		{fault.Ball, "", 0.021, [4]int{222, 223, 224, 225}},
		{fault.OuterRace, "@6:00", 0.021, [4]int{234, 235, 236, 237}},
		{fault.OuterRace, "@3:00", 0.021, [4]int{246, 247, 248, 249}},
		{fault.OuterRace, "@12:00", 0.021, [4]int{258, 259, 260, 261}},
		{fault.InnerRace, "", 0.028, [4]int{3001, 3002, 3003, 3004}},
		{fault.Ball, "", 0.028, [4]int{3005, 3006, 3007, 3008}},
	}},
	{"48k_drive_end", 48000, "DE", []cwruRow{
		{fault.InnerRace, "", 0.007, [4]int{109, 110, 111, 112}},
		{fault.Ball, "", 0.007, [4]int{122, 123, 124, 125}},
		{fault.OuterRace, "@6:00", 0.007, [4]int{135, 136, 137, 138}},
		{fault.OuterRace, "@3:00", 0.007, [4]int{148, 149, 150, 151}},
		{fault.OuterRace, "@12:00", 0.007, [4]int{161, 162, 163, 164}},
		{fault.InnerRace, "", 0.014, [4]int{174, 175, 176, 177}},
		{fault.Ball, "", 0.014, [4]int{189, 190, 191, 192}},
		{fault.OuterRace, "@6:00", 0.014, [4]int{201, 202, 203, 204}},
		{fault.InnerRace, "", 0.021, [4]int{213, 214, 215, 217}},
		{fault.Ball, "", 0.021, [4]int{226, 227, 228, 229}},
		{fault.OuterRace, "@6:00", 0.021, [4]int{238, 239, 240, 241}},
		{fault.OuterRace, "@3:00", 0.021, [4]int{250, 251, 252, 253}},
		{fault.OuterRace, "@12:00", 0.021, [4]int{262, 263, 264, 265}},
	}},
	{"12k_fan_end", 12000, "FE", []cwruRow{
		{fault.InnerRace, "", 0.007, [4]int{278, 279, 280, 281}},
		{fault.Ball, "", 0.007, [4]int{282, 283, 284, 285}},
		{fault.OuterRace, "@6:00", 0.007, [4]int{294, 295, 296, 297}},
		{fault.OuterRace, "@3:00", 0.007, [4]int{298, 299, 300, 301}},
		{fault.OuterRace, "@12:00", 0.007, [4]int{302, 305, 306, 307}},
		{fault.InnerRace, "", 0.014, [4]int{274, 275, 276, 277}},
		{fault.Ball, "", 0.014, [4]int{286, 287, 288, 289}},
		{fault.OuterRace, "@3:00", 0.014, [4]int{310, 309, 311, 312}},
		{fault.OuterRace, "@6:00", 0.014, [4]int{313, 0, 0, 0}},
		{fault.InnerRace, "", 0.021, [4]int{270, 271, 272, 273}},
		{fault.Ball, "", 0.021, [4]int{290, 291, 292, 293}},
		{fault.OuterRace, "@6:00", 0.021, [4]int{315, 0, 0, 0}},
		{fault.OuterRace, "@3:00", 0.021, [4]int{0, 316, 317, 318}},
	}},
	{"normal", 48000, "", []cwruRow{
		{fault.Healthy, "", 0, [4]int{97, 98, 99, 100}},
	}},
}

var cwruCatalog = sync.OnceValues(func() ([]CWRUInfo, map[int]CWRUInfo) {
	var list []CWRUInfo
	for _, t := range cwruTables {
		for _, r := range t.rows {
			for hp, n := range r.numbers {
				if n == 0 {
					continue
				}
				list = append(list, CWRUInfo{
					Number: n, Fault: r.fault, Position: r.position, DiameterIn: r.diameter,
					LoadHP: hp, NominalRPM: cwruNominalRPM[hp], SampleRate: t.rate, End: t.end, Table: t.name,
				})
			}
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Number < list[j].Number })
	byNumber := make(map[int]CWRUInfo, len(list))
	for _, info := range list {
		byNumber[info.Number] = info
	}
	return list, byNumber
})

// CWRUCatalog returns every record of the CWRU Bearing Data Center's 12 kHz
// drive-end, 48 kHz drive-end and 12 kHz fan-end fault tables and its normal
// baseline, sorted by record number. The slice is a fresh copy.
func CWRUCatalog() []CWRUInfo {
	list, _ := cwruCatalog()
	return append([]CWRUInfo(nil), list...)
}

// LookupCWRU returns the catalogue entry of record number.
func LookupCWRU(number int) (CWRUInfo, bool) {
	_, byNumber := cwruCatalog()
	info, ok := byNumber[number]
	return info, ok
}
