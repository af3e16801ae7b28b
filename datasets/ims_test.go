package datasets

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadIMSSnapshotFixture(t *testing.T) {
	fsys := os.DirFS("testdata/ims/run")
	s, err := LoadIMSSnapshot(fsys, "2004.02.12.9.52.39")
	require.NoError(t, err)
	assert.Equal(t, "2004.02.12.9.52.39", s.Name)
	assert.Equal(t, float64(IMSRate), s.SampleRate)
	assert.Equal(t, time.Date(2004, 2, 12, 9, 52, 39, 0, time.UTC), s.Time)
	require.Len(t, s.Channels, 4)
	assert.Equal(t, 200, s.Len())
	data, err := fs.ReadFile(fsys, "2004.02.12.9.52.39")
	require.NoError(t, err)
	requireBitExactVsStrconv(t, s.Name, data, '\t', 0, s.Channels, func(k int) int { return k })
}

func TestIMSRunTimeOrderAndReuse(t *testing.T) {
	want := []string{"run/2004.02.12.9.52.39", "run/2004.02.12.10.02.39", "run/2004.02.12.10.12.39"}
	files, err := IMSFiles(os.DirFS("testdata/ims"), "run")
	require.NoError(t, err)
	require.Len(t, files, 3)
	for i, f := range files {
		assert.Equal(t, want[i], f.Name)
	}

	var got []string
	var kept []*Snapshot
	var first *Snapshot
	for s, err := range IMSRun(os.DirFS("testdata/ims"), "run") {
		require.NoError(t, err)
		if first == nil {
			first = s
		}
		assert.Same(t, first, s, "the stream reuses one Snapshot")
		assert.Equal(t, len(got), s.Index)
		got = append(got, s.Name)
		kept = append(kept, s.Clone())
	}
	assert.Equal(t, want, got)
	// The clones hold each file's own values; the fixture adds 0.01*k to file k,
	// so the means differ though the reused buffer ended with the last file.
	for i, s := range kept {
		one, err := LoadIMSSnapshot(os.DirFS("testdata/ims"), want[i])
		require.NoError(t, err)
		assert.Equal(t, one.Channels, s.Channels)
		assert.True(t, s.Time.After(time.Date(2004, 2, 12, 0, 0, 0, 0, time.UTC)))
	}
	assert.NotEqual(t, kept[0].Channels, kept[2].Channels)
}

func TestIMSRunEarlyBreakAndErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"t/2003.10.22.12.06.24": {Data: []byte("1\t2\n3\t4\n")},
		"t/2003.10.22.12.16.24": {Data: []byte("1\t2\n3\n")},
		"t/2003.10.22.12.26.24": {Data: []byte("5\t6\n")},
		"t/.DS_Store":           {Data: []byte("junk")},
		"t/sub/x":               {Data: []byte("ignored folder")},
	}
	var names []string
	var errs []error
	for s, err := range IMSRun(fsys, "t") {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		names = append(names, s.Name)
	}
	assert.Equal(t, []string{"t/2003.10.22.12.06.24", "t/2003.10.22.12.26.24"}, names)
	require.Len(t, errs, 1)
	var te *TextError
	require.ErrorAs(t, errs[0], &te)
	assert.Equal(t, "t/2003.10.22.12.16.24", te.File)
	assert.Equal(t, 2, te.Line)

	n := 0
	for range IMSRun(fsys, "t") {
		n++
		break
	}
	assert.Equal(t, 1, n)

	fsys["t/notes.txt"] = &fstest.MapFile{Data: []byte("x")}
	for s, err := range IMSRun(fsys, "t") {
		assert.Nil(t, s)
		assert.ErrorContains(t, err, "notes.txt")
	}
	for s, err := range IMSRun(fsys, "missing") {
		assert.Nil(t, s)
		assert.ErrorIs(t, err, fs.ErrNotExist)
	}
}

