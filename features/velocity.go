package features

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/fft"
)

// StandardGravity is the standard acceleration of gravity g₀ in m/s² per
// g (CGPM 1901, as used by ISO 80000-3): 1 g = 9.80665 m/s².
const StandardGravity = 9.80665

// AccelUnit is the unit of an acceleration signal.
type AccelUnit uint8

// The acceleration units. The zero value is G.
const (
	G   AccelUnit = iota // standard gravity, 1 g = StandardGravity m/s²
	MS2                  // metres per second squared, m/s²
)

// MetresPerSecond2 returns the factor that converts a value in unit u to
// m/s²: StandardGravity for G, 1 for MS2. It panics on an unknown unit.
func (u AccelUnit) MetresPerSecond2() float64 {
	switch u {
	case G:
		return StandardGravity
	case MS2:
		return 1
	}
	panic(fmt.Sprintf("features: unknown AccelUnit %d", u))
}

// String returns "g" or "m/s²".
func (u AccelUnit) String() string {
	switch u {
	case G:
		return "g"
	case MS2:
		return "m/s²"
	}
	return fmt.Sprintf("AccelUnit(%d)", uint8(u))
}

// The velocity bands of ISO 20816-3:2022 (as ISO 10816-3:2009): 10–1000 Hz for machines running above 600 r/min and 2–1000 Hz
// for machines running at 120–600 r/min.
const (
	ISOLowHz     = 10.0  // Hz, low edge of the velocity band above 600 r/min
	ISOLowHzSlow = 2.0   // Hz, low edge at or below 600 r/min
	ISOHighHz    = 1000. // Hz, high edge of the velocity band
	ISOSlowRPM   = 600.0 // r/min, the speed at or below which ISOLowHzSlow applies
)

// VelocityConfig configures a Velocity meter. The zero value of each field
// except SampleRate means its documented default.
type VelocityConfig struct {
	// SampleRate is the acceleration signal's sample rate in Hz; finite
	// and > 0.
	SampleRate float64
	// Unit is the acceleration signal's unit (default G).
	Unit AccelUnit
	// ShaftRPM is the machine's speed in r/min; it only chooses the
	// default LowHz: ISOLowHzSlow (2 Hz) when 0 < ShaftRPM ≤ 600, else
	// ISOLowHz (10 Hz). Default 0: speed unknown, 10 Hz.
	ShaftRPM float64
	// LowHz is the low edge of the velocity band in Hz; default from
	// ShaftRPM as above. It must be above 0: integration divides by the
	// frequency, so the band must exclude DC.
	LowHz float64
	// HighHz is the high edge of the velocity band in Hz, > LowHz and at
	// most the Nyquist frequency SampleRate/2; default ISOHighHz
	// (1000 Hz), or the Nyquist frequency when that is lower.
	HighHz float64
}

// withDefaults returns c with its defaults filled in, or an error wrapping
// ErrInput (sample rate, speed) or ErrConfig (band).
func (c VelocityConfig) withDefaults() (VelocityConfig, error) {
	if !(c.SampleRate > 0) || math.IsInf(c.SampleRate, 1) {
		return c, errorf(ErrInput, "velocity: sample rate %v Hz: want finite and > 0", c.SampleRate)
	}
	if c.Unit > MS2 {
		return c, errorf(ErrConfig, "velocity: unknown unit %v", c.Unit)
	}
	if !(c.ShaftRPM >= 0) || math.IsInf(c.ShaftRPM, 1) {
		return c, errorf(ErrInput, "velocity: shaft speed %v r/min: want finite and ≥ 0", c.ShaftRPM)
	}
	nyq := c.SampleRate / 2
	if c.LowHz == 0 {
		c.LowHz = ISOLowHz
		if c.ShaftRPM > 0 && c.ShaftRPM <= ISOSlowRPM {
			c.LowHz = ISOLowHzSlow
		}
	}
	if c.HighHz == 0 {
		c.HighHz = math.Min(ISOHighHz, nyq)
	}
	if !(c.LowHz > 0) || !(c.HighHz > c.LowHz) || !(c.HighHz <= nyq) {
		return c, errorf(ErrConfig, "velocity: band %v–%v Hz: want 0 < LowHz < HighHz ≤ Nyquist %v Hz", c.LowHz, c.HighHz, nyq)
	}
	return c, nil
}

