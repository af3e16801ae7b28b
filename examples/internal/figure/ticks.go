package figure

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceTicks labels a linear axis with about eight round values (steps of
// 1, 2, 2.5 or 5 times a power of ten), written with the fewest decimals
// that the step needs, the same for every label of the axis ("250", not
// "250.00"; "0.98", "1.00", "1.02"), and 0 as "0".
type niceTicks struct{}

// Ticks implements plot.Ticker.
func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return []plot.Tick{{Value: lo, Label: formatTick(lo, 1)}}
	}
	step := niceStep((hi - lo) / 7)
	minor := step / 5
	if m := step / math.Pow(10, math.Floor(math.Log10(step))); m == 2.5 || m == 2 {
		minor = step / 4
	}
	if m := step / math.Pow(10, math.Floor(math.Log10(step))); m == 2 {
		minor = step / 2
	}
	var ticks []plot.Tick
	for i := math.Ceil(lo / minor); i*minor <= hi*(1+1e-12)+1e-300; i++ {
		v := i * minor
		if math.Abs(v) < minor*1e-9 {
			v = 0
		}
		t := plot.Tick{Value: v}
		if r := math.Remainder(v, step); math.Abs(r) < minor*1e-6 {
			t.Label = formatTick(v, step)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// niceStep rounds x up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// formatTick writes v with the decimals that step needs.
func formatTick(v, step float64) string {
	dec := 0
	for s := step; dec < 10 && math.Abs(s-math.Round(s)) > 1e-9*step; s *= 10 {
		dec++
	}
	if v == 0 {
		return "0"
	}
	if a := math.Abs(v); a >= 1e6 || a < 1e-4 {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// logTicks labels a log axis at 1, 2 and 5 times each power of ten when it
// spans fewer than three decades (every decade otherwise), plus extra
// labelled values.
type logTicks struct{}

// Ticks implements plot.Ticker.
func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi > lo) {
		return nil
	}
	mults := []float64{1, 2, 5}
	if hi/lo > 1000 {
		mults = []float64{1}
	}
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		p := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			v := m * p
			if v < lo*(1-1e-12) || v > hi*(1+1e-12) {
				continue
			}
			t := plot.Tick{Value: v}
			for _, k := range mults {
				if m == k {
					t.Label = strconv.FormatFloat(v, 'g', -1, 64)
				}
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}
