package anomaly

import "math"

// DriftStatus tells how a streaming drift detector treated one sample.
type DriftStatus uint8

const (
	// DriftReady: the sample was scored against an established baseline.
	DriftReady DriftStatus = iota
	// DriftWarmup: the detector is still learning its baseline (or has
	// too few samples to test); Score is zero and Alarm false.
	DriftWarmup
	// DriftInvalid: the sample (x or t) was NaN or infinite, or outside
	// the range a detector documents (BOCPD: MaxBOCPDValue), and was
	// ignored; the detector's state is unchanged.
	DriftInvalid
	// DriftFlatBaseline: the warm-up saw a constant series, so σ was
	// floored to a tiny value; any later change scores very high. A
	// constant sensor is better judged by SensorHealth.
	DriftFlatBaseline
)

// String returns the status name.
func (s DriftStatus) String() string {
	switch s {
	case DriftReady:
		return "ready"
	case DriftWarmup:
		return "warmup"
	case DriftInvalid:
		return "invalid"
	case DriftFlatBaseline:
		return "flat-baseline"
	}
	return "unknown"
}

// DriftResult is a streaming detector's verdict on one sample.
type DriftResult struct {
	// Score is the detector's statistic after the sample, in the units its
	// type documents; larger means stronger evidence of change.
	Score float64
	// Alarm reports that Score crossed the detector's decision threshold.
	Alarm bool
	// Status tells whether the sample was scored, skipped or used to learn.
	Status DriftStatus
}

// DriftDetector is a streaming change detector: Update consumes one sample
// x taken at time t (seconds, or any increasing clock; most detectors only
// check it is finite) and Reset returns the detector to its freshly
// constructed state. Updates allocate nothing.
//
// A detector value is not safe for concurrent use: feed each one from a
// single goroutine. Separate detectors are independent and may run in
// parallel.
type DriftDetector interface {
	Update(t, x float64) DriftResult
	Reset()
}

// finiteSample reports whether t and x are both finite.
func finiteSample(t, x float64) bool {
	return !math.IsNaN(t) && !math.IsInf(t, 0) && !math.IsNaN(x) && !math.IsInf(x, 0)
}

// driftBaseline learns an in-control mean and standard deviation from a
// warm-up (Welford's algorithm), or holds given values.
type driftBaseline struct {
	warmup      int     // samples to learn from; 0 when fixed
	fixedMu     float64 // given mean when warmup == 0
	fixedSigma  float64 // given σ when warmup == 0
	n           int
	mean, m2    float64
	mu, sigma   float64
	ready, flat bool
}

func newDriftBaseline(mu, sigma float64, warmup int) driftBaseline {
	b := driftBaseline{fixedMu: mu, fixedSigma: sigma}
	if sigma > 0 {
		b.mu, b.sigma, b.ready = mu, sigma, true
	} else {
		b.warmup = warmup
	}
	return b
}

// relearn forgets the learned baseline and starts a new warm-up (no-op
// for a fixed baseline).
func (b *driftBaseline) relearn() {
	if b.warmup == 0 {
		return
	}
	b.n, b.mean, b.m2, b.ready, b.flat = 0, 0, 0, false, false
}

func (b *driftBaseline) reset() {
	*b = newDriftBaseline(b.fixedMu, b.fixedSigma, b.warmup)
}

// add feeds one warm-up sample; it returns true once the baseline is set.
// A sample that makes the running moments overflow (a ±1e308 glitch)
// restarts the warm-up from itself, so that the baseline is never NaN.
func (b *driftBaseline) add(x float64) bool {
	b.n++
	d := x - b.mean
	b.mean += d / float64(b.n)
	b.m2 += d * (x - b.mean)
	if math.IsInf(b.m2, 0) || math.IsNaN(b.m2) || math.IsInf(b.mean, 0) || math.IsNaN(b.mean) {
		b.n, b.mean, b.m2 = 1, x, 0
	}
	if b.n < b.warmup {
		return false
	}
	b.mu = b.mean
	b.sigma = math.Sqrt(b.m2 / float64(b.n-1))
	floor := 1e-9 * math.Max(1, math.Abs(b.mu))
	if !(b.sigma > floor) {
		b.sigma, b.flat = floor, true
	}
	b.ready = true
	return true
}

// status is the status of a scored sample.
func (b *driftBaseline) status() DriftStatus {
	if b.flat {
		return DriftFlatBaseline
	}
	return DriftReady
}
