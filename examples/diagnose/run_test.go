package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/recfixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCLI runs the command and returns its exit status and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	rc := run(args, &stdout, &stderr)
	return rc, stdout.String(), stderr.String()
}

// jsonLines decodes stdout as JSON Lines.
func jsonLines(t *testing.T, stdout string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m), line)
		out = append(out, m)
	}
	return out
}

// assertReport checks the fields every report has and that its defect
// frequencies are those of the bearing at the reported shaft speed.
func assertReport(t *testing.T, m map[string]any, file, format, channel, bearingName string, rate, rpm float64) {
	t.Helper()
	assert.Equal(t, file, m["file"])
	assert.Equal(t, format, m["format"])
	assert.Equal(t, channel, m["channel"])
	assert.Equal(t, bearingName, m["bearing"])
	assert.InDelta(t, rate, m["rate_hz"], 1e-9)
	assert.InDelta(t, rpm, m["rpm"], 1e-9)
	assert.InDelta(t, rpm/60, m["shaft_hz"], 1e-9)
	b := recfixture.CatalogBearing(t, bearingName)
	df, err := b.DefectFrequencies(rpm / 60)
	require.NoError(t, err)
	assert.InDelta(t, df.BPFO, m["bpfo_hz"], 1e-9)
	assert.InDelta(t, df.BPFI, m["bpfi_hz"], 1e-9)
	assert.InDelta(t, df.BSF, m["bsf_hz"], 1e-9)
	assert.InDelta(t, df.FTF, m["ftf_hz"], 1e-9)
	c, ok := m["confidence"].(float64)
	require.True(t, ok, "confidence %v", m["confidence"])
	assert.True(t, c >= 0 && c <= 1, "confidence %v", c)
	ev, ok := m["evidence"].([]any)
	require.True(t, ok, "evidence %v", m["evidence"])
	var faults []string
	for _, e := range ev {
		faults = append(faults, e.(map[string]any)["fault"].(string))
	}
	assert.Equal(t, []string{"outer_race", "inner_race", "ball", "cage"}, faults)
}

func TestRunFormats(t *testing.T) {
	f := recfixture.Make(t)
	for _, c := range []struct {
		name     string
		args     []string
		file     string
		format   string
		channel  string
		bearing  string
		rate     float64
		rpm      float64
		sources  [2]string // rate_source, rpm_source
		label    string
		verdict  string
		nsamples int
	}{
		{"cwru", nil, f.CWRU, "cwru", "DE", "6205-2RS", 12000, 1796, [2]string{"catalogue", "file"}, "outer_race", "outer_race", 12000},
		{"cwru -fs", []string{"-fs", "12000"}, f.CWRUOdd, "cwru", "DE", "6205-2RS", 12000, 1796, [2]string{"flag", "file"}, "", "outer_race", 12000},
		{"mfpt", nil, f.MFPT, "mfpt", "gs", "MFPT", 48828, 1500, [2]string{"file", "file"}, "outer_race", "outer_race", 48828},
		{"ims channel 2", []string{"-channel", "2"}, f.IMS, "ims", "2", "ZA-2115", 20000, 2000, [2]string{"format", "format"}, "", "outer_race", 20480},
		{"xjtu", nil, f.XJTU, "xjtu", "horizontal", "UER204", 25600, 2100, [2]string{"format", "folder"}, "", "outer_race", 32768},
		{"csv time column", []string{"-rpm", "1750", "-bearing", "6205-2RS"}, f.CSV, "csv", "accel_x", "6205-2RS", 10000, 1750, [2]string{"time column", "flag"}, "", "outer_race", 10000},
		{"csv -fs", []string{"-fs", "10000", "-rpm", "1750", "-bearing", "6205-2RS"}, f.CSVNoTime, "csv", "accel", "6205-2RS", 10000, 1750, [2]string{"flag", "flag"}, "", "outer_race", 10000},
		{"wav", []string{"-rpm", "1750", "-bearing", "CWRU-DE"}, f.WAV, "wav", "0", "6205-2RS", 16000, 1750, [2]string{"file", "flag"}, "", "outer_race", 16000},
	} {
		t.Run(c.name, func(t *testing.T) {
			rc, stdout, stderr := runCLI(t, append(c.args, c.file)...)
			require.Equal(t, exitOK, rc, stderr)
			assert.Empty(t, stderr)
			lines := jsonLines(t, stdout)
			require.Len(t, lines, 1)
			m := lines[0]
			assertReport(t, m, c.file, c.format, c.channel, c.bearing, c.rate, c.rpm)
			assert.Equal(t, c.sources[0], m["rate_source"])
			assert.Equal(t, c.sources[1], m["rpm_source"])
			assert.InDelta(t, c.nsamples, m["samples"], 0)
			if c.label == "" {
				assert.NotContains(t, m, "label")
			} else {
				assert.Equal(t, c.label, m["label"])
			}
			assert.Equal(t, c.verdict, m["verdict"], "reason: %v", m["reason"])
		})
	}
}

