package main

import (
	"fmt"
	"io"
	"math"

	"github.com/spindle-pdm/spindle/rul/asset"
)

// report prints the health report of r to w.
func report(w io.Writer, r *result) {
	src := r.src
	first, last := r.steps[0], r.steps[len(r.steps)-1]
	cfg := src.tracker
	fmt.Fprintf(w, "Spindle quick start: %s\n", src.name)
	fmt.Fprintf(w, "  %d snapshots from %.1f h to %.1f h, %d samples at %.0f Hz each\n",
		len(r.steps), first.hours, last.hours, src.analyzer.Samples, src.analyzer.Rate)
	fmt.Fprintf(w, "  pipeline: RMS and kurtosis per snapshot (features.Extractor) -> alarm on RMS² at a data-driven\n")
	fmt.Fprintf(w, "            level (anomaly.HealthyEVT) -> bearing diagnosis from the alarm on (bearing.Diagnoser: %s\n", src.analyzer.Bearing.Name)
	fmt.Fprintf(w, "            at %.2f Hz shaft speed) -> exponential degradation model (rul, RobustNoise) after the alarm\n\n", src.analyzer.ShaftHz)
	fmt.Fprintln(w, "Detection")
	if !r.learned {
		fmt.Fprintf(w, "  not possible with this data: the alarm level is learned from the first %d snapshots of a run\n", cfg.Baseline)
		fmt.Fprintf(w, "  (its healthy baseline) and this run has %d, so no snapshot was tested for an alarm.\n", len(r.steps))
		fmt.Fprintf(w, "  Done without a baseline: RMS and kurtosis per snapshot and the bearing diagnosis below.\n")
		fmt.Fprintf(w, "  Give a run of at least %d snapshots (e.g. the FEMTO learning set: -data <Learning_set.zip> -bearing Bearing1_1).\n", cfg.Baseline)
	} else {
		lv := r.steps[len(r.steps)-1].state.Level
		fmt.Fprintf(w, "  health indicator HI = RMS² / baseline RMS² (vibration energy relative to healthy; 1 = healthy)\n")
		fmt.Fprintf(w, "  baseline (first %d snapshots): RMS %.4f g; alarm when HI > %.3f (RMS %.4f g) in %d snapshots in a row,\n",
			cfg.Baseline, math.Sqrt(r.mu), lv, math.Sqrt(lv*r.mu), runLen(cfg))
		if cfg.PFA > 0 {
			fmt.Fprintf(w, "  the HI that healthy snapshots exceed with probability %g each (generalised Pareto fit of the baseline's tail)\n", cfg.PFA)
		} else {
			fmt.Fprintf(w, "  1 + %g σ of the baseline\n", sigmas(cfg))
		}
	}
	if src.truthKnown {
		fmt.Fprintf(w, "  fault onset (simulated)                 %7.1f h\n", src.onset)
	}
	switch {
	case !r.learned:
	case r.alarmed:
		fmt.Fprintf(w, "  alarm raised                            %7.1f h  (above the level since %.1f h)", r.raised, r.alarmFirst)
		if src.truthKnown {
			fmt.Fprintf(w, ": %.1f h after onset, %.1f h before failure", r.raised-src.onset, src.failure-r.raised)
		}
		fmt.Fprintln(w)
	default:
		fmt.Fprintf(w, "  alarm                                   none: RMS stayed within the baseline's alarm level\n")
	}
	fmt.Fprintln(w)

	reportDiagnosis(w, r)
	fmt.Fprintln(w)

	fmt.Fprintln(w, "Remaining useful life")
	switch {
	case r.fleet == nil && r.fleetErr != nil:
		fmt.Fprintf(w, "  insufficient history: %v\n", r.fleetErr)
		return
	case r.fleet == nil:
		fmt.Fprintf(w, "  insufficient history: %s\n", orDefault(src.noForecastReason, "no past runs to failure of this machine type to learn a degradation prior from"))
		return
	}
	f := r.fleet
	fmt.Fprintf(w, "  model: exponential degradation HI = 1 + θ·exp(β·t + ε), t from the alarm, updated online (rul.ExponentialModel);\n")
	fmt.Fprintf(w, "  prior and failure level (HI %.2f, the median of their HI at failure) learned from %d past runs:\n", f.Failure, len(f.Units))
	for _, u := range f.Units {
		if u.Alarmed {
			fmt.Fprintf(w, "    %-16s alarm at %6.1f h, failed at %6.1f h, HI at failure %.2f\n", u.Name, u.AlarmFirst, u.End, u.FinalHI)
		} else {
			fmt.Fprintf(w, "    %-16s no alarm before its end at %.1f h (not used)\n", u.Name, u.End)
		}
	}
	if !r.learned {
		fmt.Fprintln(w, "  no forecast: forecasts start at an alarm, and without a baseline there is no alarm")
		return
	}
	if !r.alarmed {
		fmt.Fprintln(w, "  no forecast: no alarm yet (the model is updated from the alarm on)")
		return
	}
	fmt.Fprintf(w, "  %8s %14s %14s %22s %8s\n", "at (h)", "true RUL (h)", "median (h)", "90 % interval (h)", "inside")
	for _, s := range forecastRows(r) {
		truth := r.truthRUL(s.hours)
		in := "-"
		if !math.IsNaN(truth) {
			in = "no"
			if s.forecast.Lo <= truth && truth <= s.forecast.Hi {
				in = "yes"
			}
		}
		fmt.Fprintf(w, "  %8.1f %14s %14.1f %22s %8s\n", s.hours, num(truth), s.forecast.Median,
			fmt.Sprintf("[%.1f, %.1f]", s.forecast.Lo, s.forecast.Hi), in)
	}
	if in, n := coverage(r); n > 0 {
		fmt.Fprintf(w, "  the truth lies inside the 90 %% interval in %d of the %d rows above, and in %d of all %d forecasts after the alarm (%.0f %%)\n",
			in.rows, in.rowsN, in.all, n, 100*float64(in.all)/float64(n))
	}
	fmt.Fprintln(w, "  (noise model rul.RobustNoise(): AR(1) residuals, forgetting, noise carried into the threshold crossing)")
	if r.skipped > 0 {
		fmt.Fprintf(w, "  (%d post-alarm values at or below HI 1 were not absorbed by the model)\n", r.skipped)
	}
}

