package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/examples/internal/femto"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readJSON decodes out/<suite>.json.
func readJSON(t *testing.T, out, suite string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, suite+".json"))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// writeCMAPSSFixture writes a fake FD001 with 3 training and 2 test
// engines: sensor 2 drifts up linearly towards failure, the others are
// noise.
func writeCMAPSSFixture(t *testing.T, dir string) (testTruth []int) {
	rng := rand.New(rand.NewPCG(1, 1))
	unit := func(b *strings.Builder, id, life, stop int) {
		for c := 1; c <= stop; c++ {
			fmt.Fprintf(b, "%d %d 0.0 0.0 100.0", id, c)
			for s := 1; s <= 21; s++ {
				v := 500 + rng.NormFloat64()*0.1
				if s == 2 {
					v = 640 + 5*float64(c)/float64(life) + 0.05*rng.NormFloat64()
				}
				fmt.Fprintf(b, " %.4f", v)
			}
			b.WriteString(" \n")
		}
	}
	var train, test strings.Builder
	for i, life := range []int{60, 80, 70} {
		unit(&train, i+1, life, life)
	}
	unit(&test, 1, 75, 50)
	unit(&test, 2, 65, 30)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "train_FD001.txt"), []byte(train.String()), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "test_FD001.txt"), []byte(test.String()), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "RUL_FD001.txt"), []byte("25\n35\n"), 0o644))
	return []int{25, 35}
}

func TestCMAPSSSuiteFixture(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeCMAPSSFixture(t, dir)
	var so, se bytes.Buffer
	require.Equal(t, 0, cli(&so, &se, "cmapss", dir, out, ""), se.String())
	m := readJSON(t, out, "cmapss")
	assert.EqualValues(t, 2, m["engines"])
	rmse := m["rmse"].(float64)
	assert.True(t, rmse >= 0 && rmse < 40, "rmse %v", rmse)
	assert.Contains(t, m, "phm08_score")
	assert.Len(t, m["detail"], 2)
	assert.Contains(t, so.String(), "| **Spindle GBRT** |")
	assert.FileExists(t, filepath.Join(out, "cmapss.png"))
}

func TestCMAPSSSuiteMalformed(t *testing.T) {
	dir := t.TempDir()
	writeCMAPSSFixture(t, dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "RUL_FD001.txt"), []byte("25\n"), 0o644))
	var so, se bytes.Buffer
	assert.Equal(t, 1, cli(&so, &se, "cmapss", dir, t.TempDir(), ""))
	assert.Contains(t, se.String(), "benchmark cmapss:")
	assert.Equal(t, 1, cli(&so, &se, "cmapss", filepath.Join(dir, "missing"), t.TempDir(), ""))
}

// syntheticFEMTO returns six bearings whose mean square is flat, then grows
// exponentially from an onset to failure.
func syntheticFEMTO() []*femto.Series {
	var out []*femto.Series
	for i, life := range []float64{3, 2, 2.5, 1.8, 2.2, 2.8} { // hours
		rng := rand.New(rand.NewPCG(uint64(i), 7))
		s := &femto.Series{Name: fmt.Sprintf("Bearing%d", i)}
		onset := 0.5 * life
		for k := 0; float64(k)*10/3600 <= life; k++ {
			h := float64(k) * 10 / 3600
			g := 1.0
			if h > onset {
				g += math.Expm1(4 * (h - onset) / (life - onset))
			}
			rms := 0.5 * math.Sqrt(g) * (1 + 0.02*rng.NormFloat64())
			s.Hours, s.RMS, s.Peak = append(s.Hours, h), append(s.RMS, rms), append(s.Peak, 4*rms)
		}
		out = append(out, s)
	}
	return out
}

