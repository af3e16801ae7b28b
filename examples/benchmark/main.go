// Command benchmark runs Spindle on the public data sets exactly as a user
// would and sets the results beside published anchors:
//
//	go run ./examples/benchmark <suite> -data DIR -out DIR
//	go run ./examples/benchmark all -data ../shared/data -out bench-out   # also writes BENCHMARKS.md
//
//	go run ./examples/benchmark nab -data ../shared/data -md BENCHMARKS.md  # replaces only the nab section
//	go run ./examples/benchmark femto -data ../shared/data -test Test_set  # also predicts each test bearing into femto_test.json
//
// Suites: cmapss, femto, ims, nab, skab, cwru, mfpt. -data is the shared data
// folder (holding cmapss/, femto/, ...) or the suite's own folder. Each
// suite prints a markdown table on stdout, progress on stderr, and writes
// <suite>.json and its charts to -out. The exit status is non-zero when a
// suite's data is missing or malformed.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// outcome is what a suite produced.
type outcome struct {
	// JSON is the object written to <suite>.json: named headline figures
	// and per-item detail.
	JSON any
	// Markdown is the suite's table (and notes), anchors beside results.
	Markdown string
	// Plots are the charts written.
	Plots []string
}

// suite runs one benchmark on the data in dir, writing charts to out and
// progress to logw.
type suite struct {
	name    string
	dataSub string // folder under the shared data folder
	what    string
	run     func(dir, out string, logw io.Writer) (*outcome, error)
}

var suites = []suite{
	{"cmapss", "cmapss", "NASA C-MAPSS FD001 turbofan RUL (gradient-boosted trees)", runCMAPSS},
	{"femto", "femto", "FEMTO-ST PRONOSTIA bearings, IEEE PHM 2012 score, leave-one-bearing-out", runFEMTO},
	{"ims", "ims", "IMS bearing run-to-failure: alarm time and false alarms", runIMS},
	{"nab", "nab", "Numenta Anomaly Benchmark, every labelled series: KPI detector under the corpus threshold rule and leave one category out", runNAB},
	{"skab", "skab", "Skoltech Anomaly Benchmark: multivariate outliers and changepoints, leave one file out", runSKAB},
	{"cwru", "cwru", "CWRU bearing faults: envelope diagnosis vs Smith & Randall 2015", runCWRU},
	{"mfpt", "mfpt", "MFPT bearing faults: envelope diagnosis", runMFPT},
}

func main() {
	a, problems, help := parseArgs(os.Args[1:])
	switch {
	case help:
		usage(os.Stdout)
		os.Exit(0)
	case len(problems) > 0:
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "benchmark:", p)
		}
		fmt.Fprintln(os.Stderr, "run 'go run ./examples/benchmark -h' for the flags and examples")
		os.Exit(2)
	}
	cwruOpts.Channel, cwruOpts.Segment = a.channel, a.segment
	femtoOpts.Test = a.test
	os.Exit(cli(os.Stdout, os.Stderr, a.suite, a.data, a.out, a.md))
}

// cli runs suite name (or all) and returns the exit status.
func cli(stdout, stderr io.Writer, name, data, out, md string) int {
	var chosen []suite
	for _, s := range suites {
		if name == "all" || s.name == name {
			chosen = append(chosen, s)
		}
	}
	if len(chosen) == 0 {
		fmt.Fprintf(stderr, "benchmark: unknown suite %q\n", name)
		usage(stderr)
		return 2
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Fprintln(stderr, "benchmark:", err)
		return 1
	}
	status := 0
	var sections []string
	for _, s := range chosen {
		start := time.Now()
		o, err := runSuite(s, data, out, stderr)
		took := time.Since(start).Round(100 * time.Millisecond)
		switch {
		case err != nil:
			fmt.Fprintf(stderr, "benchmark %s: %v\n", s.name, err)
			sections = append(sections, fmt.Sprintf("## %s\n\n%s.\n\n**Failed:** %v\n", s.name, s.what, err))
			status = 1
			continue
		}
		section := fmt.Sprintf("## %s\n\n%s (%s).\n\n%s", s.name, s.what, took, o.Markdown)
		fmt.Fprintln(stdout, section)
		for _, p := range o.Plots {
			fmt.Fprintf(stderr, "benchmark %s: wrote %s\n", s.name, p)
		}
		sections = append(sections, section)
	}
	if md != "" && name != "all" {
		if err := spliceMarkdown(md, chosen[0].name, sections[0]); err != nil {
			fmt.Fprintln(stderr, "benchmark:", err)
			return 1
		}
		fmt.Fprintf(stderr, "benchmark: replaced section %s of %s\n", chosen[0].name, md)
	} else if md != "" {
		if err := writeMarkdown(md, data, sections); err != nil {
			fmt.Fprintln(stderr, "benchmark:", err)
			return 1
		}
		fmt.Fprintf(stderr, "benchmark: wrote %s\n", md)
	}
	return status
}

// runSuite resolves the suite's data folder, runs it and writes its JSON.
func runSuite(s suite, data, out string, logw io.Writer) (*outcome, error) {
	dir := data
	if st, err := os.Stat(filepath.Join(data, s.dataSub)); err == nil && st.IsDir() {
		dir = filepath.Join(data, s.dataSub)
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	fmt.Fprintf(logw, "benchmark %s: data %s\n", s.name, dir)
	o, err := s.run(dir, out, logw)
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(o.JSON, "", "  ")
	if err != nil {
		return nil, err
	}
	path := filepath.Join(out, s.name+".json")
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return nil, err
	}
	o.Plots = append(o.Plots, path)
	return o, nil
}

// writeMarkdown writes BENCHMARKS.md: how it was made, then the sections.
func writeMarkdown(path, data string, sections []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Spindle benchmarks\n\n")
	fmt.Fprintf(&b, "Regenerate with `go run ./examples/benchmark all -data %s -out bench-out` (writes this file;\n", filepath.ToSlash(data))
	fmt.Fprintf(&b, "charts and per-suite JSON go to `bench-out/`). Data: the public sets described in the shared data\n")
	fmt.Fprintf(&b, "folder's README, in their original formats.\n\n")
	fmt.Fprintf(&b, "Machine: %s/%s, %s, %d CPUs, %s. Date: %s.\n\n", runtime.GOOS, runtime.GOARCH, cpuModel(), runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"))
	b.WriteString(strings.Join(sections, "\n"))
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// spliceMarkdown replaces the section "## name" of the markdown file at
// path (up to the next "## " heading) with section; a file without that
// section gets it appended.
func spliceMarkdown(path, name, section string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	doc := string(b)
	head := "## " + name + "\n"
	start := strings.Index(doc, head)
	if !strings.HasPrefix(doc, head) {
		start = strings.Index(doc, "\n"+head)
		if start >= 0 {
			start++
		}
	}
	if start < 0 {
		doc = strings.TrimRight(doc, "\n") + "\n\n" + section
	} else {
		end := len(doc)
		if i := strings.Index(doc[start+len(head):], "\n## "); i >= 0 {
			end = start + len(head) + i + 1
		}
		doc = doc[:start] + strings.TrimRight(section, "\n") + "\n\n" + doc[end:]
		doc = strings.TrimRight(doc, "\n") + "\n"
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}

// cpuModel returns the CPU model from /proc/cpuinfo, or "CPU model unknown".
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v)
			}
		}
	}
	return "CPU model unknown"
}
