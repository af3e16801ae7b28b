// Package features computes condition indicators from vibration signals.
//
//   - Time domain: ComputeTimeFeatures and the Moments accumulator give mean,
//     standard deviation, RMS, peak, peak-to-peak, crest, shape, impulse and
//     clearance factors, skewness and (Pearson) kurtosis in one numerically
//     stable pass.
//   - Spectral: ComputeSpectralFeatures and BandPower on a one-sided PSD;
//     FindPeaks and TopPeaks like scipy.signal.find_peaks.
//   - Bearing kinematics: Bearing, DefectFrequencies (BPFO, BPFI, BSF, FTF)
//     and a catalogue of the bearings in the public data sets
//     (LookupBearing).
//   - Fault bands: FaultBands, MeasureBand and MeasureBands give harmonic
//     and sideband evidence with prominence over a local noise floor.
//   - Envelope analysis: EnvelopeAnalyzer (squared-envelope spectrum of a
//     band), CepstrumWhitener (cepstrum pre-whitening), SpectralKurtosis and
//     Kurtogram (Antoni's fast kurtogram); MEDFilter (minimum entropy
//     deconvolution) sharpens impacts blurred by the transmission path.
//   - Streaming: Extractor accepts samples in chunks of any size and emits
//     the time-domain features per window, with no allocation per window;
//     with ExtractorConfig.Spectral each window also gets its PSD, spectral
//     features, band powers and, for a bearing at a shaft speed, the
//     fault-band metrics of its envelope spectrum (SpectralAnalyzer), bit
//     for bit what the batch functions give.
//     Its state, partial window included, is saved with MarshalBinary or
//     AppendBinary and restored with UnmarshalBinary (versioned, checksummed,
//     validated: errors wrap ErrState), bit for bit, and so is that of a
//     Moments accumulator (105 bytes): a gateway restarting
//     mid-window carries on exactly where it was. TestExtractorSoak streams
//     10⁷ samples with injected sensor faults, restoring every 10⁶; the full
//     soak of 10⁸ samples (12 s measured, about 10× that under -race) is
//     SPINDLE_SOAK_SAMPLES=1e8 go test -run TestExtractorSoak -timeout 30m ./features.
//
// Signals are []float64 sample slices with a sample rate in Hz; amplitudes
// are in the signal's own unit (typically g), frequencies in Hz.
//
// # Errors and panics
//
// Every error the package returns wraps one of two sentinels, so callers
// can classify it with errors.Is: ErrInput for an unusable data value (NaN
// or ±Inf samples, a signal or spectrum too short, a sample rate, shaft
// speed or resolution that is not finite and positive, a band outside the
// spectrum) and ErrConfig for an invalid configuration (bearing geometry,
// kurtogram levels, MED taps, fault-band, noise-floor or extractor
// settings). ErrNoSamples and ErrConstant are finer classes of ErrInput.
// The message still says what was wrong and where.
//
// No data value makes the package panic. Panics are kept for programmer
// errors only: slices whose lengths disagree with a plan or with each other
// (a destination of the wrong length), a nil callback, window or receiver,
// a fault kind that is not a component passed to
// DefectFrequencies.LineFrequency or Modulation, an out-of-range kurtogram
// band index, and invalid PeakOptions or a negative TopPeaks count.
package features
