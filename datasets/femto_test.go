package datasets

import (
	"archive/zip"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openFEMTOZip opens the real Learning_set.zip in place, or skips.
func openFEMTOZip(tb testing.TB) *zip.ReadCloser {
	tb.Helper()
	zr, err := zip.OpenReader(filepath.Join(testenv.DataDir(tb, "femto"), "Learning_set.zip"))
	require.NoError(tb, err)
	tb.Cleanup(func() { zr.Close() })
	return zr
}

func TestFEMTOAccFixture(t *testing.T) {
	fsys := os.DirFS("testdata/femto")
	for _, name := range []string{"Bearing9_1/acc_00001.csv", "Bearing9_1/acc_00002.csv"} {
		s, err := LoadFEMTOAcc(fsys, name)
		require.NoError(t, err, name)
		assert.Equal(t, float64(FEMTORate), s.SampleRate)
		require.Len(t, s.Channels, 2)
		assert.Equal(t, 64, s.Len())
		data, err := fs.ReadFile(fsys, name)
		require.NoError(t, err)
		requireBitExactVsStrconv(t, name, data, ',', 0, s.Channels, func(k int) int { return k - 4 })
	}
	s, err := LoadFEMTOAcc(fsys, "Bearing9_1/acc_00002.csv") // microseconds as 6.5664e+04
	require.NoError(t, err)
	assert.Equal(t, 2, s.Index)
	assert.Equal(t, time.Date(0, 1, 1, 9, 39, 49, 65664000, time.UTC), s.Time)
}

func TestFEMTOTempFixture(t *testing.T) {
	fsys := os.DirFS("testdata/femto")
	s, err := LoadFEMTOTemp(fsys, "Bearing9_1/temp_00001.csv") // ';' and zero-padded hours
	require.NoError(t, err)
	assert.Equal(t, float64(FEMTOTempRate), s.SampleRate)
	require.Len(t, s.Channels, 1)
	require.Equal(t, 50, s.Len())
	assert.Equal(t, 57.0, s.Channels[0][0])
	assert.Equal(t, 57.49, s.Channels[0][49])
	assert.Equal(t, time.Date(0, 1, 1, 8, 48, 5, 0, time.UTC), s.Time)

	var got []float64
	for s, err := range FEMTOTempRun(fsys, "Bearing9_1") {
		require.NoError(t, err)
		got = append(got, s.Channels[0][0])
	}
	assert.Equal(t, []float64{57.0, 57.5}, got)
}

func TestFEMTOAccRunFixture(t *testing.T) {
	fsys := os.DirFS("testdata/femto")
	names, err := FEMTOAccFiles(fsys, "Bearing9_1")
	require.NoError(t, err)
	assert.Equal(t, []string{"Bearing9_1/acc_00001.csv", "Bearing9_1/acc_00002.csv", "Bearing9_1/acc_00003.csv"}, names)
	var idx []int
	var times []time.Time
	var d FEMTODecoder
	for s, err := range d.AccRun(fsys, "Bearing9_1") {
		require.NoError(t, err)
		idx = append(idx, s.Index)
		times = append(times, s.Time)
	}
	assert.Equal(t, []int{1, 2, 3}, idx)
	assert.Equal(t, 10*time.Second, times[1].Sub(times[0]))
	assert.Equal(t, 10*time.Second, times[2].Sub(times[1]))
	_, err = FEMTOAccFiles(fsys, "missing")
	assert.Error(t, err)
	_, err = FEMTOAccFiles(os.DirFS("testdata/ims"), "run")
	assert.ErrorContains(t, err, "no acc_N.csv files")
}

func TestFEMTOMidnightRollover(t *testing.T) {
	fsys := fstest.MapFS{
		"b/acc_00001.csv": {Data: []byte("23,59,50,5,0.1,0.2\n")},
		"b/acc_00002.csv": {Data: []byte("0,0,0,5,0.1,0.2\n")},
		"b/acc_00010.csv": {Data: []byte("0,0,10,5,0.1,0.2\n")},
	}
	var times []time.Time
	var idx []int
	for s, err := range FEMTOAccRun(fsys, "b") {
		require.NoError(t, err)
		times = append(times, s.Time)
		idx = append(idx, s.Index)
	}
	assert.Equal(t, []int{1, 2, 10}, idx)
	require.Len(t, times, 3)
	assert.Equal(t, 10*time.Second, times[1].Sub(times[0]))
	assert.Equal(t, 10*time.Second, times[2].Sub(times[1]))
}

func TestFEMTODecodeErrors(t *testing.T) {
	cases := []struct {
		name, text string
		line, col  int
		msg        string
	}{
		{"five fields", "9,39,39,65664,0.552,-0.146\n9,39,39,65703,0.501\n", 2, 5, "row has 5 fields, want 6"},
		{"bad value", "9,39,39,65664,0.552,-0.146\n9,39,39,65703,0.501,abc\n", 2, 6, `invalid number "abc"`},
		{"nan", "9,39,39,65664,nan,-0.146\n", 1, 5, "non-finite"},
		{"bad hour", "25,39,39,65664,0.5,-0.1\n", 1, 0, "invalid time of day"},
		{"bad microsecond", "9,39,39,1e6,0.5,-0.1\n", 1, 0, "invalid time of day"},
		{"fractional second", "9,39,39.5,0,0.5,-0.1\n", 1, 0, "invalid time of day"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d FEMTODecoder
			var s Snapshot
			err := d.DecodeAcc(&s, "acc_00007.csv", []byte(c.text))
			var te *TextError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, "acc_00007.csv", te.File)
			assert.Equal(t, c.line, te.Line)
			assert.Equal(t, c.col, te.Column)
			assert.ErrorContains(t, err, c.msg)
		})
	}
	var d FEMTODecoder
	assert.ErrorContains(t, d.Load(&Snapshot{}, fstest.MapFS{"x.csv": {}}, "x.csv"), "not a FEMTO")
}

