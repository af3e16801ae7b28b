package fft

import (
	"fmt"
	"math"
)

// Freqs writes the frequencies in Hz of the n/2+1 bins of a length-n real
// transform of a signal sampled at fs Hz, k·fs/n for bin k, into dst and
// returns dst, as numpy.fft.rfftfreq(n, 1/fs). A nil dst is allocated.
// Freqs panics if n < 1, fs is not a positive finite number, or a non-nil
// dst's length is not n/2+1.
func Freqs(dst []float64, n int, fs float64) []float64 {
	checkLengthRate(n, fs)
	dst = sizedFloats(dst, n/2+1)
	for k := range dst {
		dst[k] = float64(k) * fs / float64(n)
	}
	return dst
}

// Bin returns the index of the bin of a length-n real transform of a
// signal sampled at fs Hz whose centre is nearest to f Hz, clamped to the
// bins that exist, [0, n/2]. Bin panics if n < 1, fs is not a positive
// finite number, or f is NaN.
func Bin(f, fs float64, n int) int {
	checkLengthRate(n, fs)
	if math.IsNaN(f) {
		panic("fft: Bin of NaN frequency")
	}
	k := math.Round(f * float64(n) / fs)
	if k <= 0 {
		return 0
	}
	if k >= float64(n/2) {
		return n / 2
	}
	return int(k)
}

func checkLengthRate(n int, fs float64) {
	if n < 1 {
		panic(fmt.Sprintf("fft: transform length %d, want ≥ 1", n))
	}
	if !(fs > 0) || math.IsInf(fs, 1) {
		panic(fmt.Sprintf("fft: sample rate %v Hz, want a positive finite rate", fs))
	}
}
