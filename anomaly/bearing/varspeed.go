package bearing

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"sync"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/features/order"
)

// ProfileDiagnosis is the result of DiagnoseProfile and DiagnoseAngle: the
// Diagnosis of a signal whose shaft speed changed, made in the order domain,
// and how the signal was order tracked.
//
// The embedded Diagnosis was made on the signal resampled to shaft angle, so
// its lines are orders (cycles per revolution); its Hz fields — ShaftHz,
// Defects, the bands, Fundamental, Freq and ExpectedFreq — are those orders
// times MeanShaftHz: the frequencies the lines would have on a shaft turning
// steadily at the record's mean speed. Divide by MeanShaftHz for orders.
// Confidence, scores, prominences, ErrorPct and Health.CageRevolutions do
// not depend on the speed. Health's kurtosis and band (Hz) and Saturation
// are measured on the signal as recorded, before resampling, where the
// resonances the impacts ring stand still, and decide a Healthy verdict
// and weaken a fault verdict as in Diagnose (rules 5 and 6).
type ProfileDiagnosis struct {
	*Diagnosis
	OrderTracking
}

// OrderTracking tells how a signal was resampled to shaft angle for a
// ProfileDiagnosis.
type OrderTracking struct {
	// OrderTracked is true for a diagnosis made in the order domain.
	OrderTracked bool `json:"order_tracked"`
	// SamplesPerRev is the angular sampling, samples per revolution.
	SamplesPerRev int `json:"samples_per_rev"`
	// Revolutions is the number of shaft revolutions analysed.
	Revolutions float64 `json:"revolutions"`
	// Seconds is the span of the signal analysed, s: the part of the
	// record inside the speed profile's time span.
	Seconds float64 `json:"seconds"`
	// MeanShaftHz, MinShaftHz and MaxShaftHz are the mean, lowest and
	// highest shaft speed over the part analysed, Hz.
	MeanShaftHz float64 `json:"mean_shaft_hz"`
	MinShaftHz  float64 `json:"min_shaft_hz"`
	MaxShaftHz  float64 `json:"max_shaft_hz"`
}

// ProfileDiagnoser diagnoses rolling-element bearing faults on machines
// whose speed changes, by computed order tracking: it resamples the
// vibration to shaft angle and diagnoses the angle-domain signal with a
// Diagnoser (see DiagnoseAngle). Build one with NewProfileDiagnoser and
// reuse it: besides its Diagnoser's cache it keeps, for each call running
// at once, the buffers of the resampling (about 8 bytes per input sample
// and 8 per angle-domain sample), the last resampler and the time-domain
// kurtogram. It is safe for concurrent use.
type ProfileDiagnoser struct {
	d    *Diagnoser
	mu   sync.Mutex
	idle []*profileScratch
}

// profileScratch holds what one DiagnoseAngleTo call reuses.
type profileScratch struct {
	rev, y, tail []float64
	r            *order.Resampler
	kurt         *features.Kurtogram
	kres         *features.KurtogramResult
	klv          int
	krate        float64
}

// scratch takes an idle profileScratch, or a new one.
func (p *ProfileDiagnoser) scratch() *profileScratch {
	p.mu.Lock()
	defer p.mu.Unlock()
	if k := len(p.idle); k > 0 {
		s := p.idle[k-1]
		p.idle = p.idle[:k-1]
		return s
	}
	return &profileScratch{}
}

// release returns s to the idle list.
func (p *ProfileDiagnoser) release(s *profileScratch) {
	p.mu.Lock()
	p.idle = append(p.idle, s)
	p.mu.Unlock()
}

// resampler returns a Resampler for cfg, s's own when its configuration is
// the same.
func (s *profileScratch) resampler(cfg order.ResamplerConfig) (*order.Resampler, error) {
	if s.r != nil {
		if c := s.r.Config(); c.SampleRate == cfg.SampleRate && c.SamplesPerRev == cfg.SamplesPerRev && c.MinSpeedHz == cfg.MinSpeedHz {
			s.r.Reset()
			return s.r, nil
		}
	}
	r, err := order.NewResampler(cfg)
	if err != nil {
		return nil, err
	}
	s.r = r
	return r, nil
}

