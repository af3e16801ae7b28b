package asset_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/rul/asset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	testRate  = 12000.0 // Hz
	testShaft = 29.95   // Hz, 1797 rpm
)

func testBearing(t testing.TB) features.Bearing {
	b, ok := features.LookupBearing("6205-2RS")
	require.True(t, ok)
	return b
}

// outerRaceSnapshot is one second of impacts at the outer-race defect
// frequency, each ringing a 3 kHz resonance, in white noise (g).
func outerRaceSnapshot(t testing.TB, seed uint64) []float64 {
	d, err := testBearing(t).DefectFrequencies(testShaft)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, int(testRate))
	for k := 0; float64(k)/d.BPFO < 1; k++ {
		t0 := float64(k) / d.BPFO
		for i := int(t0 * testRate); i < len(x) && i < int(t0*testRate)+300; i++ {
			dt := float64(i)/testRate - t0
			x[i] += 2 * math.Exp(-800*dt) * math.Sin(2*math.Pi*3000*dt)
		}
	}
	for i := range x {
		x[i] += 0.2 * r.NormFloat64()
	}
	return x
}

func TestAnalyzerFindsOuterRaceFault(t *testing.T) {
	a, err := asset.NewAnalyzer(asset.AnalyzerConfig{Rate: testRate, Samples: int(testRate), Bearing: testBearing(t), ShaftHz: testShaft})
	require.NoError(t, err)
	ind, err := a.Analyze(outerRaceSnapshot(t, 1))
	require.NoError(t, err)
	require.Len(t, ind.Evidence, len(a.Bands()))
	best := features.BandMetrics{Prominence: math.Inf(-1)}
	for _, e := range ind.Evidence {
		if e.Band.Harmonic == 1 && e.Band.Sideband == 0 && e.Prominence > best.Prominence {
			best = e
		}
	}
	assert.Equal(t, fault.OuterRace, best.Band.Fault)
	assert.Greater(t, best.Prominence, 10.0) // dB
	// The envelope band lies within the spectrum.
	assert.GreaterOrEqual(t, ind.BandLo, 0.0)
	assert.LessOrEqual(t, ind.BandHi, testRate/2)
	assert.Less(t, ind.BandLo, ind.BandHi)
	assert.Equal(t, len(a.SES()), int(testRate/2/a.Resolution())+1)
}

func TestAnalyzerTimeFeatures(t *testing.T) {
	a, err := asset.NewAnalyzer(asset.AnalyzerConfig{Rate: testRate, Samples: 6000, Bearing: testBearing(t), ShaftHz: testShaft, Harmonics: 2})
	require.NoError(t, err)
	x := make([]float64, 6000)
	for i := range x {
		x[i] = 2 * math.Sin(2*math.Pi*50*float64(i)/testRate) // 300 whole periods
	}
	ind, err := a.Analyze(x)
	require.NoError(t, err)
	assert.InDelta(t, math.Sqrt2, ind.Features.RMS, 1e-12) // amplitude/√2, g
	assert.InDelta(t, 1.5, ind.Features.Kurtosis, 1e-9)    // a sine's kurtosis
	for _, b := range a.Bands() {
		assert.LessOrEqual(t, b.Harmonic, 2)
	}
}

func TestAnalyzerErrors(t *testing.T) {
	b := testBearing(t)
	for name, cfg := range map[string]asset.AnalyzerConfig{
		"no rate":       {Samples: 4096, Bearing: b, ShaftHz: testShaft},
		"inf rate":      {Rate: math.Inf(1), Samples: 4096, Bearing: b, ShaftHz: testShaft},
		"short":         {Rate: testRate, Samples: 8, Bearing: b, ShaftHz: testShaft},
		"no shaft":      {Rate: testRate, Samples: 4096, Bearing: b},
		"no geometry":   {Rate: testRate, Samples: 4096, ShaftHz: testShaft},
		"rate too low":  {Rate: 1000, Samples: 4096, Bearing: b, ShaftHz: testShaft},
		"harmonics < 0": {Rate: testRate, Samples: 4096, Bearing: b, ShaftHz: testShaft, Harmonics: -1},
	} {
		_, err := asset.NewAnalyzer(cfg)
		assert.ErrorIs(t, err, asset.ErrConfig, name)
	}
	a, err := asset.NewAnalyzer(asset.AnalyzerConfig{Rate: testRate, Samples: 4096, Bearing: b, ShaftHz: testShaft})
	require.NoError(t, err)
	_, err = a.Analyze(make([]float64, 4095))
	assert.ErrorIs(t, err, asset.ErrInput)
	x := make([]float64, 4096)
	x[7] = math.NaN()
	_, err = a.Analyze(x)
	assert.ErrorIs(t, err, asset.ErrInput)
	x[7] = 0
	_, err = a.Analyze(x) // all zeros: no features to compute
	if err != nil {
		assert.ErrorIs(t, err, asset.ErrInput)
	}
}
