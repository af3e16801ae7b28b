package anomaly

import (
	"fmt"
	"math"
)

// KPIConfig configures KPIDetector, a general streaming anomaly detector
// for one scalar series (a temperature, an energy meter, a latency, any
// KPI). One configuration serves every series: the detector normalises
// each series online and learns from its first sample, with no look-ahead.
//
// Each sample x is scored by four scores, fused by taking the largest:
//
//   - Error likelihood: x is predicted by an exponentially weighted mean
//     (weight FastAlpha) and its absolute error is divided by a running
//     mean absolute error, giving a robust surprise r ≥ 0. As in Numenta's
//     anomaly likelihood (Ahmad et al. 2017), the mean of r over the last
//     Short samples is compared with the long-run mean and standard
//     deviation of that same average (exponential weight LongAlpha): with
//     z the standardised average, the score is the log tail probability
//     log(Q(z)+1e-10)/log(1e-10) in [0, 1], where Q is the standard normal
//     upper tail (0.5 ⇔ tail probability 1e-5).
//   - Level likelihood ("windowed Gaussian done right"): the same
//     likelihood for |mean of the last Short samples − long-run mean|
//     divided by the long-run standard deviation of x (weight LongAlpha),
//     which finds level shifts that the error score forgets once the
//     prediction has caught up.
//   - Range novelty (the spatial anomaly of Numenta's NAB detector): 1 when
//     x leaves the range seen so far, widened by SpatialTolerance times its
//     width, 0 otherwise.
//   - Context novelty (after Smirnov's contextual anomaly detector, CAD
//     OSE, in NAB): x is binned on a grid fixed at the end of the warm-up
//     (Bins bins across the warm-up range, extended at the same width),
//     the last Context bins form a context, and the score is the fraction
//     of the last Short samples whose context had never been seen (a
//     hashed bit table of 2^18 bits, so rare collisions make a context
//     look seen).
//
// No score is emitted (Score 0, status DriftWarmup) until Warmup samples
// have been seen. After the fused score reaches AlarmLevel the detector
// reports an alarm and then emits zero for the next Rest samples, since a
// benchmark such as NAB (and an operator) rewards the first detection of
// an event and penalises repeats: Score is the fused score, not suppressed,
// below AlarmLevel, and 0 during a rest.
//
// Time: the detector works in samples; t (seconds or any increasing clock)
// only orders them. A sample whose t or x is NaN or infinite is a gap: it
// is ignored (status DriftInvalid, state unchanged). A sample whose t is
// earlier than the last accepted one is out of order and ignored the same
// way; a repeated t is a new sample. Irregular spacing is not corrected
// for.
//
// Sources: S. Ahmad, A. Lavin, S. Purdy, Z. Agha, "Unsupervised real-time
// anomaly detection for streaming data", Neurocomputing 262 (2017) 134-147
// (anomaly likelihood, spatial anomaly); A. Lavin and S. Ahmad, "Evaluating
// Real-time Anomaly Detection Algorithms - the Numenta Anomaly Benchmark",
// IEEE ICMLA 2015 (the windowed Gaussian baseline).
type KPIConfig struct {
	// FastAlpha is the weight of the exponentially weighted prediction,
	// 0 < FastAlpha ≤ 1.
	FastAlpha float64
	// LongAlpha is the weight of the long-run statistics (of x, of the
	// prediction error and of the two averaged surprises), 0 < LongAlpha <
	// FastAlpha.
	LongAlpha float64
	// Short is the averaging window, in samples, 1 ≤ Short ≤ KPIMaxShort.
	Short int
	// Warmup is the number of samples learnt from before any score, ≥ 2.
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
	// Bins is the number of value bins spanning the warm-up range for
	// context novelty; 0 disables it. Bins extend beyond that range at the
	// same width.
	Bins int
	// Context is the number of successive bins that make one context,
	// 1 ≤ Context ≤ 8 when Bins > 0.
	Context int
}

