package anomaly

import (
	"math"

	"github.com/spindle-pdm/spindle/internal/stats"
)

// GPDMethod selects how SPOT fits the Generalised Pareto tail.
type GPDMethod uint8

const (
	// GPDGrimshaw is the maximum-likelihood fit by Grimshaw's reduction to
	// one variable (Grimshaw 1993), as in Siffer et al.; it falls back to
	// the method of moments when the peaks give it no valid interval.
	GPDGrimshaw GPDMethod = iota
	// GPDMoments is the method-of-moments fit:
	// γ = ½(1 − m²/s²), σ = ½m(m²/s² + 1).
	GPDMoments
)

// SPOTConfig configures SPOT and DSPOT (A. Siffer, P.-A. Fouque, A.
// Termier and C. Largouët, "Anomaly Detection in Streams with Extreme
// Value Theory", KDD 2017): a Peaks-Over-Threshold model of the upper
// tail gives the threshold z_q that a sample exceeds with probability PFA,
// refitted as peaks arrive.
//
// The zero value of every field means its default (DefaultSPOTConfig);
// the defaults of Depth, Lower, Method and LearnAlarms are their zero
// values.
type SPOTConfig struct {
	// PFA is the false-alarm probability per sample targeted by z_q;
	// 0 < PFA < 1 − Level; zero means 1e-4.
	PFA float64
	// Level is the quantile of the calibration data used as the initial
	// threshold t (0.98 in the paper); 0 < Level < 1; zero means 0.98.
	Level float64
	// Calibration is the number of samples used to initialise the model
	// (the paper's n); at least 10/(1 − Level) so that ten peaks are
	// expected. For DSPOT, Depth further samples precede them. Zero means
	// 1000.
	Calibration int
	// MaxPeaks bounds the peaks kept for the fit (oldest dropped first),
	// so memory and refit cost are bounded; ≥ 10; zero means 500.
	MaxPeaks int
	// Depth > 0 makes the detector DSPOT: it models x minus the mean of
	// the last Depth normal samples, following a drifting level. Alarms do
	// not enter that window, except that Depth consecutive alarms are taken
	// as a new level: the window is then refilled with those Depth samples.
	// So no sample (a dropout to zero, a ±1e308 glitch) can hold the
	// detector in alarm: once the stream is healthy again it is back to its
	// false-alarm rate within 2·Depth samples. A sustained step of the
	// level raises Depth alarms and is then followed. At most MaxDepth.
	Depth int
	// Lower makes the detector watch the lower tail (it negates x).
	Lower bool
	// Method selects the GPD fit.
	Method GPDMethod
	// LearnAlarms also adds samples above z_q to the peaks (the reference
	// implementation's run without alarms). By default, as in the paper,
	// alarms are not learnt so that anomalies cannot inflate the tail; the
	// price is that on a long anomaly-free stream the fitted tail is
	// truncated at z_q and the threshold creeps down (in the tests, an
	// Exp(1) stream at PFA = 1e-3 alarmed at about 3·PFA after 3·10⁵
	// samples). Set it when the stream is known to be clean. Even then a
	// sample scoring above MaxLearnedScore (a glitch such as 1e308) is
	// never learnt.
	LearnAlarms bool
}

// MaxDepth is the largest SPOTConfig.Depth (samples), and MaxSPOTBuffer the
// largest SPOTConfig.Calibration and MaxPeaks, bounding NewSPOT's memory.
// MaxLearnedScore is the largest Score of an alarm that
// SPOTConfig.LearnAlarms learns.
const (
	MaxDepth        = 1 << 20
	MaxSPOTBuffer   = 1 << 24
	MaxLearnedScore = 1000
)

// DefaultSPOTConfig returns the values the zero fields of a SPOTConfig
// stand for: PFA = 1e-4, Level = 0.98, 1000 calibration samples, 500
// peaks and no drift window.
func DefaultSPOTConfig() SPOTConfig {
	return SPOTConfig{PFA: 1e-4, Level: 0.98, Calibration: 1000, MaxPeaks: 500}
}

