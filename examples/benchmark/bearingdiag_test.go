package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

// faultSignal simulates n seconds of a bearing with defect fault (the
// bearing's BPFO, BPFI or 2×BSF at shaftHz; modulated as the fault would
// be), or of a healthy one (fault "") — noise and shaft harmonics only.
func faultSignal(t *testing.T, bearing, fault string, rate, shaftHz, seconds float64, seed uint64) []float64 {
	t.Helper()
	b, ok := features.LookupBearing(bearing)
	require.True(t, ok)
	df, err := b.DefectFrequencies(shaftHz)
	require.NoError(t, err)
	if fault == "" {
		rng := rand.New(rand.NewPCG(seed, 1))
		x := make([]float64, int(rate*seconds))
		for i := range x {
			x[i] = 0.05 * rng.NormFloat64()
		}
		return x
	}
	cfg := datasets.BearingSim{
		SampleRate: rate, Duration: seconds, Jitter: 0.01, ImpactAmp: 1,
		Resonances: []datasets.Resonance{{Freq: 3000, Damping: 0.05}},
		ShaftHz:    shaftHz, ShaftHarmonics: []float64{0.05, 0.02}, SNR: 0, Seed: seed,
	}
	switch fault {
	case "outer":
		cfg.DefectFreq = df.BPFO
	case "inner":
		cfg.DefectFreq, cfg.ModFreq, cfg.ModDepth = df.BPFI, shaftHz, 0.5
	default:
		t.Fatalf("fault %q", fault)
	}
	x, _, err := datasets.SimulateBearing(cfg)
	require.NoError(t, err)
	return x
}

// writeCWRUFixture writes outer-race 130, inner-race 209 (12 kHz, 1 s) and
// the normal baseline 97 (48 kHz, 3 s: the cage revolutions a healthy verdict needs) in the data center's layout.
func writeCWRUFixture(t *testing.T, dir string) {
	for _, r := range []struct {
		number int
		fault  string
		rate   float64
		rpm    float64
		secs   float64
	}{{130, "outer", 12000, 1796, 1}, {209, "inner", 12000, 1797, 1}, {97, "", 48000, 1796, 3}} {
		sub := "12k_drive_end"
		if r.fault == "" {
			sub = "normal"
		}
		prefix := fmt.Sprintf("X%03d", r.number)
		de := faultSignal(t, "6205-2RS", r.fault, r.rate, r.rpm/60, r.secs, uint64(r.number))
		fe := faultSignal(t, "6205-2RS", "", r.rate, r.rpm/60, r.secs, uint64(r.number)+1)
		vars := [][]byte{matDouble(prefix+"_DE_time", de...), matDouble(prefix+"_FE_time", fe...), matDouble(prefix+"RPM", r.rpm)}
		if r.fault != "" { // as in the real files, the normal record has no base-plate channel
			vars = append(vars, matDouble(prefix+"_BA_time", faultSignal(t, "6205-2RS", r.fault, r.rate, r.rpm/60, r.secs, uint64(r.number)+2)...))
		}
		writeMAT(t, filepath.Join(dir, sub, fmt.Sprintf("%d.mat", r.number)), vars...)
	}
}

func TestCWRUSuiteBaseChannel(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeCWRUFixture(t, dir)
	defer func(o cwruOptions) { cwruOpts = o }(cwruOpts)
	cwruOpts.Channel = "BA"
	var so, se bytes.Buffer
	require.Equal(t, 0, cli(&so, &se, "cwru", dir, out, ""), se.String())
	m := readJSON(t, out, "cwru")
	assert.Equal(t, "BA", m["channel"])
	assert.EqualValues(t, 2, m["correct"])
	assert.Contains(t, so.String(), "base-plate accelerometer channel only (X###_BA_time)")
	assert.Contains(t, so.String(), "Records without the BA channel, not diagnosed: 97.")
	assert.Contains(t, so.String(), "normal/97.mat has no BA channel")
}

func TestCWRUSuiteFixture(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeCWRUFixture(t, dir)
	var so, se bytes.Buffer
	require.Equal(t, 0, cli(&so, &se, "cwru", dir, out, ""), se.String())
	t.Log("\n" + so.String())
	m := readJSON(t, out, "cwru")
	assert.EqualValues(t, 2, m["total"], "the two fault records present")
	assert.EqualValues(t, 2, m["correct"])
	assert.EqualValues(t, 0, m["wrong"])
	assert.EqualValues(t, 0, m["unknown"])
	assert.Len(t, m["missing"], 58)
	assert.Equal(t, "healthy", m["normal_97_verdict"])
	recs := m["records"].([]any)
	require.Len(t, recs, 3)
	for i, want := range []string{"outer_race", "inner_race", "healthy"} {
		r := recs[i].(map[string]any)
		assert.Equal(t, want, r["truth"], r["record"])
		assert.Equal(t, want, r["verdict"], r["record"])
		assert.Equal(t, "correct", r["outcome"], r["record"])
	}
	assert.Contains(t, recs[0].(map[string]any)["evidence"], "outer_race")
	assert.Contains(t, so.String(), "**Only 2 of the 60 records were found**")
	assert.Contains(t, so.String(), "| **Spindle Diagnoser, default config (automatic)** | **2 of 2** | **0** |")
	assert.Contains(t, so.String(), "Smith & Randall 2015, Table B2")
	assert.Contains(t, se.String(), "[3/3]", "progress on stderr")
	assert.Empty(t, m["unknown_by_reason"], "nothing declined")
	assert.NotContains(t, so.String(), "Why the unknown")
}

