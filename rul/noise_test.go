package rul

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNIGPosteriorByHand: prior N(0, I), σ₀² = 1, ν₀ = 2, one observation
// z = 2 at t = 1. The coefficient posterior mean is that of the known-σ²
// case, (2/3, 2/3), with Λ⁻¹ = (1/3)[2 −1; −1 2]; α = 1 + 1/2 = 3/2;
// β = 1 + ½[(2 − 4/3)² + (4/9 + 4/9)] = 5/3; E σ² = β/(α−1) = 10/3, so the
// marginal covariance is (10/3)·Λ⁻¹.
func TestNIGPosteriorByHand(t *testing.T) {
	m, err := NewExponentialModel(ExponentialPrior{Phi: 0, LogThetaVariance: 1, BetaVariance: 1, NoiseVariance: 1},
		SamplingConfig{Noise: NoiseConfig{PriorDOF: 2}})
	require.NoError(t, err)
	require.NoError(t, m.Update(1, math.Exp(2)))
	mean, cov := m.Posterior()
	assert.InDelta(t, 2.0/3, mean[0], 1e-14)
	assert.InDelta(t, 2.0/3, mean[1], 1e-14)
	assert.InDelta(t, 10.0/3*2/3, cov[0], 1e-14)
	assert.InDelta(t, -10.0/3/3, cov[1], 1e-14)
	assert.InDelta(t, 10.0/3*2/3, cov[2], 1e-14)
	ns := m.Noise()
	assert.InDelta(t, 1.5, ns.Shape, 1e-15)
	assert.InDelta(t, 5.0/3, ns.Scale, 1e-14)
	assert.InDelta(t, 10.0/3, ns.Variance, 1e-14)
	assert.Equal(t, 0.0, ns.Autocorrelation)
	assert.Equal(t, 1.0, ns.Weight)
}

type noiseGolden struct {
	T        []float64        `json:"t"`
	ExpValue []float64        `json:"exp_value"`
	LinValue []float64        `json:"lin_value"`
	ExpPrior ExponentialPrior `json:"exp_prior"`
	LinPrior LinearPrior      `json:"lin_prior"`
	Cases    []struct {
		Config struct {
			Nu     float64 `json:"nu"`
			RhoOn  bool    `json:"rho_on"`
			RhoMax float64 `json:"rho_max"`
			Lam    float64 `json:"lam"`
		} `json:"config"`
		Exponential, Linear noiseGoldenModel
	} `json:"cases"`
}

// noiseGoldenModel is one model's expected state in a noiseGolden case.
type noiseGoldenModel struct {
	Rho, Alpha, Beta, Variance, Weight float64
	Mean                               []float64
	Cov                                [][]float64
}

// assertNoise checks a model's noise state in case i against want: ρ̂, the
// variance and, when estimated, its inverse-gamma posterior.
func assertNoise(t *testing.T, want noiseGoldenModel, ns NoiseState, i int) {
	t.Helper()
	assert.InDelta(t, want.Rho, ns.Autocorrelation, 1e-10, "case %d", i)
	assert.InEpsilon(t, want.Variance, ns.Variance, 1e-8, "case %d", i)
	if want.Alpha > 0 {
		assert.InEpsilon(t, want.Alpha, ns.Shape, 1e-12, "case %d", i)
		assert.InEpsilon(t, want.Beta, ns.Scale, 1e-8, "case %d", i)
	}
}

