package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// ThermalAnomaly is the kind of an anomaly injected by SimulateThermal, and
// the per-sample label of its output.
type ThermalAnomaly int

const (
	// ThermalNormal labels samples with no injected anomaly.
	ThermalNormal ThermalAnomaly = iota
	// ThermalDrift is a linear ramp from 0 at the event's start to Magnitude
	// at its end (a fouled cooler, a failing bearing heating up, sensor
	// drift); the offset vanishes after the event.
	ThermalDrift
	// ThermalStep is a constant offset of Magnitude over the event (a
	// changed operating point, a recalibrated or swapped sensor).
	ThermalStep
	// ThermalSpike is an offset of Magnitude on the event's samples only,
	// one sample when Duration is 0 (a glitch, a transient).
	ThermalSpike
)

// String returns the kind's name.
func (k ThermalAnomaly) String() string {
	switch k {
	case ThermalNormal:
		return "normal"
	case ThermalDrift:
		return "drift"
	case ThermalStep:
		return "step"
	case ThermalSpike:
		return "spike"
	}
	return fmt.Sprintf("ThermalAnomaly(%d)", int(k))
}

// ThermalEvent is one anomaly to inject. It covers the samples whose time t
// satisfies Start ≤ t < Start+Duration; a Duration of 0 means to the end of
// the series for a step, the single first sample at or after Start for a
// spike, and is invalid for a drift.
type ThermalEvent struct {
	Kind      ThermalAnomaly
	Start     float64 // s from the start of the series
	Duration  float64 // s
	Magnitude float64 // offset in the series' unit (°C, kW, ...)
}

// ThermalSim configures SimulateThermal: a slowly varying machine
// temperature (°C) or power (kW) series — the simulator is unit-agnostic —
// sampled every Interval seconds from t = 0 at midnight:
//
//	y(t) = Base + DailyAmplitude·cos(2π(t − DailyPeak)/86400) + L(t) + noise + anomalies
//
// where L is the load response: LoadGain·Load(t) passed through a
// first-order lag of time constant TimeConstant (steady state LoadGain per
// unit load), and the noise is white Gaussian with standard deviation
// NoiseStd.
type ThermalSim struct {
	Interval float64 // sample spacing in s (e.g. 300 for 5-minute data)
	Samples  int     // number of samples

	Base           float64 // mean level
	DailyAmplitude float64 // amplitude of the 24-hour ambient cycle
	DailyPeak      float64 // time of day of the ambient maximum, s after midnight

	Load         func(t float64) float64 // load at time t in s (e.g. 0..1); nil: no load term
	LoadGain     float64                 // steady-state response per unit load
	TimeConstant float64                 // s, thermal lag of the load response (0: none)

	NoiseStd float64        // standard deviation of the white noise (≥ 0)
	Events   []ThermalEvent // anomalies to inject
	Seed     uint64         // seed of the noise
}

// ThermalSeries is a simulated series with its ground truth.
type ThermalSeries struct {
	Values   []float64        // the series, Values[i] at time i·Interval
	Labels   []ThermalAnomaly // per-sample kind of anomaly (ThermalNormal where none)
	Spans    []ThermalSpan    // where each event landed, in the order of ThermalSim.Events
	Interval float64          // sample spacing in s
}

// ThermalSpan gives the samples [First, End) that event Event covers.
type ThermalSpan struct {
	Event      ThermalEvent
	First, End int
}

