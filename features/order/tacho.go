package order

import (
	"fmt"
	"math"
	"slices"
)

// TachoConfig tells how to read a tachometer (once-per-revolution or
// encoder) pulse train.
type TachoConfig struct {
	// PulsesPerRev is the number of pulses per shaft revolution (≥ 1).
	PulsesPerRev int
	// High and Low are the hysteresis thresholds in the signal's unit, Low <
	// High: a pulse starts where the signal rises to High after having been
	// at or below Low, so noise smaller than High−Low on an edge cannot
	// count twice. Both zero choose 70 % and 30 % of the signal's range.
	High, Low float64
	// Smoothing is the length, in pulse intervals, of the centred moving
	// average applied to the speed (shrinking symmetrically at the ends); 0 or 1 applies
	// none. One revolution (PulsesPerRev) removes the spacing errors of an
	// encoder's marks.
	Smoothing int
	// MissingRatio flags an interval longer than MissingRatio times the
	// median of its neighbours (up to 4 on each side) as missed pulses and
	// bridges it with round(ratio)−1 evenly spaced pulses; 0 means 1.5. It
	// must exceed 1.
	MissingRatio float64
}

// TachoSpeed is the result of SpeedFromTacho.
type TachoSpeed struct {
	Pulses  []float64    // pulse times in s, missing pulses bridged
	Missing int          // number of pulses inserted to bridge gaps
	Speed   SpeedProfile // speed at the midpoints of the pulse intervals
	Angle   *ShaftAngle  // angle through (Pulses[k], k/PulsesPerRev rev)
}

// withDefaults checks c and fills its defaults, the thresholds from the
// signal x.
func (c TachoConfig) withDefaults(x []float64) (TachoConfig, error) {
	if c.PulsesPerRev < 1 {
		return c, fmt.Errorf("%w: TachoConfig.PulsesPerRev = %d, want ≥ 1", ErrConfig, c.PulsesPerRev)
	}
	if c.MissingRatio == 0 {
		c.MissingRatio = 1.5
	}
	if !(c.MissingRatio > 1) || math.IsInf(c.MissingRatio, 0) {
		return c, fmt.Errorf("%w: TachoConfig.MissingRatio = %v, want > 1", ErrConfig, c.MissingRatio)
	}
	if c.Smoothing < 0 {
		return c, fmt.Errorf("%w: TachoConfig.Smoothing = %d, want ≥ 0", ErrConfig, c.Smoothing)
	}
	if c.High == 0 && c.Low == 0 && len(x) > 0 {
		lo, hi := slices.Min(x), slices.Max(x)
		c.Low, c.High = lo+0.3*(hi-lo), lo+0.7*(hi-lo)
	}
	if !finite(c.High) || !finite(c.Low) || !(c.Low < c.High) {
		return c, fmt.Errorf("%w: TachoConfig thresholds Low %v, High %v: want finite Low < High", ErrConfig, c.Low, c.High)
	}
	return c, nil
}

// PulseTimes appends to dst[:0] the times in seconds of the rising edges of
// the pulse train x sampled at rate Hz, with the hysteresis thresholds of
// cfg (see TachoConfig), and returns it. An edge's time is where the line
// between the two samples around it crosses High. It does not allocate
// when dst has room. Errors wrap ErrSampleRate, ErrNotFinite or ErrConfig.
func PulseTimes(dst, x []float64, rate float64, cfg TachoConfig) ([]float64, error) {
	dst = dst[:0]
	if err := checkRate(rate); err != nil {
		return dst, err
	}
	if i := firstNonFinite(x); i >= 0 {
		return dst, fmt.Errorf("%w: tachometer sample %d is %v", ErrNotFinite, i, x[i])
	}
	cfg, err := cfg.withDefaults(x)
	if err != nil {
		return dst, err
	}
	armed := false
	for i, v := range x {
		switch {
		case v <= cfg.Low:
			armed = true
		case armed && v >= cfg.High && i > 0:
			prev := x[i-1]
			frac := 0.0
			if v != prev {
				frac = (cfg.High - prev) / (v - prev)
			}
			dst = append(dst, (float64(i-1)+frac)/rate)
			armed = false
		}
	}
	return dst, nil
}

// BridgeMissing appends to dst[:0] the pulse times of pulses with every gap
// longer than ratio (> 1) times the median of its neighbouring intervals
// filled by pulses spaced as its neighbours suggest (see appendBridge), and returns it with the number of pulses
// inserted. pulses must be strictly increasing (ErrNotIncreasing), finite
// (ErrNotFinite) and at least 3 (ErrTooFewPulses).
func BridgeMissing(dst, pulses []float64, ratio float64) ([]float64, int, error) {
	dst = dst[:0]
	if err := checkPulses(pulses, 3); err != nil {
		return dst, 0, err
	}
	if !(ratio > 1) || math.IsInf(ratio, 0) {
		return dst, 0, fmt.Errorf("%w: missing-pulse ratio %v, want > 1", ErrConfig, ratio)
	}
	var buf [8]float64
	inserted := 0
	dst = append(dst, pulses[0])
	for i := 1; i < len(pulses); i++ {
		gap := pulses[i] - pulses[i-1]
		nb := buf[:0]
		for j := max(1, i-4); j <= min(len(pulses)-1, i+4); j++ {
			if j != i {
				nb = append(nb, pulses[j]-pulses[j-1])
			}
		}
		ref := median(nb)
		if gap > ratio*ref {
			k := int(math.Round(gap / ref))
			dst = appendBridge(dst, pulses, i, k)
			inserted += k - 1
		}
		dst = append(dst, pulses[i])
	}
	return dst, inserted, nil
}