func TestRunBadFilesDoNotStopOthers(t *testing.T) {
	f := recfixture.Make(t)
	missing := filepath.Join(f.Dir, "no/such.mat")
	args := []string{f.Corrupt, f.CWRU, f.Unknown, f.NoVars, f.CWRUFEOnly, f.Empty, f.FEMTOTemp, missing, f.Words, f.TimeOnly, f.MFPT, f.CWRUOdd}
	rc, stdout, stderr := runCLI(t, args...)
	assert.Equal(t, exitFailures, rc)

	lines := jsonLines(t, stdout)
	require.Len(t, lines, 2, stderr)
	assert.Equal(t, f.CWRU, lines[0]["file"])
	assert.Equal(t, f.MFPT, lines[1]["file"])

	// One error line per bad file, naming it and what is wrong.
	want := map[string]string{
		f.Corrupt:    "matfile",
		f.Unknown:    "unknown recording format: not a MAT-file, a WAV file or delimited text",
		f.NoVars:     "neither CWRU channels",
		f.CWRUFEOnly: `no such channel "DE" in this cwru file: want a number from 0 to 0 or a name (FE)`,
		f.Empty:      "empty file",
		f.FEMTOTemp:  "temperature file",
		f.CWRUOdd:    "-fs",
		missing:      "no such file",
		f.Words:      `no numeric column in the first data record ["2024-01-02" "alice"]`,
		f.TimeOnly:   "no numeric column besides the time column",
	}
	errs := map[string]string{}
	for _, line := range strings.Split(stderr, "\n") {
		for file := range want {
			if strings.Contains(line, file) {
				errs[file] = line
			}
		}
	}
	for file, msg := range want {
		assert.Contains(t, errs[file], msg, "error line for %s", file)
	}
	assert.Contains(t, stderr, "diagnose: 10 of 12 files failed")
	// More than a few files: progress lines.
	assert.Contains(t, stderr, "[2/11] 130.mat\n")
	assert.Contains(t, stderr, "[11/11] rig7.mat\n")
}