// kurtogram returns a Kurtogram of lv levels at rate Hz, s's own when it
// has those.
func (s *profileScratch) kurtogram(lv int, rate float64) (*features.Kurtogram, error) {
	if s.kurt != nil && s.klv == lv && s.krate == rate {
		return s.kurt, nil
	}
	k, err := features.NewKurtogram(lv, rate)
	if err != nil {
		return nil, err
	}
	s.kurt, s.kres, s.klv, s.krate = k, nil, lv, rate
	return k, nil
}

// NewProfileDiagnoser returns a ProfileDiagnoser whose Diagnoser has cfg,
// zero fields set to their defaults, except that nil Methods means
// []Method{MethodRaw} (and so MinMethods 1): the kurtogram, cepstrum and
// MED methods choose and whiten bands fixed in Hz — the resonances the
// impacts ring — which a changing speed sweeps across the orders, so in
// the angle domain their bands are not stationary (on the run-ups of the
// package tests the kurtogram picks the band that holds signal only at the
// lowest speed, and pre-whitening lifts the empty orders above the
// anti-alias cutoff), while the squared envelope of the whole band keeps
// the impacts' periodicity in angle. Give Methods explicitly to run others.
// It returns an error naming an invalid field (ErrConfig).
func NewProfileDiagnoser(cfg DiagnoserConfig) (*ProfileDiagnoser, error) {
	if cfg.Methods == nil {
		cfg.Methods = []Method{MethodRaw}
	}
	d, err := NewDiagnoser(cfg)
	if err != nil {
		return nil, err
	}
	return &ProfileDiagnoser{d: d}, nil
}

// Config returns the configuration of the angle-domain diagnosis, defaults
// filled in.
func (p *ProfileDiagnoser) Config() DiagnoserConfig { return p.d.Config() }

// MaxOrderTrackingGrowth is the most samples the angle-domain signal of
// DiagnoseAngle may hold, as a multiple of the samples of the time signal
// analysed (see DiagnoseAngle).
const MaxOrderTrackingGrowth = 4

// speedSteps is the number of steps per octave of the grid to which
// DiagnoseAngle lowers the lowest speed before it sets the resampling by
// it, so that records of nearby speeds share a resampler.
const speedSteps = 16

// DiagnoseProfile diagnoses the vibration signal x, sampled at sampleRate
// Hz with sample 0 at time 0 s, of a bearing of geometry b on a shaft whose
// speed changes as speed says (times in s, speeds in Hz, the speed linear
// between points): it integrates the speed into the shaft angle and calls
// DiagnoseAngle.
// speed needs at least 2 points, strictly increasing finite times, finite
// speeds > 0, and Uncertainty nil or as long as Hz (it is not used).
// Errors wrap ErrInput (a bad profile, signal or rate) or ErrConfig, as
// those of DiagnoseAngle.
func (p *ProfileDiagnoser) DiagnoseProfile(x []float64, sampleRate float64, speed order.SpeedProfile, b features.Bearing) (*ProfileDiagnosis, error) {
	angle, err := profileAngle(speed)
	if err != nil {
		return nil, err
	}
	return p.DiagnoseAngle(x, sampleRate, angle, b)
}

// knotsPerRev is the number of knots per revolution of the angle curve
// DiagnoseProfile builds, enough for its cubic pieces to follow the
// quadratic angle of a speed that changes linearly.
const knotsPerRev = 4

