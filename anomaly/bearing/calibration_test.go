package bearing_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/internal/testenv"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// calItem is one signal of the calibration corpus: a channel of a record,
// the bearing geometry it is diagnosed with, and the truth (read only to
// score).
type calItem struct {
	set, name   string
	x           []float64
	rate, shaft float64
	b           features.Bearing
	truth       fault.Kind
}

// calSegments are the lengths the corpus is diagnosed at: the whole record
// (0) and consecutive windows of 1, 2 and 5 s.
var calSegments = []float64{0, 1, 2, 5}

// calibrationCorpus gathers every record of the shared data that has a
// bearing and a truth — CWRU 12 kHz drive-end records on all three
// channels (the fan-end and base-plate sensors diagnosed with the
// drive-end bearing they are far from), the normal baseline on both channels with each bearing, the MFPT
// fault records, the healthy start of IMS test 1 (all eight channels) —
// and simulated bearings, healthy and faulty, at several signal-to-noise
// ratios. Data sets missing from SPINDLE_DATA are left out.
func calibrationCorpus(t *testing.T) []calItem {
	de, fe := lookup(t, "6205-2RS"), lookup(t, "6203-2RS")
	var items []calItem
	if dir, ok := dataDir("cwru"); ok {
		fsys := os.DirFS(dir)
		for _, c := range datasets.CWRUCatalog() {
			if c.Table != "12k_drive_end" && c.Table != "normal" {
				continue
			}
			name := fmt.Sprintf("%s/%d.mat", c.Table, c.Number)
			rec, err := datasets.LoadCWRU(fsys, name)
			if os.IsNotExist(err) || (err != nil && strings.Contains(err.Error(), "no such file")) {
				continue
			}
			require.NoError(t, err, name)
			shaft := rec.RPM / 60
			items = append(items, calItem{"cwru_de", name, rec.DE, rec.SampleRate, shaft, de, c.Fault})
			if rec.FE != nil {
				items = append(items, calItem{"cwru_fe", name, rec.FE, rec.SampleRate, shaft, de, c.Fault})
			}
			if rec.BA != nil {
				items = append(items, calItem{"cwru_ba", name, rec.BA, rec.SampleRate, shaft, de, c.Fault})
			}
			if c.Fault == fault.Healthy {
				items = append(items, calItem{"cwru_fe", name + " (6203-2RS)", rec.FE, rec.SampleRate, shaft, fe, c.Fault})
			}
		}
	}
	if dir, ok := dataDir("mfpt"); ok {
		mb := lookup(t, "MFPT")
		ents, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range ents {
			rec, err := datasets.LoadMFPT(os.DirFS(dir), e.Name())
			require.NoError(t, err, e.Name())
			items = append(items, calItem{"mfpt", e.Name(), rec.Signal, rec.SampleRate, rec.ShaftHz, mb, rec.Fault})
		}
	}
	if dir, ok := dataDir("ims"); ok {
		ib := lookup(t, "ZA-2115")
		for s, err := range datasets.IMSRun(os.DirFS(dir), "1st_test") {
			require.NoError(t, err)
			for c, ch := range s.Channels {
				items = append(items, calItem{"ims", fmt.Sprintf("%s ch%d", filepath.Base(s.Name), c+1), ch, s.SampleRate, 2000.0 / 60, ib, fault.Healthy})
			}
		}
	}
	b := simBearing(t)
	for _, v := range []fault.Kind{fault.Healthy, fault.OuterRace, fault.InnerRace, fault.Ball} {
		for i, snr := range []float64{10, 0, -5} {
			items = append(items, calItem{"sim", fmt.Sprintf("%v %g dB", v, snr), simulate(t, v, snr, 10, uint64(10+i)), 12000, simShaft, b, v})
		}
	}
	return items
}

// dataDir returns the folder of a data set under SPINDLE_DATA.
func dataDir(sub string) (string, bool) {
	dir := filepath.Join(testenv.Root(), sub)
	_, err := os.Stat(dir)
	return dir, err == nil
}

func lookup(t *testing.T, name string) features.Bearing {
	b, ok := features.LookupBearing(name)
	require.True(t, ok, name)
	return b
}

// calOutcome is one diagnosis of the corpus, graded.
type calOutcome struct {
	set     string
	segment float64
	truth   fault.Kind
	verdict fault.Kind
	conf    float64
	// noSeries tells that no fault series qualified in any method, so
	// that the verdict rested on the health rules alone; health is the
	// evidence they read.
	noSeries bool
	health   bearing.HealthEvidence
}

