// Command quickstart is Spindle's first run. With no flags it simulates a
// bearing running to failure (an outer-race spall with a known onset and
// failure time) and streams it, snapshot by snapshot, through the pipeline
// a monitoring service would run: condition indicators and envelope
// evidence (features), a baseline-learned alarm, and after the alarm an
// online remaining-life forecast (rul) whose prior comes from the fleet's
// past runs to failure. It prints a health report and writes charts.
//
//	go run ./examples/quickstart                      # simulation
//	go run ./examples/quickstart -data ../shared/data/ims/1st_test -channel 4
//	go run ./examples/quickstart -data ../shared/data/femto/Learning_set.zip -bearing Bearing1_1
//	go run ./examples/quickstart -out plots           # charts into ./plots
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// options are the command-line flags.
type options struct {
	out     string // chart folder
	data    string // IMS test folder or FEMTO Learning_set.zip; empty: simulate
	bearing string // FEMTO bearing folder name
	channel int    // IMS channel
}

func main() {
	var o options
	flag.StringVar(&o.out, "out", filepath.Join(os.TempDir(), "spindle-quickstart"), "folder for the charts (created if missing)")
	flag.StringVar(&o.data, "data", "", "real data instead of the simulation: an IMS test folder or the FEMTO Learning_set.zip")
	flag.StringVar(&o.bearing, "bearing", "Bearing1_1", "with a FEMTO zip: the bearing to monitor (the others form the fleet)")
	flag.IntVar(&o.channel, "channel", 0, "with an IMS folder: the channel (0-based; test 1 holds two per bearing, bearing 3 = 4, 5)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: quickstart [flags]\n\nWithout -data it simulates a bearing run to failure.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(os.Stdout, o); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run monitors the chosen source, prints the report to w and writes the
// charts to o.out.
func run(w io.Writer, o options) error {
	src, err := openSource(o)
	if err != nil {
		return err
	}
	res, err := monitorRun(src)
	if err != nil {
		return fmt.Errorf("%s: %w", src.name, err)
	}
	report(w, res)
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	paths, err := writePlots(o.out, res)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCharts:\n")
	for _, p := range paths {
		fmt.Fprintf(w, "  %s\n", p)
	}
	return nil
}

// openSource picks the simulation or a real data source.
func openSource(o options) (*source, error) {
	if o.data == "" {
		return simSource()
	}
	st, err := os.Stat(o.data)
	if err != nil {
		return nil, err
	}
	switch {
	case !st.IsDir() && strings.HasSuffix(strings.ToLower(o.data), ".zip"):
		return femtoSource(o.data, o.bearing)
	case st.IsDir():
		return imsSource(o.data, o.channel)
	}
	return nil, errors.New(o.data + ": want an IMS test folder or the FEMTO Learning_set.zip")
}