func TestFEMTOScoreSynthetic(t *testing.T) {
	out := t.TempDir()
	o, err := scoreFEMTO(syntheticFEMTO(), out)
	require.NoError(t, err)
	res := o.JSON.(femtoJSON)
	t.Logf("synthetic FEMTO truncation protocol: PHM 2012 score %.3f, 90 %% coverage %.2f, sources %v", res.Score, res.Coverage90, res.SourceCounts)
	require.Len(t, res.Detail, 6*len(femtoCuts))
	for _, d := range res.Detail {
		assert.InDelta(t, d.LifeS-d.CutS, d.ActualRULS, 1e-9)
		assert.LessOrEqual(t, d.Lo90S, d.MedianS, d.Bearing)
		assert.LessOrEqual(t, d.MedianS, float64(d.Hi90S), d.Bearing)
		if d.CutFraction >= 0.8 {
			// Past 80 % of life every synthetic bearing has alarmed.
			assert.Contains(t, []string{"degradation", "onset", "failed", "onsets"}, d.Source, d.Bearing)
		}
	}
	// Every bearing degrades alike up to its time scale: well above the
	// score of a constant guess.
	assert.Greater(t, res.Score, 0.15)
	assert.True(t, res.Coverage90 >= 0 && res.Coverage90 <= 1)
	assert.Equal(t, res.Score, res.ScoreByQuantile[femtoPointLabel(res.Quantile)])
	assert.Len(t, res.Nested.Folds, 6)
	assert.True(t, res.Nested.Coverage90 >= 0 && res.Nested.Coverage90 <= 1)
	assert.FileExists(t, filepath.Join(out, "femto.png"))
}

// writeFEMTOTestSet writes a Test_set-like folder: one folder per bearing
// of acc_NNNNN.csv files (256 rows of hour,minute,second,µs,h,v each),
// the vibration amplitude following the mean square ms(i).
func writeFEMTOTestSet(t *testing.T, dir string, bearings map[string]func(i int) float64, files int) {
	t.Helper()
	for name, ms := range bearings {
		d := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(d, 0o755))
		rng := rand.New(rand.NewPCG(1, 2))
		for i := 1; i <= files; i++ {
			var b strings.Builder
			amp := math.Sqrt(ms(i))
			for r := 0; r < 256; r++ {
				fmt.Fprintf(&b, "9,%d,%d,%d,%.4f,%.4f\n", i/6, (i%6)*10, 39*r, amp*rng.NormFloat64(), amp*rng.NormFloat64())
			}
			require.NoError(t, os.WriteFile(filepath.Join(d, fmt.Sprintf("acc_%05d.csv", i)), []byte(b.String()), 0o644))
		}
	}
}

func TestFEMTOTestSet(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	files := 200 // 2000 s, cut before failure
	writeFEMTOTestSet(t, dir, map[string]func(int) float64{
		"Bearing1_3": func(int) float64 { return 0.25 }, // healthy throughout
		"Bearing2_3": func(i int) float64 { // degrading from snapshot 120 to e^5.3 ≈ 200
			if i < 120 {
				return 0.25
			}
			return 0.25 * math.Exp(float64(i-120)/15)
		},
	}, files)
	o := &outcome{JSON: femtoJSON{Setting: femtoSettings[0], Quantile: 0.2}}
	require.NoError(t, femtoTest(o, syntheticFEMTO(), dir, out, io.Discard))
	b, err := os.ReadFile(filepath.Join(out, "femto_test.json"))
	require.NoError(t, err)
	var got map[string]femtoTestPrediction
	require.NoError(t, json.Unmarshal(b, &got))
	require.Len(t, got, 2)
	for name, p := range got {
		t.Logf("%s: %+v", name, p)
		assert.True(t, p.RULS >= 0 && p.LoS <= float64(p.HiS), name)
		assert.True(t, p.LoS >= 0, name)
	}
	// The healthy bearing has no alarm: its forecast is the fleet's life
	// distribution at its age, not a constant; the degrading one has
	// alarmed and is forecast shorter.
	assert.Equal(t, "life", got["Bearing1_3"].Source)
	// The degrading one ends at 200 times its baseline mean square, past
	// the synthetic fleet's failure level (e⁴ ≈ 55) while still running:
	// forecast from the fleet's alarm-to-failure times, not RUL 0.
	assert.Equal(t, "onset", got["Bearing2_3"].Source)
	assert.Greater(t, got["Bearing2_3"].RULS, 0.0)
	assert.Less(t, got["Bearing2_3"].RULS, got["Bearing1_3"].RULS)
	assert.Contains(t, o.Markdown, "Bearing2_3")
	// A folder with no bearing folders is an error.
	assert.Error(t, femtoTest(o, syntheticFEMTO(), t.TempDir(), out, io.Discard))
}

