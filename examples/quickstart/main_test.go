package main

import (
	"bytes"
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

	// The envelope names the simulated fault.
	assert.Contains(t, rep, "verdict: outer race (BPFO)")

	// The first forecast (at the alarm) holds the truth in its interval
	// and its median is within 25 % of it.
	m = regexp.MustCompile(`\n\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+\[([0-9.]+), ([0-9.]+)\]\s+(yes|no)`).FindStringSubmatch(rep)
	require.NotNil(t, m, "no forecast row in the report")
	truth, _ := strconv.ParseFloat(m[2], 64)
	med, _ := strconv.ParseFloat(m[3], 64)
	assert.Equal(t, "yes", m[6])
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
	assert.Contains(t, buf.String(), "insufficient history")
}
