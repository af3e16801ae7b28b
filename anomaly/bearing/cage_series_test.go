package bearing_test

import (
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCageSeriesNeedsConsecutiveHarmonics: a healthy simulated bearing
// whose vibration is amplitude-modulated (5 %) at FTF and 2×FTF shows a
// qualified FTF series, which blocks a Healthy verdict; modulated at FTF
// and 4×FTF it shows lines at h1 and h4 with nothing between them, which
// are no series (rule 2 of Diagnosis).
func TestCageSeriesNeedsConsecutiveHarmonics(t *testing.T) {
	b := simBearing(t)
	df, err := b.DefectFrequencies(simShaft)
	require.NoError(t, err)
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	base := simulate(t, fault.Healthy, 10, 10, 5)
	for _, k := range []float64{2, 4} {
		y := make([]float64, len(base))
		for i, v := range base {
			w := 2 * math.Pi * df.FTF * float64(i) / 12000
			y[i] = v * (1 + 0.05*math.Cos(w) + 0.05*math.Cos(k*w))
		}
		d, err := dg.Diagnose(y, 12000, simShaft, b)
		require.NoError(t, err)
		cage := d.Fault(fault.Cage)
		require.NotNil(t, cage)
		h := cage.Harmonics
		require.Len(t, h, 4)
		t.Logf("FTF and %g×FTF: %v (%.2f); cage h1..h4 %.1f %.1f %.1f %.1f dB", k, d.Verdict, d.Confidence,
			h[0].ProminenceDB, h[1].ProminenceDB, h[2].ProminenceDB, h[3].ProminenceDB)
		if k == 2 {
			assert.True(t, cage.Qualified, "h1 and h2: a series")
			assert.Equal(t, fault.Unknown, d.Verdict, "an FTF series is no Healthy")
			continue
		}
		require.True(t, h[0].Present && h[3].Present && !h[1].Present && !h[2].Present, "the test needs h1 and h4 alone")
		assert.False(t, cage.Qualified, "h1 and h4 alone: no series")
		for _, m := range cage.Methods {
			assert.False(t, m.Qualified, m.Method)
		}
	}
}