func TestFEMTOSuiteMissing(t *testing.T) {
	var so, se bytes.Buffer
	assert.Equal(t, 1, cli(&so, &se, "femto", t.TempDir(), t.TempDir(), ""))
	assert.Contains(t, se.String(), "Learning_set.zip")
}

// writeIMSFixture writes three summary files of 500 rows: the failing
// bearings of each test rise from row 400.
func writeIMSFixture(t *testing.T, dir string) {
	rng := rand.New(rand.NewPCG(3, 3))
	t0 := time.Date(2004, 2, 12, 10, 32, 39, 0, time.UTC)
	for test := 1; test <= 3; test++ {
		var chs []string
		if test == 1 {
			chs = []string{"Bearing 1 C1", "Bearing 1 C2", "Bearing 2 C1", "Bearing 2 C2", "Bearing 3 C1", "Bearing 3 C2", "Bearing 4 C1", "Bearing 4 C2"}
		} else {
			chs = []string{"Bearing 1", "Bearing 2", "Bearing 3", "Bearing 4"}
		}
		var b strings.Builder
		b.WriteString("," + strings.Join(chs, ",") + "\n")
		for i := range 500 {
			b.WriteString(t0.Add(time.Duration(i) * 10 * time.Minute).Format(time.DateTime))
			for _, c := range chs {
				v := 0.06 * (1 + 0.01*rng.NormFloat64())
				failing := false
				for _, f := range imsFailed[test] {
					failing = failing || strings.HasPrefix(c, f+" ") || c == f
				}
				if failing && i >= 400 {
					v *= 1 + 0.05*float64(i-399)
				}
				fmt.Fprintf(&b, ",%.5f", v)
			}
			b.WriteString("\n")
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("merged_dataset_BearingTest_%d.csv", test)), []byte(b.String()), 0o644))
	}
}

func TestIMSSuiteFixture(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeIMSFixture(t, dir)
	var so, se bytes.Buffer
	require.Equal(t, 0, cli(&so, &se, "ims", dir, out, ""), se.String())
	m := readJSON(t, out, "ims")
	idx := m["alarm_file_index"].(float64)
	assert.True(t, idx >= 400 && idx < 415, "alarm at file %v", idx)
	assert.EqualValues(t, 0, m["false_alarms"])
	assert.EqualValues(t, 0, m["missed_failures"])
	for i := 1; i <= 3; i++ {
		assert.FileExists(t, filepath.Join(out, fmt.Sprintf("ims_test%d.png", i)))
	}
}

func TestUnknownSuite(t *testing.T) {
	var so, se bytes.Buffer
	assert.Equal(t, 2, cli(&so, &se, "nope", ".", t.TempDir(), ""))
}

func TestAllWritesMarkdown(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "ims"), 0o755))
	writeIMSFixture(t, filepath.Join(dir, "ims"))
	writeMFPTFixture(t, filepath.Join(dir, "mfpt"))
	md := filepath.Join(out, "BENCHMARKS.md")
	var so, se bytes.Buffer
	// cmapss, femto, nab and cwru data are missing: a failure status, but the
	// markdown still holds every section.
	assert.Equal(t, 1, cli(&so, &se, "all", dir, out, md))
	b, err := os.ReadFile(md)
	require.NoError(t, err)
	for _, s := range suites {
		assert.Contains(t, string(b), "## "+s.name)
	}
	assert.Contains(t, string(b), "Machine: ")
	assert.Contains(t, string(b), "**Failed:**")
	assert.Contains(t, string(b), "Headline: 2 of 2 correct", "the mfpt section")
}

