package nab

import "errors"

// The package's error classes: every error it returns wraps one of them
// (test with errors.Is); the message says what was wrong and where.
var (
	// ErrInput reports unusable scores or windows: a NaN anomaly score,
	// lengths that disagree, windows outside the file, overlapping or out
	// of order, a window that holds no row, a normalisation over no
	// windows.
	ErrInput = errors.New("nab: invalid input")
	// ErrFormat reports a labels or configuration file that is not what
	// NAB writes: bad JSON, a window without two timestamps, a profile
	// without its four weights.
	ErrFormat = errors.New("nab: malformed file")
)