func TestIMSDecodeErrors(t *testing.T) {
	cases := []struct {
		name, text string
		line, col  int
		msg        string
	}{
		{"ragged short", "1\t2\t3\n4\t5\n", 2, 2, "row has 2 fields, want 3"},
		{"ragged long", "1\t2\n4\t5\t6\n", 2, 3, "too many fields"},
		{"bad number", "1\t2\n4\t0.1x\n", 2, 2, `invalid number "0.1x"`},
		{"empty field", "1\t2\n4\t\n", 2, 2, "empty field"},
		{"trailing tab", "1\t2\t\n", 1, 3, "empty field"},
		{"nan", "1\t2\n\n3\tNaN\n", 3, 2, "non-finite value"},
		{"inf", "1\t-Inf\n", 1, 2, "non-finite value"},
		{"comma decimal", "1,5\t2\n", 1, 1, `invalid number "1,5"`},
		{"hex float", "0x1p-2\t1\n", 1, 1, "invalid number"},
		{"overflow", "1e999\t1\n", 1, 1, "invalid number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d IMSDecoder
			var s Snapshot
			err := d.Decode(&s, "f", []byte(c.text))
			var te *TextError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, "f", te.File)
			assert.Equal(t, c.line, te.Line)
			assert.Equal(t, c.col, te.Column)
			assert.ErrorContains(t, err, c.msg)
		})
	}
	var d IMSDecoder
	var s Snapshot
	for _, empty := range []string{"", "\n\n  \r\n"} {
		err := d.Decode(&s, "empty", []byte(empty))
		assert.ErrorContains(t, err, "no data rows")
	}
	err := d.Decode(&s, "nan", []byte("1\tnan\n"))
	assert.ErrorIs(t, err, ErrNonFinite)
	d.AllowNonFinite = true
	require.NoError(t, d.Decode(&s, "nan", []byte("1\tnan\n")))
	assert.True(t, math.IsNaN(s.Channels[1][0]))
}

func TestIMSDecodeTolerance(t *testing.T) {
	// CRLF line ends, spaces around fields, blank lines, no final newline,
	// exponent and long forms that take the slow path.
	var d IMSDecoder
	var s Snapshot
	text := " -0.022\t 1e-3 \r\n\r\n5.\t.5\n-0.000\t123456789012345678901234\n+7\t1.0004e+005"
	require.NoError(t, d.Decode(&s, "ok", []byte(text)))
	assert.Equal(t, [][]float64{{-0.022, 5, 0, 7}, {1e-3, 0.5, 123456789012345678901234, 100040}}, s.Channels)
	assert.True(t, s.Channels[0][2] == 0 && 1/s.Channels[0][2] < 0, "-0.000 is negative zero")
	assert.True(t, s.Time.IsZero(), "a name that is no timestamp leaves Time zero")
}

