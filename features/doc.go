// Package features computes condition indicators from vibration signals:
// time-domain statistics, spectral features, bearing defect frequencies and
// fault bands, envelope analysis, spectral kurtosis and the kurtogram, and a
// streaming windowed extractor.
//
// Signals are []float64 sample slices with a sample rate in Hz; amplitudes
// are in the signal's own unit (typically g).
package features