func (o calOutcome) right() bool { return o.verdict == o.truth }

// healthyOnFaulty is the answer the library must not give: a confident
// healthy verdict on a faulty bearing.
func (o calOutcome) healthyOnFaulty() bool {
	return o.truth != fault.Healthy && o.verdict == fault.Healthy && o.conf >= 0.5
}

// runCalibration scores the default configuration's diagnoses of the
// calibration corpus.
func runCalibration(t *testing.T) ([]calItem, []calOutcome) {
	items, diags := defaultDiagnoses(t)
	out := make([]calOutcome, 0, len(diags))
	for _, cd := range diags {
		d := cd.d
		o := calOutcome{set: cd.it.set, segment: cd.seg, truth: cd.it.truth, verdict: d.Verdict, conf: d.Confidence, noSeries: true, health: d.Health}
		for _, e := range d.Evidence {
			o.noSeries = o.noSeries && !e.Qualified
		}
		out = append(out, o)
	}
	return items, out
}

// corpusDiagnosis is one diagnosis of the calibration corpus: an item,
// whole (seg 0) or one segment of seg seconds.
type corpusDiagnosis struct {
	it  calItem
	seg float64
	d   *bearing.Diagnosis
}

// defaultCorpus holds the default configuration's diagnoses of the
// calibration corpus, made once for every test that reads them.
var defaultCorpus struct {
	once  sync.Once
	items []calItem
	diags []corpusDiagnosis
}

// defaultDiagnoses diagnoses the calibration corpus with the default
// DiagnoserConfig once per test binary and returns the items and their
// diagnoses.
func defaultDiagnoses(t *testing.T) ([]calItem, []corpusDiagnosis) {
	defaultCorpus.once.Do(func() {
		dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
		require.NoError(t, err)
		defaultCorpus.items = calibrationCorpus(t)
		diagnoseCorpus(t, dg, defaultCorpus.items, func(it calItem, seg float64, d *bearing.Diagnosis) {
			defaultCorpus.diags = append(defaultCorpus.diags, corpusDiagnosis{it, seg, d})
		})
	})
	return defaultCorpus.items, defaultCorpus.diags
}

// diagnoseCorpus diagnoses every item whole and cut into each of
// calSegments, one worker per CPU, and calls visit with each diagnosis
// (one call at a time; each d is its own, so visit may keep it).
func diagnoseCorpus(t *testing.T, dg *bearing.Diagnoser, items []calItem, visit func(it calItem, seg float64, d *bearing.Diagnosis)) {
	type job struct {
		it  calItem
		seg float64
	}
	var mu sync.Mutex
	jobs := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				w := len(j.it.x)
				if j.seg > 0 {
					w = int(j.seg * j.it.rate)
				}
				for off := 0; off+w <= len(j.it.x); off += w {
					d := new(bearing.Diagnosis)
					_, err := dg.DiagnoseTo(d, j.it.x[off:off+w], j.it.rate, j.it.shaft, j.it.b)
					if err != nil {
						t.Errorf("%s %s segment %g s at %d: %v", j.it.set, j.it.name, j.seg, off, err)
						break
					}
					mu.Lock()
					visit(j.it, j.seg, d)
					mu.Unlock()
				}
			}
		}()
	}
	for _, seg := range calSegments {
		for _, it := range items {
			jobs <- job{it, seg}
		}
	}
	close(jobs)
	wg.Wait()
}

// TestDiagnosisCalibration diagnoses the calibration corpus with the
// default configuration and checks what a maintenance user relies on: no
// faulty bearing is called healthy at confidence ≥ 0.5, on any data set at
// any segment length; among the verdicts given at confidence ≥ c, at least
// a fraction c is right; both channels of the normal baseline are healthy
// and the MFPT faults are found. With SPINDLE_WRITE_TABLE set to a path it
// writes the reliability table there (testdata/diag_calibration.md).
func TestDiagnosisCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("the calibration corpus takes about a minute")
	}
	items, out := runCalibration(t)

	for _, o := range out {
		assert.False(t, o.healthyOnFaulty(), "%s at %g s: %v called healthy at %.2f", o.set, o.segment, o.truth, o.conf)
	}
	for _, r := range reliability(out) {
		if r.n >= 20 {
			assert.GreaterOrEqual(t, r.right, r.c, "verdicts at confidence ≥ %.1f: %d, %.3f right", r.c, r.n, r.right)
		}
	}
	table := calibrationTable(items, out) + healthCrossValidation(t, out)
	t.Log("\n" + table)
	if path := os.Getenv("SPINDLE_WRITE_TABLE"); path != "" {
		require.NoError(t, os.WriteFile(filepath.Clean(path), []byte(table), 0o644))
	}
}

