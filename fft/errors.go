package fft

import (
	"errors"
	"fmt"
)

// MaxLength is the largest transform, window or frame length the package
// accepts, 2²⁴ (16,777,216 points, about 5½ minutes of a signal sampled
// at 50 kHz; longer records are analysed in segments, with Welch or STFT).
// It bounds the memory a constructor may ask for: a plan and one Work of
// that length hold about 0.5 GiB for a power of two and up to about
// 2.3 GiB (3.3 GiB at the peak of construction) for a length that needs
// Bluestein's algorithm, 144 and 208 bytes per point as measured. Longer
// lengths are refused with ErrLength rather than left to exhaust memory.
const MaxLength = 1 << 24

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
