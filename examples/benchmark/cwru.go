package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

// cwruNormal is the normal baseline record diagnosed beside the faults.
const cwruNormal = "normal/97.mat"

// cwruOptions are the cwru suite's own flags: the accelerometer channel
// diagnosed and the segment length.
type cwruOptions struct {
	// Channel is "DE" (the drive-end sensor, on the faulted bearing),
	// "FE" (the fan-end sensor: the same drive-end bearing seen from the
	// other end of the motor, as a plant's far sensor sees it) or "BA"
	// (the sensor on the base plate that carries the motor).
	Channel string
	// Segment > 0 cuts every record into consecutive windows of that many
	// seconds, each diagnosed on its own; 0 diagnoses whole records.
	Segment float64
}

// cwruOpts is set from the command line (-channel, -segment).
var cwruOpts = cwruOptions{Channel: "DE"}

// validate checks the options, naming every bad one.
func (o cwruOptions) validate() error {
	var bad []string
	if o.Channel != "DE" && o.Channel != "FE" && o.Channel != "BA" {
		bad = append(bad, fmt.Sprintf("-channel %q (want DE, FE or BA)", o.Channel))
	}
	if !(o.Segment >= 0) || math.IsInf(o.Segment, 0) {
		bad = append(bad, fmt.Sprintf("-segment %v (want seconds ≥ 0; 0 for whole records)", o.Segment))
	}
	if len(bad) > 0 {
		return fmt.Errorf("cwru: %s", strings.Join(bad, "; "))
	}
	return nil
}

type cwruJSON struct {
	Suite string `json:"suite"`
	// Channel is the accelerometer diagnosed, DE, FE or BA; SegmentS the
	// window length in seconds (0: whole records).
	Channel  string  `json:"channel"`
	SegmentS float64 `json:"segment_s"`
	// diagCounts are over the 12 kHz drive-end fault records present.
	diagCounts
	// Missing lists the catalogue's 12 kHz drive-end records not found.
	Missing []string `json:"missing,omitempty"`
	// NormalVerdict is the verdict on normal/97.mat ("" when absent).
	NormalVerdict    string  `json:"normal_97_verdict"`
	NormalConfidence float64 `json:"normal_97_confidence"`
	Anchor           string  `json:"anchor"`
	AnchorClear      int     `json:"anchor_clearly_diagnosable"`
	AnchorPartial    int     `json:"anchor_partially_diagnosable"`
	Method           string  `json:"method"`
	// Calibration is the reliability table of every diagnosis of the run
	// (faulty records and the normal baseline).
	Calibration []calibrationRow `json:"calibration"`
	// UnknownByReason tallies why the faulty records the diagnoser
	// declined were declined.
	UnknownByReason []reasonCount `json:"unknown_by_reason"`
	Records         []diagRecord  `json:"records"`
}

const (
	cwruAnchor = "W. A. Smith and R. B. Randall, Rolling element bearing diagnostics using the Case Western Reserve University data: a benchmark study, MSSP 64-65 (2015) 100-131, Table B2 (drive-end channel, 12 kHz drive-end records)"
	cwruMethod = "bearing.NewDiagnoser(bearing.DiagnoserConfig{}) — the default configuration, the same for every record — on the %s accelerometer channel only (X###_%s_time), bearing features.LookupBearing(\"6205-2RS\") (the faulted drive-end bearing), shaft speed = the record's RPM / 60 from datasets.LoadCWRU (the file's RPM variable; the table's nominal speed for 3001-3008, whose files have none)%s"
)

