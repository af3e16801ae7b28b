package order

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them,
// so that callers can test the cause with errors.Is.
var (
	// ErrSampleRate reports a sample rate that is not a positive finite
	// number of Hz.
	ErrSampleRate = errors.New("order: sample rate must be a positive finite number of Hz")
	// ErrNotFinite reports a NaN or infinite value in the input.
	ErrNotFinite = errors.New("order: input holds NaN or Inf")
	// ErrNotIncreasing reports pulse times or angle knots that are not
	// strictly increasing.
	ErrNotIncreasing = errors.New("order: times or angles are not strictly increasing")
	// ErrSpeed reports a shaft speed that is not a positive finite number
	// (in Hz or orders, as the function documents).
	ErrSpeed = errors.New("order: speed must be positive and finite")
	// ErrTooFewPulses reports a tachometer signal with too few pulses to
	// measure a speed.
	ErrTooFewPulses = errors.New("order: too few tachometer pulses")
	// ErrTooFewRevolutions reports an input shorter than the revolutions an
	// analysis needs.
	ErrTooFewRevolutions = errors.New("order: too few shaft revolutions")
	// ErrConfig reports an invalid configuration field.
	ErrConfig = errors.New("order: invalid configuration")
	// ErrState reports a saved state given to Averager.UnmarshalBinary or
	// Resampler.UnmarshalBinary that is truncated, corrupted (checksum),
	// of an unknown version, inconsistent, or saved with another
	// configuration than the receiver's.
	ErrState = errors.New("order: bad saved state")
)
