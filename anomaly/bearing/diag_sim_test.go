package bearing_test

import (
	"math/rand/v2"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

// simShaft is the shaft speed of the simulated signals, Hz (1797 rpm).
const simShaft = 29.95

// simBearing is the CWRU drive-end bearing.
func simBearing(t testing.TB) features.Bearing {
	b, ok := features.LookupBearing("6205-2RS")
	require.True(t, ok)
	return b
}

// simulate returns seconds of a 12 kHz signal of the CWRU bearing with a
// fault of kind v (Healthy: shaft harmonics and noise only) at the given
// SNR in dB: impacts ringing a 3.5 kHz resonance with 1 % slip, modulated
// at the shaft speed (inner race) or cage rate (ball), plus 1×–3× shaft
// harmonics of 0.5 g.
func simulate(t testing.TB, v fault.Kind, snr, seconds float64, seed uint64) []float64 {
	return simulateWith(t, v, datasets.BearingSim{
		SampleRate: 12000, Duration: seconds, Jitter: 0.01, ImpactAmp: 1,
		Resonances:     []datasets.Resonance{{Freq: 3500, Damping: 0.05}},
		ShaftHz:        simShaft,
		ShaftHarmonics: []float64{0.5, 0.3, 0.2},
		SNR:            snr, Seed: seed,
	})
}

// simulateWith completes cfg with the impacts of a fault of kind v of the
// CWRU bearing at simShaft (Healthy: none) and returns the signal.
func simulateWith(t testing.TB, v fault.Kind, cfg datasets.BearingSim) []float64 {
	t.Helper()
	return simulateBearing(t, simBearing(t), v, cfg)
}

// simulateBearing completes cfg with the impacts of a fault of kind v of
// bearing b at simShaft (Healthy: none) and returns the signal.
func simulateBearing(t testing.TB, b features.Bearing, v fault.Kind, cfg datasets.BearingSim) []float64 {
	t.Helper()
	d, err := b.DefectFrequencies(simShaft)
	require.NoError(t, err)
	switch v {
	case fault.OuterRace:
		cfg.DefectFreq = d.BPFO
	case fault.InnerRace:
		cfg.DefectFreq, cfg.ModFreq, cfg.ModDepth = d.BPFI, d.ShaftHz, 0.8
	case fault.Ball:
		cfg.DefectFreq, cfg.ModFreq, cfg.ModDepth = 2*d.BSF, d.FTF, 0.8
	case fault.Healthy:
		cfg.DefectFreq, cfg.ImpactAmp = d.BPFO, 0
	default:
		t.Fatalf("no simulation for %v", v)
	}
	x, _, err := datasets.SimulateBearing(cfg)
	require.NoError(t, err)
	return x
}

// diagConfigs are the configurations the simulation, concurrency and
// allocation tests run: the default methods, and every method (MethodMED
// included).
func diagConfigs() map[string]bearing.DiagnoserConfig {
	return map[string]bearing.DiagnoserConfig{
		"default":     {},
		"all_methods": {Methods: bearing.Methods()},
	}
}

// Simulated faults whose truth is known: each fault type is diagnosed at
// SNRs of 10, 0 and −5 dB; buried at −15 dB it must not be called another
// fault. Healthy signals (shaft harmonics and noise) and pure noise are
// healthy. With the default methods and with every method.
func TestDiagnoseSimulated(t *testing.T) {
	for name, cfg := range diagConfigs() {
		t.Run(name, func(t *testing.T) { testDiagnoseSimulated(t, cfg) })
	}
}

func testDiagnoseSimulated(t *testing.T, cfg bearing.DiagnoserConfig) {
	dg, err := bearing.NewDiagnoser(cfg)
	require.NoError(t, err)
	b := simBearing(t)
	snrs := []float64{10, 0, -5}
	if testing.Short() {
		snrs = []float64{0}
	}
	for _, v := range []fault.Kind{fault.OuterRace, fault.InnerRace, fault.Ball} {
		for _, snr := range snrs {
			x := simulate(t, v, snr, 10, 1)
			d, err := dg.Diagnose(x, 12000, simShaft, b)
			require.NoError(t, err)
			assert.Equal(t, v, d.Verdict, "%v at %g dB: %s", v, snr, d.Reason)
			e := d.Fault(v)
			require.NotNil(t, e)
			assert.True(t, e.Qualified)
			assert.Equal(t, e.Score, d.Confidence)
			assert.InDelta(t, 0, e.Harmonics[0].ErrorPct, 0.5, "%v at %g dB: fundamental", v, snr)
			assert.GreaterOrEqual(t, e.HarmonicsFound, 2)
			if v == fault.InnerRace {
				assert.GreaterOrEqual(t, e.SidebandsFound, 1, "inner race sidebands at ±shaft")
			}
			for _, o := range d.Evidence {
				if o.Fault != v {
					assert.Less(t, o.Score, d.Confidence, "%v at %g dB: %v scores above the true fault", v, snr, o.Fault)
				}
			}
		}
		x := simulate(t, v, -15, 10, 1)
		d, err := dg.Diagnose(x, 12000, simShaft, b)
		require.NoError(t, err)
		assert.Contains(t, []fault.Kind{v, fault.Healthy, fault.Unknown}, d.Verdict, "%v at -15 dB", v)
	}
	for _, snr := range []float64{20, 0} {
		x := simulate(t, fault.Healthy, snr, 10, 2)
		d, err := dg.Diagnose(x, 12000, simShaft, b)
		require.NoError(t, err)
		assert.Equal(t, fault.Healthy, d.Verdict, "shaft harmonics and noise at %g dB", snr)
		// Health without a reference is claimed at no better than even odds.
		assert.Greater(t, d.Confidence, 0.4)
		assert.Less(t, d.Confidence, 0.5)
		assert.True(t, d.Health.Measured)
		assert.Less(t, d.Health.Kurtosis, 1.0)
		assert.Greater(t, d.Health.CageRevolutions, 100.0)
		assert.Empty(t, d.Method)
		assert.Zero(t, d.Band)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	noise := make([]float64, 120000)
	for i := range noise {
		noise[i] = rng.NormFloat64()
	}
	d, err := dg.Diagnose(noise, 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, fault.Healthy, d.Verdict, "white noise")
}

// The verdict does not depend on which of several equivalent signal
// lengths is given (the analysis length is 5-smooth), nor on the scale.
func TestDiagnoseScaleInvariant(t *testing.T) {
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	x := simulate(t, fault.InnerRace, 0, 10, 5)
	d1, err := dg.Diagnose(x, 12000, simShaft, simBearing(t))
	require.NoError(t, err)
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = 1000 * v
	}
	d2, err := dg.Diagnose(y, 12000, simShaft, simBearing(t))
	require.NoError(t, err)
	assert.Equal(t, d1.Verdict, d2.Verdict)
	assert.InDelta(t, d1.Confidence, d2.Confidence, 1e-9)
	for i := range d1.Evidence {
		for j := range d1.Evidence[i].Harmonics {
			assert.InDelta(t, d1.Evidence[i].Harmonics[j].ProminenceDB, d2.Evidence[i].Harmonics[j].ProminenceDB, 1e-6)
		}
	}
}
