package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// newFlags returns the flag set bound to o, with the defaults filled in.
func newFlags(o *options) *flag.FlagSet {
	fl := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	fl.StringVar(&o.out, "out", filepath.Join(os.TempDir(), "spindle-quickstart"),
		"folder for the charts (created if missing), e.g. -out docs/img")
	fl.StringVar(&o.data, "data", "", "real data instead of the simulation (default \"\": simulate): an IMS test\nfolder or the FEMTO Learning_set.zip, e.g. -data ../shared/data/femto/Learning_set.zip")
	fl.StringVar(&o.bearing, "bearing", "Bearing1_1", "with a FEMTO zip: the bearing to monitor (the other learning bearings\nform the fleet), e.g. -bearing Bearing2_1")
	fl.IntVar(&o.channel, "channel", 0, "with an IMS folder: the channel, 0-based (default 0; test 1 holds two\nper bearing, bearing 3 = 4, 5), e.g. -channel 4")
	return fl
}

// usage prints the synopsis, every flag with its default, and examples.
func usage(w io.Writer) {
	fmt.Fprintf(w, "usage: quickstart [flags]\n\nWithout -data it simulates a bearing run to failure; with -data it monitors real data.\n\nflags:\n")
	var o options
	fl := newFlags(&o)
	fl.SetOutput(w)
	fl.PrintDefaults()
	fmt.Fprint(w, `
examples:
  go run ./examples/quickstart                      # the simulation
  go run ./examples/quickstart -out docs/img        # regenerate the charts of the docs
  go run ./examples/quickstart -data ../shared/data/femto/Learning_set.zip -bearing Bearing1_1
  go run ./examples/quickstart -data ../shared/data/ims/1st_test -channel 4
`)
}

// parseFlags parses argv and returns every problem found at once; help is
// true for -h, -help or --help.
func parseFlags(argv []string) (o options, problems []string, help bool) {
	for _, v := range argv {
		if v == "-h" || v == "-help" || v == "--help" {
			return o, nil, true
		}
	}
	fl := newFlags(&o)
	if err := fl.Parse(argv); err != nil {
		return o, []string{err.Error()}, false
	}
	if fl.NArg() > 0 {
		problems = append(problems, fmt.Sprintf("unexpected arguments %q: all input is given by flags", fl.Args()))
	}
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	isZip := strings.HasSuffix(strings.ToLower(o.data), ".zip")
	if o.data != "" {
		if st, err := os.Stat(o.data); err != nil {
			problems = append(problems, fmt.Sprintf("-data %s: %v", o.data, err))
		} else if !st.IsDir() && !isZip {
			problems = append(problems, fmt.Sprintf("-data %s: want an IMS test folder or the FEMTO Learning_set.zip", o.data))
		}
	}
	if set["bearing"] && !isZip {
		problems = append(problems, "-bearing applies to a FEMTO zip given with -data only")
	}
	if set["channel"] && (o.data == "" || isZip) {
		problems = append(problems, "-channel applies to an IMS folder given with -data only")
	}
	if o.channel < 0 {
		problems = append(problems, fmt.Sprintf("-channel %d: want a channel number ≥ 0", o.channel))
	}
	if o.out == "" {
		problems = append(problems, "-out is empty: want a folder for the charts")
	}
	return o, problems, false
}
