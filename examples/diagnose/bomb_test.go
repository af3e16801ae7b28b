package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/internal/recfixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain runs the command itself when the bomb test re-executes the test
// binary as the CLI (SPINDLE_DIAGNOSE_AS_CLI=1), so that its peak memory
// is measured in a process of its own.
func TestMain(m *testing.M) {
	if out := os.Getenv("SPINDLE_DIAGNOSE_AS_CLI"); out != "" {
		rc := run(os.Args[1:], os.Stdout, os.Stderr)
		// The peak RSS of this process image: VmHWM belongs to the memory
		// map made at exec, while getrusage's maxrss also counts the parent's
		// pages shared before the exec.
		if status, err := os.ReadFile("/proc/self/status"); err == nil {
			for _, l := range strings.Split(string(status), "\n") {
				if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
					os.WriteFile(out, []byte(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))), 0o644)
				}
			}
		}
		os.Exit(rc)
	}
	os.Exit(m.Run())
}

// maxRSS runs the command as a subprocess on args and returns its exit
// status, stderr and peak resident set size in MB (VmHWM, Linux).
func maxRSS(t *testing.T, args ...string) (int, string, float64) {
	t.Helper()
	self, err := os.Executable()
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "vmhwm")
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), "SPINDLE_DIAGNOSE_AS_CLI="+out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if _, ok := err.(*exec.ExitError); !ok {
		require.NoError(t, err)
	}
	kb, err := os.ReadFile(out)
	require.NoError(t, err, "the child reports its VmHWM")
	v, err := strconv.ParseFloat(string(kb), 64)
	require.NoError(t, err)
	return cmd.ProcessState.ExitCode(), stderr.String(), v * 1024 / 1e6
}

// TestDiagnoseBombsStayUnder512MB builds compressed MAT-file bombs (the
// issue's 1.04 MB file peaked at 4.2 GB RSS) and a FEMTO-named CSV of
// 64 MB, runs the command on each in a subprocess, and checks that it
// refuses them with its peak RSS under 512 MB, and that a large genuine
// recording at the sample budget is still diagnosed under that bound.
func TestDiagnoseBombsStayUnder512MB(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command on 1 Mi samples and bombs: run without -short")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs Linux /proc for the peak RSS (VmHWM)")
	}
	dir := t.TempDir()
	// 63 MiB of int8 zeros, 504 MiB as float64, in about 64 kB: within
	// datasets.Open's default 64 MiB budget, so only the command's own
	// budget stops it.
	zeros := make([]byte, 63<<20)
	bomb := recfixture.MATFile(recfixture.MATCompressed(recfixture.MATInt8Column("X130_DE_time", zeros)))
	t.Logf("bomb: %d bytes", len(bomb))
	require.Less(t, len(bomb), 100<<10)
	// Just inside the inflation budget, int8 data costing 8× in float64.
	edge := recfixture.MATFile(recfixture.MATCompressed(recfixture.MATInt8Column("X130_DE_time", zeros[:openMaxBytes-200])))
	// A 64 MB text file of valid-looking FEMTO rows.
	row := []byte("9,39,39,65664,0.552,-0.146\n")
	femto := bytes.Repeat(row, 64e6/len(row))
	// A genuine recording at the sample budget: noise as int8 (incompressible).
	r := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, openMaxSamples-1000)
	for i := range noise {
		noise[i] = byte(r.IntN(9)) - 4
	}
	big := recfixture.MATFile(recfixture.MATInt8Column("X130_DE_time", noise))

	for _, c := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"130.mat", bomb, false},
		{"edge/130.mat", edge, false},
		{"Bearing1_1/acc_00001.csv", femto, false},
		{"big/130.mat", big, true},
	} {
		p := filepath.Join(dir, c.name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, c.data, 0o644))
		t0 := time.Now()
		rc, stderr, rss := maxRSS(t, "-rpm", "1797", "-fs", "12000", p)
		t.Logf("%s (%d bytes): exit %d in %v, peak RSS %.0f MB; %s", c.name, len(c.data), rc, time.Since(t0).Round(time.Millisecond), rss, strings.TrimSpace(stderr))
		assert.Less(t, rss, 512.0, c.name)
		if c.ok {
			assert.Equal(t, 0, rc, c.name)
		} else {
			assert.Equal(t, 1, rc, c.name)
			assert.Contains(t, stderr, "limit", c.name)
		}
	}
}
