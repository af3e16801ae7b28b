package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/recfixture"
)

// runupFiles writes a simulated run-up of the CWRU drive-end bearing with
// an outer-race defect (600 to 1800 rpm in 6 s, 1 s at 1800 rpm, a
// coast-down to 900 rpm in 3 s) as a CSV of columns accel and tacho (a
// once-per-revolution tachometer) sampled at 12.8 kHz without a time
// column, and its speed profile as a -speed file. It returns both paths
// and the mean speed in rpm.
func runupFiles(t *testing.T) (csv, speed string, meanRPM float64) {
	t.Helper()
	b := recfixture.CatalogBearing(t, "6205-2RS")
	orders, err := b.Multiples()
	require.NoError(t, err)
	cfg := datasets.RunupSim{
		SampleRate:   12800,
		Profile:      []datasets.SpeedPoint{{Time: 0, Hz: 10}, {Time: 6, Hz: 30}, {Time: 7, Hz: 30}, {Time: 10, Hz: 15}},
		DefectOrder:  orders.BPFO,
		Jitter:       0.01,
		ImpactAmp:    1,
		Resonances:   []datasets.Resonance{{Freq: 3000, Damping: 0.05}},
		ShaftOrders:  []float64{0.5, 0.2},
		PulsesPerRev: 1,
		TachoNoise:   0.2,
		SNR:          0,
		Seed:         3,
	}
	vib, tacho, truth, err := datasets.SimulateRunup(cfg)
	require.NoError(t, err)
	dir := t.TempDir()
	csv = recfixture.WriteFile(t, dir, "runup.csv", recfixture.Delimited([]string{"accel", "tacho"}, ",", vib, tacho))
	var sb strings.Builder
	sb.WriteString("# run-up\ntime_s,rpm\n")
	for _, p := range cfg.Profile {
		fmt.Fprintf(&sb, "%g,%g\n", p.Time, 60*p.Hz)
	}
	speed = recfixture.WriteFile(t, dir, "runup_rpm.csv", []byte(sb.String()))
	return csv, speed, 60 * truth.Angle[len(truth.Angle)-1] / (float64(len(vib)) / cfg.SampleRate)
}

// TestRunSpeedProfile: with -tacho, -speed or -speed-range the run-up's outer-race
// defect is named and the output says the signal was order tracked; at
// one speed, the mean, it is not named.
func TestRunSpeedProfile(t *testing.T) {
	csv, speed, meanRPM := runupFiles(t)
	for _, c := range []struct {
		args   []string
		source string
	}{
		{[]string{"-tacho", "tacho"}, "tacho channel tacho"},
		{[]string{"-tacho", "1", "-ppr", "1"}, "tacho channel tacho"},
		{[]string{"-speed", speed}, "speed file"},
		{[]string{"-speed-range", "480-2160"}, "vibration"},
	} {
		args := append([]string{"-fs", "12800", "-bearing", "6205-2RS"}, c.args...)
		rc, stdout, stderr := runCLI(t, append(args, csv)...)
		require.Equal(t, exitOK, rc, "%v: %s", c.args, stderr)
		m := jsonLines(t, stdout)
		require.Len(t, m, 1)
		assert.Equal(t, "outer_race", m[0]["verdict"], "%v: %v", c.args, m[0]["reason"])
		assert.Equal(t, true, m[0]["order_tracked"], "%v", c.args)
		assert.Equal(t, c.source, m[0]["rpm_source"], "%v", c.args)
		assert.InDelta(t, meanRPM, m[0]["rpm"], 0.03*meanRPM, "%v", c.args)
		assert.InDelta(t, meanRPM/60, m[0]["shaft_hz"], 0.03*meanRPM/60, "%v", c.args)
		ot, ok := m[0]["order_tracking"].(map[string]any)
		require.True(t, ok, "%v: order_tracking %v", c.args, m[0]["order_tracking"])
		// The speed from the vibration leaves out the first half frame.
		assert.InDelta(t, 10, ot["min_shaft_hz"], 1.5, "%v", c.args)
		assert.InDelta(t, 30, ot["max_shaft_hz"], 1, "%v", c.args)
		assert.Greater(t, ot["samples_per_rev"], 0.0, "%v", c.args)
	}

	rc, stdout, stderr := runCLI(t, "-fs", "12800", "-bearing", "6205-2RS", "-rpm", fmt.Sprint(meanRPM), csv)
	require.Equal(t, exitOK, rc, stderr)
	m := jsonLines(t, stdout)
	require.Len(t, m, 1)
	assert.NotEqual(t, "outer_race", m[0]["verdict"])
	assert.Equal(t, false, m[0]["order_tracked"])
	assert.Nil(t, m[0]["order_tracking"])

	rc, stdout, stderr = runCLI(t, "-format", "table", "-fs", "12800", "-bearing", "6205-2RS", "-tacho", "tacho", csv)
	require.Equal(t, exitOK, rc, stderr)
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	require.Len(t, lines, 2, stdout)
	assert.Regexp(t, `^runup\.csv +outer_race .* tracked 1\d\.\d-[23]\d\.\d Hz `, lines[1])

	// The tachometer must be another channel than the vibration.
	rc, _, stderr = runCLI(t, "-fs", "12800", "-bearing", "6205-2RS", "-tacho", "accel", csv)
	assert.Equal(t, exitFailures, rc)
	assert.Contains(t, stderr, "-tacho accel is the vibration channel accel")
	rc, _, stderr = runCLI(t, "-fs", "12800", "-bearing", "6205-2RS", "-tacho", "5", csv)
	assert.Equal(t, exitFailures, rc)
	assert.Contains(t, stderr, "-tacho:")
}