// profileAngle integrates a speed profile, linear between its points, into
// the shaft angle, 0 revolutions at the first point, with knotsPerRev knots
// per revolution.
func profileAngle(p order.SpeedProfile) (*order.ShaftAngle, error) {
	switch {
	case len(p.Time) != len(p.Hz):
		return nil, errorf(ErrInput, "speed profile of %d times and %d speeds, need as many of each", len(p.Time), len(p.Hz))
	case p.Uncertainty != nil && len(p.Uncertainty) != len(p.Hz):
		return nil, errorf(ErrInput, "speed profile of %d speeds and %d uncertainties, need none or as many", len(p.Hz), len(p.Uncertainty))
	case len(p.Hz) < 2:
		return nil, errorf(ErrInput, "speed profile of %d points, need at least 2", len(p.Hz))
	}
	knots := 1
	for i, f := range p.Hz {
		if !(f > 0) || math.IsInf(f, 0) {
			return nil, errorf(ErrInput, "speed profile point %d is %v Hz, need a finite speed > 0", i, f)
		}
		if t := p.Time[i]; math.IsNaN(t) || math.IsInf(t, 0) || i > 0 && !(t > p.Time[i-1]) {
			return nil, errorf(ErrInput, "speed profile time %d is %v s, need finite times that increase", i, t)
		}
		if i > 0 {
			knots += pieces(p, i)
		}
	}
	if knots > maxProfileKnots {
		return nil, errorf(ErrInput, "speed profile of %.3g revolutions, need at most %d", float64(knots)/knotsPerRev, maxProfileKnots/knotsPerRev)
	}
	time, rev := make([]float64, 1, knots), make([]float64, 1, knots)
	time[0] = p.Time[0]
	for i := 1; i < len(p.Hz); i++ {
		t0, f0, dt := p.Time[i-1], p.Hz[i-1], p.Time[i]-p.Time[i-1]
		slope, base := (p.Hz[i]-f0)/dt, rev[len(rev)-1]
		n := pieces(p, i)
		for k := 1; k <= n; k++ {
			tau := dt * float64(k) / float64(n)
			time = append(time, t0+tau)
			rev = append(rev, base+f0*tau+slope*tau*tau/2)
		}
	}
	a, err := order.NewShaftAngle(time, rev)
	if err != nil {
		return nil, errorf(ErrInput, "speed profile: %w", err)
	}
	return a, nil
}

// maxProfileKnots bounds the knots of the angle curve of a speed profile.
const maxProfileKnots = 1 << 26

// pieceChange is the largest change of the speed within one piece of the
// angle curve of DiagnoseProfile, relative to the lower speed at the
// piece's ends: the monotone cubic's slope at a knot lies between the mean
// speeds of the pieces on either side, so the speed at a point of the
// profile is followed within about that.
const pieceChange = 0.02

// pieces is the number of pieces into which profileAngle cuts the interval
// before point i of p: knotsPerRev per revolution, and enough that the
// speed changes by at most pieceChange of the lower speed in each.
func pieces(p order.SpeedProfile, i int) int {
	f0, f1 := p.Hz[i-1], p.Hz[i]
	revs := (p.Time[i] - p.Time[i-1]) * (f0 + f1) / 2
	n := max(revs*knotsPerRev, math.Abs(f1-f0)/(pieceChange*min(f0, f1)))
	return max(1, int(min(math.Ceil(n), maxProfileKnots)))
}