// Velocity measures the RMS vibration velocity in mm/s of fixed-length
// windows of an acceleration signal, the quantity the ISO 20816 severity
// zones are stated in.
//
// Method: per window, the mean is removed, a periodic Hann window is
// applied and the real FFT taken; each bin k in the band [LowHz, HighHz]
// is integrated by dividing by 2π·f_k (velocity = acceleration/(jω)), the
// bins outside the band are dropped (a brick-wall band, whose low cut
// removes the DC and the 1/f growth of integration), and the RMS follows
// from Parseval's theorem normalised by the window's power Σw², as the
// integral of a Welch PSD. For a sine of acceleration amplitude A at f Hz
// in the band this gives A/(2πf·√2); Hann leakage into the neighbouring
// bins, weighted by their own 1/f, biases it by about +Δf²/(2f²)
// (Δf = SampleRate/n), so windows should span many periods of the lowest
// frequency of interest (Δf ≪ LowHz).
//
// RMS allocates nothing: the meter owns its FFT plan, fft.Work scratch and
// buffers. A Velocity must not be used by several goroutines at once.
type Velocity struct {
	cfg    VelocityConfig
	n      int
	plan   *fft.RealPlan
	work   *fft.Work
	win    []float64
	buf    []float64
	spec   []complex128
	weight []float64 // per bin: (scale/(2π f_k))² inside the band, else 0
}

// NewVelocity returns a meter for windows of n samples. It returns an
// error wrapping ErrConfig if n < 2 or the band is invalid or holds no
// bin, and one wrapping ErrInput for a bad sample rate or speed.
func NewVelocity(cfg VelocityConfig, n int) (*Velocity, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if n < 2 {
		return nil, errorf(ErrConfig, "velocity: window of %d samples: want ≥ 2", n)
	}
	plan, err := fft.NewRealPlan(n)
	if err != nil {
		return nil, errorf(ErrConfig, "velocity: window of %d samples: %w", n, err)
	}
	w, err := fft.NewWindow(fft.Hann, n, 0)
	if err != nil {
		return nil, errorf(ErrConfig, "velocity: window of %d samples: %w", n, err)
	}
	v := &Velocity{
		cfg: cfg, n: n, plan: plan, work: plan.NewWork(), win: w.Coef,
		buf: make([]float64, n), spec: make([]complex128, plan.Bins()),
		weight: make([]float64, plan.Bins()),
	}
	var s2 float64
	for _, c := range w.Coef {
		s2 += c * c
	}
	// v_rms² = Σ_k c_k·|X_k|²/(2π f_k)² / (n·Σw²), c_k = 2 for the bins
	// with a negative-frequency twin and 1 for DC and Nyquist; in mm/s.
	scale := cfg.Unit.MetresPerSecond2() * 1000
	df := cfg.SampleRate / float64(n)
	inBand := 0
	for k := range v.weight {
		f := float64(k) * df
		if f < cfg.LowHz || f > cfg.HighHz || k == 0 {
			continue
		}
		c := 2.0
		if 2*k == n {
			c = 1
		}
		g := scale / (2 * math.Pi * f)
		v.weight[k] = c * g * g / (float64(n) * s2)
		inBand++
	}
	if inBand == 0 {
		return nil, errorf(ErrConfig, "velocity: band %v–%v Hz holds no bin of %v Hz resolution", cfg.LowHz, cfg.HighHz, df)
	}
	return v, nil
}

// Config returns the meter's configuration with its defaults filled in.
func (v *Velocity) Config() VelocityConfig { return v.cfg }

// Len returns the window length in samples.
func (v *Velocity) Len() int { return v.n }

// RMS returns the RMS velocity in mm/s of one window of acceleration
// samples in the configured unit. It allocates nothing. It returns an
// error wrapping ErrInput if a sample is NaN or ±Inf, and panics unless
// len(accel) is Len().
func (v *Velocity) RMS(accel []float64) (float64, error) {
	if len(accel) != v.n {
		panic(fmt.Sprintf("features: velocity window of %d samples, meter length %d", len(accel), v.n))
	}
	var mean float64
	for i, x := range accel {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, errorf(ErrInput, "velocity: sample %d is %v", i, x)
		}
		mean += x
	}
	mean /= float64(v.n)
	for i, x := range accel {
		v.buf[i] = (x - mean) * v.win[i]
	}
	v.plan.ForwardWork(v.spec, v.buf, v.work)
	var ss float64
	for k, w := range v.weight {
		if w != 0 {
			re, im := real(v.spec[k]), imag(v.spec[k])
			ss += w * (re*re + im*im)
		}
	}
	return math.Sqrt(ss), nil
}

// VelocityRMS returns the RMS velocity in mm/s of a whole acceleration
// record taken as one window; see Velocity for the method and errors (a
// record shorter than 2 samples wraps ErrInput). It
// allocates a meter; use NewVelocity for repeated windows.
func VelocityRMS(accel []float64, cfg VelocityConfig) (float64, error) {
	if len(accel) < 2 {
		return 0, errorf(ErrInput, "velocity: record of %d samples: want ≥ 2", len(accel))
	}
	v, err := NewVelocity(cfg, len(accel))
	if err != nil {
		return 0, err
	}
	return v.RMS(accel)
}
