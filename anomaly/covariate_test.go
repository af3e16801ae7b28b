package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCovariateRecoversCoefficients(t *testing.T) {
	c, err := NewCovariateCompensator(CovariateConfig{Covariates: 2, Forgetting: 1, Delta: 1e6})
	require.NoError(t, err)
	sim := newDriftSim(31)
	cov := make([]float64, 2)
	var e float64
	for i := 0; i < 500; i++ {
		cov[0] = 20 + 5*math.Sin(float64(i)/30) + sim.r.NormFloat64()
		cov[1] = sim.r.Float64() * 100
		e, _ = c.Update(3+0.8*cov[0]-0.02*cov[1], cov)
	}
	th := c.Coefficients(nil)
	assert.InDelta(t, 3, th[0], 1e-4)
	assert.InDelta(t, 0.8, th[1], 1e-5)
	assert.InDelta(t, -0.02, th[2], 1e-7)
	assert.InDelta(t, 0, e, 1e-5)
}

// TestCovariateCompensationRemovesAmbient: a bearing temperature follows a
// daily ambient cycle; a 1.5 °C fault step at sample 3000 is invisible to a
// CUSUM on the raw series (which alarms on the ambient swings) but found
// at once on the compensated residual.
func TestCovariateCompensationRemovesAmbient(t *testing.T) {
	sim := newDriftSim(32)
	n, at := 5000, 3000
	amb := make([]float64, n)
	x := make([]float64, n)
	for i := range x {
		amb[i] = 15 + 8*math.Sin(2*math.Pi*float64(i)/288) + 0.3*sim.r.NormFloat64() // 5-min samples, daily cycle
		x[i] = 30 + 0.9*amb[i] + 0.3*sim.r.NormFloat64()
		if i >= at {
			x[i] += 1.5
		}
	}
	cfg := CUSUMConfig{K: 0.5, H: 8, Warmup: 200}
	raw, err := NewCUSUM(cfg)
	require.NoError(t, err)
	rawAlarms := firstAlarmAfter(runDrift(raw, x), 0)
	assert.Less(t, rawAlarms, at, "the raw series alarms on ambient swings long before the fault")

	comp, err := NewCovariateCompensator(CovariateConfig{Covariates: 1, Forgetting: 1, Delta: 1e4, LearnSamples: 1500})
	require.NoError(t, err)
	det, err := NewCUSUM(cfg)
	require.NoError(t, err)
	cd := &Compensated{Comp: comp, Detector: det}
	var alarms []int
	cov := make([]float64, 1)
	for i := range x {
		cov[0] = amb[i]
		if cd.Update(float64(i), x[i], cov).Alarm {
			alarms = append(alarms, i)
		}
	}
	require.NotEmpty(t, alarms)
	assert.GreaterOrEqual(t, alarms[0], at, "alarms %v", alarms)
	assert.Less(t, alarms[0], at+10)
	th := comp.Coefficients(nil)
	assert.InDelta(t, 0.9, th[1], 0.05)

	assert.Equal(t, DriftInvalid, cd.Update(0, math.NaN(), cov).Status)
	cov[0] = math.NaN()
	assert.Equal(t, DriftInvalid, cd.Update(0, 1, cov).Status)
	cd.Reset()
	assert.Equal(t, DriftWarmup, cd.Update(0, 1, []float64{1}).Status)
}

func TestCovariateBadInput(t *testing.T) {
	for _, cfg := range []CovariateConfig{{Covariates: -1, Forgetting: 1, Delta: 1}, {Covariates: 1, Forgetting: -1, Delta: 1},
		{Covariates: 1, Forgetting: 1, Delta: -1}, {Covariates: 1, Forgetting: 1, Delta: 1, Warmup: -1}} {
		_, err := NewCovariateCompensator(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
	c, err := NewCovariateCompensator(CovariateConfig{Covariates: 2, Forgetting: 0.99, Delta: 100})
	require.NoError(t, err)
	assert.Panics(t, func() { c.Update(1, []float64{1}) })
	assert.Panics(t, func() { c.Coefficients(make([]float64, 2)) })
	allocs := testing.AllocsPerRun(100, func() { c.Update(1, []float64{2, 3}) })
	assert.Zero(t, allocs)
}

// One glitch of ±1e308 in the measured value or a covariate is ignored:
// the coefficients and later residuals equal those of the stream without
// it, bit for bit.
func TestCovariateIgnoresGlitch(t *testing.T) {
	for _, glitch := range []struct{ x, c float64 }{{1e308, 1}, {-1e308, 1}, {5, 1e308}, {5, math.Inf(-1)}} {
		clean, err := NewCovariateCompensator(CovariateConfig{Covariates: 1, Forgetting: 0.995})
		require.NoError(t, err)
		hit, err := NewCovariateCompensator(CovariateConfig{Covariates: 1, Forgetting: 0.995})
		require.NoError(t, err)
		for i := 0; i < 2000; i++ {
			c := []float64{math.Sin(float64(i) / 30)}
			x := 2 + 3*c[0] + 0.01*math.Cos(float64(i)*1.7)
			if i == 700 {
				_, st := hit.Update(glitch.x, []float64{glitch.c})
				assert.Equal(t, DriftInvalid, st)
			}
			r1, _ := clean.Update(x, c)
			r2, _ := hit.Update(x, c)
			require.Equal(t, r1, r2, "sample %d after glitch %v", i, glitch)
		}
		assert.Equal(t, clean.Coefficients(nil), hit.Coefficients(nil))
	}
}
