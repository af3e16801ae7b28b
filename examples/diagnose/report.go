package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/anomaly"
)

// report is the output for one file: where the inputs came from, the
// verdict and its evidence. JSON keys are snake_case; frequencies in Hz.
type report struct {
	File       string  `json:"file"`
	Format     string  `json:"format"`
	Channel    string  `json:"channel"`
	Samples    int     `json:"samples"`
	RateHz     float64 `json:"rate_hz"`
	RateSource string  `json:"rate_source"`
	// AnalysisRateHz is the rate the diagnosis analysed
	// (bearing.Diagnosis.AnalysisRate): RateHz, or lower when the band
	// above was empty; absent for order-tracked diagnoses.
	AnalysisRateHz float64 `json:"analysis_rate_hz,omitempty"`
	// RPM is the shaft speed given (the file's, -rpm), the mean speed when
	// OrderTracked; ShaftHz is the speed diagnosed, which differs when
	// -rpm-tolerance read it from the signal.
	RPM float64 `json:"rpm"`
	// SpeedRead tells that the shaft speed was read from the signal within
	// -rpm-tolerance of RPM (ShaftHz is the speed read); false when the
	// signal showed too few shaft lines to read it and RPM was used.
	SpeedRead bool   `json:"speed_read,omitempty"`
	RPMSource string `json:"rpm_source"`
	Bearing   string `json:"bearing"`
	// Label is the data set's own fault label (see recording.Label).
	Label      string     `json:"label,omitempty"`
	Verdict    fault.Kind `json:"verdict"`
	Confidence float64    `json:"confidence"`
	ShaftHz    float64    `json:"shaft_hz"`
	BPFOHz     float64    `json:"bpfo_hz"`
	BPFIHz     float64    `json:"bpfi_hz"`
	BSFHz      float64    `json:"bsf_hz"`
	FTFHz      float64    `json:"ftf_hz"`
	Method     string     `json:"method"`
	BandHz     [2]float64 `json:"band_hz"`
	Reason     string     `json:"reason"`
	// OrderTracked tells that the signal was resampled to shaft angle
	// (-tacho or -speed) and diagnosed in orders; its frequencies in Hz
	// are then those at the mean speed, and OrderTracking says how.
	OrderTracked  bool                   `json:"order_tracked"`
	OrderTracking *bearing.OrderTracking `json:"order_tracking,omitempty"`
	// Evidence holds one entry per fault type: outer_race, inner_race,
	// ball, cage.
	Evidence []bearing.FaultEvidence `json:"evidence"`
	// Health is what the signal shows for or against a healthy verdict
	// (bearing.Diagnosis.Health): cage revolutions, the most impulsive
	// band, and the comparison with -reference.
	Health bearing.HealthEvidence `json:"health"`
	// Saturation is the converter read back from the samples
	// (bearing.Diagnosis.Saturation); absent when the samples are not ADC
	// codes times a gain.
	Saturation *saturationReport `json:"saturation,omitempty"`
}

// saturationReport says whether the channel reached its converter's full
// scale, in which case peak-based evidence is a lower bound.
type saturationReport struct {
	Saturated     bool       `json:"saturated"`
	Bits          int        `json:"bits"`
	Step          float64    `json:"step"`
	Rails         [2]float64 `json:"rails"`
	SamplesAtRail int        `json:"samples_at_rails"`
	FirstAt       int        `json:"first_at"`
}

// newSaturationReport reports the converter the diagnosis read, or nil
// when it could not be read.
func newSaturationReport(s anomaly.Saturation) *saturationReport {
	if s.Step == 0 {
		return nil
	}
	return &saturationReport{
		Saturated: s.Saturated(), Bits: s.Bits, Step: s.Step, Rails: [2]float64{s.Min, s.Max},
		SamplesAtRail: s.AtMin + s.AtMax, FirstAt: s.FirstAt,
	}
}