func TestRunChannels(t *testing.T) {
	f := recfixture.Make(t)
	for _, c := range []struct {
		args    []string
		file    string
		channel string
		rpm     float64
		bearing string
	}{
		{[]string{"-channel", "FE"}, f.CWRU, "FE", 1796, "6203-2RS"},
		{[]string{"-channel", "de"}, f.CWRU, "DE", 1796, "6205-2RS"},
		{[]string{"-channel", "accel_y", "-rpm", "1750", "-bearing", "6205-2RS"}, f.CSV, "accel_y", 1750, "6205-2RS"},
		{[]string{"-channel", "0", "-rpm", "1750", "-bearing", "6205-2RS"}, f.CSV, "accel_x", 1750, "6205-2RS"},
		{[]string{"-channel", "1", "-rpm", "1750", "-bearing", "6205-2RS"}, f.CSV, "accel_y", 1750, "6205-2RS"},
		{[]string{"-channel", "1", "-rpm", "1750", "-bearing", "6205-2RS"}, f.WAV, "1", 1750, "6205-2RS"},
		{[]string{"-channel", "2"}, f.IMS, "2", 2000, "ZA-2115"},
		{[]string{"-channel", "0"}, f.IMS, "0", 2000, "ZA-2115"},
		{[]string{"-channel", "1"}, f.XJTU, "vertical", 2100, "UER204"},
		{[]string{"-channel", "vertical"}, f.XJTU, "vertical", 2100, "UER204"},
	} {
		rc, stdout, stderr := runCLI(t, append(c.args, c.file)...)
		require.Equal(t, exitOK, rc, "%v: %s", c.args, stderr)
		m := jsonLines(t, stdout)[0]
		assert.Equal(t, c.channel, m["channel"], "%v", c.args)
		assert.Equal(t, c.bearing, m["bearing"], "%v", c.args)
		assert.InDelta(t, c.rpm, m["rpm"], 1e-9, "%v", c.args)
	}
	for _, c := range []struct {
		args []string
		file string
		msg  string
	}{
		{[]string{"-channel", "XX"}, f.CWRU, `no such channel "XX" in this cwru file: want a number from 0 to 1 or a name (DE, FE)`},
		{[]string{"-channel", "BA"}, f.CWRU, `no such channel "BA" in this cwru file: want a number from 0 to 1 or a name (DE, FE)`},
		{[]string{"-channel", "4"}, f.IMS, "from 0 to 3"},
		{[]string{"-channel", "1"}, f.MFPT, "from 0 to 0 or a name (gs)"},
		{[]string{"-channel", "diagonal"}, f.XJTU, "from 0 to 1 or a name (horizontal, vertical)"},
		{[]string{"-channel", "accel_z", "-rpm", "1750", "-bearing", "6205-2RS"}, f.CSV, `no such channel "accel_z"`},
		{[]string{"-channel", "2", "-rpm", "1750", "-bearing", "6205-2RS"}, f.WAV, "from 0 to 1"},
	} {
		rc, stdout, stderr := runCLI(t, append(c.args, c.file)...)
		assert.Equal(t, exitFailures, rc, "%v", c.args)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, c.file+": ")
		assert.Contains(t, stderr, c.msg, "%v", c.args)
	}
}

func TestRunRequiredParameters(t *testing.T) {
	f := recfixture.Make(t)
	for _, c := range []struct {
		args []string
		file string
		msg  string
	}{
		{nil, f.CSVNoTime, "no time column"},
		{nil, f.CSVNoTime, "give -rpm"}, // every missing parameter at once
		{nil, f.CSVNoTime, "give -bearing"},
		{[]string{"-fs", "10000"}, f.CSVNoTime, "give -rpm"},
		{[]string{"-fs", "10000", "-rpm", "1750"}, f.CSVNoTime, "give -bearing"},
		{nil, f.WAV, "give -rpm"},
		{[]string{"-rpm", "1750"}, f.WAV, "give -bearing"},
		{nil, f.CWRUOdd, "give -fs"},
	} {
		rc, _, stderr := runCLI(t, append(c.args, c.file)...)
		assert.Equal(t, exitFailures, rc, "%v", c.args)
		assert.Contains(t, stderr, c.file+": ")
		assert.Contains(t, stderr, c.msg, "%v %s", c.args, c.file)
	}
}

