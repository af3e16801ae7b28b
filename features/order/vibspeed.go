package order

import (
	"fmt"
	"math"
	"math/cmplx"

	"github.com/spindle-pdm/spindle/fft"
)

// VibrationSpeed is the result of SpeedFromVibration.
type VibrationSpeed struct {
	Ridge Ridge        // the coarse ridge, per STFT frame
	Speed SpeedProfile // the refined shaft speed at the frame centres, with its uncertainty
	Angle *ShaftAngle  // the shaft angle through the frame centres (arbitrary origin)
}

// SpeedFromVibration estimates the shaft speed from a vibration signal
// without a tachometer. It tracks the component of order cfg.Order in the
// spectrogram (TrackRidge) and refines the ridge by phase demodulation:
// the signal is shifted down by the ridge's own phase φ_r(t) = 2π∫f_r dt,
// low-passed to ±BandwidthHz (a brick-wall filter in the Fourier domain),
// and the phase ψ(t) of what remains is added back, so that Φ = φ_r + ψ is
// the component's phase and Φ/(2π·Order) the shaft angle in revolutions
// (the tacholess order tracking of Bonnardot, El Badaoui, Randall, Danière
// & Guillet, MSSP 19 (2005) 766-785, there with the mesh component).
//
// The speed at each frame centre is the slope of the angle over
// SpeedWindow samples (T seconds) centred on it. Its standard uncertainty
// is that of a phase difference over T for a tone of amplitude a (the
// demodulated magnitude) in white noise of one-sided PSD N₀ (Ridge.NoiseHz)
// passed through the band ±B: the phase noise has variance
// σ²ψ = N₀·B/(2a²) and correlation sinc(2BT) over T, so
// σ = √(2σ²ψ·(1 − sinc(2BT)))/(2π·T·Order) Hz. The first and last half frames, where
// the spectrogram has no frame centre, are left out. Errors wrap those of
// TrackRidge, or ErrSpeed where the ridge holds no signal or the refined
// angle does not increase (the ridge is not the component).
func SpeedFromVibration(x []float64, cfg RidgeConfig) (VibrationSpeed, error) {
	var res VibrationSpeed
	ridge, err := TrackRidge(x, cfg)
	if err != nil {
		return res, err
	}
	cfg, _ = cfg.withDefaults()
	res.Ridge = ridge
	phase, mag, err := demodulate(x, ridge, cfg)
	if err != nil {
		return VibrationSpeed{}, err
	}

	frames := len(ridge.Time)
	half := cfg.SpeedWindow / 2
	span := float64(2*half) / cfg.SampleRate // T, s
	decor := 1 - sinc(2*cfg.BandwidthHz*span)
	sp := SpeedProfile{
		Time:        make([]float64, 0, frames),
		Hz:          make([]float64, 0, frames),
		Uncertainty: make([]float64, 0, frames),
	}
	knotT := make([]float64, 0, frames)
	knotR := make([]float64, 0, frames)
	twoPiOrder := 2 * math.Pi * cfg.Order
	for f := range frames {
		n := int(math.Round(ridge.Time[f] * cfg.SampleRate))
		if n < 0 || n >= len(x) {
			continue
		}
		a2 := mag[n] * mag[n]
		if !(a2 > 0) {
			return res, fmt.Errorf("%w: no signal along the ridge at %v s", ErrSpeed, float64(n)/cfg.SampleRate)
		}
		knotT = append(knotT, float64(n)/cfg.SampleRate)
		knotR = append(knotR, phase[n]/twoPiOrder)
		if n-half < 0 || n+half >= len(x) {
			continue
		}
		varPsi := ridge.NoiseHz[f] * cfg.BandwidthHz / (2 * a2)
		sp.Time = append(sp.Time, float64(n)/cfg.SampleRate)
		sp.Hz = append(sp.Hz, (phase[n+half]-phase[n-half])/span/twoPiOrder)
		sp.Uncertainty = append(sp.Uncertainty, math.Sqrt(2*varPsi*decor)/(span*twoPiOrder))
	}
	res.Speed = sp
	res.Angle, err = NewShaftAngle(knotT, knotR)
	if err != nil {
		return res, fmt.Errorf("%w: the demodulated angle does not increase (%v)", ErrSpeed, err)
	}
	return res, nil
}

// sinc is sin(πx)/(πx).
func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// demodulate returns the refined phase Φ (rad, unwrapped) and the magnitude
// of the ridge component at every sample of x.
func demodulate(x []float64, ridge Ridge, cfg RidgeConfig) (phase, mag []float64, err error) {
	n := len(x)
	phase = make([]float64, n)
	z := make([]complex128, n)
	var acc float64
	f := 0
	for i := range n {
		t := float64(i) / cfg.SampleRate
		for f < len(ridge.Time)-2 && t >= ridge.Time[f+1] {
			f++
		}
		var fr float64
		switch {
		case t <= ridge.Time[0]:
			fr = ridge.Hz[0]
		case t >= ridge.Time[len(ridge.Time)-1]:
			fr = ridge.Hz[len(ridge.Hz)-1]
		default:
			u := (t - ridge.Time[f]) / (ridge.Time[f+1] - ridge.Time[f])
			fr = ridge.Hz[f] + u*(ridge.Hz[f+1]-ridge.Hz[f])
		}
		phase[i] = acc
		z[i] = complex(x[i], 0) * cmplx.Exp(complex(0, -acc))
		acc += 2 * math.Pi * fr / cfg.SampleRate
	}
	plan, err := fft.NewPlan(n)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	spec := plan.Forward(nil, z)
	df := cfg.SampleRate / float64(n)
	for k := range spec {
		fk := float64(k) * df
		if k > n/2 {
			fk = float64(k-n) * df
		}
		if math.Abs(fk) > cfg.BandwidthHz {
			spec[k] = 0
		}
	}
	zf := plan.Inverse(z, spec)
	mag = make([]float64, n)
	var prev, unwrap float64
	for i, v := range zf {
		p := cmplx.Phase(v)
		if i > 0 {
			d := p - prev
			unwrap -= 2 * math.Pi * math.Round(d/(2*math.Pi))
		}
		prev = p
		phase[i] += p + unwrap
		mag[i] = cmplx.Abs(v)
	}
	return phase, mag, nil
}
