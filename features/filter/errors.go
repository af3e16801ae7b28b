package filter

import (
	"errors"

	"github.com/spindle-pdm/spindle/internal/errclass"
)

// Sentinel errors. Every error this package returns wraps exactly one of
// ErrInput and ErrConfig (test with errors.Is) and says what was wrong;
// errors of a saved state also wrap ErrState.
var (
	// ErrInput: a data value is unusable — a NaN or ±Inf sample, a
	// sample rate that is not finite and positive, or a signal too short
	// for the padding of FiltFilt.
	ErrInput = errors.New("invalid input")
	// ErrConfig: a design parameter is invalid — an order below 1 or
	// above MaxOrder, a cutoff at or beyond 0 or the Nyquist frequency,
	// band edges out of order, resampling factors below 1, an empty FIR.
	ErrConfig = errors.New("invalid configuration")
	// ErrState: a saved state given to Filter.UnmarshalBinary is
	// truncated, corrupted (checksum), of an unknown version, or saved
	// from a filter with other coefficients. It wraps ErrInput.
	ErrState error = errclass.New("filter: bad saved state", ErrInput)
)

// errorf returns the error "filter: <format>" that wraps sentinel.
func errorf(sentinel error, format string, args ...any) error {
	return errclass.Errorf("filter: ", sentinel, format, args...)
}
