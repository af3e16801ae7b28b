package bearing_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features/fault"
)

// TestSupplyLines: a healthy machine whose vibration an induction motor
// modulates at twice the 60 Hz supply, with the shaft at 2008.5 rpm, where
// the bearing's BPFO (3.5848 orders) is 120.0 Hz. The envelope's lines at
// 120 and 240 Hz pass for an outer-race series; given SupplyHz 60 they are
// explained by the supply, as is the cage-like line at 120 − 2·shaft, and
// no fault is named.
func TestSupplyLines(t *testing.T) {
	const shaft = 33.475
	b := simBearing(t)
	x, _, err := datasets.SimulateBearing(datasets.BearingSim{
		SampleRate: 12000, Duration: 6, DefectFreq: 100, ImpactAmp: 0,
		Resonances: []datasets.Resonance{{Freq: 3500, Damping: 0.05}},
		ShaftHz:    shaft, ShaftHarmonics: []float64{0.5, 0.3, 0.2},
		SNR: 10, Seed: 11,
	})
	require.NoError(t, err)
	for i := range x {
		m := 1 + 0.5*math.Cos(2*math.Pi*120*float64(i)/12000)
		x[i] *= m * m
	}
	plain, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	d, err := plain.Diagnose(x, 12000, shaft, b)
	require.NoError(t, err)
	assert.Equal(t, fault.OuterRace, d.Verdict, "without the supply frequency: %s", d.Reason)

	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{SupplyHz: 60})
	require.NoError(t, err)
	d, err = dg.Diagnose(x, 12000, shaft, b)
	require.NoError(t, err)
	// No fault: Healthy, or Unknown for the modulation's impulsiveness.
	assert.Contains(t, []fault.Kind{fault.Healthy, fault.Unknown}, d.Verdict, d.Reason)
	assert.Contains(t, d.Reason, "no fault series qualifies")
	e := d.Fault(fault.OuterRace)
	require.NotNil(t, e)
	var supply int
	for _, h := range e.Harmonics {
		if h.ExplainedBy == "supply" {
			supply++
		}
	}
	assert.GreaterOrEqual(t, supply, 2, "%+v", e.Harmonics)

	_, err = bearing.NewDiagnoser(bearing.DiagnoserConfig{SupplyHz: -50})
	assert.ErrorIs(t, err, bearing.ErrConfig)
}
