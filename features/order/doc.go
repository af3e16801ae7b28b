// Package order analyses machines whose speed changes: it measures the
// instantaneous shaft speed from a tachometer or from the vibration itself,
// resamples signals from time to shaft angle (computed order tracking) and
// analyses them in orders — multiples of the shaft speed — so that lines
// tied to the shaft stand still while the speed changes.
//
// Units: times in s, sample rates and speeds in Hz (revolutions per second;
// names ending in RPM hold revolutions per minute), angles in revolutions,
// frequencies of angle-domain signals in orders (cycles per revolution).
//
// Every error this package returns wraps one of its sentinel errors
// (ErrSampleRate, ErrNotFinite, ErrNotIncreasing, ErrSpeed, ErrTooFewPulses,
// ErrTooFewRevolutions, ErrConfig), so errors.Is tells the cause; it panics
// only on programmer errors such as a dst of the wrong length.
package order