// kpiContextBits is the size of the context table, in bits (2^18 bits =
// 32 KiB, allocated once).
const kpiContextBits = 1 << 18

// KPIMaxShort is the longest averaging window KPIConfig.Short may name
// (the window lives in a fixed array so that updates never allocate).
const KPIMaxShort = 64

// DefaultKPIConfig returns FastAlpha 0.5, LongAlpha 0.001, Short 16,
// Warmup 150, SpatialTolerance 0.05, AlarmLevel 0.5, Rest 100, Bins 20,
// Context 2: the best of a small grid on the whole Numenta Anomaly
// Benchmark corpus (in-sample; BENCHMARKS.md gives the leave-one-category-
// out figures of the same grid, examples/benchmark's nabGrid).
func DefaultKPIConfig() KPIConfig {
	return KPIConfig{FastAlpha: 0.5, LongAlpha: 0.001, Short: 16, Warmup: 150, SpatialTolerance: 0.05, AlarmLevel: 0.5, Rest: 100, Bins: 20, Context: 2}
}

// Validate returns an error naming the first invalid field, or nil.
func (c KPIConfig) Validate() error {
	switch {
	case !(c.FastAlpha > 0 && c.FastAlpha <= 1):
		return fmt.Errorf("anomaly: KPIConfig.FastAlpha = %g, want 0 < FastAlpha ≤ 1", c.FastAlpha)
	case !(c.LongAlpha > 0 && c.LongAlpha < c.FastAlpha):
		return fmt.Errorf("anomaly: KPIConfig.LongAlpha = %g, want 0 < LongAlpha < FastAlpha (%g)", c.LongAlpha, c.FastAlpha)
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
	case c.Bins < 0:
		return fmt.Errorf("anomaly: KPIConfig.Bins = %d, want ≥ 0", c.Bins)
	case c.Bins > 0 && (c.Context < 1 || c.Context > 8):
		return fmt.Errorf("anomaly: KPIConfig.Context = %d, want 1 ≤ Context ≤ 8", c.Context)
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

// KPIDetector is the streaming detector configured by KPIConfig. Update
// costs O(1) and allocates nothing; a value is for one goroutine.
type KPIDetector struct {
	cfg KPIConfig

	n        int     // accepted samples
	lastT    float64 // time of the last accepted sample
	pred     float64 // exponentially weighted prediction
	mae      float64 // running mean absolute prediction error
	x        ewStat  // long-run mean and variance of x
	lo, hi   float64 // range seen so far
	errWin   window  // surprise r over the last Short samples
	lvlWin   window  // x over the last Short samples
	errAvg   ewStat  // long-run statistics of errWin's mean
	lvlAvg   ewStat  // long-run statistics of the level deviation
	rest     int     // samples of rest left
	lastFuse float64 // fused score of the last accepted sample

	seen     []uint64 // context table, a bit per hashed context
	ctx      [8]int64 // last Context bins, newest first
	binLo    float64  // bin origin and width, fixed at the end of warm-up
	binW     float64
	novelWin window // new-context flags over the last Short samples
}

// NewKPIDetector returns a detector, or an error naming the invalid field.
func NewKPIDetector(cfg KPIConfig) (*KPIDetector, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d := &KPIDetector{cfg: cfg}
	if cfg.Bins > 0 {
		d.seen = make([]uint64, kpiContextBits/64)
	}
	d.Reset()
	return d, nil
}

// Reset returns the detector to its freshly constructed state.
func (d *KPIDetector) Reset() {
	seen := d.seen
	clear(seen)
	*d = KPIDetector{cfg: d.cfg, seen: seen}
	d.errWin.n, d.lvlWin.n, d.novelWin.n = d.cfg.Short, d.cfg.Short, d.cfg.Short
	d.lastT = math.Inf(-1)
}

// Fused returns the fused score of the last accepted sample before
// suppression (rest), in [0, 1].
func (d *KPIDetector) Fused() float64 { return d.lastFuse }

// Update consumes sample x taken at time t and returns its score in [0, 1]
// (see KPIConfig), with Alarm set on the sample that started a rest.
func (d *KPIDetector) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) || t < d.lastT {
		return DriftResult{Status: DriftInvalid}
	}
	d.lastT = t
	c := &d.cfg
	d.n++
	if d.n == 1 {
		d.pred, d.lo, d.hi = x, x, x
		d.x.mean = x
		d.lastFuse = 0
		return DriftResult{Status: DriftWarmup}
	}
	// Surprise: absolute prediction error over the running mean absolute
	// error (floored so that a flat series does not divide by zero).
	e := math.Abs(x - d.pred)
	floor := 1e-9 * max(1, math.Abs(d.x.mean))
	r := e / max(d.mae, floor)
	r = min(r, 1e3)
	d.mae += max(c.LongAlpha, 1/float64(d.n-1)) * (e - d.mae)
	d.pred += c.FastAlpha * (x - d.pred)
	d.errWin.add(r)
	d.lvlWin.add(x)
	sd := math.Sqrt(d.x.vr)
	lvl := math.Abs(d.lvlWin.mean()-d.x.mean) / max(sd, floor)
	lvl = min(lvl, 1e3)

	// Range novelty against the range before x.
	spatial := 0.0
	if c.SpatialTolerance >= 0 && d.hi > d.lo {
		tol := (d.hi - d.lo) * c.SpatialTolerance
		if x > d.hi+tol || x < d.lo-tol {
			spatial = 1
		}
	}
	d.lo, d.hi = min(d.lo, x), max(d.hi, x)
	novel := d.context(x)

	ea := d.errWin.mean()
	fuse := 0.0
	if d.n > c.Warmup {
		// logTail is increasing: one call on the larger z.
		z := max((ea-d.errAvg.mean)/max(math.Sqrt(d.errAvg.vr), 1e-6),
			(lvl-d.lvlAvg.mean)/max(math.Sqrt(d.lvlAvg.vr), 1e-6))
		fuse = max(spatial, logTail(z), novel)
	}
	// Long-run statistics learn after scoring, so that a sample never
	// explains itself away.
	alpha := max(c.LongAlpha, 1/float64(d.n))
	d.errAvg.add(alpha, ea)
	d.lvlAvg.add(alpha, lvl)
	d.x.add(alpha, x)
	d.lastFuse = fuse
	if d.n <= c.Warmup {
		return DriftResult{Status: DriftWarmup}
	}
	if d.rest > 0 {
		d.rest--
		return DriftResult{Status: DriftReady}
	}
	res := DriftResult{Score: fuse, Status: DriftReady}
	if fuse >= c.AlarmLevel {
		res.Alarm = true
		d.rest = c.Rest
	}
	return res
}

// context updates the context table with x and returns the fraction of
// new contexts among the last Short samples (0 while warming up or when
// context novelty is off).
func (d *KPIDetector) context(x float64) float64 {
	c := &d.cfg
	if c.Bins == 0 {
		return 0
	}
	if d.n <= c.Warmup {
		if d.n == c.Warmup {
			d.binLo = d.lo
			d.binW = max(d.hi-d.lo, 1e-9*max(1, math.Abs(d.lo))) / float64(c.Bins)
		}
		return 0
	}
	b := math.Floor((x - d.binLo) / d.binW)
	b = min(max(b, -1e15), 1e15)
	copy(d.ctx[1:c.Context], d.ctx[:c.Context-1])
	d.ctx[0] = int64(b)
	h := uint64(14695981039346656037)
	for _, v := range d.ctx[:c.Context] {
		h ^= uint64(v)
		h *= 1099511628211
	}
	h %= kpiContextBits
	flag := 0.0
	if d.seen[h/64]&(1<<(h%64)) == 0 {
		d.seen[h/64] |= 1 << (h % 64)
		if d.n > c.Warmup+c.Context {
			flag = 1
		}
	}
	d.novelWin.add(flag)
	return d.novelWin.mean()
}