func TestRunOverrides(t *testing.T) {
	f := recfixture.Make(t)
	// -rpm and -bearing replace the file's values; explicit geometry is
	// "custom" with the defect frequencies of that geometry.
	rc, stdout, stderr := runCLI(t, "-rpm", "1800", "-bearing", "6203-2RS", f.CWRU)
	require.Equal(t, exitOK, rc, stderr)
	m := jsonLines(t, stdout)[0]
	assertReport(t, m, f.CWRU, "cwru", "DE", "6203-2RS", 12000, 1800)
	assert.Equal(t, "flag", m["rpm_source"])

	rc, stdout, stderr = runCLI(t, "-elements", "9", "-element-diameter", "0.3126", "-pitch-diameter", "1.537", "-contact-angle", "0", f.CWRU)
	require.Equal(t, exitOK, rc, stderr)
	m = jsonLines(t, stdout)[0]
	assert.Equal(t, "custom", m["bearing"])
	assert.InDelta(t, 3.5848*1796/60, m["bpfo_hz"], 1e-3)
	assert.Equal(t, "outer_race", m["verdict"])

	// -rpm-tolerance reads the speed from the signal's shaft lines around
	// the one given: a machine turning at 1796 rpm, given 1840.
	b := recfixture.CatalogBearing(t, "6205-2RS")
	df, err := b.DefectFrequencies(1796.0 / 60)
	require.NoError(t, err)
	x, _, err := datasets.SimulateBearing(datasets.BearingSim{SampleRate: 12000, Duration: 4,
		DefectFreq: df.BPFO, Jitter: 0.01, ImpactAmp: 1, Resonances: []datasets.Resonance{{Freq: 3000, Damping: 0.05}},
		ShaftHz: 1796.0 / 60, ShaftHarmonics: []float64{0.5, 0.3, 0.2, 0.1}, SNR: 6, Seed: 5})
	require.NoError(t, err)
	csv := recfixture.WriteFile(t, t.TempDir(), "motor.csv", recfixture.Delimited([]string{"accel"}, ",", x))
	rc, stdout, stderr = runCLI(t, "-fs", "12000", "-rpm", "1840", "-rpm-tolerance", "0.05", "-bearing", "6205-2RS", csv)
	require.Equal(t, exitOK, rc, stderr)
	m = jsonLines(t, stdout)[0]
	assert.InDelta(t, 1840, m["rpm"], 0)
	assert.Equal(t, true, m["speed_read"])
	assert.InDelta(t, 1796.0/60, m["shaft_hz"], 1796.0/60*0.005, "the speed read, not the 2.4 %% faster one given")
	assert.Equal(t, "outer_race", m["verdict"])
	// The CWRU fixture's shaft lines are too weak to read: the speed given
	// stands, and the report says so.
	rc, stdout, stderr = runCLI(t, "-rpm", "1840", "-rpm-tolerance", "0.05", f.CWRU)
	require.Equal(t, exitOK, rc, stderr)
	m = jsonLines(t, stdout)[0]
	assert.Nil(t, m["speed_read"])
	assert.InDelta(t, 1840.0/60, m["shaft_hz"], 1e-9)

	// -fs overrides the catalogue's rate.
	rc, stdout, stderr = runCLI(t, "-fs", "11000", f.CWRU)
	require.Equal(t, exitOK, rc, stderr)
	m = jsonLines(t, stdout)[0]
	assert.InDelta(t, 11000, m["rate_hz"], 0)
	assert.Equal(t, "flag", m["rate_source"])
}

func TestRunFEMTO(t *testing.T) {
	f := recfixture.Make(t)
	// The shaft speed comes from the condition folder, the bearing is
	// PRONOSTIA's; a 0.1 s snapshot is too short to diagnose, which the
	// diagnoser says.
	rec, err := load(f.FEMTO, &options{})
	require.NoError(t, err)
	assert.Equal(t, "femto", rec.Format)
	assert.Equal(t, "horizontal", rec.Channel)
	assert.Equal(t, 1650.0, rec.RPM)
	assert.Equal(t, "folder", rec.RPMSource)
	assert.Equal(t, 25600.0, rec.Rate)
	assert.Equal(t, recfixture.CatalogBearing(t, "PRONOSTIA"), *rec.Bearing)
	assert.Len(t, rec.Signal, 2560)

	rc, stdout, stderr := runCLI(t, f.FEMTO)
	assert.Equal(t, exitFailures, rc)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, f.FEMTO+": femto channel horizontal: anomaly: signal of 2560 samples")

	// Outside a Bearing folder the speed must be given.
	bare := recfixture.WriteFile(t, t.TempDir(), "acc_00007.csv", recfixture.MustRead(t, f.FEMTO))
	_, err = load(bare, &options{})
	require.ErrorContains(t, err, "give -rpm")
	rec, err = load(bare, &options{rpm: 1800, channel: "vertical"})
	require.NoError(t, err)
	assert.Equal(t, "vertical", rec.Channel)
}

