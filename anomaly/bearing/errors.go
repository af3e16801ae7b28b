package bearing

import (
	"errors"

	"github.com/spindle-pdm/spindle/internal/errclass"

	"github.com/spindle-pdm/spindle/features"
)

// Sentinel errors. Every error this package returns wraps one of ErrInput
// and ErrConfig (test with errors.Is) and says what was wrong and where.
// An error that comes from package features wraps features' sentinel of the
// same class as well.
var (
	// ErrInput: a data value is unusable — a NaN or ±Inf sample, a signal
	// too short or constant, a sample rate or shaft speed that is not
	// finite and positive, fault lines above the Nyquist frequency.
	ErrInput = errors.New("invalid input")
	// ErrConfig: a configuration value is invalid — a DiagnoserConfig
	// field, a bearing geometry, an unknown Method.
	ErrConfig = errors.New("invalid configuration")
)

// wrap formats an error from package features (an error argument),
// prefixed with "anomaly: ", that wraps ErrConfig if the error wraps
// features.ErrConfig and ErrInput otherwise.
func wrap(format string, args ...any) error {
	class := ErrInput
	for _, a := range args {
		if e, ok := a.(error); ok && errors.Is(e, features.ErrConfig) {
			class = ErrConfig
		}
	}
	return errorf(class, format, args...)
}

// errorf returns the error "anomaly: <format>" that wraps sentinel as well
// as any %w argument of format; the sentinel adds nothing to the message.
func errorf(sentinel error, format string, args ...any) error {
	return errclass.Errorf("anomaly: ", sentinel, format, args...)
}
