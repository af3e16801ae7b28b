package features

import (
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func cwruDefects(t *testing.T, shaft float64) DefectFrequencies {
	t.Helper()
	b, ok := LookupBearing("6205-2RS")
	require.True(t, ok)
	d, err := b.DefectFrequencies(shaft)
	require.NoError(t, err)
	return d
}

func TestFaultBandsCWRU(t *testing.T) {
	const fr = 1797.0 / 60
	d := cwruDefects(t, fr)
	bands := must(FaultBands(d, BandConfig{Sidebands: 1}))
	// 3 harmonics; inner race and ball with ±1 sidebands.
	require.Len(t, bands, 3+9+9+3)
	count := map[fault.Kind]int{}
	for _, b := range bands {
		count[b.Fault]++
		assert.InDelta(t, b.Center*0.98, b.Lo, 1e-9)
		assert.InDelta(t, b.Center*1.02, b.Hi, 1e-9)
	}
	assert.Equal(t, map[fault.Kind]int{fault.OuterRace: 3, fault.InnerRace: 9, fault.Ball: 9, fault.Cage: 3}, count)

	// CWRU's published multiples of shaft speed.
	mult := map[fault.Kind]float64{fault.OuterRace: 3.5848, fault.InnerRace: 5.4152, fault.Ball: 4.7135, fault.Cage: 0.39828}
	for _, b := range bands {
		want := float64(b.Harmonic)*mult[b.Fault]*fr + float64(b.Sideband)*d.Modulation(b.Fault)
		assert.InDelta(t, want, b.Center, 2e-4*want, "%v", b)
	}
	// Sidebands: BPFI ± shaft, 2×BSF ± FTF.
	assert.Equal(t, FaultBand{Fault: fault.InnerRace, Harmonic: 1, Sideband: -1, Center: d.BPFI - fr,
		Lo: (d.BPFI - fr) * 0.98, Hi: (d.BPFI - fr) * 1.02}, bands[3])
	assert.InDelta(t, 2*d.BSF+d.FTF, bands[14].Center, 1e-12)
	assert.Equal(t, "BPFI h1-1", bands[3].String()[:9])

	only := must(FaultBands(d, BandConfig{Harmonics: 2, Tolerance: 0.01, Faults: []fault.Kind{fault.Cage}}))
	require.Len(t, only, 2)
	assert.InDelta(t, 2*d.FTF*1.01, only[1].Hi, 1e-12)

	for _, cfg := range []BandConfig{{Tolerance: 0.6}, {Harmonics: -1}, {Faults: []fault.Kind{fault.Kind(9)}}} {
		_, err := FaultBands(d, cfg)
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
	}
	_, err := FaultBands(DefectFrequencies{}, BandConfig{})
	assert.ErrorIs(t, err, ErrInput)
	assert.Equal(t, "2xBSF", fault.Ball.Line())
	assert.Equal(t, "Kind(7)", fault.Kind(7).String())
}

func TestMeasureBandKnownSpectrum(t *testing.T) {
	const df = 0.5
	spec := make([]float64, 1001) // 0..500 Hz
	for k := range spec {
		spec[k] = 0.01
	}
	spec[200], spec[201], spec[202] = 0.5, 1.0, 0.25 // 100, 100.5, 101 Hz
	b := FaultBand{Fault: fault.OuterRace, Harmonic: 1, Center: 100, Lo: 98, Hi: 102}
	m, err := MeasureBand(spec, df, b, FloorConfig{})
	require.NoError(t, err)
	assert.Equal(t, 100.5, m.PeakFreq)
	assert.Equal(t, 1.0, m.PeakAmp)
	assert.InDelta(t, 0.005, m.Error, 1e-15)
	// Band bins 196..204: three lines and six floor bins.
	assert.InDelta(t, (0.25+1+0.0625+6*1e-4)/2, m.Power, 1e-15)
	assert.Equal(t, 0.01, m.Floor)
	assert.InDelta(t, 40, m.Prominence, 1e-12)

	p, err := MeasureBand(spec, df, b, FloorConfig{Power: true, Width: 10})
	require.NoError(t, err)
	assert.InDelta(t, 20, p.Prominence, 1e-12)
	assert.InDelta(t, 1.75+6*0.01, p.Power, 1e-12)

	// A band narrower than a bin measures the nearest bin.
	n, err := MeasureBand(spec, df, FaultBand{Center: 100.6, Lo: 100.55, Hi: 100.65}, FloorConfig{})
	require.NoError(t, err)
	assert.Equal(t, 100.5, n.PeakFreq)

	// The floor is a median: lines in the flanks do not lift it.
	spec[230], spec[170] = 5, 5
	m2, err := MeasureBand(spec, df, b, FloorConfig{})
	require.NoError(t, err)
	assert.Equal(t, 0.01, m2.Floor)
}

func TestMeasureBandOnAmplitudeSpectrum(t *testing.T) {
	// A tone of amplitude A between bins: the band power is A²/2 whatever
	// the leakage, and the peak stands far above a noise-free floor.
	const (
		n    = 4000
		rate = 4000.0
		f0   = 107.37
		amp  = 0.5
	)
	x := make([]float64, n)
	for i := range x {
		x[i] = amp * math.Cos(2*math.Pi*f0*float64(i)/rate)
	}
	spec := make([]float64, n/2+1)
	for k := range spec {
		var re, im float64
		for i, v := range x {
			s, c := math.Sincos(-2 * math.Pi * float64(k*i) / n)
			re += v * c
			im += v * s
		}
		spec[k] = 2 * math.Hypot(re, im) / n
	}
	b := FaultBand{Center: f0, Lo: f0 * 0.9, Hi: f0 * 1.1}
	m, err := MeasureBand(spec, rate/n, b, FloorConfig{})
	require.NoError(t, err)
	assert.Equal(t, 107.0, m.PeakFreq)
	assert.InDelta(t, amp*amp/2, m.Power, 0.02*amp*amp/2)
	assert.Greater(t, m.Prominence, 20.0)
}

func TestMeasureBandBadInput(t *testing.T) {
	spec := make([]float64, 101) // df 1 → 0..100 Hz
	for k := range spec {
		spec[k] = 1
	}
	for _, c := range []struct {
		b   FaultBand
		df  float64
		msg string
	}{
		{FaultBand{Center: 99, Lo: 97, Hi: 101}, 1, "above the spectrum's highest frequency"},
		{FaultBand{Center: 50, Lo: 52, Hi: 48}, 1, "inverted"},
		{FaultBand{Center: 1, Lo: -1, Hi: 3}, 1, "below 0 Hz"},
		{FaultBand{Center: 50, Lo: 49, Hi: 51}, 0, "resolution"},
		{FaultBand{Center: 50, Lo: 49, Hi: 51}, math.NaN(), "resolution"},
	} {
		_, err := MeasureBand(spec, c.df, c.b, FloorConfig{})
		require.Error(t, err, "%v", c.b)
		assert.Contains(t, err.Error(), c.msg)
	}
	_, err := MeasureBand(spec, 1, FaultBand{Center: 50, Lo: 49, Hi: 51}, FloorConfig{Width: 2})
	require.ErrorContains(t, err, "hold 4 bins, need 10")
	spec[50] = math.NaN()
	_, err = MeasureBand(spec, 1, FaultBand{Center: 50, Lo: 49, Hi: 51}, FloorConfig{})
	require.ErrorContains(t, err, "bin 50 is NaN")
	spec[50] = 1
	spec[45] = -1
	_, err = MeasureBand(spec, 1, FaultBand{Center: 50, Lo: 49, Hi: 51}, FloorConfig{})
	require.ErrorContains(t, err, "bin 45 is -1")

	ms, err := MeasureBands(nil, spec[:40], 1, []FaultBand{{Center: 20, Lo: 19, Hi: 21}, {Center: 50, Lo: 49, Hi: 51}}, FloorConfig{})
	require.Error(t, err)
	assert.Len(t, ms, 1)
}
