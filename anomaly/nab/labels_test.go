package nab

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadNABJSON(t *testing.T) {
	w, err := ReadWindows(strings.NewReader(`{"a/b.csv": [["2014-01-01 00:00:00.000000", "2014-01-02 00:00:00.000000"]], "c.csv": []}`))
	require.NoError(t, err)
	require.Len(t, w["a/b.csv"], 1)
	assert.Equal(t, 24*time.Hour, w["a/b.csv"][0].End.Sub(w["a/b.csv"][0].Start))
	assert.Empty(t, w["c.csv"])
	for _, bad := range []string{`[`, `{"a": [["2014-01-01 00:00:00"]]}`, `{"a": [["x", "2014-01-01 00:00:00"]]}`,
		`{"a": [["2014-01-02 00:00:00", "2014-01-01 00:00:00"]]}`} {
		_, err := ReadWindows(strings.NewReader(bad))
		assert.Error(t, err, bad)
	}
	p, err := ReadProfiles(strings.NewReader(`{"s": {"CostMatrix": {"tpWeight": 1, "fnWeight": 2, "fpWeight": 0.11, "tnWeight": 1}}}`))
	require.NoError(t, err)
	assert.Equal(t, Profile{TP: 1, FP: 0.11, FN: 2, TN: 1}, p["s"])
	_, err = ReadProfiles(strings.NewReader(`{"s": {"CostMatrix": {"tpWeight": 1}}}`))
	assert.ErrorContains(t, err, "fpWeight")
}

func TestWindowRows(t *testing.T) {
	base := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	times := make([]time.Time, 10)
	for i := range times {
		times[i] = base.Add(time.Duration(i) * 5 * time.Minute)
	}
	rows, err := WindowRows(times, []Window{
		{Start: times[2], End: times[4]},
		{Start: times[6].Add(-time.Minute), End: times[9].Add(time.Hour)},
	})
	require.NoError(t, err)
	assert.Equal(t, []RowWindow{{2, 4}, {6, 9}}, rows)
	_, err = WindowRows(times, []Window{{Start: times[2].Add(time.Minute), End: times[2].Add(2 * time.Minute)}})
	assert.ErrorContains(t, err, "holds no row")
}

// TestLabelsRealFiles reads the shared NAB labels and configuration and
// maps the machine-temperature windows onto the file's rows.
func TestLabelsRealFiles(t *testing.T) {
	dir := testenv.DataDir(t, "nab")
	f, err := datasets.LoadNAB(os.DirFS(dir), "data/realKnownCause/machine_temperature_system_failure.csv")
	require.NoError(t, err)
	fh, err := os.Open(filepath.Join(dir, "labels", "combined_windows.json"))
	require.NoError(t, err)
	defer fh.Close()
	wins, err := ReadWindows(fh)
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
	prof, err := ReadProfiles(ph)
	require.NoError(t, err)
	assert.Equal(t, Profile{TP: 1, FP: 0.22, FN: 1, TN: 1}, prof["reward_low_FP_rate"])

	th, err := os.Open(filepath.Join(dir, "config", "thresholds.json"))
	require.NoError(t, err)
	defer th.Close()
	thr, err := ReadThresholds(th)
	require.NoError(t, err)
	assert.InDelta(t, 0.5421876907348634, thr["numenta"]["standard"].Threshold, 0)

}

func FuzzReadNABWindows(f *testing.F) {
	f.Add(`{"a.csv": [["2014-01-01 00:00:00.000000", "2014-01-02 00:00:00.000000"]]}`)
	f.Add(`{"a.csv": [[]]}`)
	f.Fuzz(func(t *testing.T, in string) {
		w, err := ReadWindows(strings.NewReader(in))
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