func TestFEMTODecodeZeroAlloc(t *testing.T) {
	data, err := os.ReadFile("testdata/femto/Bearing9_1/acc_00002.csv")
	require.NoError(t, err)
	var d FEMTODecoder
	var s Snapshot
	require.NoError(t, d.DecodeAcc(&s, "acc_00002.csv", data))
	assert.Zero(t, testing.AllocsPerRun(20, func() {
		if err := d.DecodeAcc(&s, "acc_00002.csv", data); err != nil {
			t.Fatal(err)
		}
	}))
}

// TestFEMTORealCounts lists every bearing of the real learning set straight
// from the zip: counting names is cheap, nothing is parsed.
func TestFEMTORealCounts(t *testing.T) {
	zr := openFEMTOZip(t)
	acc := map[string]int{"1_1": 2803, "1_2": 871, "2_1": 911, "2_2": 797, "3_1": 515, "3_2": 1637}
	temp := map[string]int{"1_1": 466, "1_2": 144, "2_1": 151, "2_2": 0, "3_1": 89, "3_2": 0}
	for b, n := range acc {
		dir := "Learning_set/Bearing" + b
		names, err := FEMTOAccFiles(zr, dir)
		require.NoError(t, err)
		assert.Len(t, names, n, b)
		assert.Equal(t, dir+"/acc_00001.csv", names[0])
		temps, err := FEMTOTempFiles(zr, dir)
		if temp[b] == 0 {
			assert.Error(t, err, b)
			continue
		}
		require.NoError(t, err)
		assert.Len(t, temps, temp[b], b)
	}
}

