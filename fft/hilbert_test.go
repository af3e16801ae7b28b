package fft

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The analytic signal of a·cos(ωj+φ) on a bin is a·exp(i(ωj+φ)): its real
// part is the input, its imaginary part a·sin, its envelope a.
func TestHilbertOfOnBinCosine(t *testing.T) {
	for _, n := range []int{16, 17, 100, 243} {
		h := must(NewHilbert(n))
		require.Equal(t, n, h.Len())
		for _, k := range []int{1, 3, (n - 1) / 2} {
			const a, ph = 2.5, 0.4
			x := make([]float64, n)
			for j := range x {
				x[j] = a * math.Cos(2*math.Pi*float64(k*j)/float64(n)+ph)
			}
			z := h.Analytic(nil, x)
			env := h.Envelope(nil, x)
			for j := range x {
				th := 2*math.Pi*float64(k*j)/float64(n) + ph
				require.InDelta(t, x[j], real(z[j]), 1e-12, "n=%d k=%d", n, k)
				require.InDelta(t, a*math.Sin(th), imag(z[j]), 1e-12, "n=%d k=%d", n, k)
				require.InDelta(t, a, env[j], 1e-12, "n=%d k=%d", n, k)
			}
		}
	}
}

// DC and (n even) Nyquist components have no quadrature part.
func TestHilbertDCAndNyquist(t *testing.T) {
	for _, n := range []int{1, 2, 8} {
		x := make([]float64, n)
		for j := range x {
			x[j] = 1.5 + 0.5*math.Cos(math.Pi*float64(j))
		}
		z := must(NewHilbert(n)).Analytic(nil, x)
		for j := range x {
			assert.InDelta(t, x[j], real(z[j]), 1e-12)
			assert.InDelta(t, 0, imag(z[j]), 1e-12)
		}
	}
}

func TestHilbertEnvelopeOfAMTone(t *testing.T) {
	// A carrier at bin 100 modulated at bin 3: the envelope is 1+0.5·cos.
	const n = 1000
	x := make([]float64, n)
	for j := range x {
		m := 1 + 0.5*math.Cos(2*math.Pi*3*float64(j)/n)
		x[j] = m * math.Cos(2*math.Pi*100*float64(j)/n)
	}
	h := must(NewHilbert(n))
	env := h.Envelope(nil, x)
	for j := range env {
		require.InDelta(t, 1+0.5*math.Cos(2*math.Pi*3*float64(j)/n), env[j], 1e-12)
	}
	// In place.
	y := append([]float64(nil), x...)
	assert.Equal(t, env, h.Envelope(y, y))
}

func TestHilbertPanics(t *testing.T) {
	h := must(NewHilbert(8))
	assert.Panics(t, func() { h.Analytic(nil, make([]float64, 7)) })
	assert.Panics(t, func() { h.Analytic(make([]complex128, 9), make([]float64, 8)) })
	assert.Panics(t, func() { h.Envelope(nil, make([]float64, 9)) })
	assert.Panics(t, func() { h.Envelope(make([]float64, 7), make([]float64, 8)) })
}

func TestHilbertAllocs(t *testing.T) {
	skipUnderRace(t)
	for _, n := range []int{200, 256, 97} {
		h := must(NewHilbert(n))
		x := noise(n, 1, 12)
		z := make([]complex128, n)
		env := make([]float64, n)
		h.Envelope(env, x)
		assert.Zero(t, testing.AllocsPerRun(20, func() { h.Analytic(z, x) }), "n=%d", n)
		assert.Zero(t, testing.AllocsPerRun(20, func() { h.Envelope(env, x) }), "n=%d", n)
	}
}
