package fft

import (
	"errors"
	"fmt"
)

// MaxLength is the largest transform, window or frame length the package
// accepts, 2²⁷ (134,217,728 points, about 45 minutes of a signal sampled
// at 50 kHz). A complex plan of that length holds about 2 GiB of
// twiddles and scratch, four times as much when its length needs
// Bluestein's algorithm, so longer lengths are refused with ErrLength
// rather than left to exhaust memory.
const MaxLength = 1 << 27

// The errors of the package. Every error a function of the package returns
// wraps exactly one of them, so that callers can classify it with
// errors.Is; the message adds the details.
var (
	// ErrLength reports a transform, window or frame length below 1 or
	// above MaxLength.
	ErrLength = errors.New("fft: invalid length")
	// ErrConfig reports an unusable window (nil, empty, non-finite
	// coefficients, a sum of zero or less, an unknown kind or an
	// out-of-range parameter) or Welch or STFT setting (overlap, hop,
	// scaling, detrend).
	ErrConfig = errors.New("fft: invalid configuration")
	// ErrInput reports a signal that a method cannot use: shorter than one
	// segment or frame, holding NaN or ±Inf, or given with a sample rate
	// that is not positive and finite.
	ErrInput = errors.New("fft: invalid input")
)

// checkLength returns an error wrapping ErrLength unless 1 ≤ n ≤ MaxLength;
// what names the length in the message.
func checkLength(what string, n int) error {
	if n < 1 || n > MaxLength {
		return fmt.Errorf("%w: %s %d, want 1 ≤ n ≤ MaxLength (%d)", ErrLength, what, n, MaxLength)
	}
	return nil
}
