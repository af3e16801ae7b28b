package fft

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFreqs(t *testing.T) {
	assert.Equal(t, []float64{0, 250, 500, 750, 1000}, Freqs(nil, 8, 2000))
	assert.Equal(t, []float64{0, 1000, 2000}, Freqs(nil, 5, 5000), "odd n stops below Nyquist")
	assert.Equal(t, []float64{0}, Freqs(nil, 1, 10))
	dst := make([]float64, 6)
	got := Freqs(dst, 10, 12000)
	assert.Equal(t, &dst[0], &got[0], "dst reused")
	assert.InDeltaSlice(t, []float64{0, 1200, 2400, 3600, 4800, 6000}, got, 1e-9)
	assert.Panics(t, func() { Freqs(nil, 0, 10) })
	assert.Panics(t, func() { Freqs(nil, 8, 0) })
	assert.Panics(t, func() { Freqs(nil, 8, math.NaN()) })
	assert.Panics(t, func() { Freqs(nil, 8, math.Inf(1)) })
	assert.Panics(t, func() { Freqs(make([]float64, 4), 8, 10) })
}

func TestBin(t *testing.T) {
	const fs, n = 12000.0, 12000
	assert.Equal(t, 30, Bin(29.95, fs, n))
	assert.Equal(t, 107, Bin(3.5848*29.95, fs, n))
	assert.Equal(t, 0, Bin(0, fs, n))
	assert.Equal(t, 0, Bin(-5, fs, n), "clamped below")
	assert.Equal(t, n/2, Bin(fs/2, fs, n))
	assert.Equal(t, n/2, Bin(1e9, fs, n), "clamped above")
	assert.Equal(t, 2, Bin(math.Inf(1), 10, 5))
	assert.Equal(t, 3, Bin(2.9, 8, 8), "nearest of 2 and 3 Hz")
	// Bin inverts Freqs.
	for _, m := range []int{1, 2, 9, 64} {
		for k, f := range Freqs(nil, m, 44100) {
			assert.Equal(t, k, Bin(f, 44100, m))
		}
	}
	assert.Panics(t, func() { Bin(math.NaN(), fs, n) })
	assert.Panics(t, func() { Bin(1, -fs, n) })
	assert.Panics(t, func() { Bin(1, fs, 0) })
}