// covered counts forecasts whose 90 % interval holds the true RUL.
type covered struct{ rows, rowsN, all int }

// coverage returns the coverage of the tabulated rows and of every
// forecast, and the number of forecasts with a known truth (0: none).
func coverage(r *result) (covered, int) {
	var c covered
	n := 0
	inside := func(s step) (bool, bool) {
		truth := r.truthRUL(s.hours)
		if math.IsNaN(truth) {
			return false, false
		}
		return s.forecast.Lo <= truth && truth <= s.forecast.Hi, true
	}
	for _, s := range r.steps {
		if s.forecast == nil {
			continue
		}
		if in, ok := inside(s); ok {
			n++
			if in {
				c.all++
			}
		}
	}
	for _, s := range forecastRows(r) {
		if in, ok := inside(s); ok {
			c.rowsN++
			if in {
				c.rows++
			}
		}
	}
	return c, n
}

// forecastRows picks the steps to tabulate: the first forecast and those
// at 25, 50, 75 and 90 % of the way from it to the last snapshot.
func forecastRows(r *result) []step {
	var fc []step
	for _, s := range r.steps {
		if s.forecast != nil {
			fc = append(fc, s)
		}
	}
	if len(fc) == 0 {
		return nil
	}
	t0, t1 := fc[0].hours, fc[len(fc)-1].hours
	out := []step{fc[0]}
	for _, p := range []float64{0.25, 0.5, 0.75, 0.9} {
		target := t0 + p*(t1-t0)
		k := 0
		for k+1 < len(fc) && fc[k+1].hours <= target {
			k++
		}
		if fc[k].hours > out[len(out)-1].hours {
			out = append(out, fc[k])
		}
	}
	return out
}

func num(v float64) string {
	if math.IsNaN(v) {
		return "unknown"
	}
	return fmt.Sprintf("%.1f", v)
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func sigmas(c asset.TrackerConfig) float64 {
	if c.Sigmas == 0 {
		return 6
	}
	return c.Sigmas
}

func runLen(c asset.TrackerConfig) int {
	if c.Run == 0 {
		return 3
	}
	return c.Run
}