// appendBridge appends the k−1 pulses that split the gap before pulses[i]
// into k intervals whose lengths change linearly from the interval before the
// gap to the one after it (as they do under a constant acceleration), or
// evenly where the gap has no neighbour on one side.
func appendBridge(dst, pulses []float64, i, k int) []float64 {
	gap := pulses[i] - pulses[i-1]
	before, after := gap/float64(k), gap/float64(k)
	if i >= 2 && i+1 < len(pulses) {
		before, after = pulses[i-1]-pulses[i-2], pulses[i+1]-pulses[i]
	}
	var sum float64
	for j := range k {
		sum += before + (after-before)*(float64(j)+0.5)/float64(k)
	}
	t := pulses[i-1]
	for j := range k - 1 {
		t += gap * (before + (after-before)*(float64(j)+0.5)/float64(k)) / sum
		dst = append(dst, t)
	}
	return dst
}

// SpeedFromTacho measures the instantaneous speed of a shaft from its
// tachometer signal x sampled at rate Hz: it finds the pulses (PulseTimes)
// and passes them to SpeedFromPulses. Errors wrap ErrSampleRate,
// ErrNotFinite, ErrConfig or ErrTooFewPulses (fewer than 3 pulses).
func SpeedFromTacho(x []float64, rate float64, cfg TachoConfig) (TachoSpeed, error) {
	raw, err := PulseTimes(nil, x, rate, cfg)
	if err != nil {
		return TachoSpeed{}, err
	}
	return SpeedFromPulses(raw, cfg)
}

// SpeedFromPulses measures the instantaneous speed of a shaft from the
// times of its tachometer pulses in s (from PulseTimes or a counter):
// it bridges missed pulses (BridgeMissing with cfg.MissingRatio), takes the
// speed of each pulse interval, 1/(PulsesPerRev·Δt) Hz at the interval's
// midpoint, smooths it (cfg.Smoothing) and builds the shaft angle through
// the pulses, pulse k at k/PulsesPerRev revolutions. cfg's thresholds are
// not used. Errors wrap ErrConfig, ErrNotFinite, ErrNotIncreasing or
// ErrTooFewPulses (fewer than 3).
func SpeedFromPulses(pulses []float64, cfg TachoConfig) (TachoSpeed, error) {
	var res TachoSpeed
	cfg.High, cfg.Low = 1, 0 // thresholds are irrelevant here
	cfg, err := cfg.withDefaults(nil)
	if err != nil {
		return res, err
	}
	res.Pulses, res.Missing, err = BridgeMissing(nil, pulses, cfg.MissingRatio)
	if err != nil {
		return res, err
	}
	res.Speed = pulseSpeed(res.Pulses, cfg.PulsesPerRev, cfg.Smoothing)
	rev := make([]float64, len(res.Pulses))
	for k := range rev {
		rev[k] = float64(k) / float64(cfg.PulsesPerRev)
	}
	res.Angle, err = NewShaftAngle(res.Pulses, rev)
	return res, err
}

// pulseSpeed returns the speed of each interval of at least 2 strictly
// increasing pulse times (s), 1/(pulsesPerRev·Δt) Hz at the interval's
// midpoint, smoothed by a centred moving average over smoothing intervals
// (0 or 1: none).
func pulseSpeed(pulses []float64, pulsesPerRev, smoothing int) SpeedProfile {
	n := len(pulses) - 1
	p := SpeedProfile{Time: make([]float64, n), Hz: make([]float64, n)}
	raw := make([]float64, n)
	for k := range n {
		dt := pulses[k+1] - pulses[k]
		p.Time[k] = pulses[k] + dt/2
		raw[k] = 1 / (float64(pulsesPerRev) * dt)
	}
	movingAverage(p.Hz, raw, smoothing)
	return p
}

// movingAverage writes the centred moving average of src over w points
// (fewer at the ends, where the window shrinks symmetrically) into dst; w
// ≤ 1 copies.
func movingAverage(dst, src []float64, w int) {
	if w <= 1 {
		copy(dst, src)
		return
	}
	for i := range src {
		half := min(w/2, i, len(src)-1-i) // symmetric, so a ramp stays unbiased
		lo, hi := i-half, i+half
		if w%2 == 0 && half == w/2 {
			hi-- // an even window reaches one point further back
		}
		var s float64
		for _, v := range src[lo : hi+1] {
			s += v
		}
		dst[i] = s / float64(hi-lo+1)
	}
}

// checkPulses checks that pulses holds at least min strictly increasing
// finite times.
func checkPulses(pulses []float64, min int) error {
	if len(pulses) < min {
		return fmt.Errorf("%w: %d pulses, want at least %d", ErrTooFewPulses, len(pulses), min)
	}
	for i, t := range pulses {
		if !finite(t) {
			return fmt.Errorf("%w: pulse %d at %v s", ErrNotFinite, i, t)
		}
		if i > 0 && t <= pulses[i-1] {
			return fmt.Errorf("%w: pulse %d at %v s after pulse %d at %v s", ErrNotIncreasing, i, t, i-1, pulses[i-1])
		}
	}
	return nil
}

// checkRate checks a sample rate in Hz.
func checkRate(rate float64) error {
	if !(rate > 0) || math.IsInf(rate, 0) {
		return fmt.Errorf("%w: got %v Hz", ErrSampleRate, rate)
	}
	return nil
}

// firstNonFinite returns the index of the first NaN or Inf in x, or −1.
func firstNonFinite(x []float64) int {
	for i, v := range x {
		if !finite(v) {
			return i
		}
	}
	return -1
}

// median returns the median of x (which it reorders); x must not be empty.
func median(x []float64) float64 {
	slices.Sort(x)
	n := len(x)
	if n%2 == 1 {
		return x[n/2]
	}
	return (x[n/2-1] + x[n/2]) / 2
}
