package alarm

import (
	"errors"

	"github.com/spindle-pdm/spindle/internal/errclass"
)

// Sentinel errors. Every error this package returns wraps exactly one of
// ErrInput, ErrConfig and ErrState (test with errors.Is) and says what was
// wrong.
var (
	// ErrInput: an update is unusable — a NaN or ±Inf value or time, or a
	// time earlier than the last accepted one. The alarm's state is left
	// unchanged.
	ErrInput = errors.New("invalid input")
	// ErrConfig: a Config field is invalid — a level that is not finite,
	// a clear level above its set level, a negative or non-finite delay,
	// set levels out of order, or no level enabled.
	ErrConfig = errors.New("invalid configuration")
	// ErrState: a saved state cannot be restored — wrong length, unknown
	// magic or version, an invalid configuration, or fields that no
	// sequence of updates could have produced.
	ErrState = errors.New("invalid saved state")
)

// errorf returns the error "alarm: <format>" that wraps sentinel.
func errorf(sentinel error, format string, args ...any) error {
	return errclass.Errorf("alarm: ", sentinel, format, args...)
}