func TestCWRUSuiteErrors(t *testing.T) {
	var so, se bytes.Buffer
	assert.Equal(t, 1, cli(&so, &se, "cwru", t.TempDir(), t.TempDir(), ""))
	assert.Contains(t, se.String(), "no 12 kHz drive-end CWRU record")

	// A corrupt record fails the suite, naming the file.
	dir := t.TempDir()
	writeCWRUFixture(t, dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "12k_drive_end", "105.mat"), []byte("not a MAT-file"), 0o644))
	se.Reset()
	assert.Equal(t, 1, cli(&so, &se, "cwru", dir, t.TempDir(), ""))
	assert.Contains(t, se.String(), "105.mat")
}

// writeMFPTFixture writes one outer- and one inner-race file, 0.9 s at the
// MFPT fault files' rate, shaft 25 Hz.
func writeMFPTFixture(t *testing.T, dir string) {
	const rate, shaft = 48828.125, 25.0
	for _, f := range []struct{ name, fault string }{
		{"OuterRaceFault_vload_1.mat", "outer"}, {"InnerRaceFault_vload_2.mat", "inner"},
	} {
		x := faultSignal(t, "MFPT", f.fault, rate, shaft, 0.9, uint64(len(f.name)))
		writeMAT(t, filepath.Join(dir, f.name), matStruct("bearing", []string{"sr", "gs", "load", "rate"},
			matDouble("", rate), matDouble("", x...), matDouble("", 50), matDouble("", shaft)))
	}
}

func TestMFPTSuiteFixture(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeMFPTFixture(t, dir)
	var so, se bytes.Buffer
	require.Equal(t, 0, cli(&so, &se, "mfpt", dir, out, ""), se.String())
	t.Log("\n" + so.String())
	m := readJSON(t, out, "mfpt")
	assert.EqualValues(t, 2, m["total"])
	assert.EqualValues(t, 2, m["correct"])
	assert.EqualValues(t, 0, m["wrong"])
	assert.EqualValues(t, 0, m["unknown"])
	assert.Contains(t, so.String(), "Headline: 2 of 2 correct")
	assert.Contains(t, so.String(), "| InnerRaceFault_vload_2 | inner_race | load 50 lb")

	var so2, se2 bytes.Buffer
	assert.Equal(t, 1, cli(&so2, &se2, "mfpt", t.TempDir(), t.TempDir(), ""))
	assert.Contains(t, se2.String(), "no MFPT MAT-file")
}

func TestGrade(t *testing.T) {
	for _, c := range []struct {
		truth fault.Kind
		v     fault.Kind
		want  string
	}{
		{fault.OuterRace, fault.OuterRace, "correct"},
		{fault.InnerRace, fault.InnerRace, "correct"},
		{fault.Ball, fault.Ball, "correct"},
		{fault.Healthy, fault.Healthy, "correct"},
		{fault.OuterRace, fault.InnerRace, "wrong"},
		{fault.OuterRace, fault.Healthy, "missed"},
		{fault.Ball, fault.Healthy, "missed"},
		{fault.Healthy, fault.Ball, "wrong"},
		{fault.Ball, fault.Unknown, "unknown"},
	} {
		assert.Equal(t, c.want, grade(c.truth, c.v, 0.4), "%v → %v", c.truth, c.v)
	}
	assert.Equal(t, "healthy_on_faulty", grade(fault.OuterRace, fault.Healthy, 0.5))
	assert.Equal(t, "correct", grade(fault.Healthy, fault.Healthy, 0.9))
}

func TestUnknownReasons(t *testing.T) {
	var rs []diagRecord
	add := func(rec, outcome, reason string) {
		rs = append(rs, diagRecord{Record: rec, Outcome: outcome, Reason: reason})
	}
	add("1", "unknown", "few")
	add("2", "correct", "fault")
	add("3", "unknown", "conflict")
	add("4", "unknown", "conflict")
	add("5", "wrong", "fault")
	add("6", "unknown", "ambiguous")
	got := unknownReasons(rs)
	assert.Equal(t, []reasonCount{
		{"conflict", 2, []string{"3", "4"}},
		{"few", 1, []string{"1"}},
		{"ambiguous", 1, []string{"6"}},
	}, got, "unknown outcomes only, most frequent first, ties in order of appearance")
	assert.Contains(t, reasonTable(rs), "| conflict | 2 | 3, 4 |")

	rs = rs[:0]
	for i := range maxReasonRecords + 5 {
		add(fmt.Sprint(i), "unknown", "short")
	}
	got = unknownReasons(rs)
	require.Len(t, got, 1)
	assert.Equal(t, maxReasonRecords+5, got[0].Count)
	assert.Len(t, got[0].Records, maxReasonRecords+1)
	assert.Equal(t, "…", got[0].Records[maxReasonRecords])
	assert.Empty(t, unknownReasons(nil))
}
