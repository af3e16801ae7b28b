package datasets

import (
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var matFixtures = os.DirFS("testdata/mat")

func TestLoadCWRUFixture(t *testing.T) {
	rec, err := LoadCWRU(matFixtures, "cwru/12k_drive_end/130.mat")
	require.NoError(t, err)
	assert.Equal(t, 130, rec.Info.Number)
	assert.Equal(t, fault.OuterRace, rec.Info.Fault)
	assert.Equal(t, "@6:00", rec.Info.Position)
	assert.Equal(t, 12000.0, rec.SampleRate)
	assert.Equal(t, 1796.0, rec.RPM) // from the file, not the nominal 1797
	assert.True(t, rec.RPMFromFile)
	require.Len(t, rec.DE, 600)
	require.Len(t, rec.FE, 600)
	require.Len(t, rec.BA, 600)
	for i := range rec.DE { // the generator scaled DE by 0.3 and 0.1
		assert.InDelta(t, 0.3*rec.DE[i], rec.FE[i], 1e-6)
		assert.InDelta(t, 0.1*rec.DE[i], rec.BA[i], 1e-6)
	}

	rec, err = LoadCWRU(matFixtures, "cwru/12k_drive_end/3005.mat")
	require.NoError(t, err)
	assert.Equal(t, fault.Ball, rec.Info.Fault)
	assert.Len(t, rec.DE, 600)
	assert.Nil(t, rec.FE)
	assert.Nil(t, rec.BA)
	assert.False(t, rec.RPMFromFile)
	assert.Equal(t, 1797.0, rec.RPM)

	rec, err = LoadCWRU(matFixtures, "cwru/normal/97.mat")
	require.NoError(t, err)
	assert.Equal(t, fault.Healthy, rec.Info.Fault)
	assert.Equal(t, 48000.0, rec.SampleRate)
	assert.Len(t, rec.DE, 600)
	assert.Len(t, rec.FE, 600)
	assert.Nil(t, rec.BA)
}

func TestLoadCWRUErrors(t *testing.T) {
	cases := map[string]string{
		"bad/nan/105.mat":                 `"X105_DE_time": sample 3 is NaN`,
		"bad/ambiguous/105.mat":           `"X001_DE_time" and "X002_DE_time" both end in "_DE_time"`,
		"bad/zerorpm/105.mat":             `"X105RPM" is 0, not a positive number`,
		"bad/nochannel/105.mat":           "no *_DE_time",
		"cwru/999.mat":                    "record 999 is not in the CWRU catalogue",
		"cwru/X105.mat":                   "file names are record numbers",
		"cwru/12k_drive_end/105.mat":      notExist,
		"mfpt/OuterRaceFault_vload_1.mat": "file names are record numbers",
	}
	for name, msg := range cases {
		_, err := LoadCWRU(matFixtures, name)
		require.Error(t, err, name)
		assert.ErrorContains(t, err, path.Base(name), name)
		if msg == notExist {
			assert.ErrorIs(t, err, fs.ErrNotExist, name)
			continue
		}
		assert.ErrorContains(t, err, msg, name)
	}
}

// TestLoadCWRURealData loads all 60 12 kHz drive-end records and the normal
// baseline and checks channels, rate and speed against scipy's reading.
func TestLoadCWRURealData(t *testing.T) {
	root := testenv.DataDir(t, "cwru")
	cc := loadCrosscheck(t)
	fsys := os.DirFS(root)
	entries, err := os.ReadDir(root + "/12k_drive_end")
	require.NoError(t, err)
	names := []string{"normal/97.mat"}
	for _, e := range entries {
		names = append(names, "12k_drive_end/"+e.Name())
	}
	require.Len(t, names, 61)
	for _, name := range names {
		rec, err := LoadCWRU(fsys, name)
		require.NoError(t, err, name)
		want := cc["cwru/"+name]
		n, _ := strconv.Atoi(strings.TrimSuffix(path.Base(name), ".mat"))
		info, ok := LookupCWRU(n)
		require.True(t, ok)
		assert.Equal(t, info, rec.Info)
		prefix := "X" + pad3(n)
		switch {
		case n >= 3001:
			require.Len(t, want, 1, name)
			for vn, w := range want { // X056_DE_time ... X051_DE_time
				require.True(t, strings.HasSuffix(vn, "_DE_time"))
				assert.Len(t, rec.DE, w.Len, name)
				assert.Equal(t, w.First5, rec.DE[:5], name)
			}
			assert.Nil(t, rec.FE, name)
			assert.Nil(t, rec.BA, name)
			assert.False(t, rec.RPMFromFile, name)
			assert.Equal(t, info.NominalRPM, rec.RPM, name)
			assert.Equal(t, 12000.0, rec.SampleRate)
		case n == 97:
			assert.Equal(t, 48000.0, rec.SampleRate)
			assert.Len(t, rec.DE, 243938)
			assert.Len(t, rec.FE, 243938)
			assert.Nil(t, rec.BA)
			assert.Equal(t, want[prefix+"RPM"].First5[0], rec.RPM)
		default:
			assert.Equal(t, 12000.0, rec.SampleRate)
			for ch, x := range map[string][]float64{"_DE_time": rec.DE, "_FE_time": rec.FE, "_BA_time": rec.BA} {
				w := want[prefix+ch]
				require.Len(t, x, w.Len, name+ch)
				assert.Greater(t, w.Len, 100000, name+ch)
				assert.Equal(t, w.First5, x[:5], name+ch)
				assert.InDelta(t, w.Sum, approxSum(x), 1e-12*w.SumAbs, name+ch)
			}
			assert.True(t, rec.RPMFromFile, name)
			assert.Equal(t, want[prefix+"RPM"].First5[0], rec.RPM, name)
			// Measured speeds stay within 1% of the table's.
			assert.InEpsilon(t, info.NominalRPM, rec.RPM, 0.01, name)
		}
	}
}

// notExist marks error cases that must wrap fs.ErrNotExist.
const notExist = "<fs.ErrNotExist>"

func pad3(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}

// BenchmarkLoadCWRU loads a real 12 kHz record (three channels, 2.9 MB)
// from the shared data folder.
func BenchmarkLoadCWRU(b *testing.B) {
	fsys := os.DirFS(testenv.DataDir(b, "cwru"))
	fi, err := fs.Stat(fsys, "12k_drive_end/105.mat")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := LoadCWRU(fsys, "12k_drive_end/105.mat"); err != nil {
			b.Fatal(err)
		}
	}
}
