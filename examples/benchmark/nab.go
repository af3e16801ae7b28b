package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/anomaly/nab"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/examples/internal/figure"
)

// nabFiles are the realKnownCause files in the shared data folder.
var nabFiles = []string{
	"cpu_utilization_asg_misconfiguration.csv",
	"ec2_request_latency_system_failure.csv",
	"machine_temperature_system_failure.csv",
}

var nabProfiles = []struct {
	name string
	p    nab.Profile
}{
	{"standard", nab.Standard},
	{"reward_low_FP_rate", nab.LowFP},
	{"reward_low_FN_rate", nab.LowFN},
}

// nabScores is one detector's normalised NAB scores over the three files.
type nabScores struct {
	Detector string             `json:"detector"`
	Scores   map[string]float64 `json:"scores"`
	Raw      map[string]float64 `json:"raw"`
	FirstHit map[string][]int   `json:"first_detection_offset_rows"` // per file and window, −1: missed (standard profile)
	FPRows   map[string]int     `json:"fp_rows_standard"`
}

type nabJSON struct {
	Suite      string                        `json:"suite"`
	Standard   float64                       `json:"standard"`
	LowFP      float64                       `json:"low_fp"`
	LowFN      float64                       `json:"low_fn"`
	Files      []string                      `json:"files"`
	Detector   string                        `json:"detector"`
	Rescored   []nabScores                   `json:"published_detectors_rescored_on_these_files"`
	Scoreboard map[string]map[string]float64 `json:"published_scoreboard_whole_benchmark"`
}

// nabEnv holds the labels and thresholds.
type nabEnv struct {
	dir        string
	windows    map[string][]nab.Window
	thresholds map[string]map[string]nab.Threshold
}

func (e *nabEnv) rows(rel, file string) (*datasets.NABFrame, []nab.RowWindow, error) {
	f, err := datasets.LoadNAB(os.DirFS(e.dir), rel)
	if err != nil {
		return nil, nil, err
	}
	ws, ok := e.windows["realKnownCause/"+file]
	if !ok {
		return nil, nil, fmt.Errorf("labels/combined_windows.json: no windows for realKnownCause/%s", file)
	}
	rs, err := nab.WindowRows(f.Time, ws)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", rel, err)
	}
	return f, rs, nil
}

