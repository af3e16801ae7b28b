package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/anomaly/nab"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/examples/internal/figure"
)

// nabGrid is the grid of KPIDetector settings the NAB suite chooses from
// (with the threshold, one per profile for the whole corpus):
// anomaly.DefaultKPIConfig first, then each variation of one of its
// parameters that was explored while developing the detector.
func nabGrid() []anomaly.KPIConfig {
	out := []anomaly.KPIConfig{anomaly.DefaultKPIConfig()}
	vary := func(set func(c *anomaly.KPIConfig)) {
		c := anomaly.DefaultKPIConfig()
		set(&c)
		out = append(out, c)
	}
	for _, v := range []int{16, 32} {
		vary(func(c *anomaly.KPIConfig) { c.Short = v })
	}
	for _, v := range []int{50, 200} {
		vary(func(c *anomaly.KPIConfig) { c.Rest = v })
	}
	for _, v := range []int{15, 25} {
		vary(func(c *anomaly.KPIConfig) { c.Bins = v })
	}
	vary(func(c *anomaly.KPIConfig) { c.Context = 3 })
	for _, v := range []int{0, 4, 10} {
		vary(func(c *anomaly.KPIConfig) { c.Coarse = v })
	}
	for _, v := range []int{100, 300} {
		vary(func(c *anomaly.KPIConfig) { c.Warmup = v })
	}
	for _, v := range []float64{0.00025, 0.001} {
		vary(func(c *anomaly.KPIConfig) { c.LongAlpha = v })
	}
	for _, v := range []float64{0.4, 0.6} {
		vary(func(c *anomaly.KPIConfig) { c.AlarmLevel = v })
	}
	return out
}

// nabThresholds is the threshold grid: 0.00, 0.01, …, 1.00.
func nabThresholds() []float64 {
	th := make([]float64, 101)
	for i := range th {
		th[i] = float64(i) / 100
	}
	return th
}

// nabPlotFile is the series drawn with its windows and alarms, when present.
const nabPlotFile = "realKnownCause/machine_temperature_system_failure.csv"

// nabSeries is one labelled NAB data file.
type nabSeries struct {
	key      string // "<category>/<file>.csv", as in combined_windows.json
	category string
	file     string
	days     []float64 // time from the first row, days
	secs     []float64 // time from the first row, seconds
	x        []float64
	windows  []nab.RowWindow
}

// nabFigures is one detector's normalised score per profile over a set of
// files; nil (JSON null) where the files hold no window and NAB's scale is
// undefined.
type nabFigures struct {
	Standard *float64 `json:"standard"`
	LowFP    *float64 `json:"low_fp"`
	LowFN    *float64 `json:"low_fn"`
}

func (f *nabFigures) set(p int, t nab.Tally) {
	v, ok := t.Normalized(nab.Profiles[p].Profile)
	if !ok {
		return
	}
	switch p {
	case 0:
		f.Standard = &v
	case 1:
		f.LowFP = &v
	default:
		f.LowFN = &v
	}
}

func (f nabFigures) cells() string {
	c := func(v *float64) string {
		if v == nil {
			return "undefined"
		}
		return fmt.Sprintf("%.1f", *v)
	}
	return c(f.Standard) + " | " + c(f.LowFP) + " | " + c(f.LowFN)
}

// nabCategory is one category's figures.
type nabCategory struct {
	Category string `json:"category"`
	Files    int    `json:"files"`
	Windows  int    `json:"windows"`
	// Corpus scores the category with the settings chosen on the whole
	// corpus; HeldOut with those chosen on the other categories (undefined
	// when there is no other category).
	Corpus  nabFigures `json:"corpus_choice"`
	HeldOut nabFigures `json:"leave_one_category_out"`
	// HeldOutChoice names the setting and threshold chosen without the
	// category, per profile.
	HeldOutChoice map[string]string `json:"leave_one_category_out_choice"`
	// Published scores a published detector's output with its thresholds
	// from config/thresholds.json.
	Published *nabFigures `json:"published_thresholds,omitempty"`
}

