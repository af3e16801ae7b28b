package nab_test

import (
	"fmt"

	"github.com/spindle-pdm/spindle/anomaly/nab"
)

func ExampleScore() {
	// A 1000-row file with one labelled window, rows 600–699; the detector
	// fires on rows 300 (a false positive) and 620.
	det := make([]bool, 1000)
	det[300], det[620] = true, true
	windows := []nab.RowWindow{{First: 600, Last: 699}}
	prob := nab.ProbationLength(len(det), nab.ProbationPercent)
	res, err := nab.Score(nil, det, windows, nab.Standard, prob)
	if err != nil {
		panic(err)
	}
	norm, _ := nab.Normalize(res.Score, nab.NullScore(1, nab.Standard), nab.PerfectScore(1, nab.Standard))
	fmt.Printf("raw %.4f, normalised %.1f, TP rows %d, FP rows %d\n", res.Score, norm, res.TP, res.FP)
	// Output:
	// raw 0.8671, normalised 93.4, TP rows 1, FP rows 1
}