// TestRunSpeedUsage: the speed flags are checked with the others, every
// problem reported at once.
func TestRunSpeedUsage(t *testing.T) {
	dir := t.TempDir()
	bad := recfixture.WriteFile(t, dir, "bad.csv", []byte("t,rpm\n0,600\n1,-5\n"))
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-rpm", "1000", "-tacho", "1", "x.csv"}, "give one of -rpm, -tacho, -speed or -speed-range, not -rpm and -tacho"},
		{[]string{"-tacho", "1", "-speed", bad, "x.csv"}, "not -tacho and -speed"},
		{[]string{"-tacho", "1", "-ppr", "0", "x.csv"}, "-ppr 0: need a whole number ≥ 1"},
		{[]string{"-ppr", "2", "x.csv"}, "-ppr needs -tacho"},
		{[]string{"-tacho", " ", "x.csv"}, "-tacho: need a channel"},
		{[]string{"-speed", filepath.Join(dir, "none.csv"), "x.csv"}, "-speed " + filepath.Join(dir, "none.csv") + ": open"},
		{[]string{"-speed", bad, "x.csv"}, `line 3: speed "-5" is not a finite rpm > 0`},
		{[]string{"-speed-range", "2000-1000", "x.csv"}, "-speed-range 2000-1000: need MIN-MAX rpm, 0 < MIN < MAX"},
		{[]string{"-speed-range", "fast", "x.csv"}, "-speed-range fast: need MIN-MAX rpm"},
		{[]string{"-speed-range", "500-2000", "-speed", bad, "x.csv"}, "not -speed and -speed-range"},
	} {
		rc, stdout, stderr := runCLI(t, c.args...)
		assert.Equal(t, exitUsage, rc, "%v", c.args)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, c.msg, "%v", c.args)
	}
	rc, _, stderr := runCLI(t, "-fs", "-1", "-ppr", "x", "-speed", bad, "-rpm", "9", "f.csv")
	assert.Equal(t, exitUsage, rc)
	for _, msg := range []string{"5 problem(s)", "-fs -1", "-ppr x", "-ppr needs -tacho", "line 3", "not -rpm and -speed"} {
		assert.Contains(t, stderr, msg)
	}
}

func TestReadSpeedFile(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		text string
		hz   []float64
		err  string
	}{
		{"time,rpm\n0,600\n2.5,1800\n", []float64{10, 30}, ""},
		{"# comment\n\n0;600\n1;900\n2;1200\n", []float64{10, 15, 20}, ""},
		{"0 600\n1\t1200\n", []float64{10, 20}, ""},
		{"0,600\n", nil, "1 points, need at least 2"},
		{"0,600\n0,700\n", nil, "line 2: time 0 s does not follow 0 s"},
		{"0,600\n1,x\n", nil, `line 2: speed "x"`},
		{"0,600\n1,700,3\n", nil, "line 2: 3 columns"},
		{"0,600\nNaN,700\n", nil, `line 2: time "NaN"`},
		{"0,600\n1,0\n", nil, "line 2: speed"},
	} {
		p, err := readSpeedFile(recfixture.WriteFile(t, dir, "s.csv", []byte(c.text)))
		if c.err != "" {
			assert.ErrorContains(t, err, c.err, "%q", c.text)
			continue
		}
		require.NoError(t, err, "%q", c.text)
		assert.InDeltaSlice(t, c.hz, p.Hz, 1e-12, "%q", c.text)
		assert.Len(t, p.Time, len(c.hz))
	}
}