// relRow is one row of the reliability table: the verdicts (Unknown
// excluded) given at confidence ≥ c, and the fraction of them right.
type relRow struct {
	c     float64
	n     int
	right float64
}

func reliability(out []calOutcome) []relRow {
	var rows []relRow
	for _, c := range []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9} {
		r := relRow{c: c}
		var ok int
		for _, o := range out {
			if o.verdict != fault.Unknown && o.conf >= c {
				r.n++
				if o.right() {
					ok++
				}
			}
		}
		if r.n > 0 {
			r.right = float64(ok) / float64(r.n)
		}
		rows = append(rows, r)
	}
	return rows
}

// calibrationTable formats the outcomes per data set and segment length,
// and the reliability of the confidence over all of them.
func calibrationTable(items []calItem, out []calOutcome) string {
	type key struct {
		set string
		seg float64
	}
	type counts struct{ n, right, wrong, unknown, healthyLow, healthyOnFaulty int }
	m := map[key]*counts{}
	for _, o := range out {
		k := key{o.set, o.segment}
		c := m[k]
		if c == nil {
			c = &counts{}
			m[k] = c
		}
		c.n++
		switch {
		case o.right():
			c.right++
		case o.verdict == fault.Unknown:
			c.unknown++
		case o.healthyOnFaulty():
			c.healthyOnFaulty++
		case o.verdict == fault.Healthy:
			c.healthyLow++
		default:
			c.wrong++
		}
	}
	keys := make([]key, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].set != keys[j].set {
			return keys[i].set < keys[j].set
		}
		return keys[i].seg < keys[j].seg
	})
	sets := map[string]int{}
	for _, it := range items {
		sets[it.set]++
	}
	var sb strings.Builder
	sb.WriteString("# Bearing diagnosis: outcomes and calibration\n\n")
	sb.WriteString("Generated by `SPINDLE_WRITE_TABLE=$PWD/anomaly/bearing/testdata/diag_calibration.md go test ./anomaly/bearing/ -run TestDiagnosisCalibration`\n")
	sb.WriteString("(default DiagnoserConfig; one configuration for every record; labels read only to score).\n\n")
	sb.WriteString("Signals: cwru_de / cwru_fe / cwru_ba = the drive-end / fan-end / base-plate channel of the 12 kHz drive-end-fault\n")
	sb.WriteString("records and (DE, FE) the normal baseline 97, diagnosed with the drive-end bearing (6205-2RS; the baseline's fan-end channel also\n")
	sb.WriteString("with its own 6203-2RS); mfpt = the six MFPT fault records; ims = the first ten snapshots of IMS test 1, all\n")
	sb.WriteString("eight channels, healthy; sim = simulated 6205-2RS bearings, healthy, outer race, inner race and ball, at\n")
	sb.WriteString("10, 0 and −5 dB. Segment 0 is the whole record; 1, 2 and 5 s are consecutive windows.\n\n")
	fmt.Fprintf(&sb, "Signals per set:")
	for _, s := range sortedKeys(sets) {
		fmt.Fprintf(&sb, " %s %d;", s, sets[s])
	}
	sb.WriteString("\n\n| set | segment s | diagnoses | right | wrong | unknown | healthy < 0.5 on faulty | healthy ≥ 0.5 on faulty |\n|---|---|---|---|---|---|---|---|\n")
	for _, k := range keys {
		c := m[k]
		seg := "whole"
		if k.seg > 0 {
			seg = fmt.Sprint(k.seg)
		}
		fmt.Fprintf(&sb, "| %s | %s | %d | %d | %d | %d | %d | %d |\n", k.set, seg, c.n, c.right, c.wrong, c.unknown, c.healthyLow, c.healthyOnFaulty)
	}
	sb.WriteString("\nReliability over every diagnosis above (Unknown excluded): among the verdicts given at confidence ≥ c,\n")
	sb.WriteString("the fraction that is right. Calibrated means that fraction is at least c.\n\n| c | verdicts | right |\n|---|---|---|\n")
	for _, r := range reliability(out) {
		fmt.Fprintf(&sb, "| %.1f | %d | %.3f |\n", r.c, r.n, r.right)
	}
	return sb.String()
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// healthRule is one setting of the health rules: the fewest cage
// revolutions and the highest band kurtosis of a Healthy verdict.
type healthRule struct{ revs, kurt float64 }

