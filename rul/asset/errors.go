package asset

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error this package returns wraps one of them (test
// with errors.Is); an error that comes from features, anomaly or rul wraps
// that package's error as well.
var (
	// ErrConfig: a configuration field is out of range (AnalyzerConfig,
	// TrackerConfig, LearnFleet's arguments).
	ErrConfig = errors.New("invalid configuration")
	// ErrInput: a data value is unusable: a NaN or infinite value or time,
	// a snapshot of the wrong length, a run whose columns differ in
	// length, a baseline whose mean is not positive, or an error that the
	// underlying features, anomaly or rul step returned for the data.
	ErrInput = errors.New("invalid input")
	// ErrTooFewRuns: LearnFleet was given fewer than 3 past runs that
	// raised an alarm with 3 or more points after it.
	ErrTooFewRuns = errors.New("too few alarmed runs")
	// ErrNoForecast is returned by Tracker.Forecast before an alarm, before
	// the model has absorbed a post-alarm value, or without a prior.
	ErrNoForecast = errors.New("asset: no forecast (no alarm yet, or no prior)")
	// ErrState: a saved Tracker state is corrupt, truncated, of another
	// version or internally inconsistent.
	ErrState = errors.New("invalid tracker state")
)

// errorf returns "asset: <message>: <sentinel>" wrapping sentinel.
func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("asset: "+format+": %w", append(args, sentinel)...)
}

// wrap returns "asset: <message>: <err>" wrapping both sentinel and err
// (an error of features, anomaly or rul).
func wrap(sentinel, err error, format string, args ...any) error {
	return fmt.Errorf("asset: "+format+": %w (%w)", append(args, err, sentinel)...)
}