// TestNoiseGolden checks the online NoiseConfig updates of both models —
// estimated variance, AR(1) Prais–Winsten posterior with ρ̂ from the
// weighted residuals, forgetting — against batch computations with numpy
// (testdata/gen_noise_golden.py).
func TestNoiseGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "noise_golden.json"))
	require.NoError(t, err)
	var g noiseGolden
	require.NoError(t, json.Unmarshal(b, &g))
	for i, c := range g.Cases {
		cfg := SamplingConfig{Noise: NoiseConfig{PriorDOF: c.Config.Nu, Autocorrelation: c.Config.RhoOn,
			MaxAutocorrelation: c.Config.RhoMax, Forgetting: c.Config.Lam}}
		e, err := NewExponentialModel(g.ExpPrior, cfg)
		require.NoError(t, err)
		require.NoError(t, e.UpdateBatch(g.T, g.ExpValue))
		mean, cov := e.Posterior()
		want := c.Exponential
		assertNoise(t, want, e.Noise(), i)
		assert.InEpsilon(t, want.Weight, e.Noise().Weight, 1e-12, "case %d", i)
		assert.InEpsilon(t, want.Mean[0], mean[0], 1e-8, "case %d", i)
		assert.InEpsilon(t, want.Mean[1], mean[1], 1e-8, "case %d", i)
		assert.InEpsilon(t, want.Cov[0][0], cov[0], 1e-8, "case %d", i)
		assert.InEpsilon(t, want.Cov[0][1], cov[1], 1e-8, "case %d", i)
		assert.InEpsilon(t, want.Cov[1][1], cov[2], 1e-8, "case %d", i)

		l, err := NewLinearModel(g.LinPrior, cfg)
		require.NoError(t, err)
		require.NoError(t, l.UpdateBatch(g.T, g.LinValue))
		lm, lv := l.Posterior()
		lw := c.Linear
		assertNoise(t, lw, l.Noise(), i)
		assert.InEpsilon(t, lw.Mean[0], lm, 1e-8, "case %d", i)
		assert.InEpsilon(t, lw.Cov[0][0], lv, 1e-8, "case %d", i)
	}
}

// TestGammaVariate checks the Marsaglia–Tsang sampler's first two moments
// (Gamma(a, 1): mean a, variance a) for shapes below and above 1.
func TestGammaVariate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, a := range []float64{0.3, 1, 2.5, 40} {
		const n = 200000
		var s, ss float64
		for range n {
			x := gammaVariate(rng, a)
			require.True(t, x > 0 && finite(x))
			s += x
			ss += x * x
		}
		mean := s / n
		v := ss/n - mean*mean
		assert.InEpsilon(t, a, mean, 0.01, "shape %g", a)
		assert.InEpsilon(t, a, v, 0.03, "shape %g", a)
	}
}

// TestARCrossing checks the AR(1) crossing solver: the returned h solves
// rate·h + r·ρ^h = c, is the first root, and the closed-form cases hold.
func TestARCrossing(t *testing.T) {
	lr := math.Log(0.9)
	for _, tc := range []struct{ c, rate, r float64 }{
		{1, 0.1, 0.5}, {1, 0.1, -0.5}, {0.2, 0.01, 0.19}, {2, 0.05, -3}, {0.5, 1e-4, -0.2},
	} {
		h := arCrossing(tc.c, tc.rate, tc.r, lr)
		require.False(t, math.IsInf(h, 0), "%+v", tc)
		assert.InDelta(t, tc.c, tc.rate*h+tc.r*math.Exp(h*lr), 1e-9, "%+v", tc)
		for k := 0.0; k < h; k += h / 50 { // first root
			assert.Less(t, tc.rate*k+tc.r*math.Exp(k*lr), tc.c+1e-12, "%+v at %g", tc, k)
		}
	}
	// rate 0: r ρ^h = c ⇒ h = ln(c/r)/ln ρ.
	assert.InDelta(t, math.Log(0.5)/lr, arCrossing(-0.5, 0, -1, lr), 1e-12)
	// Rising residual decays but the trend never gets there: never.
	assert.True(t, math.IsInf(arCrossing(1, 0, 0.5, lr), 1))
	assert.True(t, math.IsInf(arCrossing(1, -0.1, -0.5, lr), 1))
	// Falling trend but a residual recovering far enough: a finite root.
	h := arCrossing(-2, -0.001, -3, lr)
	assert.InDelta(t, -2, -0.001*h-3*math.Exp(h*lr), 1e-9)
	// r ≥ c: already there.
	assert.Equal(t, 0.0, arCrossing(0.5, 1, 0.6, lr))
}