func TestRunTable(t *testing.T) {
	f := recfixture.Make(t)
	rc, stdout, stderr := runCLI(t, "-format", "table", f.CWRU, f.Corrupt, f.MFPT)
	assert.Equal(t, exitFailures, rc)
	assert.Contains(t, stderr, f.Corrupt)
	assert.NotContains(t, stderr, "[1/3]", "no progress for a few files")
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	require.Len(t, lines, 3, stdout)
	assert.Regexp(t, `^file +verdict +conf +shaft Hz +BPFO +BPFI +BSF +FTF +outer_race +inner_race +ball +cage +method +speed +clipped +label$`, lines[0])
	assert.Regexp(t, `^130\.mat +outer_race +[01]\.\d\d +29\.93 +107\.3 +162\.1 +70\.5 +11\.92 +[01]\.\d\d\* `, lines[1])
	assert.Regexp(t, `^OuterRaceFault_test\.mat +outer_race .* fixed .* outer_race$`, lines[2])
	// Aligned: each column starts at the same offset on every line.
	for _, col := range []string{"verdict", "BPFO", "method"} {
		at := strings.Index(lines[0], col)
		for _, l := range lines[1:] {
			require.Greater(t, len(l), at)
			assert.NotEqual(t, ' ', rune(l[at]), "column %s in %q", col, l)
			assert.Equal(t, ' ', rune(l[at-1]), "column %s in %q", col, l)
		}
	}
}

func TestRunDirectory(t *testing.T) {
	f := recfixture.Make(t)
	rc, stdout, stderr := runCLI(t, filepath.Dir(f.CWRU))
	assert.Equal(t, exitFailures, rc) // 131.mat has no DE channel, rig7.mat no rate
	lines := jsonLines(t, stdout)
	require.Len(t, lines, 1, stderr)
	assert.Equal(t, f.CWRU, lines[0]["file"])
	assert.Contains(t, stderr, "2 of 3 files failed")
}