// withDefaults returns c with its zero fields set to their defaults.
func (c SPOTConfig) withDefaults() SPOTConfig {
	d := DefaultSPOTConfig()
	orDefault(&c.PFA, d.PFA)
	orDefault(&c.Level, d.Level)
	orDefault(&c.Calibration, d.Calibration)
	orDefault(&c.MaxPeaks, d.MaxPeaks)
	return c
}

// SPOT is a streaming extreme-value threshold (SPOT, or DSPOT when
// Depth > 0). The first Calibration (+Depth) samples calibrate it; then a
// sample above z_q is an alarm and is not learnt, a sample between t and
// z_q is a peak that refits the tail, and others only count. Update's
// Score is (x − t)/(z_q − t) clipped at 0, so Score > 1 is an alarm. All
// memory is allocated by NewSPOT; a refit costs O(MaxPeaks) and happens
// only on peaks. It is not safe for concurrent use.
type SPOT struct {
	cfg        SPOTConfig
	calib      []float64 // calibration buffer
	sorted     []float64 // scratch for the calibration quantile
	nc         int
	win        []float64 // DSPOT window ring
	wn, wh     int
	wsum       float64
	raw        []float64 // DSPOT ring of the last Depth samples, alarms included
	rh         int
	run        int       // consecutive alarms (DSPOT)
	peaks      []float64 // excesses over t (ring)
	ph, np     int
	t, zq      float64
	gamma, sig float64
	n, nt      float64 // observations and peaks seen
	root       float64 // Grimshaw root of the last fit (0: exponential)
	fits       int     // fits since the last full root search
	ready      bool
	fail       int // why the last calibration failed (calibOK...)
	err        error
}

// NewSPOT returns a detector, or an error naming the invalid field.
func NewSPOT(cfg SPOTConfig) (*SPOT, error) {
	cfg = cfg.withDefaults()
	switch {
	case !(cfg.Level > 0 && cfg.Level < 1):
		return nil, errorf(ErrConfig, "SPOT Level = %g, want 0 < Level < 1", cfg.Level)
	case !(cfg.PFA > 0 && cfg.PFA < 1-cfg.Level):
		return nil, errorf(ErrConfig, "SPOT PFA = %g, want 0 < PFA < 1 − Level = %g", cfg.PFA, 1-cfg.Level)
	case float64(cfg.Calibration)*(1-cfg.Level) < 10:
		return nil, errorf(ErrConfig, "SPOT Calibration = %d gives fewer than 10 expected peaks at Level %g", cfg.Calibration, cfg.Level)
	case cfg.MaxPeaks < 10:
		return nil, errorf(ErrConfig, "SPOT MaxPeaks = %d, want ≥ 10", cfg.MaxPeaks)
	case cfg.Calibration > MaxSPOTBuffer || cfg.MaxPeaks > MaxSPOTBuffer:
		return nil, errorf(ErrConfig, "SPOT Calibration = %d, MaxPeaks = %d, want at most %d", cfg.Calibration, cfg.MaxPeaks, MaxSPOTBuffer)
	case cfg.Depth < 0 || cfg.Depth > MaxDepth:
		return nil, errorf(ErrConfig, "SPOT Depth = %d, want 0 ≤ Depth ≤ %d", cfg.Depth, MaxDepth)
	case cfg.Method > GPDMoments:
		return nil, errorf(ErrConfig, "SPOT Method = %d is unknown", cfg.Method)
	}
	s := &SPOT{cfg: cfg, calib: make([]float64, cfg.Calibration), sorted: make([]float64, cfg.Calibration), win: make([]float64, cfg.Depth), raw: make([]float64, cfg.Depth), peaks: make([]float64, cfg.MaxPeaks)}
	return s, nil
}

