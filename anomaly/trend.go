package anomaly

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/internal/stats"
)

// ErrConstantSeries reports a series without variation, on which a trend
// test is undefined (its variance is zero). It wraps ErrInput.
var ErrConstantSeries = errorf(ErrInput, "constant series: no variation to test for a trend")

// MannKendallResult is the Mann–Kendall trend test (Mann 1945; Kendall
// 1975) of a series in time order.
type MannKendallResult struct {
	// N is the number of samples.
	N int
	// S = Σ_{i<j} sign(x_j − x_i): positive for an upward trend.
	S int
	// VarS is S's variance under no trend, corrected for ties:
	// (n(n−1)(2n+5) − Σ t(t−1)(2t+5))/18 over groups of t equal values.
	VarS float64
	// Z is the continuity-corrected normal score (S ∓ 1)/√VarS (0 when
	// S = 0).
	Z float64
	// P is the two-sided p-value of Z under the normal approximation.
	P float64
	// Tau is Kendall's τ_b between time and x, S/√(n₀(n₀ − n₁)) with
	// n₀ = n(n−1)/2 and n₁ the tied pairs of x.
	Tau float64
}

// mkTie returns t(t−1)(2t+5), a tie group's variance correction term.
func mkTie(t int) float64 { f := float64(t); return f * (f - 1) * (2*f + 5) }

// mkFinish fills VarS, Z, P and Tau from N, S, the tie term and the number
// of tied pairs.
func mkFinish(r *MannKendallResult, tieTerm, tiedPairs float64) {
	n := float64(r.N)
	r.VarS = (n*(n-1)*(2*n+5) - tieTerm) / 18
	s := float64(r.S)
	switch {
	case r.VarS <= 0:
		r.Z = 0
	case r.S > 0:
		r.Z = (s - 1) / math.Sqrt(r.VarS)
	case r.S < 0:
		r.Z = (s + 1) / math.Sqrt(r.VarS)
	}
	r.P = math.Erfc(math.Abs(r.Z) / math.Sqrt2)
	n0 := n * (n - 1) / 2
	if d := n0 * (n0 - tiedPairs); d > 0 {
		r.Tau = s / math.Sqrt(d)
	}
}

// MannKendall tests x (in time order) for a monotonic trend in O(n²) time
// without allocating. It returns an error for fewer than 3 samples, a NaN
// or infinite sample (naming its index), or ErrConstantSeries.
func MannKendall(x []float64) (MannKendallResult, error) {
	if len(x) < 3 {
		return MannKendallResult{}, errorf(ErrInput, "Mann–Kendall needs at least 3 samples, got %d", len(x))
	}
	if i := firstNonFinite(x); i >= 0 {
		return MannKendallResult{}, errorf(ErrInput, "Mann–Kendall sample %d is %v", i, x[i])
	}
	r := MannKendallResult{N: len(x)}
	var tieTerm, tiedPairs float64
	for i, xi := range x {
		earlierEqual := 0
		for j := 0; j < i; j++ {
			switch {
			case xi > x[j]:
				r.S++
			case xi < x[j]:
				r.S--
			default:
				earlierEqual++
			}
		}
		// Adding the (earlierEqual+1)-th member of a tie group.
		tieTerm += mkTie(earlierEqual+1) - mkTie(earlierEqual)
		tiedPairs += float64(earlierEqual)
	}
	if tiedPairs == float64(r.N)*float64(r.N-1)/2 {
		return r, ErrConstantSeries
	}
	mkFinish(&r, tieTerm, tiedPairs)
	return r, nil
}

func firstNonFinite(x []float64) int {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return i
		}
	}
	return -1
}

// TheilSenResult is a Theil–Sen line x ≈ Intercept + Slope·t.
type TheilSenResult struct {
	// Slope is the median of the pairwise slopes (x_j − x_i)/(t_j − t_i)
	// over pairs with t_i ≠ t_j, in units of x per unit of t.
	Slope float64
	// Intercept is median(x) − Slope·median(t) (scipy's "separate"
	// method).
	Intercept float64
}

// TheilSen fits the Theil–Sen estimator (Theil 1950; Sen 1968), robust to
// up to 29 % outliers. It allocates O(n²) scratch; Trend reuses its own.
// It panics if len(t) != len(x) and returns an error for fewer than 2
// samples, non-finite values, or all t equal.
func TheilSen(t, x []float64) (TheilSenResult, error) {
	if len(t) != len(x) {
		panic(fmt.Sprintf("anomaly: TheilSen len(t) = %d, len(x) = %d", len(t), len(x)))
	}
	n := len(x)
	return theilSen(make([]float64, 0, n*(n-1)/2), make([]float64, n), t, x)
}

// theilSen computes the estimator with caller-provided scratch: slopes
// with capacity n(n−1)/2 and med with length n.
func theilSen(slopes, med, t, x []float64) (TheilSenResult, error) {
	n := len(x)
	if n < 2 {
		return TheilSenResult{}, errorf(ErrInput, "Theil–Sen needs at least 2 samples, got %d", n)
	}
	if i := firstNonFinite(x); i >= 0 {
		return TheilSenResult{}, errorf(ErrInput, "Theil–Sen sample %d is %v", i, x[i])
	}
	if i := firstNonFinite(t); i >= 0 {
		return TheilSenResult{}, errorf(ErrInput, "Theil–Sen time %d is %v", i, t[i])
	}
	slopes = slopes[:0]
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if dt := t[j] - t[i]; dt != 0 {
				slopes = append(slopes, (x[j]-x[i])/dt)
			}
		}
	}
	if len(slopes) == 0 {
		return TheilSenResult{}, errorf(ErrInput, "Theil–Sen: all times are equal")
	}
	var r TheilSenResult
	r.Slope = stats.MedianInPlace(slopes)
	med = med[:n]
	copy(med, x)
	mx := stats.MedianInPlace(med)
	copy(med, t)
	r.Intercept = mx - r.Slope*stats.MedianInPlace(med)
	return r, nil
}

