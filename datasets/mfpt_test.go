package datasets

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadMFPTFixture(t *testing.T) {
	rec, err := LoadMFPT(matFixtures, "mfpt/OuterRaceFault_vload_1.mat")
	require.NoError(t, err)
	assert.Equal(t, "OuterRaceFault_vload_1", rec.Name)
	assert.Equal(t, fault.OuterRace, rec.Fault)
	assert.Len(t, rec.Signal, 600)
	assert.Equal(t, 48828.0, rec.SampleRate)
	assert.Equal(t, 25.0, rec.ShaftHz)
	assert.Equal(t, 25.0, rec.Load)
}

func TestLoadMFPTErrors(t *testing.T) {
	cases := map[string]string{
		"mfpt/bad/InnerRaceFault_nosr.mat":    `no field "sr"`,
		"mfpt/bad/InnerRaceFault_badload.mat": `"heavy"`,
		"cwru/12k_drive_end/130.mat":          "cannot tell the fault",
		"mfpt/InnerRaceFault_missing.mat":     notExist,
		"bad/nan/Baseline_1.mat":              notExist,
	}
	for name, msg := range cases {
		_, err := LoadMFPT(matFixtures, name)
		if msg == notExist {
			assert.ErrorIs(t, err, fs.ErrNotExist, name)
			continue
		}
		assert.ErrorContains(t, err, msg, name)
	}
	// A CWRU file under an MFPT name has no struct bearing.
	cwru, err := os.ReadFile("testdata/mat/cwru/12k_drive_end/130.mat")
	require.NoError(t, err)
	_, err = LoadMFPT(fstest.MapFS{"baseline_1.mat": {Data: cwru}}, "baseline_1.mat")
	assert.ErrorContains(t, err, `no struct variable "bearing"`)
}

// TestLoadMFPTRealData loads the six real files.
func TestLoadMFPTRealData(t *testing.T) {
	root := testenv.DataDir(t, "mfpt")
	cc := loadCrosscheck(t)
	loads := map[string]float64{
		"InnerRaceFault_vload_1": 0, "InnerRaceFault_vload_2": 50, "InnerRaceFault_vload_3": 100,
		"OuterRaceFault_vload_1": 25, "OuterRaceFault_vload_2": 50, "OuterRaceFault_vload_3": 100,
	}
	for name, load := range loads {
		rec, err := LoadMFPT(os.DirFS(root), name+".mat")
		require.NoError(t, err, name)
		assert.Equal(t, name, rec.Name)
		if name[0] == 'I' {
			assert.Equal(t, fault.InnerRace, rec.Fault)
		} else {
			assert.Equal(t, fault.OuterRace, rec.Fault)
		}
		assert.Len(t, rec.Signal, 146484, name)
		assert.Equal(t, 48828.0, rec.SampleRate, name)
		assert.Equal(t, 25.0, rec.ShaftHz, name)
		assert.Equal(t, load, rec.Load, name)
		w := cc["mfpt/"+name+".mat"]["bearing.gs"]
		assert.Equal(t, w.First5, rec.Signal[:5], name)
		assert.InDelta(t, w.Sum, approxSum(rec.Signal), 1e-12*w.SumAbs, name)
	}
}

// BenchmarkLoadMFPT loads a real MFPT record (zlib-compressed struct,
// 146 484 samples).
func BenchmarkLoadMFPT(b *testing.B) {
	fsys := os.DirFS(testenv.DataDir(b, "mfpt"))
	fi, err := fs.Stat(fsys, "InnerRaceFault_vload_1.mat")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := LoadMFPT(fsys, "InnerRaceFault_vload_1.mat"); err != nil {
			b.Fatal(err)
		}
	}
}
