package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
)

// args are the parsed command line.
type args struct {
	suite   string  // a suite name or "all"
	data    string  // shared data folder or the suite's own
	out     string  // folder for JSON and charts
	md      string  // markdown file; "" for none
	channel string  // cwru: DE, FE or BA
	segment float64 // cwru: window length in seconds, 0 for whole records
	test    string  // femto: the challenge's Test_set folder, "" for none
}

// newFlags returns the flag set bound to a, with the defaults filled in.
func newFlags(a *args) *flag.FlagSet {
	fl := flag.NewFlagSet("benchmark", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	fl.StringVar(&a.data, "data", filepath.Join("..", "shared", "data"),
		"shared data folder (holding cmapss/, femto/, ...) or the suite's own folder,\ne.g. -data ../shared/data/cwru")
	fl.StringVar(&a.out, "out", "bench-out", "folder for <suite>.json and the charts (created if missing),\ne.g. -out /tmp/bench")
	fl.StringVar(&a.md, "md", "", "markdown to write: with all, the whole file (default BENCHMARKS.md);\nwith one suite, the file whose section for the suite is replaced, e.g. -md BENCHMARKS.md")
	fl.StringVar(&a.channel, "channel", "DE", "cwru only: the accelerometer diagnosed, DE (drive end), FE (fan end) or BA\n(base plate), e.g. -channel FE")
	fl.Float64Var(&a.segment, "segment", 0, "cwru only: cut each record into windows of this many seconds (default 0:\nwhole records), e.g. -segment 1")
	fl.StringVar(&a.test, "test", "", "femto only: the challenge's Test_set folder (one folder per bearing; default none);\npredicts each at its last snapshot into femto_test.json, e.g. -test ~/Test_set")
	return fl
}

// usage prints the synopsis, the suites, every flag with its default and
// examples.
func usage(w io.Writer) {
	fmt.Fprintf(w, "usage: benchmark <suite|all> [flags]\n\nRuns Spindle on the public data sets and sets the results beside published anchors.\n\nsuites:\n")
	for _, s := range suites {
		fmt.Fprintf(w, "  %-7s %s\n", s.name, s.what)
	}
	fmt.Fprintf(w, "  %-7s every suite in turn; also writes BENCHMARKS.md\n\nflags (after the suite):\n", "all")
	var a args
	fl := newFlags(&a)
	fl.SetOutput(w)
	fl.PrintDefaults()
	fmt.Fprintf(w, `
examples:
  go run ./examples/benchmark all -data ../shared/data -out bench-out
  go run ./examples/benchmark cwru -data ../shared/data -channel FE -segment 1
  go run ./examples/benchmark femto -data ../shared/data -test ~/Test_set      # femto_test.json
  go run ./examples/benchmark nab -data ../shared/data -md BENCHMARKS.md   # replace the nab section only

Each suite prints a markdown table on stdout and progress on stderr, and writes
<suite>.json and its charts to -out. The exit status is 1 when a suite's data is
missing or malformed, 2 for a bad command line.
`)
}

// parseArgs parses the command line (the suite, then flags) and returns
// every problem found at once; help is true for -h, -help or --help.
func parseArgs(argv []string) (a args, problems []string, help bool) {
	for _, v := range argv {
		if v == "-h" || v == "-help" || v == "--help" || v == "help" {
			return a, nil, true
		}
	}
	fl := newFlags(&a)
	rest := argv
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		a.suite, rest = rest[0], rest[1:]
	}
	if err := fl.Parse(rest); err != nil {
		problems = append(problems, err.Error()+" (flags after it were not read)")
	} else if fl.NArg() > 0 {
		problems = append(problems, fmt.Sprintf("unexpected arguments %q (the suite comes first, then the flags)", fl.Args()))
	}
	switch {
	case a.suite == "":
		problems = append(problems, "no suite given: name one of "+suiteNames()+" or all")
	case a.suite != "all" && findSuite(a.suite) == nil:
		problems = append(problems, fmt.Sprintf("unknown suite %q: want one of %s or all", a.suite, suiteNames()))
	}
	if a.channel != "DE" && a.channel != "FE" && a.channel != "BA" {
		problems = append(problems, fmt.Sprintf("-channel %q: want DE, FE or BA", a.channel))
	}
	if !(a.segment >= 0) || math.IsInf(a.segment, 0) {
		problems = append(problems, fmt.Sprintf("-segment %v: want a finite number of seconds ≥ 0", a.segment))
	}
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if a.suite != "cwru" && a.suite != "all" && findSuite(a.suite) != nil {
		for _, n := range []string{"channel", "segment"} {
			if set[n] {
				problems = append(problems, fmt.Sprintf("-%s applies to the cwru suite only, not %s", n, a.suite))
			}
		}
	}
	if set["test"] && a.suite != "femto" {
		problems = append(problems, fmt.Sprintf("-test applies to the femto suite only, not %s", a.suite))
	}
	if a.out == "" {
		problems = append(problems, "-out is empty: want a folder")
	}
	if a.suite == "all" && a.md == "" {
		a.md = "BENCHMARKS.md"
	}
	return a, problems, false
}

// findSuite returns the suite called name, or nil.
func findSuite(name string) *suite {
	for i := range suites {
		if suites[i].name == name {
			return &suites[i]
		}
	}
	return nil
}

func suiteNames() string {
	var n []string
	for _, s := range suites {
		n = append(n, s.name)
	}
	return strings.Join(n, ", ")
}