// SimulateThermal generates the series described by cfg, with per-sample
// labels of the injected anomalies (where events overlap, the later event's
// kind labels the sample; the offsets add). The noise does not depend on the
// events: the same seed with and without events gives series that differ by
// exactly the injected offsets.
func SimulateThermal(cfg ThermalSim) (*ThermalSeries, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	n := cfg.Samples
	out := &ThermalSeries{Values: make([]float64, n), Labels: make([]ThermalAnomaly, n), Interval: cfg.Interval}
	y := out.Values
	rng := rand.New(rand.NewPCG(cfg.Seed, simStreamNoise))
	alpha := 1.0
	if cfg.TimeConstant > 0 {
		alpha = -math.Expm1(-cfg.Interval / cfg.TimeConstant)
	}
	var lag float64
	for i := range y {
		t := float64(i) * cfg.Interval
		v := cfg.Base + cfg.DailyAmplitude*math.Cos(2*math.Pi*(t-cfg.DailyPeak)/86400)
		if cfg.Load != nil {
			target := cfg.LoadGain * cfg.Load(t)
			if i == 0 {
				lag = target // start in thermal equilibrium
			} else {
				lag += alpha * (target - lag)
			}
			v += lag
		}
		y[i] = v + cfg.NoiseStd*rng.NormFloat64()
	}
	for _, e := range cfg.Events {
		first := sampleIndex(e.Start/cfg.Interval, n)
		end := n
		switch {
		case e.Duration > 0:
			end = sampleIndex((e.Start+e.Duration)/cfg.Interval, n)
		case e.Kind == ThermalSpike:
			end = min(first+1, n)
		}
		for i := first; i < end; i++ {
			off := e.Magnitude
			if e.Kind == ThermalDrift {
				off *= (float64(i)*cfg.Interval - e.Start) / e.Duration
			}
			y[i] += off
			out.Labels[i] = e.Kind
		}
		out.Spans = append(out.Spans, ThermalSpan{Event: e, First: first, End: end})
	}
	for i, v := range y {
		if !isFinite(v) {
			return nil, fmt.Errorf("datasets: ThermalSim: %w at sample %d (check Load)", ErrNonFinite, i)
		}
	}
	return out, nil
}

// sampleIndex returns ⌈x⌉ clamped to [0, n].
func sampleIndex(x float64, n int) int {
	x = math.Ceil(x)
	switch {
	case x <= 0:
		return 0
	case x >= float64(n):
		return n
	}
	return int(x)
}

// validate checks the configuration.
func (cfg *ThermalSim) validate() error {
	bad := func(field string, v any, want string) error {
		return fmt.Errorf("datasets: %w: ThermalSim.%s = %v, want %s", ErrInvalid, field, v, want)
	}
	finite := func(v float64) bool { return isFinite(v) }
	switch {
	case !(cfg.Interval > 0) || !finite(cfg.Interval):
		return bad("Interval", cfg.Interval, "a positive interval in s")
	case cfg.Samples < 1 || cfg.Samples > maxSimSamples:
		return bad("Samples", cfg.Samples, fmt.Sprintf("a count in [1, %d]", maxSimSamples))
	case !finite(cfg.Base) || !finite(cfg.DailyAmplitude) || !finite(cfg.DailyPeak) || !finite(cfg.LoadGain):
		return bad("Base/DailyAmplitude/DailyPeak/LoadGain", []float64{cfg.Base, cfg.DailyAmplitude, cfg.DailyPeak, cfg.LoadGain}, "finite values")
	case !(cfg.TimeConstant >= 0) || !finite(cfg.TimeConstant):
		return bad("TimeConstant", cfg.TimeConstant, "a time constant ≥ 0 in s")
	case !(cfg.NoiseStd >= 0) || !finite(cfg.NoiseStd):
		return bad("NoiseStd", cfg.NoiseStd, "a standard deviation ≥ 0")
	}
	for i, e := range cfg.Events {
		f := fmt.Sprintf("Events[%d]", i)
		switch {
		case e.Kind < ThermalDrift || e.Kind > ThermalSpike:
			return bad(f+".Kind", e.Kind, "ThermalDrift, ThermalStep or ThermalSpike")
		case !finite(e.Start) || !finite(e.Magnitude):
			return bad(f, e, "a finite Start and Magnitude")
		case !(e.Duration >= 0) || !finite(e.Duration):
			return bad(f+".Duration", e.Duration, "a duration ≥ 0 in s")
		case e.Kind == ThermalDrift && e.Duration == 0:
			return bad(f+".Duration", e.Duration, "a positive duration for a drift")
		}
	}
	return nil
}
