package anomaly

import (
	"fmt"
	"math"
)

// KPIConfig configures KPIDetector, a general streaming anomaly detector
// for one scalar series (a temperature, an energy meter, a latency, any
// KPI). One configuration serves every series: the detector normalises
// each series online from its own first samples and learns from the first
// sample on, with no look-ahead.
//
// The series is quantised on a grid fixed at the end of the warm-up: Bins
// bins across the range of the first Warmup samples, extended beyond it at
// the same width, so the grid is the series' own scale. A context is the
// last Context bins; contexts are remembered in a hashed bit table (2^18
// bits, so a rare collision makes a new context look seen). The same is
// done at a coarse time scale, on means of Coarse successive samples. Four
// scores follow, fused by taking the largest:
//
//   - Context novelty: the fraction of the last Short samples whose context
//     had never been seen (after Smirnov's contextual anomaly detector,
//     CAD OSE, in NAB).
//   - Novelty likelihood: as in Numenta's anomaly likelihood (Ahmad et al.
//     2017), that fraction is standardised by its own long-run mean and
//     standard deviation (exponential weight LongAlpha, a plain mean until
//     1/n < LongAlpha), z, and scored by its log tail probability
//     log(Q(z)+1e-10)/log(1e-10) in [0, 1], Q being the standard normal
//     upper tail (0.5 ⇔ tail probability 1e-5). A series that keeps
//     meeting new contexts (noise) thus needs a burst of novelty to score.
//   - Coarse novelty likelihood: the same for the fraction of the last
//     Short coarse steps whose coarse context was new; it finds changes of
//     shape (a flattened daily cycle, denser spikes, a missing rush hour).
//   - Range novelty (the spatial anomaly of Numenta's NAB detector): 1 when
//     x leaves the range seen so far, widened by SpatialTolerance times its
//     width, 0 otherwise.
//
// No score is emitted (Score 0, status DriftWarmup) until Warmup samples
// have been seen. When the fused score reaches AlarmLevel the detector
// reports an alarm and then emits zero for the next Rest samples, since a
// benchmark such as NAB (and an operator) rewards the first detection of
// an event and penalises repeats; below AlarmLevel, Score is the fused
// score.
//
// Time: the detector works in samples; t (seconds, or any increasing
// clock) only orders them. A sample whose t or x is NaN or infinite is a
// gap: it is ignored (status DriftInvalid, state unchanged). A sample
// whose t is earlier than the last accepted one is out of order and
// ignored the same way; a repeated t is a new sample. Irregular spacing is
// not corrected for: the detector sees the sequence of accepted samples.
//
// Sources: S. Ahmad, A. Lavin, S. Purdy, Z. Agha, "Unsupervised real-time
// anomaly detection for streaming data", Neurocomputing 262 (2017) 134-147
// (anomaly likelihood, spatial anomaly); M. Smirnov, contextual anomaly
// detector CAD OSE, numenta/NAB nab/detectors/context_ose (context
// novelty); A. Lavin and S. Ahmad, "Evaluating Real-time Anomaly Detection
// Algorithms - the Numenta Anomaly Benchmark", IEEE ICMLA 2015.
type KPIConfig struct {
	// LongAlpha is the weight of the long-run novelty statistics,
	// 0 < LongAlpha < 1.
	LongAlpha float64
	// Short is the novelty window, in samples and in coarse steps,
	// 1 ≤ Short ≤ KPIMaxShort.
	Short int
	// Warmup is the number of samples learnt from before any score (they
	// also set the bin grid), ≥ 2.
	Warmup int
	// SpatialTolerance widens the range seen so far, as a fraction of its
	// width, before a sample outside it counts as novel; negative disables
	// range novelty.
	SpatialTolerance float64
	// AlarmLevel is the fused score at which the detector alarms and rests,
	// 0 < AlarmLevel ≤ 1.
	AlarmLevel float64
	// Rest is the number of samples after an alarm whose score is zero,
	// ≥ 0.
	Rest int
	// Bins is the number of value bins spanning the warm-up range, ≥ 1.
	Bins int
	// Context is the number of successive bins that make one context,
	// 1 ≤ Context ≤ 8.
	Context int
	// Coarse is the number of samples averaged into one coarse step, ≥ 2,
	// or 0 to disable the coarse scale.
	Coarse int
}

// KPIMaxShort is the longest novelty window KPIConfig.Short may name (the
// window lives in a fixed array so that updates never allocate).
const KPIMaxShort = 64

// kpiContextBits is the size of the context table, in bits (2^18 bits =
// 32 KiB, allocated once).
const kpiContextBits = 1 << 18

