package bearing_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/internal/testenv"
)

// The six MFPT Society fault records (E. Bechhoefer's condition based
// maintenance fault database): three outer race, three inner race, 48 828
// Hz, shaft 25 Hz, bearing "MFPT", the same default configuration as CWRU.
func TestMFPTDiagnosis(t *testing.T) {
	dir := testenv.DataDir(t, "mfpt")
	b, ok := features.LookupBearing("MFPT")
	require.True(t, ok)
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	correct := 0
	for _, name := range []string{
		"OuterRaceFault_vload_1", "OuterRaceFault_vload_2", "OuterRaceFault_vload_3",
		"InnerRaceFault_vload_1", "InnerRaceFault_vload_2", "InnerRaceFault_vload_3",
	} {
		rec, err := datasets.LoadMFPT(os.DirFS(dir), name+".mat")
		require.NoError(t, err, name)
		d, err := dg.Diagnose(rec.Signal, rec.SampleRate, rec.ShaftHz, b)
		require.NoError(t, err, name)
		want := rec.Fault
		t.Logf("%s (load %g): %v (%.2f) %s", name, rec.Load, d.Verdict, d.Confidence, keyEvidence(d))
		if assert.Equal(t, want, d.Verdict, name) {
			correct++
		}
	}
	t.Logf("MFPT: %d of 6 correct", correct)
}
