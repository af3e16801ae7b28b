//go:build race

package fft

// raceEnabled reports whether the tests run under the race detector.
const raceEnabled = true
