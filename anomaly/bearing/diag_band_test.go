package bearing

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/spindle-pdm/spindle/fft"
	"github.com/stretchr/testify/assert"
)

func TestOccupiedTop(t *testing.T) {
	const n, rate = 48000, 48000.0
	p := must(fft.NewRealPlan(n))
	r := rand.New(rand.NewPCG(1, 2))
	noise := make([]float64, n)
	for i := range noise {
		noise[i] = r.NormFloat64()
	}
	assert.Equal(t, rate/2, occupiedTop(p.Forward(nil, noise), rate, 30), "white noise fills its band")

	// A 1 kHz tone over a floor 90 dB down: occupied to the upper edge of
	// its band (750-1125 Hz), the Hann window's leakage included.
	tone := make([]float64, n)
	for i := range tone {
		tone[i] = math.Sin(2*math.Pi*1000*float64(i)/rate) + 3e-5*noise[i]
	}
	X := p.Forward(nil, tone)
	assert.Equal(t, 1125.0, occupiedTop(X, rate, 30))
	assert.Equal(t, 1125.0, occupiedTop(X, rate, 60))
	assert.Equal(t, rate/2, occupiedTop(X, rate, 120), "a floor within the level fills the band")
	assert.Equal(t, rate/2, occupiedTop(X[:40], rate, 30), "too few bins to measure: the whole band")
}

func TestDecimatedLength(t *testing.T) {
	for _, c := range []struct {
		m          int
		rate, keep float64
		want       int
	}{
		{120000, 48000, 6000, 30000},
		{120000, 48000, 5000, 25000},
		{120000, 48000, 12000, 60000},  // exactly a quarter of the rate
		{120000, 48000, 12001, 120000}, // more than a quarter: as it is
		{120000, 48000, 1, MinDiagnosisSamples},
		{4320, 48000, 1000, MinDiagnosisSamples},
		{96000, 48000, 6100, 24576}, // 24400 rounded up to an even 5-smooth length
	} {
		got := decimatedLength(c.m, c.rate, c.keep)
		assert.Equal(t, c.want, got, "%+v", c)
		assert.True(t, smooth5(got) && got%2 == 0, "%d", got)
		assert.GreaterOrEqual(t, c.rate*float64(got)/float64(c.m)/2, min(c.keep, c.rate/2), "%+v keeps the band", c)
	}
}

func TestShaftFit(t *testing.T) {
	// Lines at h·29.2 Hz, h = 1..10, 20 dB over a flat floor; a bin of
	// 0.1 Hz. The comb is found from 30 Hz within ±5 %, to a fraction of
	// a bin, and the search stays within the tolerance.
	s := lineSpectrum{df: 0.1, db: make([]float64, 4000)}
	for h := 1; h <= 10; h++ {
		s.db[int(math.Round(float64(h)*29.2/0.1))] = 20
	}
	got, n := s.shaftFit(30, 0.05, shaftHarmonics, 30, 12)
	assert.Equal(t, 10, n)
	assert.InDelta(t, 29.2, got, 0.01)
	g, _ := s.shaftFit(30, 0.02, shaftHarmonics, 30, 12) // 29.2 is 2.7 % below: out of reach
	assert.True(t, g >= 30*0.98-1e-9 && g <= 30*1.02+1e-9, "%v: within the tolerance only", g)
	short := lineSpectrum{df: 0.1, db: make([]float64, 100)}
	f, n := short.shaftFit(30, 0.05, shaftHarmonics, 30, 12)
	assert.Equal(t, 30.0, f, "a comb beyond the spectrum: the speed given")
	assert.Zero(t, n)
}
