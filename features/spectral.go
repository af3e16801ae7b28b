package features

import (
	"math"
)

// SpectralFeatures summarise a one-sided power spectral density.
//
// The input to ComputeSpectralFeatures and BandPower is a one-sided PSD p
// in (signal unit)²/Hz, bin k at frequency k·df Hz, k = 0 … len(p)−1: the
// output of a Welch estimate, or |X[k]|² suitably scaled. TotalPower and
// BandPower integrate p·df and so, for a correctly scaled PSD, give the
// signal's mean-square value (Parseval). Every other feature is unchanged
// by scaling p, so a power spectrum in unit² per bin may be passed as well.
// An amplitude spectrum must be squared first.
type SpectralFeatures struct {
	// TotalPower is Σ p[k]·df, in unit².
	TotalPower float64
	// MeanFrequency is the power-weighted mean frequency Σ f·p / Σ p in Hz
	// (MATLAB meanfreq).
	MeanFrequency float64
	// MedianFrequency, in Hz, splits the power in two equal halves. Each
	// bin's power is taken as spread evenly over the bin, [f−df/2, f+df/2]
	// clipped to the spectrum's range [0, (len(p)−1)·df], so a single line
	// has its own frequency as its median.
	MedianFrequency float64
	// Centroid is the amplitude-weighted mean frequency Σ f·√p / Σ √p in Hz
	// (the spectral centroid of audio analysis, e.g. librosa, computed on
	// the magnitude spectrum). It lies below MeanFrequency when the power
	// is concentrated at high frequencies, above it when at low.
	Centroid float64
	// Spread is the amplitude-weighted standard deviation of frequency
	// about Centroid, √(Σ (f−Centroid)²·√p / Σ √p), in Hz.
	Spread float64
	// Entropy is the Shannon entropy of the normalised power distribution
	// q = p/Σp divided by its maximum: −Σ q·ln q / ln N for N bins, in
	// [0, 1]: 1 for a flat spectrum, 0 for a single line.
	Entropy float64
	// Flatness is the Wiener entropy: geometric mean of p over arithmetic
	// mean, in [0, 1]; 0 when any bin is 0.
	Flatness float64
	// Crest is max p / mean p, ≥ 1.
	Crest float64
	// PeakPower is max p, in p's unit; its square root is the peak
	// amplitude density.
	PeakPower float64
	// PeakFrequency is the frequency of the largest bin (the first, on a
	// tie), in Hz.
	PeakFrequency float64
}

