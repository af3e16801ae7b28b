package main

import (
	"fmt"
	"io"
	"runtime"
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
}

// grade names the outcome of verdict v for a record whose truth is truth.
func grade(truth, v fault.Kind) string {
	switch {
	case v == truth:
		return "correct"
	case v == fault.Unknown:
		return "unknown"
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
	out := make([]diagRecord, n)
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
				if err == nil {
					d, err = dg.DiagnoseTo(d, in.x, in.rate, in.shaftHz, b)
				}
				if err != nil {
					errs[i] = err
					continue
				}
				out[i] = diagRecord{
					Record: in.record, Truth: in.truth.String(), Detail: in.detail, ShaftHz: in.shaftHz,
					Verdict: d.Verdict.String(), Confidence: d.Confidence, Outcome: grade(in.truth, d.Verdict),
					Evidence: keyEvidence(d), Reason: d.Reason,
				}
				mu.Lock()
				done++
				fmt.Fprintf(logw, "benchmark %s: [%d/%d] %s: truth %v, verdict %v (%.2f), %s\n",
					suite, done, n, in.record, in.truth, d.Verdict, d.Confidence, out[i].Outcome)
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
	return out, nil
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
		}
	}
	return c
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
