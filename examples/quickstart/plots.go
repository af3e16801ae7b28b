package main

import (
	"fmt"
	"math"
	"path/filepath"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/examples/internal/figure"
)

// writePlots writes the quick start's charts to dir and returns their paths.
func writePlots(dir string, r *result) ([]string, error) {
	var paths []string
	for _, p := range []struct {
		name string
		draw func(string, *result) (bool, error)
	}{
		{"envelope.png", plotEnvelope},
		{"health.png", plotHealth},
		{"rul.png", plotRUL},
	} {
		path := filepath.Join(dir, p.name)
		ok, err := p.draw(path, r)
		if err != nil {
			return paths, fmt.Errorf("%s: %w", path, err)
		}
		if ok {
			paths = append(paths, path)
		}
	}
	return paths, nil
}

// plotEnvelope draws the squared-envelope spectrum of the reported
// snapshot with the expected fault lines.
func plotEnvelope(path string, r *result) (bool, error) {
	top := 0.0
	for _, b := range r.bands {
		top = math.Max(top, b.Hi)
	}
	top *= 1.1
	n := min(len(r.ses), int(top/r.sesDF)+1)
	f := make([]float64, n)
	for k := range f {
		f[k] = float64(k) * r.sesDF
	}
	fig := figure.New(fmt.Sprintf("Squared-envelope spectrum at %.1f h (band %.0f-%.0f Hz): %s",
		r.sesHours, r.sesBand[0], r.sesBand[1], shortVerdict(r)), "frequency (Hz)", "squared-envelope amplitude (g²)")
	fig.Line("envelope spectrum", f[1:], r.ses[1:n], figure.Black, false)
	colours := map[fault.Kind]struct {
		c     figure.Colour
		shown bool
	}{
		fault.OuterRace: {c: figure.Orange}, fault.InnerRace: {c: figure.Green}, fault.Ball: {c: figure.Purple},
	}
	for _, b := range r.bands {
		e, ok := colours[b.Fault]
		if !ok || b.Sideband != 0 {
			continue
		}
		label := ""
		if !e.shown {
			label = fmt.Sprintf("%v harmonics (%s)", b.Fault, kindWord(b.Fault))
			e.shown = true
			colours[b.Fault] = e
		}
		fig.VLine(label, b.Center, e.c, true)
	}
	fig.XRange(0, top)
	return true, fig.Save(path)
}

func kindWord(k fault.Kind) string {
	switch k {
	case fault.OuterRace:
		return "outer race"
	case fault.InnerRace:
		return "inner race"
	case fault.Ball:
		return "ball"
	}
	return "cage"
}

func shortVerdict(r *result) string {
	if r.diag == nil {
		return "no diagnosis"
	}
	return fmt.Sprintf("diagnosis %v (confidence %.2f)", r.diag.Verdict, r.diag.Confidence)
}

// plotHealth draws the health indicator with the alarm and failure levels,
// the simulated onset and failure, the alarm, and the failure time
// forecast at the alarm.
func plotHealth(path string, r *result) (bool, error) {
	if !r.learned {
		return false, nil
	}
	var t, hi []float64
	for _, s := range r.steps {
		if !s.state.Learning {
			t = append(t, s.hours)
			hi = append(hi, s.state.HI)
		}
	}
	fig := figure.New("Health indicator: vibration energy relative to the healthy baseline", "time (h)", "HI = RMS² / baseline RMS² (log scale)")
	fig.LogY()
	fig.LegendLeft()
	var first *step
	for i := range r.steps {
		if r.steps[i].forecast != nil {
			first = &r.steps[i]
			break
		}
	}
	if first != nil {
		fc := first.forecast
		fig.Span(fmt.Sprintf("failure time forecast at %.0f h: 90 %% interval", first.hours), first.hours+fc.Lo, first.hours+math.Min(fc.Hi, 10*(fc.Median+1)), figure.Sky)
		fig.VLine("forecast median", first.hours+fc.Median, figure.Blue, true)
	}
	fig.Line("health indicator", t, hi, figure.Black, false)
	fig.HLine("alarm level", r.steps[len(r.steps)-1].state.Level, figure.Orange, true)
	if r.fleet != nil {
		fig.HLine("failure level (fleet)", r.fleet.Failure, figure.Red, true)
	}
	if r.src.truthKnown {
		fig.VLine("simulated onset", r.src.onset, figure.Grey, true)
		fig.VLine("simulated failure", r.src.failure, figure.Red, false)
	}
	if r.alarmed {
		fig.VLine("alarm", r.raised, figure.Orange, false)
	}
	// Head room above the data for the legend.
	lo, top := math.Inf(1), r.steps[len(r.steps)-1].state.Level
	for _, v := range hi {
		lo, top = math.Min(lo, v), math.Max(top, v)
	}
	if r.fleet != nil {
		top = math.Max(top, r.fleet.Failure)
	}
	fig.YRange(0.9*lo, top*math.Pow(top/(0.9*lo), 0.6))
	return true, fig.Save(path)
}

// plotRUL draws every forecast after the alarm against the true remaining
// life.
func plotRUL(path string, r *result) (bool, error) {
	var t, med, lo, hi, truth []float64
	for _, s := range r.steps {
		if s.forecast == nil {
			continue
		}
		t = append(t, s.hours)
		med = append(med, s.forecast.Median)
		lo = append(lo, s.forecast.Lo)
		hi = append(hi, s.forecast.Hi)
		truth = append(truth, r.truthRUL(s.hours))
	}
	if len(t) == 0 {
		return false, nil
	}
	fig := figure.New("Remaining useful life forecast after the alarm", "time (h)", "remaining useful life (h)")
	fig.Band("90 % interval", t, lo, hi, figure.Sky)
	fig.Line("forecast median", t, med, figure.Blue, false)
	fig.Line("true remaining life", t, truth, figure.Red, true)
	ymax := 0.0
	for i := range t {
		ymax = math.Max(ymax, math.Max(med[i], truth[i]))
	}
	fig.YRange(0, 1.6*ymax)
	return true, fig.Save(path)
}