// TestFEMTORealCrossCheck compares sample files from the zip with
// numpy.loadtxt's reading and strconv.ParseFloat, field by field.
func TestFEMTORealCrossCheck(t *testing.T) {
	zr := openFEMTOZip(t)
	_, want := loadCrossCheck(t)
	require.NotEmpty(t, want)
	var d FEMTODecoder
	var s Snapshot
	for name, w := range want {
		require.NoError(t, d.Load(&s, zr, name), name)
		data, err := fs.ReadFile(zr, name)
		require.NoError(t, err)
		sep := byte(',')
		if w.Cols == 5 && len(data) > 2 && data[2] == ';' {
			sep = ';'
		}
		nt := w.Cols - len(s.Channels)
		// Time columns are checked through Time; the signals field by field.
		requireMatchesSummary(t, name, crossSummary{
			Rows: w.Rows, Cols: len(s.Channels), First: w.First[nt:], Last: w.Last[nt:], Sum: w.Sum[nt:], AbsSum: w.AbsSum[nt:],
		}, s.Channels)
		requireBitExactVsStrconv(t, name, data, sep, 0, s.Channels, func(k int) int { return k - nt })
		sub := 1e-6
		if w.Cols == 5 {
			sub = 0.1
		}
		wantTime := time.Date(0, 1, 1, int(w.First[0]), int(w.First[1]), int(w.First[2]), int(w.First[3]*sub*1e9+0.5), time.UTC)
		assert.Equal(t, wantTime, s.Time, name)
	}
}

// TestFEMTORealRun streams the whole of the shortest real bearing (3_1,
// 515 files) from the zip: every file has 2560 rows, times step by 10 s.
func TestFEMTORealRun(t *testing.T) {
	zr := openFEMTOZip(t)
	n := 0
	var prev time.Time
	for s, err := range FEMTOAccRun(zr, "Learning_set/Bearing3_1") {
		require.NoError(t, err)
		n++
		require.Equal(t, n, s.Index)
		require.Equal(t, 2560, s.Len(), s.Name)
		if n > 1 {
			dt := s.Time.Sub(prev)
			require.True(t, dt > 9*time.Second && dt < 11*time.Second, "%s: step %v", s.Name, dt)
		}
		prev = s.Time
	}
	assert.Equal(t, 515, n)
}

// TestFEMTORealTimeGlitch streams all 2803 files of the real Bearing1_1:
// the run spans 7 h 47 min in 10 s steps except for the two mis-stamped
// files 2121 and 2122, which the stream reports as recorded rather than
// taking them for a new day.
func TestFEMTORealTimeGlitch(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 220 MB from the zip")
	}
	zr := openFEMTOZip(t)
	var first, prev time.Time
	var odd []int
	for s, err := range FEMTOAccRun(zr, "Learning_set/Bearing1_1") {
		require.NoError(t, err)
		if s.Index == 1 {
			first = s.Time
		} else if s.Time.Sub(prev) != 10*time.Second {
			odd = append(odd, s.Index)
		}
		prev = s.Time
	}
	assert.Equal(t, []int{2121, 2122, 2123}, odd) // into, within and out of the glitch
	assert.Equal(t, 2802*10*time.Second, prev.Sub(first))
}

func TestFEMTOShaftHz(t *testing.T) {
	for name, want := range map[string]float64{"Bearing1_1": 30, "Bearing2_7": 27.5, "Test_set/Bearing3_3": 25} {
		got, err := FEMTOShaftHz(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	for _, name := range []string{"", "Bearing", "Bearing4_1", "bearing1_1", "Learning_set"} {
		_, err := FEMTOShaftHz(name)
		assert.Error(t, err, name)
	}
	for _, name := range FEMTOLearningBearings() {
		_, err := FEMTOShaftHz(name)
		assert.NoError(t, err, name)
	}
}

func TestFEMTOBearingDir(t *testing.T) {
	fsys := fstest.MapFS{
		"Learning_set/Bearing1_1/acc_00001.csv": {},
		"Bearing2_1/acc_00001.csv":              {},
	}
	d, err := FEMTOBearingDir(fsys, "Bearing1_1")
	require.NoError(t, err)
	assert.Equal(t, "Learning_set/Bearing1_1", d)
	d, err = FEMTOBearingDir(fsys, "Bearing2_1")
	require.NoError(t, err)
	assert.Equal(t, "Bearing2_1", d)
	_, err = FEMTOBearingDir(fsys, "Bearing3_1")
	assert.Error(t, err)
}

func TestFEMTORealLearningBearings(t *testing.T) {
	zr := openFEMTOZip(t)
	names := FEMTOLearningBearings()
	require.Len(t, names, 6)
	for _, n := range names {
		d, err := FEMTOBearingDir(zr, n)
		require.NoError(t, err, n)
		assert.Equal(t, "Learning_set/"+n, d)
	}
}