func TestRunUsage(t *testing.T) {
	f := recfixture.Make(t)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{nil, "usage: diagnose"},
		{[]string{"-format", "xml", f.CWRU}, `-format "xml"`},
		{[]string{"-bearing", "6999", f.CWRU}, `-bearing "6999" is not catalogued (known: 6205-2RS, 6203-2RS, MFPT, ZA-2115, UER204, PRONOSTIA)`},
		{[]string{"-elements", "9", f.CWRU}, "needs -elements, -element-diameter and -pitch-diameter"},
		{[]string{"-elements", "9", "-element-diameter", "2", "-pitch-diameter", "1", f.CWRU}, "not smaller than pitch diameter"},
		{[]string{"-bearing", "MFPT", "-contact-angle", "10", f.CWRU}, "give one of -bearing, -orders or the geometry flags"},
		{[]string{"-bearing", "MFPT", "-orders", "3,5,2,0.4", f.CWRU}, "not -bearing and -orders"},
		{[]string{"-bearing", "6205", f.CWRU}, `-bearing "6205" is a partial designation; did you mean 6205-2RS?`},
		{[]string{"-bearing", "6206", f.CWRU}, `-bearing "6206" is not catalogued; did you mean 6205-2RS or 6203-2RS?`},
		{[]string{"-bearing", "ZA-2116", f.CWRU}, "did you mean ZA-2115?"},
		{[]string{"-orders", "3.5,5.4,2.3", f.CWRU}, "want four comma-separated multiples"},
		{[]string{"-orders", "3.5,5.9,2.3,0.4", f.CWRU}, "not a whole number of rolling elements"},
		{[]string{"-orders", "3.5848,5.4152,2.357,0.3", f.CWRU}, "FTF 0.3 disagrees"},
		{[]string{"-elements", "x", "-element-diameter", "1", "-pitch-diameter", "5", f.CWRU}, "-elements x: need a whole number"},
		{[]string{"-fs", "-3", f.CWRU}, "-fs -3: need a finite value > 0"},
		{[]string{"-rpm", "NaN", f.CWRU}, "-rpm NaN"},
		{[]string{"-rpm-tolerance", "0.5", f.CWRU}, "-rpm-tolerance 0.5: need a fraction in [0, 0.2]"},
		{[]string{"-rpm-tolerance", "0.05", "-speed-range", "100-200", f.CWRU}, "-rpm-tolerance is for one constant speed, not with -speed-range"},
		{[]string{"-reference", f.CWRU, "-speed-range", "100-200", f.CWRU}, "-reference is for one constant speed, not with -speed-range"},
		{[]string{"-reference", " ", f.CWRU}, "-reference: need a file"},
		{[]string{"-supply-hz", "0", f.CWRU}, "-supply-hz 0: need a finite value > 0"},
		{[]string{"-supply-hz", "60", "-tacho", "1", f.CWRU}, "-supply-hz is for one constant speed, not with -tacho"},
		{[]string{"-supply-hz", "5000", f.CWRU}, "-supply-hz 5000: need a frequency of at most 1000 Hz"},
		{[]string{"-nosuchflag", f.CWRU}, "flag provided but not defined"},
	} {
		rc, stdout, stderr := runCLI(t, c.args...)
		assert.Equal(t, exitUsage, rc, "%v", c.args)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, c.msg, "%v", c.args)
	}
	rc, _, stderr := runCLI(t, "-h")
	assert.Equal(t, exitOK, rc)
	// Every flag is documented with its default and an example.
	for _, name := range []string{"channel", "fs", "rpm", "bearing", "orders", "elements", "element-diameter", "pitch-diameter", "contact-angle", "tacho", "ppr", "speed", "speed-range", "reference", "supply-hz", "format"} {
		i := strings.Index(stderr, "\n  -"+name+" ")
		if i < 0 {
			i = strings.Index(stderr, "\n  -"+name+"\n")
		}
		require.GreaterOrEqual(t, i, 0, "-%s missing from -h", name)
		doc := stderr[i+3:]
		if j := strings.Index(doc, "\n  -"); j >= 0 {
			doc = doc[:j]
		}
		assert.Contains(t, doc, "default", "-%s", name)
		assert.Contains(t, doc, "e.g. -"+name+" ", "-%s", name)
	}
	assert.Contains(t, stderr, "0-based")
	assert.Contains(t, stderr, "Examples:")
}

// TestRunUsageAllAtOnce: every bad flag and the missing files are listed
// in one message.
func TestRunUsageAllAtOnce(t *testing.T) {
	rc, stdout, stderr := runCLI(t, "-fs", "-3", "-rpm", "fast", "-format", "xml", "-bearing", "6205", "-elements", "9")
	assert.Equal(t, exitUsage, rc)
	assert.Empty(t, stdout)
	for _, msg := range []string{"7 problem(s)", "-fs -3: need", "-rpm fast: need", `-format "xml"`, "missing -element-diameter, -pitch-diameter",
		`-bearing "6205" is a partial designation`, "not -bearing and the geometry flags", "no FILE or DIR given"} {
		assert.Contains(t, stderr, msg)
	}
	assert.Equal(t, 1, strings.Count(stderr, "diagnose:"), stderr)

	rc, _, stderr = runCLI(t, "-bearing", "6205", "x.mat")
	assert.Equal(t, exitUsage, rc)
	assert.Contains(t, stderr, "1 problem(s)")
}