// DefaultKPIConfig returns LongAlpha 0.0005, Short 24, Warmup 150,
// SpatialTolerance 0.05, AlarmLevel 0.5, Rest 100, Bins 20, Context 2,
// Coarse 6, found while developing the detector on the whole Numenta
// Anomaly Benchmark corpus (so in-sample there). It is the centre of the
// grid that examples/benchmark's NAB suite chooses from, per profile and
// leaving one category out; BENCHMARKS.md gives both figures.
func DefaultKPIConfig() KPIConfig {
	return KPIConfig{LongAlpha: 0.0005, Short: 24, Warmup: 150, SpatialTolerance: 0.05, AlarmLevel: 0.5, Rest: 100, Bins: 20, Context: 2, Coarse: 6}
}

// Validate returns an error naming the first invalid field, or nil.
func (c KPIConfig) Validate() error {
	switch {
	case !(c.LongAlpha > 0 && c.LongAlpha < 1):
		return fmt.Errorf("anomaly: KPIConfig.LongAlpha = %g, want 0 < LongAlpha < 1", c.LongAlpha)
	case c.Short < 1 || c.Short > KPIMaxShort:
		return fmt.Errorf("anomaly: KPIConfig.Short = %d, want 1 ≤ Short ≤ %d", c.Short, KPIMaxShort)
	case c.Warmup < 2:
		return fmt.Errorf("anomaly: KPIConfig.Warmup = %d, want ≥ 2", c.Warmup)
	case math.IsNaN(c.SpatialTolerance) || math.IsInf(c.SpatialTolerance, 0):
		return fmt.Errorf("anomaly: KPIConfig.SpatialTolerance = %g, want a finite number", c.SpatialTolerance)
	case !(c.AlarmLevel > 0 && c.AlarmLevel <= 1):
		return fmt.Errorf("anomaly: KPIConfig.AlarmLevel = %g, want 0 < AlarmLevel ≤ 1", c.AlarmLevel)
	case c.Rest < 0:
		return fmt.Errorf("anomaly: KPIConfig.Rest = %d, want ≥ 0", c.Rest)
	case c.Bins < 1:
		return fmt.Errorf("anomaly: KPIConfig.Bins = %d, want ≥ 1", c.Bins)
	case c.Context < 1 || c.Context > 8:
		return fmt.Errorf("anomaly: KPIConfig.Context = %d, want 1 ≤ Context ≤ 8", c.Context)
	case c.Coarse == 1 || c.Coarse < 0:
		return fmt.Errorf("anomaly: KPIConfig.Coarse = %d, want 0 (off) or ≥ 2", c.Coarse)
	}
	return nil
}

// ewStat is an exponentially weighted mean and variance (West 1979).
type ewStat struct {
	mean, vr float64
}

func (s *ewStat) add(alpha, x float64) {
	d := x - s.mean
	inc := alpha * d
	s.mean += inc
	s.vr = (1 - alpha) * (s.vr + d*inc)
}

// z standardises x; the standard deviation is floored at 1e-6.
func (s *ewStat) z(x float64) float64 { return (x - s.mean) / max(math.Sqrt(s.vr), 1e-6) }

// window is a fixed-capacity running mean of the last n values.
type window struct {
	buf  [KPIMaxShort]float64
	n    int
	head int
	full bool
	sum  float64
}

func (w *window) add(x float64) {
	w.sum += x - w.buf[w.head]
	w.buf[w.head] = x
	w.head++
	if w.head == w.n {
		w.head, w.full = 0, true
	}
}

func (w *window) mean() float64 {
	if w.full {
		return w.sum / float64(w.n)
	}
	if w.head == 0 {
		return 0
	}
	return w.sum / float64(w.head)
}

// invLog1e10 is 1/ln(1e-10).
var invLog1e10 = 1 / math.Log(1e-10)

// logTail maps a standardised z to Numenta's log likelihood score:
// log(Q(z)+1e-10)/log(1e-10), clipped to [0, 1].
func logTail(z float64) float64 {
	if z <= 0 {
		return 0
	}
	q := 0.5 * math.Erfc(z/math.Sqrt2)
	return min(1, max(0, math.Log(q+1e-10)*invLog1e10))
}

// kpiScale is one time scale's context novelty: the last Context bins,
// the new-context flags of the last Short steps and the long-run
// statistics of their mean.
type kpiScale struct {
	ctx   [8]int64
	steps int     // steps seen
	flags window  // new-context flags
	nov   float64 // flags' mean after the last step
	stat  ewStat  // long-run statistics of nov
}