// nabDetector is one detector's outcome over the labelled files found.
type nabDetector struct {
	Detector string `json:"detector"`
	Files    int    `json:"files"`
	Windows  int    `json:"windows"`
	// Corpus: the setting and threshold chosen on all the files, per
	// profile (Choice names them); HeldOut: leave-one-category-out.
	Corpus     nabFigures        `json:"corpus"`
	Choice     map[string]string `json:"corpus_choice"`
	HeldOut    nabFigures        `json:"leave_one_category_out"`
	Categories []nabCategory     `json:"categories"`
	// Published: scored with the detector's thresholds in
	// config/thresholds.json, when it has them.
	Published *nabFigures `json:"published_thresholds,omitempty"`
}

type nabJSON struct {
	Suite      string                        `json:"suite"`
	Detector   string                        `json:"detector"`
	Standard   *float64                      `json:"standard"`
	LowFP      *float64                      `json:"low_fp"`
	LowFN      *float64                      `json:"low_fn"`
	HeldOut    nabFigures                    `json:"leave_one_category_out"`
	Files      []string                      `json:"files"`
	Settings   []anomaly.KPIConfig           `json:"settings_grid"`
	Results    []nabDetector                 `json:"detectors"`
	Scoreboard map[string]map[string]float64 `json:"published_scoreboard_whole_benchmark,omitempty"`
}

