package anomaly

import (
	"errors"

	"github.com/spindle-pdm/spindle/internal/errclass"
)

// Sentinel errors. Every error this package returns wraps one of ErrInput,
// ErrConfig and ErrState (test with errors.Is) and says what was wrong and where;
// ErrNotQuantized and ErrConstantSeries are finer sentinels that wrap
// ErrInput.
var (
	// ErrInput: a data value is unusable — a NaN or ±Inf sample, score or
	// time, too few samples, a sample rate that is not finite and
	// positive, mismatched feature counts, or data that leave a model
	// undefined (a constant feature, a singular covariance, a baseline
	// with no spread).
	ErrInput = errors.New("invalid input")
	// ErrConfig: a configuration value or parameter is invalid — a field
	// of a detector's Config, a false-alarm probability outside its range,
	// a number of bearings below 2.
	ErrConfig = errors.New("invalid configuration")
	// ErrState: a saved detector state (UnmarshalBinary) is truncated,
	// corrupt, of another type or version, or violates the detector's
	// invariants.
	ErrState = errors.New("invalid detector state")
)

// errorf returns the error "anomaly: <format>" that wraps sentinel as well
// as any %w argument of format; the sentinel adds nothing to the message.
func errorf(sentinel error, format string, args ...any) error {
	return errclass.Errorf("anomaly: ", sentinel, format, args...)
}

// orDefault sets *v to def when *v is the zero value: the rule that the
// zero value of every config field means its documented default.
func orDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}