// healthy reports whether o, whose diagnosis found no fault series, would
// be called healthy under r.
func (r healthRule) healthy(o calOutcome) bool {
	return o.noSeries && o.health.CageRevolutions >= r.revs && o.health.Measured && o.health.Kurtosis <= r.kurt
}

// healthTally counts, under a rule, the healthy verdicts on healthy
// signals (earned) and on faulty ones (wrongly given, whatever the
// confidence).
func healthTally(out []calOutcome, r healthRule, keep func(calOutcome) bool) (earned, onFaulty int) {
	for _, o := range out {
		if !keep(o) || !r.healthy(o) {
			continue
		}
		if o.truth == fault.Healthy {
			earned++
		} else {
			onFaulty++
		}
	}
	return earned, onFaulty
}

// healthGrid is the settings searched, around the default.
func healthGrid() []healthRule {
	var g []healthRule
	for _, revs := range []float64{10, 15, 20, 30, 40} {
		for _, k := range []float64{0.5, 0.75, 1, 1.5, 2, 3, 5} {
			g = append(g, healthRule{revs, k})
		}
	}
	return g
}

// chooseHealthRule picks the rule of greatest earned − 10·onFaulty over
// the outcomes kept (a healthy verdict on a faulty bearing costs ten
// earned ones), ties to the stricter rule.
func chooseHealthRule(out []calOutcome, keep func(calOutcome) bool) healthRule {
	best, bestScore := healthRule{}, math.Inf(-1)
	for _, r := range healthGrid() {
		e, f := healthTally(out, r, keep)
		if score := float64(e - 10*f); score > bestScore {
			best, bestScore = r, score
		}
	}
	return best
}

// healthCrossValidation chooses the health rules leaving one data set out
// and reports, for each set, what the rule chosen on the others gives on
// it, beside the rule chosen on all sets and the default.
func healthCrossValidation(t *testing.T, out []calOutcome) string {
	sets := map[string]int{}
	for _, o := range out {
		sets[o.set]++
	}
	all := func(calOutcome) bool { return true }
	def := defaultHealthRule(t)
	allRule := chooseHealthRule(out, all)
	assert.Equal(t, def, allRule, "the default health rule is the one chosen on all data sets")
	var sb strings.Builder
	sb.WriteString("\n## Health rules chosen leaving one data set out\n\n")
	sb.WriteString("The health rules (fewest cage revolutions, highest band kurtosis) chosen on all the other data sets\n")
	sb.WriteString("(grid: 10–40 revolutions × kurtosis 0.5–5; objective: healthy verdicts on healthy signals minus ten times\n")
	sb.WriteString("healthy verdicts on faulty ones, at any confidence), then applied to the held-out set: the cross-validated\n")
	fmt.Fprintf(&sb, "figure. Beside it, the default rule (%g revolutions, kurtosis %g). Chosen on all sets: %g revolutions, kurtosis %g.\n\n", def.revs, def.kurt, allRule.revs, allRule.kurt)
	sb.WriteString("| held-out set | rule chosen on the others | healthy on healthy | healthy on faulty | default rule: healthy on healthy | default rule: healthy on faulty |\n|---|---|---|---|---|---|\n")
	for _, s := range sortedKeys(sets) {
		in := func(o calOutcome) bool { return o.set == s }
		r := chooseHealthRule(out, func(o calOutcome) bool { return o.set != s })
		e, f := healthTally(out, r, in)
		de, df := healthTally(out, def, in)
		fmt.Fprintf(&sb, "| %s | %g rev, kurtosis %g | %d | %d | %d | %d |\n", s, r.revs, r.kurt, e, f, de, df)
	}
	return sb.String()
}

// defaultHealthRule is the health rule of the default configuration.
func defaultHealthRule(t *testing.T) healthRule {
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	c := dg.Config()
	return healthRule{c.MinHealthyCageRevolutions, c.HealthyKurtosis}
}
