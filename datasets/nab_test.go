package datasets

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadNABSmall(t *testing.T) {
	in := "timestamp,value\n2013-12-02 21:15:00,73.96732207\n2013-12-02 21:20:00,74.93588199999998\r\n\n"
	f, err := ReadNAB(strings.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, 2, f.Len())
	v, err := f.Value()
	require.NoError(t, err)
	assert.Equal(t, []float64{73.96732207, 74.93588199999998}, v)
	assert.Equal(t, time.Date(2013, 12, 2, 21, 20, 0, 0, time.UTC), f.Time[1])
	_, ok := f.Column("anomaly_score")
	assert.False(t, ok)
}

func TestReadNABErrors(t *testing.T) {
	cases := map[string]string{
		"":                                       "empty",
		"time,value\n":                           "want \"timestamp\"",
		"timestamp,value\n":                      "no rows",
		"timestamp,value\n2013-12-02 21:15:00\n": "line 2: 1 cells",
		"timestamp,value\n2013-13-02 21:15:00,1\n":                                             "line 2: timestamp",
		"timestamp,value\n2013-12-02 21:15:00,x\n":                                             "line 2 column \"value\"",
		"timestamp,value\n2013-12-02 21:15:00,NaN\n":                                           "not a finite number",
		"timestamp,value\n2013-12-02 21:15:00,1\n" + strings.Repeat("9", nabMaxLine+10) + "\n": "line 3",
	}
	for in, want := range cases {
		_, err := ReadNAB(strings.NewReader(in))
		require.Error(t, err, "%q", in)
		assert.Contains(t, err.Error(), want)
	}
	f, err := ReadNAB(strings.NewReader("timestamp,x\n2013-12-02 21:15:00,1\n"))
	require.NoError(t, err)
	_, err = f.Value()
	assert.ErrorContains(t, err, "no \"value\" column")
}

func TestReadNABJSON(t *testing.T) {
	w, err := ReadNABWindows(strings.NewReader(`{"a/b.csv": [["2014-01-01 00:00:00.000000", "2014-01-02 00:00:00.000000"]], "c.csv": []}`))
	require.NoError(t, err)
	require.Len(t, w["a/b.csv"], 1)
	assert.Equal(t, 24*time.Hour, w["a/b.csv"][0].End.Sub(w["a/b.csv"][0].Start))
	assert.Empty(t, w["c.csv"])
	for _, bad := range []string{`[`, `{"a": [["2014-01-01 00:00:00"]]}`, `{"a": [["x", "2014-01-01 00:00:00"]]}`,
		`{"a": [["2014-01-02 00:00:00", "2014-01-01 00:00:00"]]}`} {
		_, err := ReadNABWindows(strings.NewReader(bad))
		assert.Error(t, err, bad)
	}
	p, err := ReadNABProfiles(strings.NewReader(`{"s": {"CostMatrix": {"tpWeight": 1, "fnWeight": 2, "fpWeight": 0.11, "tnWeight": 1}}}`))
	require.NoError(t, err)
	assert.Equal(t, NABCostMatrix{TP: 1, FP: 0.11, FN: 2, TN: 1}, p["s"])
	_, err = ReadNABProfiles(strings.NewReader(`{"s": {"CostMatrix": {"tpWeight": 1}}}`))
	assert.ErrorContains(t, err, "fpWeight")
}

func TestWindowRows(t *testing.T) {
	base := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	times := make([]time.Time, 10)
	for i := range times {
		times[i] = base.Add(time.Duration(i) * 5 * time.Minute)
	}
	rows, err := WindowRows(times, []NABWindow{
		{Start: times[2], End: times[4]},
		{Start: times[6].Add(-time.Minute), End: times[9].Add(time.Hour)},
	})
	require.NoError(t, err)
	assert.Equal(t, []NABRows{{2, 4}, {6, 9}}, rows)
	_, err = WindowRows(times, []NABWindow{{Start: times[2].Add(time.Minute), End: times[2].Add(2 * time.Minute)}})
	assert.ErrorContains(t, err, "holds no row")
}

