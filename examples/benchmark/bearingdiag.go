package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/features"
)

// The cwru and mfpt suites share this: load each record, diagnose it with
// bearing.NewDiagnoser(bearing.DiagnoserConfig{}) — the defaults, as a
// user would — and grade the verdict against the record's seeded fault.

// diagRecord is one record's diagnosis, as written to <suite>.json.
type diagRecord struct {
	Record     string  `json:"record"`
	Truth      string  `json:"truth"`
	Detail     string  `json:"detail,omitempty"` // defect size, load, position
	ShaftHz    float64 `json:"shaft_hz"`
	Verdict    string  `json:"verdict"`
	Confidence float64 `json:"confidence"`
	// Outcome is "correct" (the seeded fault, or healthy for a normal
	// record), "wrong" (another fault type, or a fault on a normal
	// record), "unknown" (the diagnoser declined) or "missed" (healthy
	// for a faulty record).
	Outcome  string `json:"outcome"`
	Evidence string `json:"evidence"`
	Reason   string `json:"reason"`
}

// diagInput is one record to diagnose.
type diagInput struct {
	record, detail string
	truth          fault.Kind
	x              []float64
	rate, shaftHz  float64
	// segment > 0 cuts x into consecutive windows of segment seconds,
	// each diagnosed on its own (record "<record>@<start>s"); the last
	// partial window is dropped.
	segment float64
}

// windows returns the signals to diagnose: x whole, or its segments, with
// the start of each in seconds.
func (in *diagInput) windows() (xs [][]float64, starts []float64) {
	if len(in.x) == 0 {
		return nil, nil // the record lacks the channel
	}
	if in.segment <= 0 {
		return [][]float64{in.x}, []float64{0}
	}
	w := int(in.segment * in.rate)
	for off := 0; w > 0 && off+w <= len(in.x); off += w {
		xs = append(xs, in.x[off:off+w])
		starts = append(starts, float64(off)/in.rate)
	}
	return xs, starts
}

// grade names the outcome of verdict v, given at confidence conf, for a
// record whose truth is truth: "correct", "unknown", "missed" (healthy on
// a faulty record), "healthy_on_faulty" (healthy at confidence ≥ 0.5 on a
// faulty record: the answer a maintenance user must never get) or
// "wrong".
func grade(truth, v fault.Kind, conf float64) string {
	switch {
	case v == truth:
		return "correct"
	case v == fault.Unknown:
		return "unknown"
	case v == fault.Healthy && conf >= 0.5:
		return "healthy_on_faulty"
	case v == fault.Healthy:
		return "missed"
	}
	return "wrong"
}

