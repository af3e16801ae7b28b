package spindlebeam_test

import (
	"fmt"

	spindlebeam "github.com/spindle-pdm/spindle/examples/beam"
)

// Score on its own, as ScoreFn runs it per channel: ten snapshots at 0.1 g,
// then the RMS triples. The first five files are the baseline; the alarm
// comes on the third high file.
func ExampleScore() {
	var pts []spindlebeam.Point
	for i := range 14 {
		rms := 0.1 + 0.001*float64(i%3)
		if i >= 10 {
			rms = 0.3
		}
		pts = append(pts, spindlebeam.Point{Index: i, RMS: rms})
	}
	rows, sum := spindlebeam.Score("bearing3/ch5", pts, spindlebeam.ScoreConfig{BaselineFiles: 5})
	fmt.Printf("%d rows; baseline %.3f g over %d files; health now %.2f\n", len(rows), sum.BaselineRMS, sum.Baseline, sum.LastHealth)
	fmt.Printf("alarm at snapshot %d, health %.2f\n", sum.Alarm.Index, sum.Alarm.Health)
	// Output:
	// 14 rows; baseline 0.101 g over 5 files; health now 2.97
	// alarm at snapshot 12, health 2.97
}