// TestNABRealFiles reads the shared NAB files: the three realKnownCause
// series, their windows, the profiles and a result file.
func TestNABRealFiles(t *testing.T) {
	dir := testenv.DataDir(t, "nab")
	fsys := os.DirFS(dir)

	f, err := LoadNAB(fsys, "data/realKnownCause/machine_temperature_system_failure.csv")
	require.NoError(t, err)
	require.Equal(t, 22695, f.Len())
	v, err := f.Value()
	require.NoError(t, err)
	assert.InDelta(t, 73.96732207, v[0], 0)

	fh, err := os.Open(filepath.Join(dir, "labels", "combined_windows.json"))
	require.NoError(t, err)
	defer fh.Close()
	wins, err := ReadNABWindows(fh)
	require.NoError(t, err)
	mw := wins["realKnownCause/machine_temperature_system_failure.csv"]
	require.Len(t, mw, 4)
	rows, err := WindowRows(f.Time, mw)
	require.NoError(t, err)
	for _, r := range rows {
		// 10 % of the file split over four windows: 567 rows each.
		assert.Equal(t, 567, r.Last-r.First+1)
	}

	ph, err := os.Open(filepath.Join(dir, "config", "profiles.json"))
	require.NoError(t, err)
	defer ph.Close()
	prof, err := ReadNABProfiles(ph)
	require.NoError(t, err)
	assert.Equal(t, NABCostMatrix{TP: 1, FP: 0.22, FN: 1, TN: 1}, prof["reward_low_FP_rate"])

	th, err := os.Open(filepath.Join(dir, "config", "thresholds.json"))
	require.NoError(t, err)
	defer th.Close()
	thr, err := ReadNABThresholds(th)
	require.NoError(t, err)
	assert.InDelta(t, 0.5421876907348634, thr["numenta"]["standard"].Threshold, 0)

	res, err := LoadNAB(fsys, "results/numenta/realKnownCause/numenta_machine_temperature_system_failure.csv")
	require.NoError(t, err)
	require.Equal(t, f.Len(), res.Len())
	for _, c := range []string{"anomaly_score", "label", "S(t)_standard", "S(t)_reward_low_FN_rate"} {
		_, ok := res.Column(c)
		assert.True(t, ok, c)
	}
}

func FuzzReadNAB(f *testing.F) {
	f.Add("timestamp,value\n2013-12-02 21:15:00,73.96732207\n")
	f.Add("timestamp,value,anomaly_score\n2013-12-02 21:15:00,1,0.5\n2013-12-02 21:20:00,2,1e-3\n")
	f.Add("timestamp\n")
	f.Add("timestamp,value\n2013-12-02 21:15:00.123,,\n")
	f.Fuzz(func(t *testing.T, in string) {
		fr, err := ReadNAB(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, c := range fr.Cols {
			if len(c) != fr.Len() {
				t.Fatalf("column length %d, %d rows", len(c), fr.Len())
			}
		}
	})
}

func FuzzReadNABWindows(f *testing.F) {
	f.Add(`{"a.csv": [["2014-01-01 00:00:00.000000", "2014-01-02 00:00:00.000000"]]}`)
	f.Add(`{"a.csv": [[]]}`)
	f.Fuzz(func(t *testing.T, in string) {
		w, err := ReadNABWindows(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, ws := range w {
			for _, x := range ws {
				if x.End.Before(x.Start) {
					t.Fatal("window ends before it starts")
				}
			}
		}
	})
}

func ExampleReadNAB() {
	in := "timestamp,value\n2013-12-02 21:15:00,73.97\n2013-12-02 21:20:00,74.94\n2013-12-02 21:25:00,76.12\n"
	f, err := ReadNAB(strings.NewReader(in))
	if err != nil {
		panic(err)
	}
	v, _ := f.Value()
	w := []NABWindow{{Start: f.Time[1], End: f.Time[2]}}
	rows, _ := WindowRows(f.Time, w)
	fmt.Println(f.Len(), "rows, step", f.Time[1].Sub(f.Time[0]), "first value", v[0], "window rows", rows[0].First, "to", rows[0].Last)
	// Output:
	// 3 rows, step 5m0s first value 73.97 window rows 1 to 2
}
