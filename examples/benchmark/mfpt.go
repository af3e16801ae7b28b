package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

type mfptJSON struct {
	Suite string `json:"suite"`
	diagCounts
	Method  string       `json:"method"`
	Records []diagRecord `json:"records"`
}

const mfptMethod = "bearing.NewDiagnoser(bearing.DiagnoserConfig{}) — the same default configuration as the cwru suite — on each file's signal (bearing.gs, 48 828 Hz in the fault files), bearing features.LookupBearing(\"MFPT\"), shaft speed from the file (bearing.rate) via datasets.LoadMFPT; truth from the file name"

// runMFPT diagnoses every MFPT MAT-file in dir (the fault and baseline
// files of the MFPT Society's condition based maintenance fault data).
func runMFPT(dir, out string, logw io.Writer) (*outcome, error) {
	b, ok := features.LookupBearing("MFPT")
	if !ok {
		return nil, errors.New("bearing MFPT is not in features.LookupBearing")
	}
	fsys := os.DirFS(dir)
	names, err := fs.Glob(fsys, "*.mat")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no MFPT MAT-file (*.mat) in %s", dir)
	}
	rs, err := diagnoseAll("mfpt", len(names), b, func(i int) (*diagInput, error) {
		rec, err := datasets.LoadMFPT(fsys, names[i])
		if err != nil {
			return nil, err
		}
		return &diagInput{
			record: rec.Name, truth: rec.Fault,
			detail: fmt.Sprintf("load %g lb, %g Hz", rec.Load, rec.SampleRate),
			x:      rec.Signal, rate: rec.SampleRate, shaftHz: rec.ShaftHz,
		}, nil
	}, logw)
	if err != nil {
		return nil, err
	}
	res := mfptJSON{Suite: "mfpt", diagCounts: countOutcomes(rs), Method: mfptMethod, Records: rs}
	c := res.diagCounts
	var md strings.Builder
	fmt.Fprintf(&md, "Method: %s. Outcomes as for cwru. No published anchor is set beside it: the data set's own documentation gives the faults, not a diagnosis benchmark.\n\n", mfptMethod)
	md.WriteString(byTruthTable(rs))
	fmt.Fprintf(&md, "\nHeadline: %d of %d correct, %d wrong fault type, %d unknown, %d missed.\n\n", c.Correct, c.Total, c.Wrong, c.Unknown, c.Missed)
	md.WriteString(recordTable(rs))
	return &outcome{JSON: res, Markdown: md.String()}, nil
}