// DiagnoseAngle diagnoses the vibration signal x, sampled at sampleRate Hz
// with sample 0 at time 0 s, of a bearing of geometry b on a shaft whose
// angle in revolutions at time t is angle.At(t) — from a tachometer
// (order.SpeedFromTacho) or the vibration (order.SpeedFromVibration) —
// by computed order tracking (Fyfe & Munck, MSSP 11 (1997) 187-205;
// Randall & Antoni, MSSP 25 (2011) 485-520, §4.3).
//
// The samples of x inside the angle's time span [angle.Start(),
// angle.End()] are resampled to SamplesPerRev samples per revolution by
// order.Resampler, whose anti-alias filter is set by the lowest speed; the
// resampled signal is a constant-speed signal of one revolution per
// SamplesPerRev samples, in which a bearing's defect lines stand at fixed
// orders however the speed changed, and Diagnose, with the
// ProfileDiagnoser's configuration, analyses it; the health kurtosis and
// saturation are measured on x itself (see ProfileDiagnosis for the units
// of the result). SamplesPerRev is the
// smallest of 2^k and 3·2^(k−1), k ≥ 6, at least sampleRate/MinShaftHz, so
// that at the lowest speed the angular sampling is as fast as the
// recording's and the resonances the impacts ring pass the filter, and at
// least four times the highest order Diagnose searches; where that would
// give more than MaxOrderTrackingGrowth times the samples analysed, it is
// lowered (to no less than that search needs), and content above
// 0.4·SamplesPerRev·MinShaftHz Hz is then filtered out at the lowest
// speed. The angle-domain signal is cut to the longest length m·2^k ≤ its
// own, m in {8, 9, 10, 12, 15} (at most 11 % shorter), so that records of
// nearby lengths share the Diagnoser's cached plans. The anti-alias filter
// and SamplesPerRev are set by MinShaftHz lowered to a grid of 16 steps
// per octave (at most 4.3 % lower), so that records of nearby speeds share
// a resampler; see DiagnoseAngleTo for the buffers reused.
//
// Errors wrap ErrInput: a nil angle, a sampleRate that is not finite and
// positive, a signal with a NaN or ±Inf sample, fewer than 2 samples inside
// the angle's time span, fewer than MinRevolutions revolutions there, or
// any error of Diagnose on the resampled signal; ErrConfig for an invalid
// bearing.
func (p *ProfileDiagnoser) DiagnoseAngle(x []float64, sampleRate float64, angle *order.ShaftAngle, b features.Bearing) (*ProfileDiagnosis, error) {
	return p.DiagnoseAngleTo(nil, x, sampleRate, angle, b)
}