// runCWRU diagnoses the 60 records of the 12 kHz drive-end table
// (12k_drive_end/<number>.mat) and the normal baseline normal/97.mat.
// Records of the catalogue missing from dir are listed; no record at all
// is an error.
func runCWRU(dir, out string, logw io.Writer) (*outcome, error) {
	opt := cwruOpts
	if err := opt.validate(); err != nil {
		return nil, err
	}
	seg := ""
	if opt.Segment > 0 {
		seg = fmt.Sprintf(", each record cut into consecutive %g s segments diagnosed on their own", opt.Segment)
	}
	method := fmt.Sprintf(cwruMethod, map[string]string{"DE": "drive-end", "FE": "fan-end", "BA": "base-plate"}[opt.Channel], opt.Channel, seg)
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
		x := map[string][]float64{"DE": rec.DE, "FE": rec.FE, "BA": rec.BA}[opt.Channel]
		in := &diagInput{
			record: fmt.Sprint(rec.Info.Number), truth: rec.Info.Fault,
			x: x, rate: rec.SampleRate, shaftHz: rec.RPM / 60, segment: opt.Segment,
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
	var faulty, normals []diagRecord
	diagnosed := map[string]bool{}
	for _, r := range rs {
		diagnosed[strings.SplitN(r.Record, "@", 2)[0]] = true
		if r.Truth == fault.Healthy.String() {
			normals = append(normals, r)
		} else {
			faulty = append(faulty, r)
		}
	}
	var lacking []string
	for _, name := range names {
		if n := strings.TrimSuffix(path.Base(name), ".mat"); !diagnosed[n] {
			lacking = append(lacking, n)
		}
	}
	res := cwruJSON{
		Suite: "cwru", Channel: opt.Channel, SegmentS: opt.Segment, diagCounts: countOutcomes(faulty), Missing: missing,
		Anchor: cwruAnchor, AnchorClear: 40, AnchorPartial: 6, Method: method, Calibration: calibration(rs), UnknownByReason: unknownReasons(faulty), Records: rs,
	}
	normal := "normal/97.mat not present"
	if slices.Contains(lacking, "97") {
		normal = "normal/97.mat has no " + opt.Channel + " channel"
	}
	if len(normals) == 1 {
		res.NormalVerdict, res.NormalConfidence = normals[0].Verdict, normals[0].Confidence
		normal = fmt.Sprintf("normal baseline 97: **%s** (confidence %.2f)", res.NormalVerdict, res.NormalConfidence)
	} else if len(normals) > 1 {
		nc := countOutcomes(normals)
		res.NormalVerdict = fmt.Sprintf("%d of %d segments healthy", nc.Correct, nc.Total)
		normal = "normal baseline 97: " + res.NormalVerdict
	}
	c := res.diagCounts

	var md strings.Builder
	fmt.Fprintf(&md, "Method: %s. Outcome: correct = the seeded fault type (healthy for 97); wrong = another fault type; unknown = the diagnoser declined (conflicting or insufficient evidence); missed = healthy at confidence < 0.5 on a faulty record; healthy on faulty = healthy at confidence ≥ 0.5 on a faulty record (must be 0). ", method)
	md.WriteString("Anchor: the benchmark study judged each record's envelope spectra by eye, per method; on the drive-end channel its three envelope-analysis methods together make 40 of the 60 records clearly and 6 partially diagnosable, i.e. 14 not. Spindle's verdicts are automatic, with no per-record choice.\n\n")
	if len(missing) > 0 {
		fmt.Fprintf(&md, "**Only %d of the 60 records were found** (missing: %s).\n\n", faults, strings.Join(missing, ", "))
	}
	if len(lacking) > 0 {
		fmt.Fprintf(&md, "Records without the %s channel, not diagnosed: %s.\n\n", opt.Channel, strings.Join(lacking, ", "))
	}
	unit := "records"
	if opt.Segment > 0 {
		unit = fmt.Sprintf("%g s segments", opt.Segment)
	}
	fmt.Fprintf(&md, "| method (CWRU 12 kHz drive-end records, %s channel, %s) | correct fault type | wrong fault type | not diagnosed | healthy on faulty | normal 97 | source |\n|---|---|---|---|---|---|---|\n", opt.Channel, unit)
	n97 := res.NormalVerdict
	if n97 == "" {
		n97 = "–"
	}
	fmt.Fprintf(&md, "| **Spindle Diagnoser, default config (automatic)** | **%d of %d** | **%d** | %d unknown, %d missed | **%d** | %s | this run |\n",
		c.Correct, c.Total, c.Wrong, c.Unknown, c.Missed, c.HealthyOnFaulty, n97)
	if opt.Channel == "DE" && opt.Segment == 0 {
		fmt.Fprintf(&md, "| three envelope methods together, judged by experts | 40 clearly + 6 partially | – | 14 | – | – | Smith & Randall 2015, Table B2 |\n")
	}
	md.WriteString("\n")
	md.WriteString(byTruthTable(faulty))
	if c.Unknown > 0 {
		md.WriteString("\nWhy the unknown faulty " + unit + " were declined:\n\n")
		md.WriteString(reasonTable(faulty))
	}
	fmt.Fprintf(&md, "\nHeadline: %d of %d correct, %d wrong fault type, %d unknown, %d missed, %d healthy on faulty; %s.\n\n", c.Correct, c.Total, c.Wrong, c.Unknown, c.Missed, c.HealthyOnFaulty, normal)
	md.WriteString("Calibration of the confidence over every diagnosis of this run:\n\n")
	md.WriteString(calibrationTable(rs))
	md.WriteString("\n")
	md.WriteString("Key evidence: the verdict's fault (for unknown or healthy, the strongest fault), its best envelope method and band, the fitted fundamental and its deviation from the kinematic line, the prominence of harmonics 1-4 over the local running-median floor (**present**, (explained by another fault's lines)), and the ±1 sidebands of the fundamental (inner race: ± shaft, ball: ± FTF).\n\n")
	if opt.Segment == 0 {
		md.WriteString(recordTable(rs))
	} else {
		md.WriteString("Per-segment verdicts are in cwru.json.\n")
	}
	return &outcome{JSON: res, Markdown: md.String()}, nil
}
