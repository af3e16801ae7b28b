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
	"fmt"
	"io"
	"os"
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
	o, problems, help := parseFlags(os.Args[1:])
	switch {
	case help:
		usage(os.Stdout)
		return
	case len(problems) > 0:
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "quickstart:", p)
		}
		fmt.Fprintln(os.Stderr, "run 'go run ./examples/quickstart -h' for the flags and examples")
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
