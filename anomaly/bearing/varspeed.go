package bearing

import (
	"errors"
	"math"
	"slices"
	"sync"

	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/order"
)

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

// NewProfileDiagnoser returns a ProfileDiagnoser whose Diagnoser has cfg,
// zero fields set to their defaults, except that nil Methods means
// []Method{MethodRaw} (and so MinMethods 1): the kurtogram, cepstrum and
// MED methods choose and whiten bands fixed in Hz — the resonances the
// impacts ring — which a changing speed sweeps across the orders, so in
// the angle domain their bands are not stationary (on the run-up of the
// package tests the kurtogram picked the band that holds signal only at
// the lowest speed, and the cepstrum method found no series), while the
// squared envelope of the whole band keeps the impacts' periodicity in
// angle. Give Methods explicitly to run others.
// It returns an error naming an invalid field (ErrConfig).
func NewProfileDiagnoser(cfg DiagnoserConfig) (*ProfileDiagnoser, error) {
	if cfg.Methods == nil {
		cfg.Methods = []Method{MethodRaw}
	}
	cfg.SpeedTolerance = 0 // the profile gives the speed
	cfg.Reference = nil    // the angle-domain signal has no fixed rate
	cfg.SupplyHz = 0       // nor fixed supply orders
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
// DiagnoseAngle. speed needs at least 2 points, strictly increasing finite times, finite
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
// ProfileDiagnoser's configuration, analyses it in orders (a sample rate of
// SamplesPerRev and a shaft speed of 1); the health kurtosis and saturation
// are measured on x itself (see ProfileDiagnosis for the units of the
// result).
//
// SamplesPerRev is the smallest of 2^k and 3·2^(k−1), k ≥ 6, at least
// sampleRate/MinShaftHz, so
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