func TestIMSDecodeZeroAlloc(t *testing.T) {
	data, err := os.ReadFile("testdata/ims/run/2004.02.12.9.52.39")
	require.NoError(t, err)
	var d IMSDecoder
	var s Snapshot
	require.NoError(t, d.Decode(&s, "x", data))
	allocs := testing.AllocsPerRun(20, func() {
		if err := d.Decode(&s, "x", data); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

func TestIMSLoadSizeLimit(t *testing.T) {
	d := IMSDecoder{MaxFileBytes: 1000}
	var s Snapshot
	err := d.Load(&s, os.DirFS("testdata/ims/run"), "2004.02.12.9.52.39")
	assert.ErrorIs(t, err, ErrTooLarge)
	d.MaxFileBytes = 5175 // exactly the file's size
	assert.NoError(t, d.Load(&s, os.DirFS("testdata/ims/run"), "2004.02.12.9.52.39"))
}

func TestIMSRunFromZip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	entries, err := os.ReadDir("testdata/ims/run")
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join("testdata/ims/run", e.Name()))
		require.NoError(t, err)
		w, err := zw.Create("1st_test/" + e.Name())
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	var fromZip, fromDir []*Snapshot
	for s, err := range IMSRun(zr, "1st_test") {
		require.NoError(t, err)
		fromZip = append(fromZip, s.Clone())
	}
	for s, err := range IMSRun(os.DirFS("testdata/ims"), "run") {
		require.NoError(t, err)
		fromDir = append(fromDir, s.Clone())
	}
	require.Len(t, fromZip, 3)
	for i := range fromZip {
		assert.Equal(t, fromDir[i].Channels, fromZip[i].Channels)
		assert.Equal(t, fromDir[i].Time, fromZip[i].Time)
	}
}

func TestParseIMSTime(t *testing.T) {
	good := map[string]time.Time{
		"2003.10.22.12.06.24": time.Date(2003, 10, 22, 12, 6, 24, 0, time.UTC),
		"2004.2.1.0.0.0":      time.Date(2004, 2, 1, 0, 0, 0, 0, time.UTC),
		"2004.02.29.23.59.59": time.Date(2004, 2, 29, 23, 59, 59, 0, time.UTC),
	}
	for name, want := range good {
		got, err := ParseIMSTime(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	for _, name := range []string{"", "2003.10.22.12.06", "2003.10.22.12.06.24.1", "2003.13.22.12.06.24",
		"2003.02.30.12.06.24", "2003.10.22.24.06.24", "2003.10.22.12.60.24", "2003.10.22.12.06.-1",
		"2003.10.22.12.06.x", "2003.10..12.06.24", "2003.10.22.12.06.+4", "readme.txt", "20031.1.1.1.1.1"} {
		_, err := ParseIMSTime(name)
		assert.Error(t, err, name)
	}
}

// TestIMSRealCrossCheck reads the ten real test-1 snapshots as a stream and
// compares each with numpy.loadtxt's reading (testdata/text_crosscheck.json)
// and, field by field, with strconv.ParseFloat.
func TestIMSRealCrossCheck(t *testing.T) {
	root := testenv.DataDir(t, "ims")
	want, _ := loadCrossCheck(t)
	require.Len(t, want, 10)
	fsys := os.DirFS(root)
	n := 0
	var prev time.Time
	for s, err := range IMSRun(fsys, "1st_test") {
		require.NoError(t, err)
		base := filepath.Base(s.Name)
		w, ok := want[base]
		require.True(t, ok, base)
		require.Len(t, s.Channels, 8)
		require.Equal(t, 20480, s.Len())
		require.True(t, s.Time.After(prev), "time order")
		prev = s.Time
		requireMatchesSummary(t, base, w, s.Channels)
		data, err := fs.ReadFile(fsys, s.Name)
		require.NoError(t, err)
		requireBitExactVsStrconv(t, base, data, '\t', 0, s.Channels, func(k int) int { return k })
		n++
	}
	require.Equal(t, 10, n)
}

func TestTextErrorFormat(t *testing.T) {
	e := &TextError{File: "a.csv", Line: 3, Column: 2, Err: errors.New("bad")}
	assert.Equal(t, "datasets: a.csv:3: column 2: bad", e.Error())
	e.Column = 0
	assert.Equal(t, "datasets: a.csv:3: bad", e.Error())
	e.Line = 0
	assert.Equal(t, "datasets: a.csv: bad", e.Error())
	assert.True(t, strings.HasPrefix(textErrorf("f", 1, 1, "x %d", 5).Error(), "datasets: f:1: column 1: x 5"))
}

// TestIMSRunConstantMemory streams the ten real snapshots (8 × 20 480
// values each): after the first file has sized the buffers, each further
// file allocates only the few hundred bytes of opening it.
func TestIMSRunConstantMemory(t *testing.T) {
	fsys := os.DirFS(testenv.DataDir(t, "ims"))
	var first, last runtime.MemStats
	n := 0
	for s, err := range IMSRun(fsys, "1st_test") {
		require.NoError(t, err)
		require.Equal(t, 20480, s.Len())
		if n == 0 {
			runtime.ReadMemStats(&first)
		} else {
			runtime.ReadMemStats(&last)
		}
		n++
	}
	require.Equal(t, 10, n)
	perFile := float64(last.TotalAlloc-first.TotalAlloc) / float64(n-1)
	t.Logf("%.0f bytes and %.1f allocations per snapshot after the first", perFile, float64(last.Mallocs-first.Mallocs)/float64(n-1))
	assert.Less(t, perFile, 4096.0, "a snapshot holds 1.3 MB of samples; none of it is reallocated")
}