func readJSONFile[T any](path string, parse func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	v, err := parse(f)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// loadNABCorpus reads every data/<category>/<file>.csv under dir that has
// labels in labels/combined_windows.json, sorted by path; files without
// labels are reported on logw and skipped.
func loadNABCorpus(dir string, logw io.Writer) ([]*nabSeries, error) {
	windows, err := readJSONFile(filepath.Join(dir, "labels", "combined_windows.json"), nab.ReadWindows)
	if err != nil {
		return nil, err
	}
	fsys := os.DirFS(dir)
	paths, err := fs.Glob(fsys, "data/*/*.csv")
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []*nabSeries
	for _, p := range paths {
		key := strings.TrimPrefix(p, "data/")
		ws, ok := windows[key]
		if !ok {
			fmt.Fprintf(logw, "benchmark nab: %s has no labels in labels/combined_windows.json; skipped\n", p)
			continue
		}
		f, err := datasets.LoadNAB(fsys, p)
		if err != nil {
			return nil, err
		}
		x, err := f.Value()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		rows, err := nab.WindowRows(f.Time, ws)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		cat, file, _ := strings.Cut(key, "/")
		s := &nabSeries{key: key, category: cat, file: file, x: x, windows: rows,
			secs: make([]float64, len(x)), days: make([]float64, len(x))}
		for i := range x {
			d := f.Time[i].Sub(f.Time[0])
			s.secs[i], s.days[i] = d.Seconds(), d.Hours()/24
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no labelled NAB data file (data/<category>/<file>.csv named in labels/combined_windows.json)", dir)
	}
	return out, nil
}

// nabSweep is raw[p][s][f][k]: the raw score of file f under profile p,
// setting s and threshold k.
type nabSweep [3][][][]float64

// sweep adds one setting's per-file scores to the sweep.
func (sw *nabSweep) add(corpus []*nabSeries, scores [][]float64, th []float64) error {
	for p, np := range nab.Profiles {
		files := make([][]float64, len(corpus))
		for f, s := range corpus {
			raw, err := nab.SweepFile(scores[f], s.windows, np.Profile, nab.ProbationLength(len(scores[f]), nab.ProbationPercent), th)
			if err != nil {
				return fmt.Errorf("%s: %w", s.key, err)
			}
			files[f] = raw
		}
		sw[p] = append(sw[p], files)
	}
	return nil
}

// evaluate applies NAB's threshold rule over the corpus and leave one
// category out. name names setting s and threshold k for the report.
func (sw *nabSweep) evaluate(detector string, corpus []*nabSeries, name func(s, k int) string) nabDetector {
	cats := make([]string, len(corpus))
	wins := make([]int, len(corpus))
	d := nabDetector{Detector: detector, Files: len(corpus), Choice: map[string]string{}}
	for f, s := range corpus {
		cats[f], wins[f] = s.category, len(s.windows)
		d.Windows += wins[f]
	}
	byCat := map[string]*nabCategory{}
	for _, c := range nab.Categories(cats) {
		nc := &nabCategory{Category: c, HeldOutChoice: map[string]string{}}
		for f := range corpus {
			if cats[f] == c {
				nc.Files++
				nc.Windows += wins[f]
			}
		}
		byCat[c] = nc
	}
	for p, np := range nab.Profiles {
		ch := nab.Best(sw[p], func(int) bool { return true })
		d.Choice[np.Name] = name(ch.Setting, ch.Threshold)
		var all nab.Tally
		catTally := map[string]*nab.Tally{}
		for f := range corpus {
			r := sw[p][ch.Setting][f][ch.Threshold]
			all.Add(r, wins[f])
			if catTally[cats[f]] == nil {
				catTally[cats[f]] = &nab.Tally{}
			}
			catTally[cats[f]].Add(r, wins[f])
		}
		d.Corpus.set(p, all)
		for c, t := range catTally {
			byCat[c].Corpus.set(p, *t)
		}
		held, total, ok := nab.LeaveOneCategoryOut(sw[p], cats, wins)
		if ok {
			d.HeldOut.set(p, total)
		}
		for _, h := range held {
			byCat[h.Category].HeldOut.set(p, h.Tally)
			byCat[h.Category].HeldOutChoice[np.Name] = name(h.Choice.Setting, h.Choice.Threshold)
		}
	}
	for _, c := range nab.Categories(cats) {
		d.Categories = append(d.Categories, *byCat[c])
	}
	return d
}

// runNAB streams every labelled series under dir/data through
// anomaly.KPIDetector at each setting of nabGrid, applies NAB's
// threshold rule (one setting and threshold per profile for the whole
// corpus) and cross-validates it leaving one category out; the published
// detector outputs under dir/results are rescored the same way.
func runNAB(dir, out string, logw io.Writer) (*outcome, error) {
	corpus, err := loadNABCorpus(dir, logw)
	if err != nil {
		return nil, err
	}
	thresholds, err := readJSONFile(filepath.Join(dir, "config", "thresholds.json"), nab.ReadThresholds)
	if err != nil {
		return nil, err
	}
	var board map[string]map[string]float64
	if b, err := os.ReadFile(filepath.Join(dir, "results", "final_results.json")); err == nil {
		if err := json.Unmarshal(b, &board); err != nil {
			return nil, fmt.Errorf("results/final_results.json: %w", err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	th := nabThresholds()
	grid := nabGrid()
	fmt.Fprintf(logw, "benchmark nab: %d labelled series, %d settings × %d thresholds\n", len(corpus), len(grid), len(th))
	var sw nabSweep
	alarms := map[string][]float64{} // plotted series → alarm flags, default setting
	for _, cfg := range grid {
		scores := make([][]float64, len(corpus))
		for f, ser := range corpus {
			d, err := anomaly.NewKPIDetector(cfg)
			if err != nil {
				return nil, err
			}
			sc := make([]float64, len(ser.x))
			var al []float64
			if ser.key == nabPlotFile && cfg == anomaly.DefaultKPIConfig() {
				al = make([]float64, len(ser.x))
				alarms[ser.key] = al
			}
			for i, v := range ser.x {
				r := d.Update(ser.secs[i], v)
				sc[i] = r.Score
				if al != nil && r.Alarm {
					al[i] = 1
				}
			}
			scores[f] = sc
		}
		if err := sw.add(corpus, scores, th); err != nil {
			return nil, err
		}
	}
	res := nabJSON{Suite: "nab", Settings: grid,
		Detector: "anomaly.KPIDetector: one setting (of settings_grid) and one threshold per profile for the whole corpus, as NAB's rule; leave_one_category_out chooses both on the other categories"}
	for _, s := range corpus {
		res.Files = append(res.Files, s.key)
	}
	kpi := sw.evaluate("Spindle KPI detector", corpus, func(s, k int) string {
		return fmt.Sprintf("setting %d; threshold %.2f", s, th[k])
	})
	res.Results = append(res.Results, kpi)
	res.Standard, res.LowFP, res.LowFN = kpi.Corpus.Standard, kpi.Corpus.LowFP, kpi.Corpus.LowFN
	res.HeldOut = kpi.HeldOut

	published, err := rescorePublished(dir, corpus, thresholds, logw)
	if err != nil {
		return nil, err
	}
	res.Results = append(res.Results, published...)
	res.Scoreboard = board

	o := &outcome{JSON: res, Markdown: nabMarkdown(res, corpus)}
	if a, ok := alarms[nabPlotFile]; ok {
		path := filepath.Join(out, "nab_machine_temperature.png")
		for _, s := range corpus {
			if s.key == nabPlotFile {
				if err := plotNAB(s, path, a); err != nil {
					return nil, err
				}
			}
		}
		o.Plots = append(o.Plots, path)
	}
	return o, nil
}

// rescorePublished scores the published outputs found as
// results/<detector>/<category>/<detector>_<file> for the corpus's files:
// with the detector's thresholds from config/thresholds.json, and with
// the same threshold rule and cross-validation as Spindle's detector.
func rescorePublished(dir string, corpus []*nabSeries, thresholds map[string]map[string]nab.Threshold, logw io.Writer) ([]nabDetector, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "results"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	th := make([]float64, 201) // finer: published scores cluster near their thresholds
	for i := range th {
		th[i] = float64(i) / 200
	}
	var out []nabDetector
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		det := e.Name()
		var found []*nabSeries
		var scores [][]float64
		for _, s := range corpus {
			rel := filepath.Join("results", det, s.category, det+"_"+s.file)
			f, err := datasets.LoadNAB(os.DirFS(dir), filepath.ToSlash(rel))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, err
			}
			sc, ok := f.Column("anomaly_score")
			if !ok {
				return nil, fmt.Errorf("%s: no anomaly_score column", rel)
			}
			if len(sc) != len(s.x) {
				return nil, fmt.Errorf("%s: %d rows, data file %d", rel, len(sc), len(s.x))
			}
			found = append(found, s)
			scores = append(scores, sc)
		}
		if len(found) == 0 {
			continue
		}
		fmt.Fprintf(logw, "benchmark nab: published %s: %d files\n", det, len(found))
		var sw nabSweep
		if err := sw.add(found, scores, th); err != nil {
			return nil, fmt.Errorf("results/%s: %w", det, err)
		}
		r := sw.evaluate(det+" (published output)", found, func(_, k int) string { return fmt.Sprintf("threshold %.3f", th[k]) })
		if pt, ok := thresholds[det]; ok {
			pub := &nabFigures{}
			catPub := make([]*nabFigures, len(r.Categories))
			catIndex := map[string]int{}
			for i, c := range r.Categories {
				catPub[i], catIndex[c.Category] = &nabFigures{}, i
				r.Categories[i].Published = catPub[i]
			}
			for p, np := range nab.Profiles {
				var t nab.Tally
				cat := make([]nab.Tally, len(r.Categories))
				for f, s := range found {
					raw, err := nab.SweepFile(scores[f], s.windows, np.Profile, nab.ProbationLength(len(scores[f]), nab.ProbationPercent), []float64{pt[np.Name].Threshold})
					if err != nil {
						return nil, fmt.Errorf("results/%s: %s: %w", det, s.key, err)
					}
					t.Add(raw[0], len(s.windows))
					cat[catIndex[s.category]].Add(raw[0], len(s.windows))
				}
				pub.set(p, t)
				for i := range cat {
					catPub[i].set(p, cat[i])
				}
			}
			r.Published = pub
		}
		out = append(out, r)
	}
	return out, nil
}

// nabMarkdown renders the suite's tables.
func nabMarkdown(res nabJSON, corpus []*nabSeries) string {
	var md strings.Builder
	cats := map[string]int{}
	wins := 0
	for _, s := range corpus {
		cats[s.category]++
		wins += len(s.windows)
	}
	fmt.Fprintf(&md, "Corpus: %d labelled series in %d categories, %d anomaly windows. Detector: %s. Scored with `nab.Score`'s rules (which reproduce NAB's published per-row S(t)), normalised as NAB normalises a corpus: 100·(S − S_null)/(S_perfect − S_null); \"undefined\" where the files hold no window.\n\n", len(corpus), len(cats), wins, res.Detector)
	md.WriteString("Threshold rule: one setting and threshold per profile for all the files scored (\"corpus\", in-sample). Leave one category out: for each category, the setting and threshold are chosen on the other categories and the category is scored with them; the total sums every held-out file. Published outputs are rescored on the same files the same ways, and with their own published thresholds (`config/thresholds.json`).\n\n")
	md.WriteString("| detector | files | corpus: standard | low FP | low FN | leave one category out: standard | low FP | low FN | published thresholds: standard | low FP | low FN |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
	for i, r := range res.Results {
		name := r.Detector
		if i == 0 {
			name = "**" + name + "**"
		}
		pub := "– | – | –"
		if r.Published != nil {
			pub = r.Published.cells()
		}
		fmt.Fprintf(&md, "| %s | %d | %s | %s | %s |\n", name, r.Files, r.Corpus.cells(), r.HeldOut.cells(), pub)
	}
	k := res.Results[0]
	fmt.Fprintf(&md, "\nSpindle KPI detector, corpus choice: standard %s; low FP %s; low FN %s. The settings (setting 0 is anomaly.DefaultKPIConfig, the others vary one of its parameters; the detector's design was developed on this same corpus, so leaving a category out cross-validates the settings and threshold, not the design):\n\n", k.Choice["standard"], k.Choice["reward_low_FP_rate"], k.Choice["reward_low_FN_rate"])
	md.WriteString("| setting | LongAlpha | Short | Warmup | SpatialTolerance | AlarmLevel | Rest | Bins | Context | Coarse |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for i, c := range res.Settings {
		fmt.Fprintf(&md, "| %d | %g | %d | %d | %g | %g | %d | %d | %d | %d |\n", i, c.LongAlpha, c.Short, c.Warmup, c.SpatialTolerance, c.AlarmLevel, c.Rest, c.Bins, c.Context, c.Coarse)
	}
	md.WriteString("\n")
	md.WriteString("Per category, standard profile (Spindle KPI detector; the published detectors with their published thresholds):\n\n| category | files | windows | corpus choice | held out | choice without the category |")
	var pubs []nabDetector
	for _, r := range res.Results[1:] {
		if r.Published != nil && r.Files == k.Files {
			pubs = append(pubs, r)
			fmt.Fprintf(&md, " %s |", strings.TrimSuffix(r.Detector, " (published output)"))
		}
	}
	md.WriteString("\n|---|---|---|---|---|---|" + strings.Repeat("---|", len(pubs)) + "\n")
	for i, c := range k.Categories {
		fmt.Fprintf(&md, "| %s | %d | %d | %s | %s | %s |", c.Category, c.Files, c.Windows, one(c.Corpus.Standard), one(c.HeldOut.Standard), c.HeldOutChoice["standard"])
		for _, p := range pubs {
			fmt.Fprintf(&md, " %s |", one(p.Categories[i].Published.Standard))
		}
		md.WriteString("\n")
	}
	if len(res.Scoreboard) > 0 {
		md.WriteString("\nPublished scoreboard over the whole benchmark (58 files; `results/final_results.json`):\n\n| detector | standard | reward low FP | reward low FN |\n|---|---|---|---|\n")
		names := make([]string, 0, len(res.Scoreboard))
		for k := range res.Scoreboard {
			names = append(names, k)
		}
		sort.Slice(names, func(i, j int) bool {
			return res.Scoreboard[names[i]]["standard"] > res.Scoreboard[names[j]]["standard"]
		})
		for _, n := range names {
			b := res.Scoreboard[n]
			fmt.Fprintf(&md, "| %s | %.1f | %.1f | %.1f |\n", n, b["standard"], b["reward_low_FP_rate"], b["reward_low_FN_rate"])
		}
	}
	return md.String()
}

// one formats a figure, or "undefined".
func one(v *float64) string {
	if v == nil {
		return "undefined"
	}
	return fmt.Sprintf("%.1f", *v)
}

// plotNAB draws a series with its labelled windows and the detector's
// alarms.
func plotNAB(s *nabSeries, path string, alarm []float64) error {
	fig := figure.New("NAB "+s.file+": labelled anomaly windows and KPI-detector alarms", "time (days from the first sample)", "NAB value")
	for i, w := range s.windows {
		label := ""
		if i == 0 {
			label = "labelled anomaly window"
		}
		fig.Span(label, s.days[w.First], s.days[w.Last], figure.Orange)
	}
	fig.Line("value", s.days, s.x, figure.Black, false)
	var at, av []float64
	for i, a := range alarm {
		if a == 1 {
			at, av = append(at, s.days[i]), append(av, s.x[i])
		}
	}
	fig.Points("KPI-detector alarm (default setting)", at, av, figure.Red)
	lo, hi := s.x[0], s.x[0]
	for _, v := range s.x {
		lo, hi = min(lo, v), max(hi, v)
	}
	fig.YRange(lo, hi+0.35*(hi-lo)) // head room for the legend
	return fig.Save(path)
}
