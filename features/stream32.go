package features

// Write32 is Write for float32 samples, the type ADCs, DMA buffers and
// compact transports (little-endian float32 frames) deliver on edge
// hardware. Each sample is widened to float64 as it is copied into the
// window buffer the Extractor already holds: there is no conversion buffer
// and, in steady state, no allocation. Writes of float32 and float64 chunks
// may be mixed on one Extractor.
//
// Accuracy. Widening float32 to float64 is exact and all arithmetic stays in
// float64, so every window is bit for bit what Write gives for the same
// samples converted to float64. The only difference from a float64 source
// is the float32 rounding of the samples themselves, a relative error of at
// most u = 2⁻²⁴ ≈ 6·10⁻⁸ per sample. That bounds the relative error of RMS
// and Peak by u and the absolute error of Mean by u·mean|x|. The indicators
// built on deviations from the mean (Std, PeakToPeak, Skewness, Kurtosis)
// see a per-sample error of up to u·|Mean|/Std relative: u for an
// AC-coupled (zero-mean) accelerometer, more on a DC offset. Over a window
// the rounding errors largely average out; measured on simulated bearing
// vibration in 1 s windows at 25.6 kHz (TestWrite32Accuracy), every
// indicator stays within 1e-6 relative (Mean within 1e-6·RMS, Skewness
// within 1e-6 absolute) of its float64 value for a zero-mean signal and an
// offset of 10 σ, and within 1e-5 for an offset of 1000 σ.
func (e *Extractor) Write32(samples []float32, emit func(w *Window)) {
	write(e, samples, emit)
}
