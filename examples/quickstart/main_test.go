package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstartSimulation runs the quick start's default path (it is fast
// enough for -short) and checks the report against the simulated truth.
func TestQuickstartSimulation(t *testing.T) {
	out := t.TempDir()
	var buf bytes.Buffer
	require.NoError(t, run(&buf, options{out: out}))
	rep := buf.String()
	t.Log("\n" + rep)

	// The alarm comes after the simulated onset and before the failure.
	m := regexp.MustCompile(`alarm raised\s+([0-9.]+) h`).FindStringSubmatch(rep)
	require.NotNil(t, m, "no alarm in the report")
	at, err := strconv.ParseFloat(m[1], 64)
	require.NoError(t, err)
	assert.Greater(t, at, simWatched.onset)
	assert.Less(t, at, simWatched.failure-10, "the alarm must leave time to act")

	// The library's diagnoser names the simulated fault, with BPFO
	// harmonic evidence.
	assert.Regexp(t, `snapshot at [0-9.]+ h: verdict outer_race, confidence`, rep)
	assert.Regexp(t, `BPFO h1 +107\.4 +10[6-8]\.[0-9] +[0-9.]+ dB  present`, rep)

	// The forecasts' 90 % intervals hold the truth at about their stated
	// rate: 37 of the 39 hourly forecasts (95 %) and all 5 printed rows in
	// this run; the test allows some slack for a changed random stream.
	src, err := simSource()
	require.NoError(t, err)
	res, err := monitorRun(src)
	require.NoError(t, err)
	require.True(t, res.alarmed)
	c, n := coverage(res)
	require.Greater(t, n, 30, "hourly forecasts after the alarm")
	assert.GreaterOrEqual(t, float64(c.all)/float64(n), 0.85, "coverage of all forecasts: %d of %d", c.all, n)
	assert.LessOrEqual(t, float64(c.all)/float64(n), 0.99, "intervals this wide would be uninformative: %d of %d", c.all, n)
	assert.GreaterOrEqual(t, c.rows, c.rowsN-1, "printed rows inside: %d of %d", c.rows, c.rowsN)
	assert.Contains(t, rep, fmt.Sprintf("in %d of the %d rows above, and in %d of all %d forecasts after the alarm", c.rows, c.rowsN, c.all, n))

	// The first forecast (at the alarm) has its median within 25 % of the
	// truth.
	m = regexp.MustCompile(`\n\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+\[([0-9.]+), ([0-9.]+)\]\s+(yes|no)`).FindStringSubmatch(rep)
	require.NotNil(t, m, "no forecast row in the report")
	truth, _ := strconv.ParseFloat(m[2], 64)
	med, _ := strconv.ParseFloat(m[3], 64)
	assert.InDelta(t, truth, med, 0.25*truth)

	for _, name := range []string{"envelope.png", "health.png", "rul.png"} {
		st, err := os.Stat(filepath.Join(out, name))
		require.NoError(t, err, name)
		assert.Greater(t, st.Size(), int64(10_000), name)
	}
}

// TestQuickstartBadData checks that unusable -data paths are errors.
func TestQuickstartBadData(t *testing.T) {
	var buf bytes.Buffer
	assert.Error(t, run(&buf, options{out: t.TempDir(), data: filepath.Join(t.TempDir(), "missing")}))
	empty := t.TempDir()
	assert.Error(t, run(&buf, options{out: t.TempDir(), data: empty}), "an empty folder holds no IMS files")
	notzip := filepath.Join(t.TempDir(), "x.zip")
	require.NoError(t, os.WriteFile(notzip, []byte("not a zip"), 0o644))
	assert.Error(t, run(&buf, options{out: t.TempDir(), data: notzip}))
}

// TestQuickstartIMS runs the quick start on the real IMS folder (10 files
// here: no alarm and no forecast are expected, and the report says why).
func TestQuickstartIMS(t *testing.T) {
	dir := testenv.DataDir(t, filepath.Join("ims", "1st_test"))
	var buf bytes.Buffer
	require.NoError(t, run(&buf, options{out: t.TempDir(), data: dir, channel: 4}))
	t.Log("\n" + buf.String())
	out := buf.String()
	assert.Contains(t, out, "the alarm level is learned from the first 50 snapshots")
	assert.Contains(t, out, "this run has 10, so no snapshot was tested for an alarm")
	assert.Contains(t, out, "no past runs to failure of this rig")
	// It must not claim a result it could not reach.
	assert.NotContains(t, out, "stayed within the baseline's alarm level")
}
