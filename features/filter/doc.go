// Package filter designs and runs the filters a user needs to align
// sensors and baselines: Butterworth IIR filters in second-order sections,
// forward and zero-phase filtering, and polyphase resampling and
// decimation with anti-aliasing. Each function computes what the named
// scipy.signal function computes, step by step, and is checked against
// golden vectors from scipy (testdata/gen_golden.py writes
// testdata/golden.json) to within 1e-10 relative to the signal's scale.
//
//   - Design: ButterLowpass, ButterHighpass and ButterBandpass return an
//     SOS cascade as scipy.signal.butter(…, output='sos'), cutoffs in Hz
//     for a sample rate in Hz.
//   - Forward filtering: SOS.Apply is scipy.signal.sosfilt; Filter runs
//     the same cascade over a stream in chunks of any size, with its
//     state carried between chunks and no allocation per chunk
//     (Filter.Process, dst first). Its state is saved with MarshalBinary
//     or AppendBinary and restored with UnmarshalBinary into a Filter
//     built with the same coefficients (versioned, checksummed, validated:
//     errors wrap ErrState), bit for bit.
//   - Zero phase: FiltFilt (and FiltFilter, which reuses its buffers) is
//     scipy.signal.sosfiltfilt with its default odd padding of PadLen
//     samples and steady-state initial conditions.
//   - Resampling: Resampler is scipy.signal.resample_poly (default
//     Kaiser β = 5 window, zero padding); Decimate is
//     scipy.signal.decimate with its default order-8 Chebyshev I filter
//     run with zero phase, and NewDecimator gives decimate(…,
//     ftype='fir').
//
// Signals are []float64 sample slices; frequencies are in Hz.
//
// # Errors and panics
//
// Every error wraps ErrInput (a NaN or ±Inf sample, a bad sample rate, a
// signal too short for FiltFilt's padding) or ErrConfig (an order outside
// [1, MaxOrder], a cutoff not strictly between 0 and the Nyquist
// frequency, band edges out of order, bad resampling factors or FIR
// coefficients); a bad saved state also wraps ErrState; test with
// errors.Is. No data value makes the package
// panic; a destination of the wrong length, an empty SOS or one whose
// sections are not normalised (a0 ≠ 1) does.
package filter