// DiagnoseAngleTo is DiagnoseAngle writing into dst, whose Diagnosis's
// slices it reuses: with a dst from an earlier call on records of the same
// rate, lowest speed (on the grid of DiagnoseAngle) and angle-domain length
// it allocates only what DiagnoseTo allocates on the angle-domain signal
// and one Diagnosis header. A nil dst is allocated. On error dst is
// returned unchanged.
func (p *ProfileDiagnoser) DiagnoseAngleTo(dst *ProfileDiagnosis, x []float64, sampleRate float64, angle *order.ShaftAngle, b features.Bearing) (*ProfileDiagnosis, error) {
	d := p.d
	if angle == nil {
		return dst, errorf(ErrInput, "no shaft angle (nil)")
	}
	if !(sampleRate > 0) || math.IsInf(sampleRate, 0) {
		return dst, errorf(ErrInput, "sample rate %v Hz, need a finite value > 0", sampleRate)
	}
	orders, err := b.Multiples()
	if err != nil {
		return dst, wrap("%w", err)
	}
	i0 := max(0, int(math.Ceil(angle.Start()*sampleRate)))
	i1 := min(len(x), int(math.Floor(angle.End()*sampleRate))+1)
	if i1-i0 < 2 {
		return dst, errorf(ErrInput, "the speed profile (%.4g s to %.4g s) covers %d samples of the %d-sample signal at %g Hz, need at least 2",
			angle.Start(), angle.End(), max(0, i1-i0), len(x), sampleRate)
	}
	x = x[i0:i1]
	s := p.scratch()
	defer p.release(s)
	s.rev = slices.Grow(s.rev[:0], len(x))[:len(x)]
	rev := angle.Sample(s.rev, float64(i0)/sampleRate, sampleRate)
	ot := trackingOf(rev, sampleRate)
	if !(ot.MinShaftHz > 0) || math.IsInf(ot.MaxShaftHz, 0) {
		return dst, errorf(ErrInput, "shaft speed from %v to %v Hz over the signal, need finite speeds > 0", ot.MinShaftHz, ot.MaxShaftHz)
	}
	if ot.Revolutions < d.cfg.MinRevolutions {
		return dst, errorf(ErrInput, "signal spans %.3g shaft revolutions, need at least %g", ot.Revolutions, d.cfg.MinRevolutions)
	}
	minHz := math.Exp2(math.Floor(math.Log2(ot.MinShaftHz)*speedSteps) / speedSteps)
	ot.SamplesPerRev = d.samplesPerRev(orders, sampleRate, minHz, ot.Revolutions, len(x))
	r, err := s.resampler(order.ResamplerConfig{SampleRate: sampleRate, SamplesPerRev: ot.SamplesPerRev, MinSpeedHz: minHz})
	if err != nil {
		return dst, orderError(err)
	}
	y, err := r.Push(slices.Grow(s.y[:0], int(ot.Revolutions*float64(ot.SamplesPerRev))+2*ot.SamplesPerRev), x, rev)
	if err != nil {
		return dst, orderError(err)
	}
	s.tail = r.Flush(s.tail)
	y = append(y, s.tail...)
	s.y = y
	y = y[:smoothLength(len(y))]
	ot.Revolutions = float64(len(y)) / float64(ot.SamplesPerRev)
	if ot.Revolutions < d.cfg.MinRevolutions {
		return dst, errorf(ErrInput, "signal spans %.3g shaft revolutions once resampled, need at least %g", ot.Revolutions, d.cfg.MinRevolutions)
	}
	var into *Diagnosis
	if dst != nil && dst.Diagnosis != nil {
		into = new(Diagnosis)
		*into = *dst.Diagnosis // reuse its slices, leave dst as is on error
	}
	dg, err := d.DiagnoseTo(into, y, float64(ot.SamplesPerRev), 1, b)
	if err != nil {
		return dst, err
	}
	dg.scaleHz(ot.MeanShaftHz)
	if err := d.cfg.timeHealth(dg, x, sampleRate, d.cfg.topOrder(orders)*ot.MaxShaftHz, s); err != nil {
		return dst, err
	}
	d.cfg.recheckSaturation(dg, x)
	ot.OrderTracked = true
	if dst == nil {
		dst = &ProfileDiagnosis{}
	}
	if dst.Diagnosis != nil {
		*dst.Diagnosis = *dg
	} else {
		dst.Diagnosis = dg
	}
	dst.OrderTracking = ot
	return dst, nil
}

// orderError wraps an error of package order in ErrConfig when it is one
// of configuration, else in ErrInput.
func orderError(err error) error {
	if errors.Is(err, order.ErrConfig) {
		return errorf(ErrConfig, "order tracking: %w", err)
	}
	return errorf(ErrInput, "order tracking: %w", err)
}

// trackingOf measures the speed of the shaft whose angle in revolutions
// at the samples of a signal at rate Hz is rev: the mean from the angle
// turned, the lowest and highest from the angle turned between samples.
func trackingOf(rev []float64, rate float64) OrderTracking {
	n := len(rev)
	ot := OrderTracking{Seconds: float64(n-1) / rate, MinShaftHz: math.Inf(1), MaxShaftHz: math.Inf(-1)}
	ot.Revolutions = rev[n-1] - rev[0]
	ot.MeanShaftHz = ot.Revolutions / ot.Seconds
	for i := 1; i < n; i++ {
		f := (rev[i] - rev[i-1]) * rate
		ot.MinShaftHz = min(ot.MinShaftHz, f)
		ot.MaxShaftHz = max(ot.MaxShaftHz, f)
	}
	return ot
}

