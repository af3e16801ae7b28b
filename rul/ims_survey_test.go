package rul_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/stretchr/testify/assert"
)

// imsValidation forecasts, for each of the failed bearings other than test
// 2 bearing 1 (the held-out target), leave-one-out: prior and threshold
// from the other three failed bearings (test 2 bearing 1's history
// included), at 50, 70 and 90 % of its post-onset span. It returns the
// table rows and how many forecasts held the true end in their 90 %
// interval.
func imsValidation(t *testing.T, all []imsBearing, noise rul.NoiseConfig) (rows []string, inside, n int) {
	for i, b := range all {
		if i == 2 {
			continue // test 2 bearing 1 is the held-out target
		}
		var lib []imsBearing
		for j, o := range all {
			if j != i {
				lib = append(lib, o)
			}
		}
		prior, thr := imsPriorFrom(t, lib)
		for _, frac := range []float64{0.5, 0.7, 0.9} {
			f := forecastIMS(t, b, b.atFraction(frac, b.onset), prior, thr, noise)
			rows = append(rows, f.row(fmt.Sprintf("%s %.0f %% post-onset (threshold %.2f)", b.name, 100*frac, thr)))
			n++
			if f.inside() {
				inside++
			}
		}
	}
	return rows, inside, n
}

// TestIMSValidation runs the validation forecasts (imsValidation) with the
// classical model and RobustNoise. Measured: 1/9 and 2/9 inside. The
// validation bearings are weak: test 1 has a 7-hour gap in its snapshots,
// so its three post-onset points are the same snapshot, 4.5 h after onset;
// test 1 bearing 4 never came near the threshold the others set (it
// stopped at 1.72 × baseline against 5.84) and test 3 bearing 3 passed its
// threshold (2.78) long before the rig stopped. Those misses come from the
// failure threshold, which no noise model can fix.
func TestIMSValidation(t *testing.T) {
	dir := testenv.DataDir(t, filepath.Join("ims", "summary"))
	all := imsFailed(t, dir)
	rc, ic, n := imsValidation(t, all, rul.NoiseConfig{})
	rr, ir, _ := imsValidation(t, all, rul.RobustNoise())
	t.Logf("classical: %d/%d inside\n%s\n%s", ic, n, imsHeader, strings.Join(rc, "\n"))
	t.Logf("RobustNoise: %d/%d inside\n%s\n%s", ir, n, imsHeader, strings.Join(rr, "\n"))
	assert.GreaterOrEqual(t, ir, ic)
	assert.GreaterOrEqual(t, ir, 2)
}

// TestIMSSurvey prints the validation forecasts for the candidate noise
// configurations (SPINDLE_SURVEY=1 to run).
func TestIMSSurvey(t *testing.T) {
	if os.Getenv("SPINDLE_SURVEY") == "" {
		t.Skip("set SPINDLE_SURVEY=1 to run the survey")
	}
	dir := testenv.DataDir(t, filepath.Join("ims", "summary"))
	all := imsFailed(t, dir)
	for _, c := range []struct {
		name string
		cfg  rul.NoiseConfig
	}{
		{"classical", rul.NoiseConfig{}},
		{"NIG", rul.NoiseConfig{PriorDOF: 2}},
		{"AR", rul.NoiseConfig{Autocorrelation: true}},
		{"AR+X", rul.NoiseConfig{Autocorrelation: true, CrossingNoise: true}},
		{"NIG+AR+X", rul.NoiseConfig{PriorDOF: 2, Autocorrelation: true, CrossingNoise: true}},
		{"AR.95+X", rul.NoiseConfig{Autocorrelation: true, MaxAutocorrelation: 0.95, CrossingNoise: true}},
		{"AR+λ.99+X", rul.NoiseConfig{Autocorrelation: true, Forgetting: 0.99, CrossingNoise: true}},
		{"X", rul.NoiseConfig{CrossingNoise: true}},
	} {
		rows, in, n := imsValidation(t, all, c.cfg)
		t.Logf("%s: %d/%d inside\n%s\n%s", c.name, in, n, imsHeader, strings.Join(rows, "\n"))
	}
}