// TestRunOrders: a file's own defect orders are used (MFPT with BPFO,
// BPFI, BSF and FTF fields), and -orders gives them for any file.
func TestRunOrders(t *testing.T) {
	f := recfixture.Make(t)
	mo, err := recfixture.CatalogBearing(t, "MFPT").Multiples()
	require.NoError(t, err)
	rc, stdout, stderr := runCLI(t, f.MFPTOrders)
	require.Equal(t, exitOK, rc, stderr)
	m := jsonLines(t, stdout)[0]
	assert.Equal(t, "file orders", m["bearing"])
	for key, order := range map[string]float64{"bpfo_hz": mo.BPFO, "bpfi_hz": mo.BPFI, "bsf_hz": mo.BSF, "ftf_hz": mo.FTF} {
		assert.InDelta(t, order*25, m[key], 1e-9, key)
	}
	assert.Equal(t, "outer_race", m["verdict"], "reason: %v", m["reason"])

	// -orders overrides: CWRU's published drive-end orders.
	rc, stdout, stderr = runCLI(t, "-orders", "3.5848,5.4152,2.357,0.39828", f.CWRU)
	require.Equal(t, exitOK, rc, stderr)
	m = jsonLines(t, stdout)[0]
	assert.Equal(t, "orders", m["bearing"])
	for key, order := range map[string]float64{"bpfo_hz": 3.5848, "bpfi_hz": 5.4152, "bsf_hz": 2.357, "ftf_hz": 0.39828} {
		assert.InEpsilon(t, order*1796/60, m[key], 2e-3, key)
	}
	assert.Equal(t, "outer_race", m["verdict"], "reason: %v", m["reason"])
}

// TestBearingFromOrders: the geometry built from a catalogued bearing's
// orders has those orders.
func TestBearingFromOrders(t *testing.T) {
	for _, name := range bearingNames() {
		want, err := recfixture.CatalogBearing(t, name).Multiples()
		require.NoError(t, err)
		b, err := bearingFromOrders(datasets.DefectOrders{BPFO: want.BPFO, BPFI: want.BPFI, BSF: want.BSF, FTF: want.FTF}, name)
		require.NoError(t, err, name)
		got, err := b.Multiples()
		require.NoError(t, err)
		assert.InDelta(t, want.BPFO, got.BPFO, 1e-9, name)
		assert.InDelta(t, want.BPFI, got.BPFI, 1e-9, name)
		assert.InDelta(t, want.BSF, got.BSF, 1e-9, name)
		assert.InDelta(t, want.FTF, got.FTF, 1e-9, name)
	}
}

// TestRunReference: -reference learns a healthy spread from a file read as
// the others are and reports the comparison; a reference at another rate
// fails each file, one that cannot be read fails the run.
func TestRunReference(t *testing.T) {
	f := recfixture.Make(t)
	rc, stdout, stderr := runCLI(t, "-reference", f.CWRU, f.CWRU)
	require.Equal(t, exitOK, rc, stderr)
	m := jsonLines(t, stdout)[0]
	assert.Equal(t, "outer_race", m["verdict"], "a fault verdict does not depend on the reference")
	ref := m["health"].(map[string]any)["reference"].(map[string]any)
	assert.Equal(t, true, ref["checked"])
	assert.InDelta(t, 0, ref["z"], bearing.ReferenceZ, "the reference's own file lies within it")

	rc, _, stderr = runCLI(t, "-reference", f.MFPT, f.CWRU)
	assert.Equal(t, exitFailures, rc)
	assert.Contains(t, stderr, "signal at 12000 Hz, healthy reference at 48828 Hz")

	rc, _, stderr = runCLI(t, "-reference", "no-such-file.mat", f.CWRU)
	assert.Equal(t, exitFailures, rc)
	assert.Contains(t, stderr, "-reference no-such-file.mat")
}