// samplesPerRev chooses the angular sampling of DiagnoseAngle (see there)
// for a bearing of the given defect orders, a signal of n samples at rate
// Hz spanning revs revolutions with a lowest speed of minHz.
func (d *Diagnoser) samplesPerRev(orders features.DefectFrequencies, rate, minHz, revs float64, n int) int {
	floor := 4 * (d.cfg.topOrder(orders) + d.cfg.FloorOrders)
	want := max(floor, rate/minHz)
	k := 64
	for {
		if float64(k) >= want {
			break
		}
		if float64(k*3/2) >= want {
			k = k * 3 / 2
			break
		}
		k *= 2
	}
	for float64(k)*revs > MaxOrderTrackingGrowth*float64(n) {
		lower := k / 2
		if k%3 != 0 {
			lower = k * 3 / 4 // 2^j → 3·2^(j−2)
		}
		if float64(lower) < floor || lower < 64 {
			break
		}
		k = lower
	}
	return k
}

// topOrder is the highest line Diagnose searches for a bearing of the given
// defect orders, in orders.
func (c *DiagnoserConfig) topOrder(orders features.DefectFrequencies) float64 {
	var top float64
	for _, v := range fault.Components() {
		top = max(top, float64(c.Harmonics)*orders.LineFrequency(v)*(1+c.Tolerance)+orders.Modulation(v))
	}
	return top
}

// timeHealth measures dg's Health kurtosis on x, the signal as recorded at
// rate Hz, and applies rule 6 of Diagnosis with it: the most impulsive
// kurtogram band at least topHz wide (the fault series at the highest
// speed) and at most rate/4. In the angle domain a resonance fixed in Hz
// sweeps across the orders as the speed changes, and the orders above the
// anti-alias cutoff at the lowest speed hold signal only then, so a
// kurtogram there reads the speed's changes as impacts.
func (c *DiagnoserConfig) timeHealth(dg *Diagnosis, x []float64, rate, topHz float64, s *profileScratch) error {
	h := &dg.Health
	h.Measured, h.Kurtosis, h.Band = false, 0, [2]float64{}
	lv := c.KurtogramLevels
	for lv >= 1 && len(x) < 1<<(lv+7) {
		lv--
	}
	if lv >= 1 {
		k, err := s.kurtogram(lv, rate)
		if err != nil {
			return wrap("%w", err)
		}
		if s.kres, err = k.Compute(s.kres, x); err != nil {
			return wrap("%w", err)
		}
		kb := s.kres.BestBand(topHz, rate/4)
		h.Measured, h.Kurtosis, h.Band = true, kb.Kurtosis, [2]float64{kb.Lo(), kb.Hi()}
	}
	if !(dg.Verdict == fault.Healthy || dg.Reason == reasonShort || dg.Reason == reasonNoKurt || dg.Reason == reasonImpulsive) {
		return nil // a fault series decided the verdict
	}
	switch {
	case h.CageRevolutions < c.MinHealthyCageRevolutions:
		dg.Verdict, dg.Reason = fault.Unknown, reasonShort
	case !h.Measured:
		dg.Verdict, dg.Reason = fault.Unknown, reasonNoKurt
	case h.Kurtosis > c.HealthyKurtosis:
		dg.Verdict, dg.Reason = fault.Unknown, reasonImpulsive
	default:
		dg.Verdict, dg.Reason = fault.Healthy, reasonHealthy
	}
	var maxRaw float64
	for _, e := range dg.Evidence {
		for _, m := range e.Methods {
			maxRaw = max(maxRaw, m.Score)
		}
	}
	if dg.Verdict == fault.Healthy {
		dg.Confidence, dg.Method, dg.Band = healthyOdds*(1-maxRaw), "", [2]float64{}
	} else {
		dg.unknownFromStrongest()
	}
	return nil
}

// unknownFromStrongest sets the Confidence, Method and Band of an Unknown
// verdict from the fault of highest Score, as Diagnosis documents.
func (dg *Diagnosis) unknownFromStrongest() {
	best := -1
	for i := range dg.Evidence {
		if best < 0 || dg.Evidence[i].Score > dg.Evidence[best].Score {
			best = i
		}
	}
	if best >= 0 {
		e := &dg.Evidence[best]
		dg.Confidence, dg.Method, dg.Band = e.Score, e.Method.String(), e.Band
	}
}

