package anomaly

// UpdateSeries feeds the samples x[i], taken at t[i] seconds, to d in order
// and returns d's verdicts in dst[:len(x)], reusing dst's storage when it
// is large enough (a nil dst allocates). It panics if len(t) != len(x).
//
// x may be float32, the sample type of sensor front ends and compact
// transports on edge hardware, or float64. Each float32 sample is widened
// to float64 exactly as it is passed on, with no float64 copy of the
// series, so the verdicts are bit for bit those of d.Update(t[i],
// float64(x[i])); the detectors' arithmetic stays float64. What differs
// from a float64 source is only the float32 rounding of the samples, a
// relative error of at most 2⁻²⁴ ≈ 6·10⁻⁸: for a detector that standardises
// by a baseline σ, a shift of at most 6·10⁻⁸·|x|/σ in σ units per sample
// (2·10⁻⁵ σ for a 45 °C bearing temperature with 0.2 °C noise), far inside
// any decision threshold. TestFloat32Acceptance measures it for every
// detector.
//
// Timestamps stay float64: a Unix time in float32 resolves only about two
// minutes.
func UpdateSeries[T float32 | float64](dst []DriftResult, d DriftDetector, t []float64, x []T) []DriftResult {
	if len(t) != len(x) {
		panic("anomaly: UpdateSeries with len(t) != len(x)")
	}
	dst = resizeResults(dst, len(x))
	for i, v := range x {
		dst[i] = d.Update(t[i], float64(v))
	}
	return dst
}

// UpdateUniform is UpdateSeries for samples taken every dt seconds from t0:
// x[i] at t0 + i·dt (computed by multiplication, so no rounding
// accumulates).
func UpdateUniform[T float32 | float64](dst []DriftResult, d DriftDetector, t0, dt float64, x []T) []DriftResult {
	dst = resizeResults(dst, len(x))
	for i, v := range x {
		dst[i] = d.Update(t0+float64(i)*dt, float64(v))
	}
	return dst
}

// resizeResults returns dst with length n, reallocating only when its capacity is
// short.
func resizeResults(dst []DriftResult, n int) []DriftResult {
	if cap(dst) < n {
		return make([]DriftResult, n)
	}
	return dst[:n]
}