// TestRealData runs the implemented suites on the real data and prints
// their figures; it skips under -short and when the data is absent.
func TestRealData(t *testing.T) {
	if testing.Short() {
		t.Skip("real-data benchmark runs skipped in -short mode")
	}
	for _, s := range []string{"cmapss", "femto", "ims", "nab", "skab", "cwru", "mfpt"} {
		t.Run(s, func(t *testing.T) {
			dir := testenv.DataDir(t, s)
			out := t.TempDir()
			var so, se bytes.Buffer
			require.Equal(t, 0, cli(&so, &se, s, dir, out, ""), se.String())
			t.Log("\n" + so.String())
			m := readJSON(t, out, s)
			switch s {
			case "cmapss":
				assert.Less(t, m["rmse"].(float64), 16.14, "beats the LSTM anchor's RMSE")
				assert.Less(t, m["phm08_score"].(float64), 338.0)
			case "femto":
				sc := m["phm2012_score"].(float64)
				assert.True(t, sc > 0 && sc <= 1, "score %v", sc)
				// The truncation protocol: 6 bearings × 8 cuts, 90 %
				// intervals that hold on bearings the fleet has not seen.
				assert.Len(t, m["detail"], 6*len(femtoCuts))
				cov := m["coverage90"].(float64)
				assert.True(t, cov >= 0.75 && cov <= 0.95, "coverage %v", cov)
			case "nab":
				assert.Greater(t, m["standard"].(float64), 65.0)
				loco := m["leave_one_category_out"].(map[string]any)
				assert.Greater(t, loco["standard"].(float64), 60.0)
			case "skab":
				assert.Greater(t, m["f1"].(float64), 0.8, "leave-one-file-out outlier F1")
				assert.Greater(t, m["standard"].(float64), 35.0)
			case "cwru":
				// The anomaly package's acceptance figures (its
				// TestCWRUDiagnosisTable), reached here as a user runs it.
				assert.EqualValues(t, 60, m["total"])
				assert.GreaterOrEqual(t, m["correct"].(float64), 39.0)
				assert.LessOrEqual(t, m["wrong"].(float64), 3.0)
				assert.Equal(t, "healthy", m["normal_97_verdict"])
			case "mfpt":
				assert.EqualValues(t, 6, m["total"])
				assert.EqualValues(t, 6, m["correct"])
			case "ims":
				idx := m["alarm_file_index"].(float64)
				assert.True(t, idx > 400 && idx < 700, "test 2 bearing 1 alarm at file %v", idx)
			}
		})
	}
}

// nabFixtureFiles are the fixture's data files: two categories with one
// window each and one category without windows.
var nabFixtureFiles = []string{
	"realKnownCause/machine_temperature_system_failure.csv",
	"realKnownCause/ec2_request_latency_system_failure.csv",
	"realTraffic/speed_6005.csv",
	"artificialNoAnomaly/art_flatline.csv",
}