// smoothLength returns the longest length m·2^k ≤ n, m in {8, 9, 10, 12,
// 15}, or n itself below 8.
func smoothLength(n int) int {
	if n < 8 {
		return n
	}
	best := 0
	for _, m := range [...]int{8, 9, 10, 12, 15} {
		l := m
		for l*2 <= n {
			l *= 2
		}
		if l <= n {
			best = max(best, l)
		}
	}
	return best
}

// recheckSaturation applies rule 5 of Diagnosis to dg, made on a resampled
// signal whose samples are no longer converter codes, with the saturation
// of x as recorded.
func (c *DiagnoserConfig) recheckSaturation(dg *Diagnosis, x []float64) {
	dg.Saturation, _ = anomaly.ReadSaturation(x)
	if !dg.Saturation.Saturated() {
		return
	}
	noSeries := dg.Verdict == fault.Healthy || dg.Reason == reasonShort || dg.Reason == reasonNoKurt || dg.Reason == reasonImpulsive
	if e := dg.Fault(dg.Verdict); !noSeries && (e == nil || e.Score >= c.SaturatedMinScore) {
		return
	}
	dg.Verdict, dg.Reason = fault.Unknown, reasonClipped
	dg.unknownFromStrongest()
}

// scaleHz multiplies every frequency of a diagnosis made in orders (a
// shaft speed of 1 Hz) by f Hz.
func (dg *Diagnosis) scaleHz(f float64) {
	df := &dg.Defects
	df.ShaftHz, df.FTF, df.BPFO, df.BPFI, df.BSF = df.ShaftHz*f, df.FTF*f, df.BPFO*f, df.BPFI*f, df.BSF*f
	dg.ShaftHz *= f
	scale2(&dg.Band, f)
	for i := range dg.Evidence {
		e := &dg.Evidence[i]
		e.Fundamental *= f
		scale2(&e.Band, f)
		for j := range e.Harmonics {
			e.Harmonics[j].Freq *= f
			e.Harmonics[j].ExpectedFreq *= f
		}
		for j := range e.Sidebands {
			e.Sidebands[j].Freq *= f
			e.Sidebands[j].ExpectedFreq *= f
		}
		for j := range e.Methods {
			scale2(&e.Methods[j].Band, f)
		}
	}
}

// scale2 multiplies both edges of a band by f.
func scale2(b *[2]float64, f float64) { b[0], b[1] = b[0]*f, b[1]*f }

// MarshalJSON writes the Diagnosis's JSON object (see Diagnosis.MarshalJSON)
// with the OrderTracking fields added at its top level (order_tracked,
// samples_per_rev, revolutions, seconds, mean_shaft_hz, min_shaft_hz,
// max_shaft_hz).
func (pd ProfileDiagnosis) MarshalJSON() ([]byte, error) {
	var dg Diagnosis
	if pd.Diagnosis != nil {
		dg = *pd.Diagnosis
	}
	b, err := dg.MarshalJSON()
	if err != nil {
		return nil, err
	}
	ot, err := json.Marshal(pd.OrderTracking)
	if err != nil {
		return nil, err
	}
	// Both are objects: splice ot's fields into b's.
	out := make([]byte, 0, len(b)+len(ot))
	out = append(out, b[:len(b)-1]...)
	out = append(out, ',')
	return append(out, ot[1:]...), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (pd *ProfileDiagnosis) UnmarshalJSON(b []byte) error {
	dg := new(Diagnosis)
	if err := json.Unmarshal(b, dg); err != nil {
		return err
	}
	var ot OrderTracking
	if err := json.Unmarshal(b, &ot); err != nil {
		return err
	}
	pd.Diagnosis, pd.OrderTracking = dg, ot
	return nil
}