// Reset returns the detector to its freshly constructed state.
func (s *SPOT) Reset() {
	*s = SPOT{cfg: s.cfg, calib: s.calib, sorted: s.sorted, win: s.win, raw: s.raw, peaks: s.peaks}
}

// Err returns why the last calibration failed (nil if it did not): for
// instance too few distinct values to find peaks. The detector then
// calibrates again on the next samples.
func (s *SPOT) Err() error { return s.err }

// Threshold returns the current alarm threshold z_q in the units of x (for
// DSPOT the local mean of the drift window is added back), and false
// before calibration.
func (s *SPOT) Threshold() (float64, bool) {
	if !s.ready {
		return 0, false
	}
	z := s.zq
	if s.cfg.Depth > 0 {
		z += s.wsum / float64(s.cfg.Depth)
	}
	if s.cfg.Lower {
		z = -z
	}
	return z, true
}

// GPD returns the fitted tail shape γ and scale σ (units of x).
func (s *SPOT) GPD() (gamma, sigma float64) { return s.gamma, s.sig }

// Init calibrates the detector from a batch (the paper's initialisation):
// for DSPOT the first Depth values fill the drift window. It returns an
// error for NaN or infinite values, too few values, or too few peaks.
func (s *SPOT) Init(calib []float64) error {
	s.Reset()
	need := s.cfg.Depth + 10
	if len(calib) < need {
		return errorf(ErrInput, "SPOT Init needs at least %d values, got %d", need, len(calib))
	}
	if i := firstNonFinite(calib); i >= 0 {
		return errorf(ErrInput, "SPOT Init value %d is %v", i, calib[i])
	}
	var buf []float64
	if len(calib)-s.cfg.Depth <= len(s.calib) {
		buf = s.calib[:0]
	}
	for i, v := range calib {
		if s.cfg.Lower {
			v = -v
		}
		if i < s.cfg.Depth {
			s.pushWindow(v)
			continue
		}
		buf = append(buf, v-s.localMean())
		s.pushWindow(v)
	}
	return s.initFrom(buf)
}

func (s *SPOT) localMean() float64 {
	if s.cfg.Depth == 0 {
		return 0
	}
	return s.wsum / float64(s.wn)
}

func (s *SPOT) pushWindow(v float64) {
	d := s.cfg.Depth
	if d == 0 {
		return
	}
	s.pushRaw(v)
	if s.wn == d {
		s.wsum -= s.win[s.wh]
		s.win[s.wh] = v
		s.wh = (s.wh + 1) % d
		if s.wh == 0 {
			// Resum once per turn of the ring (O(1) per sample): a huge
			// value that has left the window leaves no rounding behind.
			s.wsum = sumOf(s.win)
			return
		}
	} else {
		s.win[(s.wh+s.wn)%d] = v
		s.wn++
	}
	s.wsum += v
}

// pushRaw records v in the ring of the last Depth samples.
func (s *SPOT) pushRaw(v float64) {
	s.raw[s.rh] = v
	s.rh = (s.rh + 1) % len(s.raw)
}

// alarmed records a DSPOT alarm sample v; after Depth consecutive alarms
// the level has moved and the window restarts from those samples.
func (s *SPOT) alarmed(v float64) {
	if s.cfg.Depth == 0 {
		return
	}
	s.pushRaw(v)
	s.run++
	if s.run < s.cfg.Depth {
		return
	}
	s.run = 0
	copy(s.win, s.raw[s.rh:])
	copy(s.win[len(s.raw)-s.rh:], s.raw[:s.rh])
	s.wh, s.wn = 0, s.cfg.Depth
	s.wsum = sumOf(s.win)
}

func sumOf(x []float64) float64 {
	v := 0.0
	for _, e := range x {
		v += e
	}
	return v
}

