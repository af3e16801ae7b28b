package features

import (
	"errors"

	"github.com/spindle-pdm/spindle/internal/errclass"
)

// Sentinel errors. Every error this package returns wraps exactly one of
// ErrInput and ErrConfig (test with errors.Is) and says what was wrong and
// where; ErrNoSamples and ErrConstant are finer sentinels that wrap
// ErrInput.
var (
	// ErrInput: a data value is unusable — a NaN or ±Inf sample or
	// spectrum bin, a signal or spectrum too short, a sample rate, shaft
	// speed or frequency resolution that is not finite and positive, or a
	// frequency band outside the spectrum.
	ErrInput = errors.New("invalid input")
	// ErrConfig: a configuration value is invalid — bearing geometry,
	// kurtogram levels, MED taps or iterations, fault-band or noise-floor
	// settings, extractor window or hop.
	ErrConfig = errors.New("invalid configuration")
)

// errorf returns the error "features: <format>" that wraps sentinel as
// well as any %w argument of format; the sentinel adds nothing to the
// message.
func errorf(sentinel error, format string, args ...any) error {
	return errclass.Errorf("features: ", sentinel, format, args...)
}
