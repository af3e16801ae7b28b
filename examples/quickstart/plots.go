package main

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

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
// snapshot with every expected line labelled in the chart: 1× and 2×
// shaft, and the first harmonics of each fault's line.
func plotEnvelope(path string, r *result) (bool, error) {
	shaft := r.src.analyzer.ShaftHz
	top := 2 * shaft
	for _, b := range r.bands {
		if b.Sideband == 0 {
			top = math.Max(top, b.Center)
		}
	}
	top = math.Ceil(top*1.08/10) * 10
	n := min(len(r.ses), int(top/r.sesDF)+1)
	top = float64(n-1) * r.sesDF
	f := make([]float64, n)
	peak := 1
	for k := range f {
		f[k] = float64(k) * r.sesDF
		if k > 0 && r.ses[k] > r.ses[peak] {
			peak = k
		}
	}
	fig := figure.New(fmt.Sprintf("Envelope spectrum at %.1f h: %s", r.sesHours, shortVerdict(r)),
		fmt.Sprintf("frequency (Hz), 0-%.0f Hz shown; envelope of the %.0f-%.0f Hz band", top, r.sesBand[0], r.sesBand[1]),
		"squared-envelope amplitude (g²)")
	fig.Line("envelope spectrum", f[1:], r.ses[1:n], figure.Black, false)
	for h := 1; h <= 2; h++ {
		label := ""
		if h == 1 {
			label = fmt.Sprintf("shaft speed %.2f Hz", shaft)
		}
		fig.Mark(label, fmt.Sprintf("%d× shaft", h), float64(h)*shaft, figure.Grey, true)
	}
	colours := map[fault.Kind]figure.Colour{
		fault.OuterRace: figure.Orange, fault.InnerRace: figure.Green, fault.Ball: figure.Purple, fault.Cage: figure.Sky,
	}
	for _, b := range r.bands {
		c, ok := colours[b.Fault]
		if !ok || b.Sideband != 0 || b.Center > top || (b.Fault == fault.Cage && b.Harmonic > 1) {
			continue
		}
		line := faultLine[b.Fault]
		label := ""
		if b.Harmonic == 1 {
			label = fmt.Sprintf("%s %.1f Hz (%s)", strings.Replace(line, "x", "×", 1), b.Center, kindWord(b.Fault))
		}
		fig.Mark(label, harmonicName(line, b.Harmonic), b.Center, c, true)
	}
	fig.Note(f[peak], r.ses[peak], fmt.Sprintf("%.1f Hz", f[peak]), figure.Black)
	fig.XRange(0, top)
	fig.Headroom(0.3)
	return true, fig.Save(path)
}

// harmonicName names harmonic h of a fault line: "BPFO", "2×BPFO"; the
// ball line 2xBSF gives "2×BSF", "4×BSF".
func harmonicName(line string, h int) string {
	if m, ok := strings.CutPrefix(line, "2x"); ok {
		return fmt.Sprintf("%d×%s", 2*h, m)
	}
	if h == 1 {
		return line
	}
	return fmt.Sprintf("%d×%s", h, line)
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
	v := r.diag.Verdict.String()
	if r.diag.Verdict.IsComponent() {
		v = kindWord(r.diag.Verdict) + " fault"
	}
	return fmt.Sprintf("diagnosis %s (confidence %.2f)", v, r.diag.Confidence)
}

// plotHealth draws the health indicator in two panels: the whole run on a
// log axis with the failure level and the forecast cone from the alarm,
// and a linear close-up of the healthy range where the alarm level sits
// just above the indicator's noise.
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
	level := r.steps[len(r.steps)-1].state.Level
	main := figure.New("Health indicator: vibration energy relative to the healthy baseline", "time (h)", "HI (log scale)")
	main.LogY()
	zoom := figure.New("Close-up of the healthy range", "time (h)", "HI (linear)")
	var first *step
	for i := range r.steps {
		if r.steps[i].forecast != nil {
			first = &r.steps[i]
			break
		}
	}
	if first != nil && r.fleet != nil {
		fc, t0, h0, fail := first.forecast, first.hours, first.state.HI, r.fleet.Failure
		far := math.Min(fc.Hi, 10*(fc.Median+1))
		main.Polygon(fmt.Sprintf("forecast at the alarm (%.1f h): 90 %% cone", t0),
			[]float64{t0, t0 + fc.Lo, t0 + far}, []float64{h0, fail, fail}, figure.Sky)
		main.Line("forecast median", []float64{t0, t0 + fc.Median}, []float64{h0, fail}, figure.Blue, true)
	}
	for i, fig := range []*figure.Figure{main, zoom} {
		legend := func(s string) string { // the close-up repeats no legend entry
			if i > 0 {
				return ""
			}
			return s
		}
		lv := fmt.Sprintf("alarm level %.4g", level)
		fig.Line(legend("health indicator (RMS² / baseline RMS²)"), t, hi, figure.Black, false)
		fig.HMark(legend(lv), lv, level, figure.Orange, true)
		if r.src.truthKnown {
			fig.Mark(legend("simulated fault onset and failure"), "onset", r.src.onset, figure.Grey, true)
			fig.Mark("", "failure", r.src.failure, figure.Grey, false)
		}
		if r.alarmed {
			fig.Mark(legend(fmt.Sprintf("alarm raised at %.1f h", r.raised)), "alarm", r.raised, figure.Orange, false)
		}
	}
	if r.fleet != nil {
		main.HMark(fmt.Sprintf("failure level %.3g (fleet median)", r.fleet.Failure), fmt.Sprintf("failure level %.3g", r.fleet.Failure), r.fleet.Failure, figure.Red, false)
	}
	main.Headroom(0.15)
	// The close-up spans the healthy noise and the alarm level.
	lo := math.Inf(1)
	for _, v := range hi {
		lo = math.Min(lo, v)
	}
	span := level - lo
	zoom.YRange(lo-0.2*span, level+1.5*span)
	zoom.Headroom(0)
	return true, figure.SaveStack(path, []float64{0.75, 0.5}, main, zoom)
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
	// The axis spans the finite medians and the truth, but at most twice
	// the longest true remaining life: a forecast of "never" (+Inf) or far
	// beyond the truth runs off the top rather than flattening the rest.
	ymax, tmax := 0.0, 0.0
	for i := range t {
		if !math.IsInf(med[i], 0) {
			ymax = math.Max(ymax, med[i])
		}
		if !math.IsNaN(truth[i]) {
			tmax = math.Max(tmax, truth[i])
		}
	}
	if tmax > 0 {
		ymax = math.Min(math.Max(ymax, tmax), 2*tmax)
	}
	if !(ymax > 0) {
		ymax = 1
	}
	fig.YRange(0, 1.1*ymax)
	return true, fig.Save(path)
}
