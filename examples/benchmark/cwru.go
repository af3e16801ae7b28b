package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

// cwruNormal is the normal baseline record diagnosed beside the faults.
const cwruNormal = "normal/97.mat"

type cwruJSON struct {
	Suite string `json:"suite"`
	// diagCounts are over the 12 kHz drive-end fault records present.
	diagCounts
	// Missing lists the catalogue's 12 kHz drive-end records not found.
	Missing []string `json:"missing,omitempty"`
	// NormalVerdict is the verdict on normal/97.mat ("" when absent).
	NormalVerdict    string       `json:"normal_97_verdict"`
	NormalConfidence float64      `json:"normal_97_confidence"`
	Anchor           string       `json:"anchor"`
	AnchorClear      int          `json:"anchor_clearly_diagnosable"`
	AnchorPartial    int          `json:"anchor_partially_diagnosable"`
	Method           string       `json:"method"`
	Records          []diagRecord `json:"records"`
}

const (
	cwruAnchor = "W. A. Smith and R. B. Randall, Rolling element bearing diagnostics using the Case Western Reserve University data: a benchmark study, MSSP 64-65 (2015) 100-131, Table B2 (drive-end channel, 12 kHz drive-end records)"
	cwruMethod = "bearing.NewDiagnoser(bearing.DiagnoserConfig{}) — the default configuration, the same for every record — on the drive-end accelerometer channel only (X###_DE_time), bearing features.LookupBearing(\"6205-2RS\"), shaft speed = the record's RPM / 60 from datasets.LoadCWRU (the file's RPM variable; the table's nominal speed for 3001-3008, whose files have none)"
)

// runCWRU diagnoses the 60 records of the 12 kHz drive-end table
// (12k_drive_end/<number>.mat) and the normal baseline normal/97.mat.
// Records of the catalogue missing from dir are listed; no record at all
// is an error.
func runCWRU(dir, out string, logw io.Writer) (*outcome, error) {
	b, ok := features.LookupBearing("6205-2RS")
	if !ok {
		return nil, errors.New("bearing 6205-2RS is not in features.LookupBearing")
	}
	fsys := os.DirFS(dir)
	var names, missing []string
	for _, info := range datasets.CWRUCatalog() {
		if info.Table != "12k_drive_end" {
			continue
		}
		name := fmt.Sprintf("12k_drive_end/%d.mat", info.Number)
		if _, err := fs.Stat(fsys, name); err != nil {
			missing = append(missing, name)
			continue
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no 12 kHz drive-end CWRU record (12k_drive_end/<number>.mat) in %s", dir)
	}
	faults := len(names)
	_, err := fs.Stat(fsys, cwruNormal)
	if err == nil {
		names = append(names, cwruNormal)
	}
	if len(missing) > 0 {
		fmt.Fprintf(logw, "benchmark cwru: %d of the 60 records missing: %s\n", len(missing), strings.Join(missing, " "))
	}
	rs, err := diagnoseAll("cwru", len(names), b, func(i int) (*diagInput, error) {
		rec, err := datasets.LoadCWRU(fsys, names[i])
		if err != nil {
			return nil, err
		}
		if rec.DE == nil {
			return nil, fmt.Errorf("%s: no drive-end channel", names[i])
		}
		in := &diagInput{
			record: fmt.Sprint(rec.Info.Number), truth: rec.Info.Fault,
			x: rec.DE, rate: rec.SampleRate, shaftHz: rec.RPM / 60,
		}
		if rec.Info.Fault != fault.Healthy {
			in.detail = strings.TrimSpace(fmt.Sprintf("%.3f in, %d hp %s", rec.Info.DiameterIn, rec.Info.LoadHP, rec.Info.Position))
		} else {
			in.detail = fmt.Sprintf("normal baseline, %d hp, %g kHz", rec.Info.LoadHP, rec.SampleRate/1000)
		}
		if !rec.RPMFromFile {
			in.detail += ", nominal rpm"
		}
		return in, nil
	}, logw)
	if err != nil {
		return nil, err
	}
	res := cwruJSON{
		Suite: "cwru", diagCounts: countOutcomes(rs[:faults]), Missing: missing,
		Anchor: cwruAnchor, AnchorClear: 40, AnchorPartial: 6, Method: cwruMethod, Records: rs,
	}
	normal := "normal/97.mat not present"
	if len(rs) > faults {
		res.NormalVerdict, res.NormalConfidence = rs[faults].Verdict, rs[faults].Confidence
		normal = fmt.Sprintf("normal baseline 97: **%s** (confidence %.2f)", res.NormalVerdict, res.NormalConfidence)
	}
	c := res.diagCounts

	var md strings.Builder
	fmt.Fprintf(&md, "Method: %s. Outcome: correct = the seeded fault type (healthy for 97); wrong = another fault type; unknown = the diagnoser declined (conflicting or insufficient evidence); missed = healthy on a faulty record. ", cwruMethod)
	md.WriteString("Anchor: the benchmark study judged each record's envelope spectra by eye, per method; on the drive-end channel its three envelope-analysis methods together make 40 of the 60 records clearly and 6 partially diagnosable, i.e. 14 not. Spindle's verdicts are automatic, with no per-record choice.\n\n")
	if len(missing) > 0 {
		fmt.Fprintf(&md, "**Only %d of the 60 records were found** (missing: %s).\n\n", faults, strings.Join(missing, ", "))
	}
	md.WriteString("| method (60 CWRU 12 kHz drive-end records, drive-end channel) | correct fault type | wrong fault type | not diagnosed | normal 97 | source |\n|---|---|---|---|---|---|\n")
	n97 := res.NormalVerdict
	if n97 == "" {
		n97 = "–"
	}
	fmt.Fprintf(&md, "| **Spindle Diagnoser, default config (automatic)** | **%d of %d** | **%d** | %d unknown, %d missed | %s | this run |\n",
		c.Correct, c.Total, c.Wrong, c.Unknown, c.Missed, n97)
	fmt.Fprintf(&md, "| three envelope methods together, judged by experts | 40 clearly + 6 partially | – | 14 | – | Smith & Randall 2015, Table B2 |\n\n")
	md.WriteString(byTruthTable(rs[:faults]))
	fmt.Fprintf(&md, "\nHeadline: %d of %d correct, %d wrong fault type, %d unknown, %d missed; %s.\n\n", c.Correct, c.Total, c.Wrong, c.Unknown, c.Missed, normal)
	md.WriteString("Key evidence: the verdict's fault (for unknown or healthy, the strongest fault), its best envelope method and band, the fitted fundamental and its deviation from the kinematic line, the prominence of harmonics 1-4 over the local running-median floor (**present**, (explained by another fault's lines)), and the ±1 sidebands of the fundamental (inner race: ± shaft, ball: ± FTF).\n\n")
	md.WriteString(recordTable(rs))
	return &outcome{JSON: res, Markdown: md.String()}, nil
}