// initFrom sets t, the peaks and z_q from calibration values x (already
// relative to the local mean). Peaks are stored in time order, so that when
// there are more than MaxPeaks the most recent are kept.
func (s *SPOT) initFrom(x []float64) error {
	srt := s.sorted
	if len(srt) < len(x) {
		srt = make([]float64, len(x)) // batch Init with more data than Calibration
	}
	srt = srt[:len(x)]
	copy(srt, x)
	k := int(s.cfg.Level * float64(len(x)))
	if k >= len(x) {
		k = len(x) - 1
	}
	s.t = stats.SelectKth(srt, k)
	s.np, s.ph = 0, 0
	for _, v := range x {
		if v > s.t {
			s.addPeak(v - s.t)
		}
	}
	s.n, s.nt = float64(len(x)), float64(s.np)
	if s.np < 5 {
		s.fail = calibFewPeaks
		s.err = s.calibrationError()
		return s.err
	}
	s.fit()
	if !finiteSample(s.t, s.zq) || !finiteSample(s.gamma, s.sig) || !finiteSample(meanOf(s.peaks[:s.np]), 0) {
		// An extreme sample (±1e308) among the calibration data: forget
		// this calibration, so that no non-finite value stays in the state.
		s.np, s.ph, s.t, s.zq, s.gamma, s.sig, s.root, s.n, s.nt, s.fits = 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
		s.fail = calibNotFinite
		s.err = s.calibrationError()
		return s.err
	}
	s.fail, s.err = calibOK, nil
	s.ready = true
	return nil
}

// Why the last calibration failed (SPOT.fail).
const (
	calibOK        = iota
	calibFewPeaks  // fewer than 5 peaks
	calibNotFinite // the tail fit is not finite
)

// calibrationError says why the last calibration failed.
func (s *SPOT) calibrationError() error {
	if s.fail == calibNotFinite {
		return errorf(ErrInput, "SPOT calibration data give a non-finite tail (an extreme value such as 1e308 among them?)")
	}
	return errorf(ErrInput, "SPOT calibration gave %d peaks above the %g quantile %g; need at least 5 (is the series constant or quantised?)",
		s.np, s.cfg.Level, s.t)
}

func (s *SPOT) addPeak(y float64) {
	m := len(s.peaks)
	if s.np == m {
		s.peaks[s.ph] = y
		s.ph = (s.ph + 1) % m
	} else {
		s.peaks[(s.ph+s.np)%m] = y
		s.np++
	}
}

// fit refits the GPD on the stored peaks and recomputes z_q.
func (s *SPOT) fit() {
	y := s.peaks[:s.np]
	var g, sg float64
	var ok bool
	if s.cfg.Method == GPDGrimshaw {
		// A full root search runs on every 32nd refit; in between the
		// previous root is tracked by Newton's method, and the
		// exponential fit (γ = 0, σ = mean) stands in when there is no
		// root to track or tracking fails, so a refit is O(MaxPeaks).
		if s.fits > 0 && s.fits < 32 {
			s.fits++
			if s.root != 0 {
				g, sg, s.root, ok = grimshawTrack(y, s.root)
			}
			if !ok {
				g, sg, s.root, ok = 0, meanOf(y), 0, true
			}
		} else {
			g, sg, s.root, ok = gpdGrimshaw(y)
			s.fits = 1
		}
	}
	if !ok {
		g, sg = gpdMoments(y)
	}
	zq := gpdQuantile(s.t, g, sg, s.cfg.PFA, s.n, s.nt)
	if s.ready && (!finiteSample(zq, g) || !finiteSample(sg, 0) || zq == s.t) {
		return // keep the last good fit: no peak can make the threshold NaN
	}
	s.gamma, s.sig, s.zq = g, sg, zq
}

// gpdQuantile returns z_q = t + σ/γ·((q·n/N_t)^(−γ) − 1), or
// t − σ·ln(q·n/N_t) when γ = 0.
func gpdQuantile(t, gamma, sigma, q, n, nt float64) float64 {
	r := q * n / nt
	if math.Abs(gamma) < 1e-12 {
		return t - sigma*math.Log(r)
	}
	return t + sigma/gamma*(math.Pow(r, -gamma)-1)
}

