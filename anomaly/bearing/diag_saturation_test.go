package bearing_test

import (
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// digitise stores x as a 14-bit converter's codes times a step chosen so
// that the converter's full scale is fullScale (in the signal's unit),
// saturating there.
func digitise(x []float64, fullScale float64) []float64 {
	step := fullScale / 8192
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = math.Max(-8192, math.Min(8191, math.Round(v/step))) * step
	}
	return out
}

// TestDiagnoseSaturation: the Diagnoser reads the converter of every
// signal; a clipped signal keeps a strong fault verdict, loses a weak one
// (SaturatedMinScore) and is never called healthy.
func TestDiagnoseSaturation(t *testing.T) {
	b := simBearing(t)
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	strict, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{SaturatedMinScore: 1})
	require.NoError(t, err)

	faulty := simulate(t, fault.OuterRace, 10, 10, 5)
	peak := 0.0
	for _, v := range faulty {
		peak = math.Max(peak, math.Abs(v))
	}

	// Digitised with headroom: the converter is read, nothing clipped.
	d, err := dg.Diagnose(digitise(faulty, 2*peak), 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, 14, d.Saturation.Bits)
	assert.False(t, d.Saturation.Saturated())
	assert.Equal(t, fault.OuterRace, d.Verdict)

	// The largest impacts clipped: a strong verdict stands, a verdict
	// required to score 1 does not.
	clipped := digitise(faulty, 0.8*peak)
	d, err = dg.Diagnose(clipped, 12000, simShaft, b)
	require.NoError(t, err)
	require.True(t, d.Saturation.Saturated())
	assert.Equal(t, fault.OuterRace, d.Verdict, d.Reason)
	assert.GreaterOrEqual(t, d.Confidence, 0.5)
	d, err = strict.Diagnose(clipped, 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, fault.Unknown, d.Verdict)
	assert.Contains(t, d.Reason, "full scale")

	// A clipped healthy signal is not a healthy verdict.
	healthy := simulate(t, fault.Healthy, 20, 10, 6)
	d, err = dg.Diagnose(digitise(healthy, 4), 12000, simShaft, b)
	require.NoError(t, err)
	require.False(t, d.Saturation.Saturated())
	assert.Equal(t, fault.Healthy, d.Verdict)
	d, err = dg.Diagnose(digitise(healthy, 0.5), 12000, simShaft, b)
	require.NoError(t, err)
	require.True(t, d.Saturation.Saturated())
	assert.Equal(t, fault.Unknown, d.Verdict)
	assert.Contains(t, d.Reason, "full scale")

	// Samples that are not converter codes: nothing known (Step 0).
	d, err = dg.Diagnose(faulty, 12000, simShaft, b)
	require.NoError(t, err)
	assert.Zero(t, d.Saturation.Step)
	assert.Equal(t, -1, d.Saturation.FirstAt)
}
