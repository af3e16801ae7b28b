// Package order analyses machines whose speed changes: it measures the
// instantaneous shaft speed from a tachometer or from the vibration itself,
// resamples signals from time to shaft angle (computed order tracking) and
// analyses them in orders — multiples of the shaft speed — so that lines
// tied to the shaft stand still while the speed changes.
//
// # Units
//
// Times in s, sample rates and speeds in Hz (revolutions per second; a
// method named RPM gives revolutions per minute), angles in revolutions,
// frequencies of angle-domain signals in orders (cycles per revolution).
//
// # Speed
//
//   - SpeedFromTacho reads a tachometer pulse train with any number of
//     pulses per revolution: rising edges with hysteresis (PulseTimes),
//     missed pulses bridged (BridgeMissing), the speed of each pulse
//     interval with a smoothing of the user's choice, and the ShaftAngle
//     through the pulses, a monotone cubic (PCHIP) of time.
//   - SpeedFromVibration needs no tachometer: TrackRidge follows a shaft or
//     mesh order through the spectrogram within a speed hint, and phase
//     demodulation of the band around the ridge refines it, with the
//     uncertainty of each point.
//
// # Order tracking
//
//   - Resampler (streaming) and ResampleToAngle resample a signal to
//     SamplesPerRev samples per revolution by band-limited interpolation,
//     the anti-alias low-pass built in (LowPass gives its taps, those of
//     scipy.signal.firwin).
//   - OrderSpectrumOf and OrderEnvelopeSpectrum give amplitude and
//     squared-envelope spectra in orders: a bearing's BPFO, BPFI, 2·BSF and
//     FTF, which features.Bearing.Multiples gives as orders, stay put
//     through a run-up.
//
// # Gears
//
//   - Averager (streaming) and TSA compute the time-synchronous average of
//     one shaft; GearAnalyzer splits it into regular, residual and
//     difference signals and computes FM0, FM4, M6A, M8A, NA4 and NB4 (with
//     the variance trended over records by GearTrend), the sideband level
//     factor and the energy ratio (Zakrajsek, Townsend & Decker, NASA
//     TM-105950, 1993; Lebold et al., Proc. 54th MFPT Society Meeting,
//     2000).
//   - GearMeshFaultBands lists the mesh harmonics and their sidebands at
//     either shaft's order.
//
// # Conventions
//
// Methods take a destination first, in the manner of gonum: a nil dst is
// allocated, a dst of the right length (or, for methods that append to
// dst[:0], enough capacity) is used without allocating; the streaming
// types allocate nothing per block in steady state. Averager and
// Resampler save their state with MarshalBinary or AppendBinary and
// restore it with UnmarshalBinary, bit for bit (versioned, checksummed,
// validated), into a receiver built with the same configuration (an
// Averager of the same SamplesPerRev, a Resampler of the same
// ResamplerConfig: its filter table is configuration and is not saved). Every error this package returns
// wraps one of its sentinel errors (ErrSampleRate, ErrNotFinite,
// ErrNotIncreasing, ErrSpeed, ErrTooFewPulses, ErrTooFewRevolutions,
// ErrConfig, ErrState), so errors.Is tells the cause; it panics
// only on programmer errors such as a dst of the wrong length.
package order