// writeNABFixture writes a miniature NAB folder: each file of files is 800
// rows of 5-minute temperature-like data; those outside
// artificialNoAnomaly step up at row 600 inside one labelled window
// (rows 590–660). Published-detector outputs fire on the step; a data file
// without labels is skipped. Thresholds and a scoreboard complete it.
func writeNABFixture(t *testing.T, dir string, files []string) {
	rng := rand.New(rand.NewPCG(5, 5))
	t0 := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	must := func(rel, body string) {
		p := filepath.Join(dir, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	labels := map[string][][2]string{}
	th := map[string]map[string]map[string]float64{}
	dets := []string{"numenta", "windowedGaussian", "relativeEntropy", "null"}
	for _, d := range dets {
		th[d] = map[string]map[string]float64{}
		for _, p := range []string{"standard", "reward_low_FP_rate", "reward_low_FN_rate"} {
			th[d][p] = map[string]float64{"score": 0, "threshold": 0.5}
		}
	}
	for _, key := range append(files, "realTraffic/unlabelled.csv") {
		cat, file, _ := strings.Cut(key, "/")
		step := cat != "artificialNoAnomaly"
		var data, res strings.Builder
		data.WriteString("timestamp,value\n")
		res.WriteString("timestamp,value,anomaly_score,label\n")
		for i := range 800 {
			ts := t0.Add(time.Duration(i) * 5 * time.Minute).Format(time.DateTime)
			v := 70 + 0.5*rng.NormFloat64()
			if step && i >= 600 {
				v += 15
			}
			fmt.Fprintf(&data, "%s,%.4f\n", ts, v)
			score, label := 0.0, 0
			if step && i == 605 {
				score = 1
			}
			if step && i >= 590 && i <= 660 {
				label = 1
			}
			fmt.Fprintf(&res, "%s,%.4f,%.1f,%d\n", ts, v, score, label)
		}
		must(filepath.Join("data", cat, file), data.String())
		for _, d := range dets {
			must(filepath.Join("results", d, cat, d+"_"+file), res.String())
		}
		switch {
		case file == "unlabelled.csv":
		case step:
			labels[key] = [][2]string{{
				t0.Add(590 * 5 * time.Minute).Format("2006-01-02 15:04:05.000000"),
				t0.Add(660 * 5 * time.Minute).Format("2006-01-02 15:04:05.000000")}}
		default:
			labels[key] = [][2]string{}
		}
	}
	b, _ := json.Marshal(labels)
	must(filepath.Join("labels", "combined_windows.json"), string(b))
	b, _ = json.Marshal(th)
	must(filepath.Join("config", "thresholds.json"), string(b))
	must(filepath.Join("results", "final_results.json"), `{"numenta": {"standard": 70.1, "reward_low_FP_rate": 63.1, "reward_low_FN_rate": 74.3}}`)
}

func TestNABSuiteFixture(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeNABFixture(t, dir, nabFixtureFiles)
	var so, se bytes.Buffer
	require.Equal(t, 0, cli(&so, &se, "nab", dir, out, ""), se.String())
	t.Log("\n" + so.String())
	assert.Contains(t, se.String(), "unlabelled.csv has no labels")
	m := readJSON(t, out, "nab")
	// The step is found in every file, early in its window.
	std := m["standard"].(float64)
	assert.Greater(t, std, 50.0)
	assert.LessOrEqual(t, std, 100.0)
	for _, k := range []string{"low_fp", "low_fn"} {
		assert.Contains(t, m, k)
	}
	assert.Len(t, m["files"], 4)
	loco := m["leave_one_category_out"].(map[string]any)
	assert.Greater(t, loco["standard"].(float64), 50.0)
	dets := m["detectors"].([]any)
	kpi := dets[0].(map[string]any)
	cats := kpi["categories"].([]any)
	require.Len(t, cats, 3)
	noWin := cats[0].(map[string]any)
	assert.Equal(t, "artificialNoAnomaly", noWin["category"])
	assert.Nil(t, noWin["corpus_choice"].(map[string]any)["standard"], "no windows: undefined")
	// The published "numenta" output fires 15 rows into each window.
	assert.Contains(t, so.String(), "| numenta (published output) | 4 |")
	assert.Contains(t, so.String(), "| artificialNoAnomaly | 1 | 0 | undefined |")
	assert.FileExists(t, filepath.Join(out, "nab_machine_temperature.png"))

	require.NoError(t, os.Remove(filepath.Join(dir, "config", "thresholds.json")))
	assert.Equal(t, 1, cli(&so, &se, "nab", dir, t.TempDir(), ""))
}

// TestNABSuiteNoWindows runs the suite on a corpus whose only files hold
// no window: every figure is undefined, which is not an error.
func TestNABSuiteNoWindows(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeNABFixture(t, dir, []string{"artificialNoAnomaly/art_flatline.csv", "artificialNoAnomaly/art_noisy.csv"})
	var so, se bytes.Buffer
	require.Equal(t, 0, cli(&so, &se, "nab", dir, out, ""), se.String())
	m := readJSON(t, out, "nab")
	assert.Nil(t, m["standard"])
	assert.Nil(t, m["low_fp"])
	assert.NoFileExists(t, filepath.Join(out, "nab_machine_temperature.png"))
}

func TestSpliceMarkdown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "B.md")
	require.NoError(t, os.WriteFile(path, []byte("# T\n\n## ims\n\nold ims\n\n## nab\n\nold nab\n\n## nabx\n\nkeep\n"), 0o644))
	require.NoError(t, spliceMarkdown(path, "nab", "## nab\n\nnew nab\n"))
	b, _ := os.ReadFile(path)
	assert.Equal(t, "# T\n\n## ims\n\nold ims\n\n## nab\n\nnew nab\n\n## nabx\n\nkeep\n", string(b))
	require.NoError(t, spliceMarkdown(path, "nabx", "## nabx\n\nnew x\n"))
	b, _ = os.ReadFile(path)
	assert.Equal(t, "# T\n\n## ims\n\nold ims\n\n## nab\n\nnew nab\n\n## nabx\n\nnew x\n", string(b))
	require.NoError(t, spliceMarkdown(path, "cwru", "## cwru\n\nc\n"))
	b, _ = os.ReadFile(path)
	assert.True(t, strings.HasSuffix(string(b), "new x\n\n## cwru\n\nc\n"), string(b))
}