// newReport combines a file's recording and its diagnosis.
func newReport(file string, r *recording, d *bearing.Diagnosis) *report {
	return &report{
		File: file, Format: r.Format, Channel: r.Channel, Samples: len(r.Signal),
		RateHz: r.Rate, RateSource: r.RateSource, RPM: r.RPM, RPMSource: r.RPMSource,
		Bearing: r.Bearing.Name, Label: r.Label,
		Verdict: d.Verdict, Confidence: d.Confidence, ShaftHz: d.ShaftHz,
		BPFOHz: d.Defects.BPFO, BPFIHz: d.Defects.BPFI, BSFHz: d.Defects.BSF, FTFHz: d.Defects.FTF,
		Method: d.Method, BandHz: d.Band, Reason: d.Reason, Evidence: d.Evidence,
		AnalysisRateHz: d.AnalysisRate, Health: d.Health,
		Saturation: newSaturationReport(d.Saturation),
	}
}

// reportWriter prints reports as JSON Lines or as a table.
type reportWriter interface {
	write(r *report) error
	flush() error
}

// jsonWriter writes one JSON object per line as each file is done.
type jsonWriter struct{ enc *json.Encoder }

func newJSONWriter(w io.Writer) *jsonWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonWriter{enc}
}

func (j *jsonWriter) write(r *report) error { return j.enc.Encode(r) }
func (j *jsonWriter) flush() error          { return nil }

// tableWriter aligns one row per file, printed when all files are done.
// The fault columns hold each fault's evidence score, starred when the
// evidence qualifies; "speed" is "fixed", "read" (from the signal, within
// -rpm-tolerance of the speed given), or "tracked" with the range of
// the shaft speed when the signal was order tracked; "clipped" counts the samples at the converter's full
// scale ("-" when it cannot be read).
type tableWriter struct{ tw *tabwriter.Writer }

var tableFaults = fault.Components()

func newTableWriter(w io.Writer) *tableWriter {
	t := &tableWriter{tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	cols := []string{"file", "verdict", "conf", "shaft Hz", "BPFO", "BPFI", "BSF", "FTF"}
	for _, f := range tableFaults {
		cols = append(cols, f.String())
	}
	cols = append(cols, "method", "speed", "clipped", "label")
	fmt.Fprintln(t.tw, strings.Join(cols, "\t"))
	return t
}

func (t *tableWriter) write(r *report) error {
	cells := []string{
		filepath.Base(r.File), r.Verdict.String(), fmt.Sprintf("%.2f", r.Confidence), fmt.Sprintf("%.2f", r.ShaftHz),
		fmt.Sprintf("%.1f", r.BPFOHz), fmt.Sprintf("%.1f", r.BPFIHz), fmt.Sprintf("%.1f", r.BSFHz), fmt.Sprintf("%.2f", r.FTFHz),
	}
	for _, f := range tableFaults {
		cell := "-"
		for _, e := range r.Evidence {
			if e.Fault == f {
				cell = fmt.Sprintf("%.2f", e.Score)
				if e.Qualified {
					cell += "*"
				}
			}
		}
		cells = append(cells, cell)
	}
	label := r.Label
	if label == "" {
		label = "-"
	}
	method := r.Method
	if method == "" {
		method = "-"
	}
	clipped := "-"
	if r.Saturation != nil {
		clipped = fmt.Sprint(r.Saturation.SamplesAtRail)
	}
	speed := "fixed"
	if r.SpeedRead {
		speed = "read"
	}
	if r.OrderTracked && r.OrderTracking != nil {
		speed = fmt.Sprintf("tracked %.1f-%.1f Hz", r.OrderTracking.MinShaftHz, r.OrderTracking.MaxShaftHz)
	}
	cells = append(cells, method, speed, clipped, label)
	_, err := fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
	return err
}

func (t *tableWriter) flush() error { return t.tw.Flush() }