// Update scores sample x at time t (only checked to be finite).
func (s *SPOT) Update(t, x float64) DriftResult {
	if !finiteSample(t, x) {
		return DriftResult{Status: DriftInvalid}
	}
	if s.cfg.Lower {
		x = -x
	}
	if !s.ready {
		if s.wn < s.cfg.Depth {
			s.pushWindow(x)
			return DriftResult{Status: DriftWarmup}
		}
		s.calib[s.nc] = x - s.localMean()
		s.nc++
		s.pushWindow(x)
		if s.nc == len(s.calib) {
			s.nc = 0
			_ = s.initFrom(s.calib) // on failure, Err says why and calibration restarts
		}
		return DriftResult{Status: DriftWarmup}
	}
	v := x - s.localMean()
	score := math.Max(0, (v-s.t)/(s.zq-s.t))
	alarm := v > s.zq
	if !alarm {
		s.run = 0
	}
	switch {
	case alarm && (!s.cfg.LearnAlarms || !(score <= MaxLearnedScore)):
		s.alarmed(x)
		return DriftResult{Score: score, Alarm: true, Status: DriftReady}
	case v > s.t:
		s.addPeak(v - s.t)
		s.nt++
		s.n++
		s.fit()
	default:
		s.n++
	}
	s.pushWindow(x)
	return DriftResult{Score: score, Alarm: alarm, Status: DriftReady}
}

// gpdMoments fits the GPD to excesses y by the method of moments.
func gpdMoments(y []float64) (gamma, sigma float64) {
	var m, v float64
	for _, e := range y {
		m += e
	}
	m /= float64(len(y))
	for _, e := range y {
		v += (e - m) * (e - m)
	}
	v /= float64(len(y) - 1)
	if !(v > 0) {
		return 0, m // degenerate peaks: an exponential tail of the same mean
	}
	r := m * m / v
	return 0.5 * (1 - r), 0.5 * m * (r + 1)
}

// gpdGrimshaw fits the GPD to excesses y by maximum likelihood with
// Grimshaw's trick: the likelihood's stationary points with x = γ/σ ≠ 0
// are the roots of w(x) = u(x)·v(x) − 1, u = mean(1/(1+x·y)),
// v = 1 + mean(ln(1+x·y)), searched in (−1/max y, 0) and
// (0, 2(mean − min)/min²); each root gives γ = v − 1, σ = γ/x. The
// candidate (and the exponential γ = 0, σ = mean) of highest likelihood
// wins.
func gpdGrimshaw(y []float64) (gamma, sigma, root float64, ok bool) {
	ymin, ymax, mean := math.Inf(1), 0.0, 0.0
	for _, e := range y {
		ymin = math.Min(ymin, e)
		ymax = math.Max(ymax, e)
		mean += e
	}
	mean /= float64(len(y))
	if !(ymin > 0) || !(ymax > ymin) {
		return 0, 0, 0, false
	}
	bestG, bestS, bestX := 0.0, mean, 0.0
	bestL := gpdLogLik(y, 0, mean)
	try := func(x float64) {
		u, v := grimshawUV(y, x)
		g := v - 1
		if u <= 0 || g == 0 {
			return
		}
		sg := g / x
		if !(sg > 0) {
			return
		}
		if l := gpdLogLik(y, g, sg); l > bestL {
			bestG, bestS, bestL, bestX = g, sg, l, x
		}
	}
	w := func(x float64) float64 { u, v := grimshawUV(y, x); return u*v - 1 }
	const grid = 12
	// Lower interval (−1/ymax, 0): dense near both ends.
	a := -1 / ymax
	var prevX, prevW float64
	first := true
	scan := func(x float64) {
		wx := w(x)
		if !first && !math.IsNaN(wx) && !math.IsNaN(prevW) && (wx > 0) != (prevW > 0) {
			try(grimshawBisect(w, prevX, x, prevW))
		}
		prevX, prevW, first = x, wx, false
	}
	for k := 0; k < grid; k++ {
		scan(a * (1 - math.Pow(10, -10+9.7*float64(k)/(grid-1))))
	}
	for k := 0; k < grid; k++ {
		scan(a * math.Pow(10, -0.3-7.7*float64(k)/(grid-1)))
	}
	// Upper interval (0, 2(mean − min)/min²).
	b := 2 * (mean - ymin) / (ymin * ymin)
	if b > 0 && !math.IsInf(b, 0) {
		first = true
		for k := 0; k < 2*grid; k++ {
			scan(b * math.Pow(10, -10+10*float64(k)/(2*grid-1)))
		}
	}
	if math.IsNaN(bestL) || math.IsInf(bestL, 0) {
		return 0, 0, 0, false
	}
	return bestG, bestS, bestX, true
}