// writeSKABFixture writes n SKAB-like files under dir/<folder>: 1000 rows
// a second of eight noisy sensors; rows 600–799 are an anomaly in which
// the flow rate drops, with changepoints at its start and end. A file without labels is written too.
func writeSKABFixture(t *testing.T, dir, folder string, n int) {
	rng := rand.New(rand.NewPCG(7, 7))
	t0 := time.Date(2020, 3, 9, 10, 0, 0, 0, time.UTC)
	header := "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;Voltage;Volume Flow RateRMS"
	base := [8]float64{0.03, 0.04, 1.3, 0.4, 79, 26, 233, 32}
	write := func(rel string, labelled bool) {
		var b strings.Builder
		b.WriteString(header)
		if labelled {
			b.WriteString(";anomaly;changepoint")
		}
		b.WriteString("\n")
		for i := range 1000 {
			b.WriteString(t0.Add(time.Duration(i) * time.Second).Format(time.DateTime))
			anom := labelled && i >= 600 && i < 800
			for j, v := range base {
				v *= 1 + 0.01*rng.NormFloat64()
				if anom && j == 7 {
					v -= 10
				}
				fmt.Fprintf(&b, ";%.5g", v)
			}
			if labelled {
				a, c := 0, 0
				if anom {
					a = 1
				}
				if i == 600 || i == 799 {
					c = 1
				}
				fmt.Fprintf(&b, ";%d.0;%d.0", a, c)
			}
			b.WriteString("\n")
		}
		p := filepath.Join(dir, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(b.String()), 0o644))
	}
	for i := range n {
		write(filepath.Join(folder, fmt.Sprintf("%d.csv", i)), true)
	}
	write(filepath.Join("anomaly-free", "anomaly-free.csv"), false)
}

func TestSKABSuiteFixture(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	writeSKABFixture(t, dir, "valve1", 3)
	writeSKABFixture(t, dir, "other", 2)
	var so, se bytes.Buffer
	require.Equal(t, 0, cli(&so, &se, "skab", dir, out, ""), se.String())
	t.Log("\n" + so.String())
	m := readJSON(t, out, "skab")
	for _, k := range []string{"f1", "far", "mar", "standard", "low_fp", "low_fn"} {
		require.Contains(t, m, k)
	}
	assert.Greater(t, m["f1"].(float64), 0.9, "the flow drop is plain")
	assert.Less(t, m["far"].(float64), 0.05)
	assert.Greater(t, m["standard"].(float64), 50.0)
	folders := m["folders"].(map[string]any)
	assert.Contains(t, folders, "valve1")
	assert.Contains(t, folders, "other")
	assert.Len(t, m["files"], 5)
	assert.Contains(t, m["unlabelled_alarm_rate"], "anomaly-free/anomaly-free.csv")
	drivers := m["alarm_onset_drivers"].(map[string]any)
	assert.Contains(t, drivers, "Volume Flow RateRMS", "the flow drop drives the alarms: %v", drivers)

	// Only unlabelled data: an error.
	only := t.TempDir()
	writeSKABFixture(t, only, "valve1", 0)
	assert.Equal(t, 1, cli(&so, &se, "skab", only, t.TempDir(), ""))
}

