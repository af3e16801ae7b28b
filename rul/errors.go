package rul

import (
	"errors"
	"fmt"
)

// Sentinel errors; every error this package returns wraps one of them (test
// with errors.Is) and says what was wrong and where.
var (
	// ErrTooFewPoints: not enough observations or histories for the request.
	ErrTooFewPoints = errors.New("too few points")
	// ErrNaN: an input value is NaN or infinite where a finite value is needed.
	ErrNaN = errors.New("NaN or infinite input")
	// ErrTimeOrder: times are not strictly increasing.
	ErrTimeOrder = errors.New("time not strictly increasing")
	// ErrThresholdCrossed: the latest observation already reached the
	// failure threshold, so there is no remaining life to forecast.
	ErrThresholdCrossed = errors.New("threshold already crossed")
	// ErrBadPrior: a prior is impossible (non-positive variance, |ρ| ≥ 1, ...).
	ErrBadPrior = errors.New("impossible prior")
	// ErrBadInput: any other invalid argument value.
	ErrBadInput = errors.New("invalid input")
	// ErrState: a serialised model state is corrupt, truncated or of
	// another model or version.
	ErrState = errors.New("invalid model state")
)

func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("rul: "+format+": %w", append(args, sentinel)...)
}