// TrendConfig configures a streaming sliding-window trend detector. The
// zero value of every field means its default.
type TrendConfig struct {
	// Window is the number of most recent samples tested; ≥ 3; zero means
	// 30. Each Update costs O(Window); Slope costs O(Window²).
	Window int
	// Alpha is the two-sided significance level of the Mann–Kendall test
	// (its false-alarm probability per full window); 0 < Alpha < 1; zero
	// means 0.05.
	Alpha float64
}

// Trend is a streaming Mann–Kendall trend test over a sliding window,
// with the Theil–Sen slope of the same window on demand. S and the tie
// correction are updated in O(Window) per sample; memory is fixed at
// construction. Update's Score is |Z| and Alarm is true while the window
// is full and the trend significant (P < Alpha). It is not safe for
// concurrent use.
type Trend struct {
	cfg     TrendConfig
	t, x    []float64 // ring buffers
	head, n int       // oldest index, count
	s       int
	tieTerm float64
	tied    float64 // tied pairs
	slopes  []float64
	tt, xx  []float64 // scratch in time order
	med     []float64
}

// NewTrend returns a streaming trend detector, or an error naming the
// invalid field.
func NewTrend(cfg TrendConfig) (*Trend, error) {
	orDefault(&cfg.Window, 30)
	orDefault(&cfg.Alpha, 0.05)
	if cfg.Window < 3 {
		return nil, errorf(ErrConfig, "Trend Window = %d, want ≥ 3", cfg.Window)
	}
	if !(cfg.Alpha > 0 && cfg.Alpha < 1) {
		return nil, errorf(ErrConfig, "Trend Alpha = %g, want 0 < Alpha < 1", cfg.Alpha)
	}
	tr := newTrendBuffers(cfg)
	tr.slopes = make([]float64, 0, tr.slopeCap())
	return tr, nil
}

// newTrendBuffers returns a Trend of a valid cfg with its O(Window)
// buffers but no Theil–Sen scratch.
func newTrendBuffers(cfg TrendConfig) *Trend {
	w := cfg.Window
	return &Trend{cfg: cfg, t: make([]float64, w), x: make([]float64, w),
		tt: make([]float64, w), xx: make([]float64, w), med: make([]float64, w)}
}

// slopeCap is the number of pairwise slopes of a full window.
func (tr *Trend) slopeCap() int { w := tr.cfg.Window; return w * (w - 1) / 2 }

// Update adds sample x at time t (in the units the slope should use, e.g.
// seconds) and tests the window. Non-finite samples are skipped.
func (tr *Trend) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) {
		return DriftResult{Status: DriftInvalid}
	}
	w := tr.cfg.Window
	if tr.n == w {
		old := tr.x[tr.head]
		equal := 0
		for k := 1; k < w; k++ {
			v := tr.x[(tr.head+k)%w]
			switch {
			case v > old:
				tr.s--
			case v < old:
				tr.s++
			default:
				equal++
			}
		}
		tr.tieTerm += mkTie(equal) - mkTie(equal+1)
		tr.tied -= float64(equal)
		tr.head = (tr.head + 1) % w
		tr.n--
	}
	equal := 0
	for k := 0; k < tr.n; k++ {
		v := tr.x[(tr.head+k)%w]
		switch {
		case x > v:
			tr.s++
		case x < v:
			tr.s--
		default:
			equal++
		}
	}
	tr.tieTerm += mkTie(equal+1) - mkTie(equal)
	tr.tied += float64(equal)
	i := (tr.head + tr.n) % w
	tr.t[i], tr.x[i] = t, x
	tr.n++
	if tr.n < w {
		return DriftResult{Status: DriftWarmup}
	}
	r := tr.MannKendall()
	if r.VarS <= 0 {
		return DriftResult{Status: DriftFlatBaseline}
	}
	return DriftResult{Score: math.Abs(r.Z), Alarm: r.P < tr.cfg.Alpha, Status: DriftReady}
}

// MannKendall returns the test of the current window (of the samples seen
// so far while it fills) in O(1).
func (tr *Trend) MannKendall() MannKendallResult {
	r := MannKendallResult{N: tr.n, S: tr.s}
	mkFinish(&r, tr.tieTerm, tr.tied)
	return r
}

// Slope returns the Theil–Sen fit of the current window in O(Window²)
// expected time without allocating (but for the first call on a Trend
// restored by UnmarshalBinary, which allocates its Window(Window−1)/2
// scratch slopes), or an error while fewer than 2 samples (or only one
// distinct time) are held.
func (tr *Trend) Slope() (TheilSenResult, error) {
	w := tr.cfg.Window
	if cap(tr.slopes) < tr.slopeCap() {
		tr.slopes = make([]float64, 0, tr.slopeCap())
	}
	for k := 0; k < tr.n; k++ {
		j := (tr.head + k) % w
		tr.tt[k], tr.xx[k] = tr.t[j], tr.x[j]
	}
	return theilSen(tr.slopes, tr.med, tr.tt[:tr.n], tr.xx[:tr.n])
}

// Reset empties the window.
func (tr *Trend) Reset() {
	tr.head, tr.n, tr.s, tr.tieTerm, tr.tied = 0, 0, 0, 0, 0
}