func TestFEMTOHILead(t *testing.T) {
	// The synthetic mean square grows from half of each life: it departs
	// after the baseline and before the first cut (60 %) on every bearing
	// (noise may make it depart before 50 %). A bearing held flat never
	// departs, and all its cuts come before.
	series := syntheticFEMTO()
	flat := series[2]
	for k := range flat.RMS {
		flat.RMS[k] = 0.5 * (1 + 0.02*math.Sin(2*math.Pi*float64(k)/7.3))
	}
	names, hist, err := femtoHICandidates(series)
	require.NoError(t, err)
	bearings, leads := femtoHILead(series, names, hist)
	require.Len(t, bearings, len(series))
	require.NotEmpty(t, leads)
	l := leads[0]
	require.Equal(t, "RMS² (horizontal mean square)", l.Indicator)
	for b, f := range l.FirstFraction {
		if b == 2 {
			assert.Equal(t, -1.0, f, bearings[b])
			continue
		}
		base := series[b].Hours[femto.Tracking().Baseline] / series[b].End()
		assert.True(t, f >= base && f < 0.6, "%s departs at %.3f of life", bearings[b], f)
	}
	assert.Equal(t, len(femtoCuts), l.CutsBefore)
	assert.Equal(t, len(series)*len(femtoCuts), l.Cuts)
	md := femtoLeadMarkdown(bearings, leads)
	assert.Contains(t, md, "| never |")
	assert.Contains(t, md, fmt.Sprintf("%d of %d", len(femtoCuts), l.Cuts))
}

func TestFirstRun(t *testing.T) {
	z := []float64{0, 4, 4, 0, 5, 5, 5, 5}
	assert.Equal(t, 4, firstRun(z, 0, 3, 3), "a run broken by a dip does not count")
	assert.Equal(t, 1, firstRun(z, 0, 3, 2))
	assert.Equal(t, 2, firstRun(z, 2, 3, 1), "the search starts at from")
	assert.Equal(t, 5, firstRun(z, 5, 3, 2))
	assert.Equal(t, -1, firstRun(z, 0, 3, 5))
	assert.Equal(t, -1, firstRun(z, 0, 5, 1), "strictly above the level")
}

func TestFEMTORankHI(t *testing.T) {
	// RMS grows steadily on every bearing while the kurtosis is noise
	// around 3: the mean square must outrank the kurtosis, and the fused
	// indicator sits among the candidates.
	series := syntheticFEMTO()
	for i, s := range series {
		rng := rand.New(rand.NewPCG(uint64(i), 9))
		s.Kurt = make([]float64, len(s.Hours))
		for k := range s.Kurt {
			s.Kurt[k] = 3 + 0.1*rng.NormFloat64()
		}
	}
	names, hist, err := femtoHICandidates(series)
	require.NoError(t, err)
	scores, err := femtoRankHI(names, hist)
	require.NoError(t, err)
	require.Len(t, scores, 4)
	pos := map[string]int{}
	for i, s := range scores {
		t.Logf("%+v", s)
		pos[s.Indicator] = i
		assert.True(t, s.Monotonicity >= 0 && s.Monotonicity <= 1, s.Indicator)
	}
	assert.Less(t, pos["RMS² (horizontal mean square)"], pos["kurtosis (horizontal)"])
	assert.True(t, scores[pos["RMS² (horizontal mean square)"]].Default)
	assert.Contains(t, femtoHIMarkdown(scores), "(used)")
}