// diagnoseAll loads and diagnoses n records (load(i) reads record i) on
// bearing b, one worker per CPU, logging each to logw. The results keep
// the order of i.
func diagnoseAll(suite string, n int, b features.Bearing, load func(i int) (*diagInput, error), logw io.Writer) ([]diagRecord, error) {
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	if err != nil {
		return nil, err
	}
	out := make([][]diagRecord, n)
	errs := make([]error, n)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	next := make(chan int)
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var d *bearing.Diagnosis
			for i := range next {
				in, err := load(i)
				if err != nil {
					errs[i] = err
					continue
				}
				xs, starts := in.windows()
				for k, x := range xs {
					if d, err = dg.DiagnoseTo(d, x, in.rate, in.shaftHz, b); err != nil {
						errs[i] = fmt.Errorf("%s at %g s: %w", in.record, starts[k], err)
						break
					}
					r := diagRecord{
						Record: in.record, Truth: in.truth.String(), Detail: in.detail, ShaftHz: in.shaftHz,
						Verdict: d.Verdict.String(), Confidence: d.Confidence, Outcome: grade(in.truth, d.Verdict, d.Confidence),
						Evidence: keyEvidence(d), Reason: d.Reason,
					}
					if in.segment > 0 {
						r.Record = fmt.Sprintf("%s@%gs", in.record, starts[k])
					}
					out[i] = append(out[i], r)
				}
				mu.Lock()
				done++
				if rs := out[i]; len(rs) == 0 {
					fmt.Fprintf(logw, "benchmark %s: [%d/%d] %s: no such channel, skipped\n", suite, done, n, in.record)
				} else if len(rs) == 1 {
					fmt.Fprintf(logw, "benchmark %s: [%d/%d] %s: truth %v, verdict %s (%.2f), %s\n",
						suite, done, n, in.record, in.truth, rs[0].Verdict, rs[0].Confidence, rs[0].Outcome)
				} else {
					fmt.Fprintf(logw, "benchmark %s: [%d/%d] %s: truth %v, %d segments\n", suite, done, n, in.record, in.truth, len(rs))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	var flat []diagRecord
	for _, rs := range out {
		flat = append(flat, rs...)
	}
	return flat, nil
}

// keyEvidence summarises the evidence behind a verdict: the verdict's
// fault (or, for healthy and unknown, the strongest fault), its best
// method and band, the fitted fundamental and its deviation from the
// kinematic line, the prominence of each harmonic over the local floor
// (present lines in bold, lines explained by another fault in
// parentheses), and the ±1 sidebands of the fundamental.
func keyEvidence(d *bearing.Diagnosis) string {
	e := d.Fault(d.Verdict)
	if e == nil {
		for i := range d.Evidence {
			if e == nil || d.Evidence[i].Score > e.Score {
				e = &d.Evidence[i]
			}
		}
	}
	if e == nil || len(e.Harmonics) == 0 {
		return "–"
	}
	h := make([]string, len(e.Harmonics))
	for i, l := range e.Harmonics {
		h[i] = fmt.Sprintf("%.1f", l.ProminenceDB)
		switch {
		case l.Explained:
			h[i] = "(" + h[i] + ")"
		case l.Present:
			h[i] = "**" + h[i] + "**"
		}
	}
	var sb []string
	for _, l := range e.Sidebands {
		if l.Harmonic == 1 {
			sb = append(sb, fmt.Sprintf("%.1f", l.ProminenceDB))
		}
	}
	side := ""
	if len(sb) > 0 {
		side = "; h1 sidebands " + strings.Join(sb, "/") + " dB"
	}
	return fmt.Sprintf("%v %v %.0f–%.0f Hz: f=%.2f Hz (%+.2f %%), h1..h%d %s dB%s",
		e.Fault, e.Method, e.Band[0], e.Band[1], e.Fundamental, e.Harmonics[0].ErrorPct,
		len(e.Harmonics), strings.Join(h, " / "), side)
}

// diagCounts tallies outcomes over records.
type diagCounts struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
	Wrong   int `json:"wrong"`
	Unknown int `json:"unknown"`
	Missed  int `json:"missed"`
	// HealthyOnFaulty counts faulty records (or segments) called healthy
	// at confidence ≥ 0.5; they are not counted in Missed.
	HealthyOnFaulty int `json:"healthy_on_faulty"`
}

func countOutcomes(rs []diagRecord) diagCounts {
	c := diagCounts{Total: len(rs)}
	for _, r := range rs {
		switch r.Outcome {
		case "correct":
			c.Correct++
		case "wrong":
			c.Wrong++
		case "unknown":
			c.Unknown++
		case "missed":
			c.Missed++
		case "healthy_on_faulty":
			c.HealthyOnFaulty++
		}
	}
	return c
}

// reasonCount is how many faulty records (or segments) the diagnoser
// declined for one reason.
type reasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
	// Records lists them (record names; at most maxReasonRecords, then
	// "…").
	Records []string `json:"records"`
}

// maxReasonRecords bounds the records listed per reason.
const maxReasonRecords = 20