// grimshawTrack refines a previous Grimshaw root x0 for the updated peaks y
// by Newton's method on w(x) = u·v − 1 (u' = −mean(y/s²), v' = mean(y/s),
// s = 1 + x·y), keeping the result only if it converges inside the
// admissible interval and beats the exponential fit's likelihood.
func grimshawTrack(y []float64, x0 float64) (gamma, sigma, root float64, ok bool) {
	ymax, mean := 0.0, 0.0
	for _, e := range y {
		ymax = math.Max(ymax, e)
		mean += e
	}
	mean /= float64(len(y))
	n := float64(len(y))
	x := x0
	for it := 0; it < 12; it++ {
		if x*ymax <= -1 || x == 0 {
			return 0, 0, 0, false
		}
		var u, v, du, dv float64
		for _, e := range y {
			s := 1 + x*e
			u += 1 / s
			v += math.Log(s)
			du -= e / (s * s)
			dv += e / s
		}
		u, v, du, dv = u/n, 1+v/n, du/n, dv/n
		w, dw := u*v-1, du*v+u*dv
		if dw == 0 || math.IsNaN(dw) {
			return 0, 0, 0, false
		}
		step := w / dw
		x -= step
		if math.Abs(step) <= 1e-12*math.Abs(x) {
			u, v = grimshawUV(y, x)
			g := v - 1
			sg := g / x
			if x*ymax <= -1 || u <= 0 || !(sg > 0) || g == 0 {
				return 0, 0, 0, false
			}
			if gpdLogLik(y, g, sg) < gpdLogLik(y, 0, mean) {
				return 0, 0, 0, false
			}
			return g, sg, x, true
		}
	}
	return 0, 0, 0, false
}

func meanOf(y []float64) float64 {
	m := 0.0
	for _, e := range y {
		m += e
	}
	return m / float64(len(y))
}

func grimshawUV(y []float64, x float64) (u, v float64) {
	for _, e := range y {
		s := 1 + x*e
		u += 1 / s
		v += math.Log(s)
	}
	n := float64(len(y))
	return u / n, 1 + v/n
}

// grimshawBisect finds a root of f in [lo, hi] given f(lo) = flo and a sign
// change across the bracket.
func grimshawBisect(f func(float64) float64, lo, hi, flo float64) float64 {
	for i := 0; i < 40; i++ {
		mid := lo + (hi-lo)/2
		fm := f(mid)
		if (fm > 0) == (flo > 0) {
			lo, flo = mid, fm
		} else {
			hi = mid
		}
	}
	return lo + (hi-lo)/2
}

// gpdLogLik is the GPD log-likelihood of excesses y.
func gpdLogLik(y []float64, gamma, sigma float64) float64 {
	n := float64(len(y))
	if gamma == 0 {
		s := 0.0
		for _, e := range y {
			s += e
		}
		return -n*math.Log(sigma) - s/sigma
	}
	s := 0.0
	for _, e := range y {
		z := 1 + gamma*e/sigma
		if z <= 0 {
			return math.Inf(-1)
		}
		s += math.Log(z)
	}
	return -n*math.Log(sigma) - (1+1/gamma)*s
}
