package bearing_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/internal/testenv"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func diag(v fault.Kind, conf float64) *bearing.Diagnosis {
	return &bearing.Diagnosis{Verdict: v, Confidence: conf, Reason: v.String(),
		Evidence: []bearing.FaultEvidence{{Fault: fault.OuterRace, Harmonics: []bearing.HarmonicEvidence{{Harmonic: 1}}}}}
}

func TestFuseRules(t *testing.T) {
	for _, c := range []struct {
		in   []*bearing.Diagnosis
		want fault.Kind
		conf float64
	}{
		{[]*bearing.Diagnosis{diag(fault.OuterRace, 0.3), diag(fault.Unknown, 0.1)}, fault.OuterRace, 0.3},
		{[]*bearing.Diagnosis{diag(fault.Healthy, 0.4), diag(fault.InnerRace, 0.2), diag(fault.InnerRace, 0.6)}, fault.InnerRace, 0.6},
		{[]*bearing.Diagnosis{diag(fault.OuterRace, 0.3), diag(fault.Ball, 0.5)}, fault.Unknown, 0.5},
		{[]*bearing.Diagnosis{diag(fault.Healthy, 0.45), diag(fault.Healthy, 0.41)}, fault.Healthy, 0.41},
		{[]*bearing.Diagnosis{diag(fault.Healthy, 0.45), diag(fault.Unknown, 0.2)}, fault.Unknown, 0.2},
		{[]*bearing.Diagnosis{diag(fault.Ball, 0.7)}, fault.Ball, 0.7},
	} {
		got := bearing.Fuse(nil, c.in...)
		assert.Equal(t, c.want, got.Verdict, "%v", c.in)
		assert.InDelta(t, c.conf, got.Confidence, 0, "%v", c.in)
		assert.NotEmpty(t, got.Reason)
	}
	// The channel diagnoses are not changed, and dst's evidence is a copy.
	a, b := diag(fault.OuterRace, 0.3), diag(fault.Healthy, 0.4)
	got := bearing.Fuse(nil, a, b)
	got.Evidence[0].Harmonics[0].Harmonic = 9
	assert.Equal(t, 1, a.Evidence[0].Harmonics[0].Harmonic)
	assert.Equal(t, fault.Healthy, b.Verdict)
	assert.Panics(t, func() { bearing.Fuse(nil) })
}

// TestFuseCWRUChannels fuses the drive-end and fan-end channels of the 12
// kHz drive-end-fault records: the fused verdict is never a wrong fault
// type more often than a channel alone, and never healthy on a faulty
// bearing.
func TestFuseCWRUChannels(t *testing.T) {
	if testing.Short() {
		t.Skip("diagnoses 112 channels")
	}
	dir := testenv.DataDir(t, "cwru")
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	b := lookup(t, "6205-2RS")
	count := map[string]int{}
	for _, name := range cwruNames() {
		rec, err := datasets.LoadCWRU(os.DirFS(dir), name)
		require.NoError(t, err, name)
		if rec.FE == nil {
			continue
		}
		de, err := dg.Diagnose(rec.DE, rec.SampleRate, rec.RPM/60, b)
		require.NoError(t, err)
		fe, err := dg.Diagnose(rec.FE, rec.SampleRate, rec.RPM/60, b)
		require.NoError(t, err)
		f := bearing.Fuse(nil, de, fe)
		chans := []struct {
			ch string
			d  *bearing.Diagnosis
		}{{"DE", de}, {"FE", fe}, {"fused", f}}
		if rec.BA != nil {
			ba, err := dg.Diagnose(rec.BA, rec.SampleRate, rec.RPM/60, b)
			require.NoError(t, err)
			chans = append(chans, struct {
				ch string
				d  *bearing.Diagnosis
			}{"fused3", bearing.Fuse(nil, de, fe, ba)})
		}
		for _, c := range chans {
			switch {
			case c.d.Verdict == rec.Info.Fault:
				count[c.ch+" correct"]++
			case c.d.Verdict == fault.Unknown:
				count[c.ch+" unknown"]++
			case c.d.Verdict == fault.Healthy:
				count[c.ch+" healthy"]++
			default:
				count[c.ch+" wrong"]++
			}
		}
	}
	t.Logf("%v", count)
	assert.Zero(t, count["fused healthy"]+count["fused3 healthy"])
	assert.LessOrEqual(t, count["fused wrong"], 2)
	assert.LessOrEqual(t, count["fused3 wrong"], 2)
	assert.GreaterOrEqual(t, count["fused correct"], max(count["DE correct"], count["FE correct"]), fmt.Sprint(count))
}
