package main

import (
	"fmt"
	"io"

	"github.com/spindle-pdm/spindle/features/fault"
)

// faultLine names each fault's kinematic line in the report.
var faultLine = map[fault.Kind]string{
	fault.OuterRace: "BPFO", fault.InnerRace: "BPFI", fault.Ball: "2xBSF", fault.Cage: "FTF",
}

// reportDiagnosis prints the bearing diagnosis of the reported snapshot:
// verdict, confidence and reason, the harmonic evidence of the diagnosed
// fault (BPFO for an outer-race fault; the strongest fault's when the
// verdict is healthy or unknown), and every fault's score.
func reportDiagnosis(w io.Writer, r *result) {
	fmt.Fprintln(w, "Diagnosis (bearing.Diagnoser, default configuration)")
	if r.alarmed && r.raised != r.sesHours && r.atAlarm.reason != "" {
		a := r.atAlarm
		fmt.Fprintf(w, "  alarm snapshot at %.1f h: %v, confidence %.2f (%s)\n", r.raised, a.verdict, a.confidence, a.reason)
		fmt.Fprintf(w, "  diagnosing each later snapshot: first fault verdict at %.1f h\n", r.sesHours)
	}
	if r.diagErr != nil {
		fmt.Fprintf(w, "  no diagnosis of the snapshot at %.1f h: %v\n", r.sesHours, r.diagErr)
		return
	}
	d := r.diag
	which := "snapshot"
	if !r.alarmed {
		which = "last snapshot (no alarm chose one)"
	}
	fmt.Fprintf(w, "  %s at %.1f h: verdict %v, confidence %.2f", which, r.sesHours, d.Verdict, d.Confidence)
	if r.src.truthFault != "" {
		fmt.Fprintf(w, "   [simulated fault: %s]", r.src.truthFault)
	}
	fmt.Fprintf(w, "\n  reason: %s\n", d.Reason)
	e := shownEvidence(d)
	if e == nil || len(e.Harmonics) == 0 {
		return
	}
	line := faultLine[e.Fault]
	fmt.Fprintf(w, "  %s evidence (%s envelope, band %.0f-%.0f Hz): fitted %s %.2f Hz, kinematic %.2f Hz\n",
		e.Fault, e.Method, e.Band[0], e.Band[1], line, e.Fundamental, e.Harmonics[0].ExpectedFreq)
	fmt.Fprintf(w, "  %-10s %12s %12s %12s\n", "line", "expected Hz", "found at Hz", "prominence")
	for _, h := range e.Harmonics {
		state := "below the line threshold"
		switch {
		case h.Explained:
			state = "explained by another fault"
		case h.Present:
			state = "present"
		}
		fmt.Fprintf(w, "  %-10s %12.1f %12.1f %9.1f dB  %s\n", fmt.Sprintf("%s h%d", line, h.Harmonic), h.ExpectedFreq, h.Freq, h.ProminenceDB, state)
	}
	fmt.Fprintf(w, "  fault scores:")
	for _, f := range d.Evidence {
		fmt.Fprintf(w, " %v %.2f", f.Fault, f.Score)
	}
	fmt.Fprintln(w)
}