// TestNoiseConfigErrors checks the validation of NoiseConfig.
func TestNoiseConfigErrors(t *testing.T) {
	for _, c := range []NoiseConfig{
		{PriorDOF: -1}, {PriorDOF: math.Inf(1)}, {PriorDOF: math.NaN()},
		{Autocorrelation: true, MaxAutocorrelation: 1}, {Autocorrelation: true, MaxAutocorrelation: -0.5},
		{Forgetting: 1.5}, {Forgetting: -0.1}, {Forgetting: math.NaN()},
	} {
		_, err := NewExponentialModel(testExpPrior, SamplingConfig{Noise: c})
		assert.ErrorIs(t, err, ErrBadInput, "%+v", c)
		_, err = NewLinearModel(testLinPrior, SamplingConfig{Noise: c})
		assert.ErrorIs(t, err, ErrBadInput, "%+v", c)
	}
	m, err := NewExponentialModel(testExpPrior, SamplingConfig{Noise: RobustNoise()})
	require.NoError(t, err)
	assert.Equal(t, RobustNoise(), m.NoiseConfig())
	l, err := NewLinearModel(testLinPrior, SamplingConfig{})
	require.NoError(t, err)
	assert.Equal(t, NoiseConfig{Forgetting: 1}, l.NoiseConfig())
}

// TestNoiseForecastWidens: on an indicator with strongly autocorrelated
// noise, RobustNoise gives a wider 90 % interval than the classical model,
// never NaN, and a falling linear indicator is handled as a rising one.
func TestNoiseForecastWidens(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	su := simScenario{rho: 0.95}.unit(rng, testExpPrior, 5, 1)
	h := prefix(su.h, 0.6)
	width := func(cfg NoiseConfig) float64 {
		m, err := NewExponentialModel(testExpPrior, SamplingConfig{Seed: 1, Noise: cfg})
		require.NoError(t, err)
		require.NoError(t, m.UpdateBatch(h.Time, h.Value))
		d, err := m.Predict(nil, 5)
		require.NoError(t, err)
		lo, hi := d.Interval(0.9)
		require.False(t, math.IsNaN(lo) || math.IsNaN(hi))
		return hi - lo
	}
	assert.Greater(t, width(RobustNoise()), 1.5*width(NoiseConfig{}))

	// S = 10 − 0.1 t with AR(1) noise, falling to 2: crossing near t = 80.
	up, down := make([]float64, 0, 40), make([]float64, 0, 40)
	ts := make([]float64, 0, 40)
	e := 0.0
	for i := 1; i <= 40; i++ {
		e = 0.8*e + 0.05*rng.NormFloat64()
		ts = append(ts, float64(i))
		up = append(up, 0.1*float64(i)+e)
		down = append(down, 10-0.1*float64(i)-e)
	}
	cfg := SamplingConfig{Seed: 2, Noise: RobustNoise()}
	mu, err := NewLinearModel(LinearPrior{Phi: 0, SlopeMean: 0.1, SlopeVariance: 1e-4, NoiseVariance: 0.01}, cfg)
	require.NoError(t, err)
	md, err := NewLinearModel(LinearPrior{Phi: 10, SlopeMean: -0.1, SlopeVariance: 1e-4, NoiseVariance: 0.01}, cfg)
	require.NoError(t, err)
	require.NoError(t, mu.UpdateBatch(ts, up))
	require.NoError(t, md.UpdateBatch(ts, down))
	du, err := mu.Predict(nil, 8)
	require.NoError(t, err)
	dd, err := md.Predict(nil, 2)
	require.NoError(t, err)
	// Mirror images: the same forecast distribution (not the same draws:
	// the slope's normal variate enters with the opposite sign).
	assert.InDelta(t, 40, du.Median(), 8)
	assert.InEpsilon(t, du.Median(), dd.Median(), 0.05)
	lu, hu := du.Interval(0.9)
	ld, hd := dd.Interval(0.9)
	assert.InEpsilon(t, hu-lu, hd-ld, 0.1)
}
