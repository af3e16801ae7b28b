package filter

import (
	"math"
	"math/cmplx"
)

// MaxOrder is the highest Butterworth order the design functions accept.
const MaxOrder = 64

// Section is one second-order section: the coefficients b0, b1, b2, a0,
// a1, a2 of (b0 + b1·z⁻¹ + b2·z⁻²)/(a0 + a1·z⁻¹ + a2·z⁻²), with a0 = 1,
// as one row of scipy's sos array.
type Section [6]float64

// SOS is a cascade of second-order sections, applied in order, as
// scipy.signal's sos arrays (output='sos').
type SOS []Section

// ButterLowpass designs a digital Butterworth low-pass filter of the given
// order with its −3 dB cutoff at cutoffHz for sample rate fs Hz, as
// scipy.signal.butter(order, cutoffHz, 'lowpass', fs=fs, output='sos').
// It returns an error wrapping ErrConfig for an order outside
// [1, MaxOrder] or a cutoff outside (0, fs/2), and one wrapping ErrInput
// for a sample rate that is not finite and positive.
func ButterLowpass(order int, cutoffHz, fs float64) (SOS, error) {
	return butter(order, lowpass, fs, cutoffHz, 0)
}

// ButterHighpass designs a digital Butterworth high-pass filter, as
// scipy.signal.butter(order, cutoffHz, 'highpass', fs=fs, output='sos');
// see ButterLowpass for the errors.
func ButterHighpass(order int, cutoffHz, fs float64) (SOS, error) {
	return butter(order, highpass, fs, cutoffHz, 0)
}

// ButterBandpass designs a digital Butterworth band-pass filter of order
// 2·order passing lowHz to highHz, as scipy.signal.butter(order, [lowHz,
// highHz], 'bandpass', fs=fs, output='sos'); see ButterLowpass for the
// errors (in addition lowHz < highHz).
func ButterBandpass(order int, lowHz, highHz, fs float64) (SOS, error) {
	return butter(order, bandpass, fs, lowHz, highHz)
}

// kind is a filter's band type.
type kind uint8

const (
	lowpass kind = iota
	highpass
	bandpass
)

// butter checks the arguments and designs the filter from the analogue
// Butterworth prototype (scipy buttap).
func butter(order int, k kind, fs, f1, f2 float64) (SOS, error) {
	if err := checkDesign(order, k, fs, f1, f2); err != nil {
		return nil, err
	}
	// buttap.
	p := make([]complex128, order)
	for i := range p {
		m := float64(-order + 1 + 2*i)
		p[i] = -cmplx.Exp(complex(0, math.Pi*m/float64(2*order)))
	}
	return digital(p, 1, k, fs, f1, f2), nil
}

// digital turns the analogue low-pass prototype with poles p, no zeros
// and gain gain into the digital filter of band type k: the band
// transformation at pre-warped frequencies (scipy lp2lp_zpk, lp2hp_zpk,
// lp2bp_zpk), the bilinear transform (bilinear_zpk, fs = 2) and the
// pairing into sections (zpk2sos), each step as scipy computes it. The
// cutoffs must have been checked. p is overwritten.
func digital(p []complex128, gain float64, k kind, fs, f1, f2 float64) SOS {
	order := len(p)
	var z []complex128
	// Pre-warp with fs = 2: warped = 4·tan(π·Wn/2), Wn = f/nyq.
	warp := func(f float64) float64 { return 2 * 2.0 * math.Tan(math.Pi*(2*f/fs)/2.0) }
	switch k {
	case lowpass:
		wo := warp(f1)
		for i := range p {
			p[i] *= complex(wo, 0)
		}
		gain *= math.Pow(wo, float64(order))
	case highpass:
		wo := warp(f1)
		prod := complex(1, 0)
		for i := range p {
			prod *= -p[i]
		}
		gain *= real(1 / prod) // prod(-z)/prod(-p) with no zeros
		for i := range p {
			p[i] = complex(wo, 0) / p[i]
		}
		z = make([]complex128, order) // zeros at the origin
	case bandpass:
		w1, w2 := warp(f1), warp(f2)
		bw, wo := w2-w1, math.Sqrt(w1*w2)
		pb := make([]complex128, 2*order)
		for i, pi := range p {
			pl := pi * complex(bw/2, 0)
			r := cmplx.Sqrt(pl*pl - complex(wo*wo, 0))
			pb[i], pb[order+i] = pl+r, pl-r
		}
		p = pb
		z = make([]complex128, order)
		gain *= math.Pow(bw, float64(order))
	}
	// bilinear_zpk, fs = 2 (fs2 = 4).
	const fs2 = 4.0
	num, den := complex(1, 0), complex(1, 0)
	for _, zi := range z {
		num *= fs2 - zi
	}
	for _, pi := range p {
		den *= fs2 - pi
	}
	gain *= real(num / den)
	zz := make([]complex128, 0, len(p))
	for _, zi := range z {
		zz = append(zz, (fs2+zi)/(fs2-zi))
	}
	for len(zz) < len(p) {
		zz = append(zz, -1)
	}
	for i, pi := range p {
		p[i] = (fs2 + pi) / (fs2 - pi)
	}
	return zpk2sos(zz, p, gain)
}

// btoi returns 1 for true and 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkDesign checks the sample rate (ErrInput), order and cutoffs
// (ErrConfig) of a design.
func checkDesign(order int, k kind, fs, f1, f2 float64) error {
	if !(fs > 0) || math.IsInf(fs, 1) {
		return errorf(ErrInput, "sample rate %v Hz: want finite and > 0", fs)
	}
	if order < 1 || order > MaxOrder {
		return errorf(ErrConfig, "filter order %d: want 1 to %d", order, MaxOrder)
	}
	nyq := fs / 2
	for _, f := range []float64{f1, f2}[:1+btoi(k == bandpass)] {
		if !(f > 0 && f < nyq) {
			return errorf(ErrConfig, "cutoff %v Hz: want 0 < cutoff < Nyquist %v Hz", f, nyq)
		}
	}
	if k == bandpass && !(f1 < f2) {
		return errorf(ErrConfig, "band %v–%v Hz: want low < high", f1, f2)
	}
	return nil
}