// score scores per-file anomaly scores with per-profile thresholds and
// normalises over the files.
func (e *nabEnv) score(name string, scores func(file string) ([]float64, []nab.RowWindow, error), th func(profile string) float64) (nabScores, error) {
	r := nabScores{Detector: name, Scores: map[string]float64{}, Raw: map[string]float64{}, FirstHit: map[string][]int{}, FPRows: map[string]int{}}
	windows := 0
	for _, file := range nabFiles {
		s, ws, err := scores(file)
		if err != nil {
			return r, err
		}
		windows += len(ws)
		for _, pr := range nabProfiles {
			det, err := nab.Detections(nil, s, th(pr.name))
			if err != nil {
				return r, fmt.Errorf("%s: %w", file, err)
			}
			prob := nab.ProbationLength(len(s), nab.ProbationPercent)
			res, err := nab.Score(nil, det, ws, pr.p, prob)
			if err != nil {
				return r, fmt.Errorf("%s: %w", file, err)
			}
			r.Raw[pr.name] += res.Score
			if pr.name == "standard" {
				r.FPRows[file] = res.FP
				for _, w := range ws {
					off := -1
					for i := max(w.First, prob); i <= w.Last; i++ {
						if det[i] {
							off = i - w.First
							break
						}
					}
					r.FirstHit[file] = append(r.FirstHit[file], off)
				}
			}
		}
	}
	for _, pr := range nabProfiles {
		v, err := nab.Normalize(r.Raw[pr.name], nab.NullScore(windows, pr.p), nab.PerfectScore(windows, pr.p))
		if err != nil {
			return r, err
		}
		r.Scores[pr.name] = v
	}
	return r, nil
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

// runNAB streams each realKnownCause file through anomaly.ThermalDetector
// (DefaultThermalConfig) and scores its alarms with nab.Score, next
// to NAB's published detectors rescored on the same files and the
// published whole-benchmark scoreboard.
func runNAB(dir, out string, logw io.Writer) (*outcome, error) {
	e := &nabEnv{dir: dir}
	var err error
	if e.windows, err = readJSONFile(filepath.Join(dir, "labels", "combined_windows.json"), nab.ReadWindows); err != nil {
		return nil, err
	}
	if e.thresholds, err = readJSONFile(filepath.Join(dir, "config", "thresholds.json"), nab.ReadThresholds); err != nil {
		return nil, err
	}
	board := map[string]map[string]float64{}
	b, err := os.ReadFile(filepath.Join(dir, "results", "final_results.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &board); err != nil {
		return nil, fmt.Errorf("results/final_results.json: %w", err)
	}
	alarms := map[string][]float64{}
	thermal, err := e.score("Spindle thermal detector", func(file string) ([]float64, []nab.RowWindow, error) {
		fmt.Fprintf(logw, "benchmark nab: %s\n", file)
		f, ws, err := e.rows(filepath.Join("data", "realKnownCause", file), file)
		if err != nil {
			return nil, nil, err
		}
		x, err := f.Value()
		if err != nil {
			return nil, nil, err
		}
		d, err := anomaly.NewThermalDetector(anomaly.DefaultThermalConfig())
		if err != nil {
			return nil, nil, err
		}
		s := make([]float64, len(x))
		for i, v := range x {
			if d.Update(f.Time[i].Sub(f.Time[0]).Seconds(), v).Alarm {
				s[i] = 1
			}
		}
		alarms[file] = s
		return s, ws, nil
	}, func(string) float64 { return 0.5 })
	if err != nil {
		return nil, err
	}
	res := nabJSON{Suite: "nab", Files: nabFiles, Standard: thermal.Scores["standard"], LowFP: thermal.Scores["reward_low_FP_rate"],
		LowFN: thermal.Scores["reward_low_FN_rate"], Scoreboard: board,
		Detector: "anomaly.ThermalDetector with DefaultThermalConfig (chosen on these three files: in-sample), alarms scored as detections"}
	res.Rescored = append(res.Rescored, thermal)
	for _, det := range []string{"numenta", "windowedGaussian", "relativeEntropy", "null"} {
		r, err := e.score(det+" (published output)", func(file string) ([]float64, []nab.RowWindow, error) {
			f, ws, err := e.rows(filepath.Join("results", det, "realKnownCause", det+"_"+file), file)
			if err != nil {
				return nil, nil, err
			}
			s, ok := f.Column("anomaly_score")
			if !ok {
				return nil, nil, fmt.Errorf("results/%s/realKnownCause/%s_%s: no anomaly_score column", det, det, file)
			}
			return s, ws, nil
		}, func(p string) float64 { return e.thresholds[det][p].Threshold })
		if err != nil {
			return nil, err
		}
		res.Rescored = append(res.Rescored, r)
	}
	var md strings.Builder
	fmt.Fprintf(&md, "Detector: %s. Scored with `nab.Score` (which reproduces NAB's published per-row S(t)) over the three realKnownCause files here, normalised over them as NAB normalises a corpus: 100·(S − S_null)/(S_perfect − S_null). NAB's published detectors are rescored on the same three files with their tuned thresholds (config/thresholds.json).\n\n", res.Detector)
	md.WriteString("| detector (3 realKnownCause files) | standard | reward low FP | reward low FN |\n|---|---|---|---|\n")
	for i, r := range res.Rescored {
		name := r.Detector
		if i == 0 {
			name = "**" + name + "**"
		}
		fmt.Fprintf(&md, "| %s | %.1f | %.1f | %.1f |\n", name, r.Scores["standard"], r.Scores["reward_low_FP_rate"], r.Scores["reward_low_FN_rate"])
	}
	md.WriteString("\nPublished scoreboard over the whole benchmark (58 files; `results/final_results.json`), for scale only: a different corpus.\n\n| detector | standard | reward low FP | reward low FN |\n|---|---|---|---|\n")
	names := make([]string, 0, len(board))
	for k := range board {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return board[names[i]]["standard"] > board[names[j]]["standard"] })
	for _, k := range names {
		fmt.Fprintf(&md, "| %s | %.1f | %.1f | %.1f |\n", k, board[k]["standard"], board[k]["reward_low_FP_rate"], board[k]["reward_low_FN_rate"])
	}
	fmt.Fprintf(&md, "\nMachine temperature: thermal detector's first detection per window, rows after the window start: %v (FP rows %d).\n",
		thermal.FirstHit["machine_temperature_system_failure.csv"], thermal.FPRows["machine_temperature_system_failure.csv"])
	o := &outcome{JSON: res, Markdown: md.String()}
	path := filepath.Join(out, "nab_machine_temperature.png")
	if err := plotNAB(e, path, alarms["machine_temperature_system_failure.csv"]); err != nil {
		return nil, err
	}
	o.Plots = append(o.Plots, path)
	return o, nil
}

// plotNAB draws the machine temperature with its labelled windows and the
// thermal detector's alarms.
func plotNAB(e *nabEnv, path string, alarm []float64) error {
	file := "machine_temperature_system_failure.csv"
	f, ws, err := e.rows(filepath.Join("data", "realKnownCause", file), file)
	if err != nil {
		return err
	}
	x, err := f.Value()
	if err != nil {
		return err
	}
	days := make([]float64, len(x))
	for i := range x {
		days[i] = f.Time[i].Sub(f.Time[0]).Hours() / 24
	}
	fig := figure.New("NAB machine temperature: labelled anomaly windows and thermal-detector alarms", "time (days from the first sample)", "machine temperature (NAB value; unit not published)")
	fig.LegendLeft()
	for i, w := range ws {
		label := ""
		if i == 0 {
			label = "labelled anomaly window"
		}
		fig.Span(label, days[w.First], days[w.Last], figure.Orange)
	}
	fig.Line("temperature", days, x, figure.Black, false)
	var at, av []float64
	for i, a := range alarm {
		if a == 1 {
			at, av = append(at, days[i]), append(av, x[i])
		}
	}
	fig.Points("thermal-detector alarm", at, av, figure.Red)
	lo, hi := x[0], x[0]
	for _, v := range x {
		lo, hi = min(lo, v), max(hi, v)
	}
	fig.YRange(lo, hi+0.35*(hi-lo)) // head room for the legend
	return fig.Save(path)
}