// step bins v, updates the context table seen (salted by salt) and the
// novelty statistics, and returns the novelty z of the step (0 while the
// scale is too young to have statistics).
func (s *kpiScale) step(seen []uint64, salt uint64, bin int64, c *KPIConfig) float64 {
	copy(s.ctx[1:c.Context], s.ctx[:c.Context-1])
	s.ctx[0] = bin
	h := salt
	for _, v := range s.ctx[:c.Context] {
		h ^= uint64(v)
		h *= 1099511628211 // FNV-1a prime
	}
	h %= kpiContextBits
	s.steps++
	flag := 0.0
	if seen[h/64]&(1<<(h%64)) == 0 {
		seen[h/64] |= 1 << (h % 64)
		if s.steps > c.Context { // a full context
			flag = 1
		}
	}
	s.flags.add(flag)
	s.nov = s.flags.mean()
	ready := c.Short + c.Context // steps before the statistics mean anything
	z := 0.0
	if s.steps > ready+1 {
		z = s.stat.z(s.nov)
	}
	if s.steps > ready {
		s.stat.add(max(c.LongAlpha, 1/float64(s.steps-ready)), s.nov)
	}
	return z
}

// KPIDetector is the streaming detector configured by KPIConfig. Update
// costs O(1) and allocates nothing; a value is for one goroutine.
type KPIDetector struct {
	cfg KPIConfig

	n       int     // accepted samples
	lastT   float64 // time of the last accepted sample
	lo, hi  float64 // range seen so far
	binLo   float64 // bin grid origin and width, fixed at the end of warm-up
	binW    float64
	seen    []uint64 // context table, a bit per hashed context, both scales
	fine    kpiScale
	coarse  kpiScale
	sum     float64 // sum of the samples of the current coarse step
	inStep  int     // samples in it
	coarseZ float64 // coarse novelty z of the last completed coarse step
	rest    int     // samples of rest left
	fused   float64 // fused score of the last accepted sample
}

// NewKPIDetector returns a detector, or an error naming the invalid field.
func NewKPIDetector(cfg KPIConfig) (*KPIDetector, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d := &KPIDetector{cfg: cfg, seen: make([]uint64, kpiContextBits/64)}
	d.Reset()
	return d, nil
}

// Reset returns the detector to its freshly constructed state.
func (d *KPIDetector) Reset() {
	seen := d.seen
	clear(seen)
	*d = KPIDetector{cfg: d.cfg, seen: seen, lastT: math.Inf(-1)}
	d.fine.flags.n, d.coarse.flags.n = d.cfg.Short, d.cfg.Short
}

// Fused returns the fused score of the last accepted sample before any
// rest, in [0, 1].
func (d *KPIDetector) Fused() float64 { return d.fused }

// bin returns v's bin on the grid, clamped to ±1e15.
func (d *KPIDetector) bin(v float64) int64 {
	return int64(min(max(math.Floor((v-d.binLo)/d.binW), -1e15), 1e15))
}

// Update consumes sample x taken at time t and returns its score in [0, 1]
// (see KPIConfig), with Alarm set on the sample that started a rest.
func (d *KPIDetector) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) || t < d.lastT {
		return DriftResult{Status: DriftInvalid}
	}
	d.lastT = t
	c := &d.cfg
	d.n++
	d.fused = 0
	if d.n == 1 {
		d.lo, d.hi = x, x
	}
	// Range novelty against the range before x.
	spatial := 0.0
	if c.SpatialTolerance >= 0 && d.hi > d.lo {
		tol := (d.hi - d.lo) * c.SpatialTolerance
		if x > d.hi+tol || x < d.lo-tol {
			spatial = 1
		}
	}
	d.lo, d.hi = min(d.lo, x), max(d.hi, x)
	if d.n <= c.Warmup {
		if d.n == c.Warmup {
			d.binLo = d.lo
			d.binW = max(d.hi-d.lo, 1e-9*max(1, math.Abs(d.lo))) / float64(c.Bins)
		}
		return DriftResult{Status: DriftWarmup}
	}
	fineZ := d.fine.step(d.seen, 14695981039346656037, d.bin(x), c)
	if c.Coarse > 0 {
		d.sum += x
		d.inStep++
		if d.inStep == c.Coarse {
			d.coarseZ = d.coarse.step(d.seen, 1099511628211, d.bin(d.sum/float64(c.Coarse)), c)
			d.sum, d.inStep = 0, 0
		}
	}
	// logTail is increasing: one call on the larger z.
	d.fused = max(spatial, d.fine.nov, logTail(max(fineZ, d.coarseZ)))
	if d.rest > 0 {
		d.rest--
		return DriftResult{Status: DriftReady}
	}
	res := DriftResult{Score: d.fused, Status: DriftReady}
	if d.fused >= c.AlarmLevel {
		res.Alarm = true
		d.rest = c.Rest
	}
	return res
}