// ComputeSpectralFeatures computes the spectral features of the one-sided
// PSD p with bin spacing df Hz (see SpectralFeatures). It returns an error
// for an empty p, df not finite and positive, a negative, NaN or ±Inf bin
// (naming it), or a spectrum with no power.
func ComputeSpectralFeatures(p []float64, df float64) (SpectralFeatures, error) {
	if err := checkSpectrum(p, df); err != nil {
		return SpectralFeatures{}, err
	}
	var sum, sumF, sumA, sumAF, sumLog, sumVLog float64
	peak, peakK := p[0], 0
	for k, v := range p {
		f := float64(k) * df
		sum += v
		sumF += v * f
		a := math.Sqrt(v)
		sumA += a
		sumAF += a * f
		lv := math.Log(v) // −Inf for an empty bin: flatness 0
		sumLog += lv
		if v > 0 {
			sumVLog += v * lv
		}
		if v > peak {
			peak, peakK = v, k
		}
	}
	if !(sum > 0) {
		return SpectralFeatures{}, errorf(ErrInput, "spectrum of %d bins has no power", len(p))
	}
	if math.IsInf(sum, 0) {
		return SpectralFeatures{}, errorf(ErrInput, "spectrum power overflows float64")
	}
	n := float64(len(p))
	mean := sum / n
	s := SpectralFeatures{
		TotalPower:    sum * df,
		MeanFrequency: sumF / sum,
		Centroid:      sumAF / sumA,
		Flatness:      math.Exp(sumLog/n) / mean,
		Crest:         peak / mean,
		PeakPower:     peak,
		PeakFrequency: float64(peakK) * df,
	}
	var spread, cum float64
	half := sum / 2
	median := -1.0
	for k, v := range p {
		f := float64(k) * df
		d := f - s.Centroid
		spread += d * d * math.Sqrt(v)
		if median < 0 && cum+v >= half {
			lo := max(f-df/2, 0)
			hi := min(f+df/2, float64(len(p)-1)*df)
			median = lo + (hi-lo)*(half-cum)/v // v > 0 here: cum < half ≤ cum+v
		}
		cum += v
	}
	s.Spread = math.Sqrt(spread / sumA)
	if len(p) > 1 {
		// −Σ q·ln q with q = p/Σp, as ln Σp − Σ p·ln p / Σp: one
		// logarithm per bin, shared with the flatness. Clamped at 0, which
		// rounding can undercut for a single line.
		h := math.Log(sum) - sumVLog/sum
		if math.IsInf(sumVLog, 0) { // p·ln p overflows near MaxFloat64
			h = 0
			for _, v := range p {
				if v > 0 {
					h -= v / sum * math.Log(v/sum)
				}
			}
		}
		s.Entropy = max(h, 0) / math.Log(n)
	}
	s.MedianFrequency = median
	return s, nil
}

// BandPower returns Σ p[k]·df over the bins whose frequency k·df lies in
// [lo, hi] Hz: the mean-square value of the signal in that band for a
// correctly scaled one-sided PSD p (see SpectralFeatures). It returns an
// error for an invalid spectrum (as ComputeSpectralFeatures, except that no
// power is allowed), a band with lo < 0, hi ≤ lo or non-finite edges, or a
// band reaching above the highest frequency of the spectrum, (len(p)−1)·df
// (the Nyquist frequency for an even-length transform).
func BandPower(p []float64, df, lo, hi float64) (float64, error) {
	if err := checkSpectrum(p, df); err != nil {
		return 0, err
	}
	return bandPower(p, df, lo, hi)
}

// bandPower is BandPower for a spectrum p already checked by
// checkSpectrum.
func bandPower(p []float64, df, lo, hi float64) (float64, error) {
	top := float64(len(p)-1) * df
	switch {
	case !(lo >= 0) || math.IsInf(hi, 0) || math.IsNaN(hi):
		return 0, errorf(ErrInput, "band [%v, %v] Hz: edges must be finite and ≥ 0", lo, hi)
	case !(hi > lo):
		return 0, errorf(ErrInput, "band [%v, %v] Hz is empty or inverted", lo, hi)
	case hi > top*(1+1e-12):
		return 0, errorf(ErrInput, "band [%v, %v] Hz reaches above the spectrum's highest frequency %v Hz", lo, hi, top)
	}
	// Bin k is in the band when lo ≤ k·df ≤ hi, with a relative tolerance
	// of 1e-9 bin so that edges given as exact bin frequencies are included.
	k0 := int(math.Ceil(lo/df - 1e-9))
	k1 := min(int(math.Floor(hi/df+1e-9)), len(p)-1)
	var sum float64
	for k := k0; k <= k1; k++ {
		sum += p[k]
	}
	return sum * df, nil
}

func checkSpectrum(p []float64, df float64) error {
	if len(p) == 0 {
		return errorf(ErrInput, "empty spectrum")
	}
	if !(df > 0) || math.IsInf(df, 0) {
		return errorf(ErrInput, "frequency resolution df = %v Hz, need a finite value > 0", df)
	}
	for k, v := range p {
		if !(v >= 0) || math.IsInf(v, 0) {
			return errorf(ErrInput, "spectrum bin %d is %v, need a finite power ≥ 0", k, v)
		}
	}
	return nil
}