// unknownReasons tallies the Reason of every unknown outcome of rs (why
// the diagnoser declined), most frequent first, ties in order of first
// appearance.
func unknownReasons(rs []diagRecord) []reasonCount {
	var out []reasonCount
	at := map[string]int{}
	for _, r := range rs {
		if r.Outcome != "unknown" {
			continue
		}
		i, ok := at[r.Reason]
		if !ok {
			i = len(out)
			at[r.Reason] = i
			out = append(out, reasonCount{Reason: r.Reason})
		}
		c := &out[i]
		c.Count++
		switch {
		case len(c.Records) < maxReasonRecords:
			c.Records = append(c.Records, r.Record)
		case len(c.Records) == maxReasonRecords:
			c.Records = append(c.Records, "…")
		}
	}
	slices.SortStableFunc(out, func(a, b reasonCount) int { return b.Count - a.Count })
	return out
}

// reasonTable is the markdown form of unknownReasons(rs).
func reasonTable(rs []diagRecord) string {
	var b strings.Builder
	b.WriteString("| why not diagnosed (Diagnosis.Reason) | count | records |\n|---|---|---|\n")
	for _, c := range unknownReasons(rs) {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", c.Reason, c.Count, strings.Join(c.Records, ", "))
	}
	return b.String()
}

// byTruthTable is the markdown summary of outcomes per true fault type.
func byTruthTable(rs []diagRecord) string {
	var b strings.Builder
	b.WriteString("| truth | records | correct | wrong fault type | unknown | missed (healthy) |\n|---|---|---|---|---|---|\n")
	var order []string
	groups := map[string][]diagRecord{}
	for _, r := range rs {
		if groups[r.Truth] == nil {
			order = append(order, r.Truth)
		}
		groups[r.Truth] = append(groups[r.Truth], r)
	}
	for _, t := range order {
		c := countOutcomes(groups[t])
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", t, c.Total, c.Correct, c.Wrong, c.Unknown, c.Missed)
	}
	c := countOutcomes(rs)
	fmt.Fprintf(&b, "| **all** | **%d** | **%d** | **%d** | **%d** | **%d** |\n", c.Total, c.Correct, c.Wrong, c.Unknown, c.Missed)
	return b.String()
}

// recordTable is the markdown table of every record's diagnosis.
func recordTable(rs []diagRecord) string {
	var b strings.Builder
	b.WriteString("| record | truth | detail | shaft (Hz) | verdict | confidence | outcome | key evidence |\n|---|---|---|---|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %s | %s | %.3f | %s | %.2f | %s | %s |\n",
			r.Record, r.Truth, r.Detail, r.ShaftHz, r.Verdict, r.Confidence, r.Outcome, r.Evidence)
	}
	return b.String()
}

// calibrationRow is one row of a reliability table: among the verdicts
// (Unknown excluded) given at confidence ≥ MinConfidence, the fraction
// that is right. A calibrated diagnoser keeps Right ≥ MinConfidence.
type calibrationRow struct {
	MinConfidence float64 `json:"min_confidence"`
	Verdicts      int     `json:"verdicts"`
	Right         float64 `json:"right"`
}

// calibration returns the reliability table of rs at c = 0, 0.1, …, 0.9.
func calibration(rs []diagRecord) []calibrationRow {
	var out []calibrationRow
	for i := 0; i < 10; i++ {
		row := calibrationRow{MinConfidence: float64(i) / 10}
		ok := 0
		for _, r := range rs {
			if r.Verdict != fault.Unknown.String() && r.Confidence >= row.MinConfidence {
				row.Verdicts++
				if r.Outcome == "correct" {
					ok++
				}
			}
		}
		if row.Verdicts > 0 {
			row.Right = float64(ok) / float64(row.Verdicts)
		}
		out = append(out, row)
	}
	return out
}

// calibrationTable is the markdown form of calibration(rs).
func calibrationTable(rs []diagRecord) string {
	var b strings.Builder
	b.WriteString("| confidence ≥ | verdicts (unknown excluded) | right |\n|---|---|---|\n")
	for _, r := range calibration(rs) {
		fmt.Fprintf(&b, "| %.1f | %d | %.3f |\n", r.MinConfidence, r.Verdicts, r.Right)
	}
	return b.String()
}
