package features

import (
	"math"

	"github.com/spindle-pdm/spindle/internal/errclass"
)

// ErrNoSamples is returned for an empty signal; it wraps ErrInput.
var ErrNoSamples error = errclass.New("features: no samples", ErrInput)

// ErrConstant is returned (test with errors.Is) when a signal has
// zero variance, so that the skewness and kurtosis are undefined, or is
// entirely zero, so that the ratios to RMS and mean |x| are undefined too.
// The TimeFeatures returned with it hold every indicator that is defined:
// Mean, Std (0), RMS, Peak, PeakToPeak (0) and, when RMS > 0, the crest,
// shape, impulse and clearance factors; the undefined ones are 0, never NaN.
// A flat-lined channel (dead sensor, saturated ADC) is a common field fault,
// which is why this is a distinct error. It wraps ErrInput.
var ErrConstant error = errclass.New("features: constant signal", ErrInput)

// TimeFeatures are the classic time-domain condition indicators of a
// vibration signal x of n samples, in the definitions of MATLAB's
// signalTimeFeatureExtractor (Signal Processing Toolbox) and, for skewness
// and kurtosis, its skewness and kurtosis functions. Amplitudes are in the
// signal's unit (e.g. g); the factors, skewness and kurtosis are
// dimensionless.
type TimeFeatures struct {
	// Mean is Σx/n.
	Mean float64
	// Std is the sample standard deviation √(Σ(x−mean)²/(n−1)), with the
	// n−1 (Bessel) normalisation of MATLAB's std, which
	// signalTimeFeatureExtractor uses.
	Std float64
	// RMS is √(Σx²/n), computed as √(mean² + Σ(x−mean)²/n).
	RMS float64
	// Peak is max|x|, MATLAB's PeakValue.
	Peak float64
	// PeakToPeak is max(x) − min(x).
	PeakToPeak float64
	// CrestFactor is Peak/RMS.
	CrestFactor float64
	// ShapeFactor is RMS/mean|x|.
	ShapeFactor float64
	// ImpulseFactor is Peak/mean|x|.
	ImpulseFactor float64
	// ClearanceFactor is Peak/(mean √|x|)².
	ClearanceFactor float64
	// Skewness is the population (biased) skewness m3/m2^(3/2), with
	// mk = Σ(x−mean)^k/n: MATLAB skewness(x) and scipy.stats.skew(x) with
	// their defaults. 0 for symmetric data.
	Skewness float64
	// Kurtosis is the population Pearson kurtosis m4/m2², NOT the excess
	// kurtosis: 3 for Gaussian data, 1.5 for a sine, 1 for a square wave.
	// MATLAB kurtosis(x) and scipy.stats.kurtosis(x, fisher=False).
	Kurtosis float64
}

// ComputeTimeFeatures computes the time-domain indicators of x in one pass
// over the data (see Moments). It returns ErrNoSamples for an empty x, an
// error naming the first NaN or ±Inf sample and its index, ErrConstant
// (with the indicators that are defined) for a constant x, and an error
// wrapping ErrInput for samples so large (|x| beyond about 1e77) that the
// moments overflow or so small (|x| below about 1e-77, denormals) that
// they underflow.
func ComputeTimeFeatures(x []float64) (TimeFeatures, error) {
	var m Moments
	m.AddSlice(x)
	return m.Features()
}

// Features returns the time-domain indicators of the samples added so far,
// with the errors of ComputeTimeFeatures.
func (m *Moments) Features() (TimeFeatures, error) {
	if err := m.Err(); err != nil {
		return TimeFeatures{}, err
	}
	n := float64(m.n)
	mean := m.mean + m.meanC
	f := TimeFeatures{
		Mean:       mean,
		Peak:       max(-m.min, m.max),
		PeakToPeak: m.max - m.min,
	}
	// Equal extremes are the exact test for a constant signal. Unequal ones
	// with a variance that underflows to 0 mean samples so small (|x| below
	// about 1e-154, denormals included) that the moments underflow.
	constant := m.min == m.max
	if !constant && !(m.m2 > 0) {
		return TimeFeatures{}, errUnderflow
	}
	var pv float64 // population variance m2/n
	if !constant {
		pv = m.m2 / n
		if pv*pv < 0x1p-1022 {
			// The fourth moment is denormal or 0: its digits are lost.
			return TimeFeatures{}, errUnderflow
		}
		f.Std = math.Sqrt(m.m2 / (n - 1))
	}
	f.RMS = math.Hypot(mean, math.Sqrt(pv)) // √(mean²+pv) without overflow
	if f.RMS > 0 {
		meanAbs := m.sumAbs / n
		meanSqrt := m.sumSqr / n
		f.CrestFactor = f.Peak / f.RMS
		f.ShapeFactor = f.RMS / meanAbs
		f.ImpulseFactor = f.Peak / meanAbs
		f.ClearanceFactor = f.Peak / (meanSqrt * meanSqrt)
	}
	var err error
	if constant {
		err = ErrConstant
	} else {
		f.Skewness = m.m3 / n / (pv * math.Sqrt(pv))
		f.Kurtosis = m.m4 / n / (pv * pv)
	}
	if !f.finite() {
		if f.Peak < 1 {
			// pv² or pv^1.5 underflowed to 0 or a denormal: tiny samples.
			return TimeFeatures{}, errUnderflow
		}
		return TimeFeatures{}, errOverflow
	}
	return f, err
}

func (f *TimeFeatures) finite() bool {
	for _, v := range [...]float64{f.Mean, f.Std, f.RMS, f.Peak, f.PeakToPeak, f.CrestFactor,
		f.ShapeFactor, f.ImpulseFactor, f.ClearanceFactor, f.Skewness, f.Kurtosis} {
		if !isFinite(v) {
			return false
		}
	}
	return true
}

var errOverflow error = errclass.New("features: signal magnitude overflows float64 moments (|x| beyond about 1e77)", ErrInput)

// errUnderflow reports samples so small (denormal, or |x| below about 1e-77)
// that the higher moments underflow; scaling the signal (other units) helps.
var errUnderflow error = errclass.New("features: signal magnitude underflows float64 moments (|x| below about 1e-77, denormals included); rescale the signal", ErrInput)
