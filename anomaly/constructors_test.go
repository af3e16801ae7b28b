package anomaly

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/gonum/mat"
)

// checkErr runs f, asserting that it does not panic and returns an error
// wrapping want (and not the other class).
func checkErr(t *testing.T, want error, name string, f func() error) {
	t.Helper()
	var err error
	assert.NotPanics(t, func() { err = f() }, name)
	assert.ErrorIs(t, err, want, name)
	other := ErrConfig
	if want == ErrConfig {
		other = ErrInput
	}
	assert.False(t, errors.Is(err, other), "%s: %v also wraps %v", name, err, other)
}

// TestConstructorsRejectBadValues walks the exported constructors and
// fitting functions with bad values: each returns an error wrapping the
// right sentinel and none panics.
func TestConstructorsRejectBadValues(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, v := range []float64{nan, inf, -1} {
		name := fmt.Sprint(v)
		checkErr(t, ErrConfig, "CUSUM K "+name, func() error { _, err := NewCUSUM(CUSUMConfig{K: v}); return err })
		checkErr(t, ErrConfig, "CUSUM H "+name, func() error { _, err := NewCUSUM(CUSUMConfig{H: v}); return err })
		checkErr(t, ErrConfig, "CUSUM Sigma "+name, func() error { _, err := NewCUSUM(CUSUMConfig{Sigma: v}); return err })
		checkErr(t, ErrConfig, "EWMA Lambda "+name, func() error { _, err := NewEWMA(EWMAConfig{Lambda: v}); return err })
		checkErr(t, ErrConfig, "EWMA L "+name, func() error { _, err := NewEWMA(EWMAConfig{L: v}); return err })
		checkErr(t, ErrConfig, "BOCPD Hazard "+name, func() error { _, err := NewBOCPD(BOCPDConfig{Hazard: v}); return err })
		checkErr(t, ErrConfig, "BOCPD Threshold "+name, func() error { _, err := NewBOCPD(BOCPDConfig{Threshold: v}); return err })
		checkErr(t, ErrConfig, "BOCPD Beta0 "+name, func() error { _, err := NewBOCPD(BOCPDConfig{Beta0: v}); return err })
		checkErr(t, ErrConfig, "SPOT PFA "+name, func() error { _, err := NewSPOT(SPOTConfig{PFA: v}); return err })
		checkErr(t, ErrConfig, "SPOT Level "+name, func() error { _, err := NewSPOT(SPOTConfig{Level: v}); return err })
		checkErr(t, ErrConfig, "Thermal MinZ "+name, func() error { _, err := NewThermalDetector(ThermalConfig{MinZ: v}); return err })
		checkErr(t, ErrConfig, "Thermal PFA "+name, func() error { _, err := NewThermalDetector(ThermalConfig{PFA: v}); return err })
		checkErr(t, ErrConfig, "RigMonitor PFA "+name, func() error { _, err := NewRigMonitor(2, RigMonitorConfig{PFA: v}); return err })
		checkErr(t, ErrConfig, "RigMonitor Margin "+name, func() error { _, err := NewRigMonitor(2, RigMonitorConfig{Margin: v}); return err })
		checkErr(t, ErrConfig, "SensorHealth Nominal "+name, func() error { _, err := NewSensorHealth(SensorHealthConfig{Nominal: v}); return err })
		checkErr(t, ErrConfig, "PageHinkley Delta "+name, func() error {
			_, err := NewPageHinkley(PageHinkleyConfig{Delta: v, Lambda: 1, MinSamples: 1})
			return err
		})
		checkErr(t, ErrConfig, "PageHinkley Lambda "+name, func() error {
			_, err := NewPageHinkley(PageHinkleyConfig{Lambda: v, MinSamples: 1})
			return err
		})
		checkErr(t, ErrConfig, "Trend Alpha "+name, func() error { _, err := NewTrend(TrendConfig{Window: 10, Alpha: v}); return err })
		checkErr(t, ErrConfig, "Covariate Forgetting "+name, func() error {
			_, err := NewCovariateCompensator(CovariateConfig{Covariates: 1, Forgetting: v, Delta: 1})
			return err
		})
		scores := make([]float64, 100)
		for i := range scores {
			scores[i] = float64(i)
		}
		checkErr(t, ErrConfig, "HealthyQuantile pfa "+name, func() error { _, err := HealthyQuantile(scores, v); return err })
		checkErr(t, ErrConfig, "HealthyEVT pfa "+name, func() error { _, err := HealthyEVT(scores, v); return err })
	}
	for _, r := range []float64{0, -1, nan, inf} {
		checkErr(t, ErrInput, fmt.Sprint("CheckSensor rate ", r), func() error {
			_, err := CheckSensor([]float64{1, 2, 3}, r, SensorHealthConfig{})
			return err
		})
	}
	for _, n := range []int{0, -1, 1} {
		checkErr(t, ErrConfig, fmt.Sprint("RigMonitor bearings ", n), func() error { _, err := NewRigMonitor(n, RigMonitorConfig{}); return err })
	}
	for _, n := range []int{-1, 2} {
		checkErr(t, ErrConfig, fmt.Sprint("Trend Window ", n), func() error { _, err := NewTrend(TrendConfig{Window: n, Alpha: 0.05}); return err })
		checkErr(t, ErrConfig, fmt.Sprint("CUSUM Warmup ", n-1), func() error { _, err := NewCUSUM(CUSUMConfig{Warmup: n - 1}); return err })
		checkErr(t, ErrConfig, fmt.Sprint("SPOT MaxPeaks ", n), func() error { _, err := NewSPOT(SPOTConfig{MaxPeaks: n}); return err })
		checkErr(t, ErrConfig, fmt.Sprint("Covariate Covariates ", n-3), func() error {
			_, err := NewCovariateCompensator(CovariateConfig{Covariates: n - 3, Forgetting: 1, Delta: 1})
			return err
		})
	}
	for _, x := range [][]float64{nil, {}, {1, nan, 3}, {1, inf, 3}} {
		name := fmt.Sprint(x)
		checkErr(t, ErrInput, "HealthyQuantile "+name, func() error { _, err := HealthyQuantile(x, 0.1); return err })
		checkErr(t, ErrInput, "HealthyEVT "+name, func() error { _, err := HealthyEVT(x, 0.01); return err })
		checkErr(t, ErrInput, "MannKendall "+name, func() error { _, err := MannKendall(x); return err })
		checkErr(t, ErrInput, "TheilSen "+name, func() error { _, err := TheilSen(make([]float64, len(x)), x); return err })
		checkErr(t, ErrInput, "CheckSaturation "+name, func() error { _, err := CheckSaturation(x); return err })
	}
	_, err := MannKendall([]float64{2, 2, 2, 2})
	assert.ErrorIs(t, err, ErrConstantSeries)
	assert.ErrorIs(t, err, ErrInput)

	bad := mat.NewDense(3, 2, []float64{1, 2, nan, 4, 5, 6})
	checkErr(t, ErrInput, "FitMahalanobis NaN", func() error { _, err := FitMahalanobis(bad, MahalanobisConfig{}); return err })
	checkErr(t, ErrInput, "FitPCA NaN", func() error { _, err := FitPCA(bad, PCAConfig{}); return err })
	checkErr(t, ErrInput, "FitIsolationForest NaN", func() error { _, err := FitIsolationForest(bad, IForestConfig{}); return err })
	checkErr(t, ErrInput, "NewMahalanobis NaN mean", func() error {
		_, err := NewMahalanobis([]float64{nan, 0}, mat.NewSymDense(2, []float64{1, 0, 0, 1}))
		return err
	})
	checkErr(t, ErrInput, "RowsDense empty", func() error { _, err := RowsDense(nil); return err })
	good := mat.NewDense(50, 3, nil)
	for i := 0; i < 50; i++ {
		for j := 0; j < 3; j++ {
			good.Set(i, j, math.Sin(float64(i*(j+2))))
		}
	}
	checkErr(t, ErrConfig, "FitPCA PFA NaN", func() error { _, err := FitPCA(good, PCAConfig{PFA: nan}); return err })
	checkErr(t, ErrConfig, "FitIsolationForest Trees -1", func() error {
		_, err := FitIsolationForest(good, IForestConfig{Trees: -1})
		return err
	})
}

// TestZeroConfigsMeanDefaults checks the defaults rule: a zero config
// builds the same detector as DefaultXConfig.
func TestZeroConfigsMeanDefaults(t *testing.T) {
	c0, err := NewCUSUM(CUSUMConfig{})
	assert.NoError(t, err)
	assert.Equal(t, DefaultCUSUMConfig(), c0.cfg)
	e0, err := NewEWMA(EWMAConfig{})
	assert.NoError(t, err)
	assert.Equal(t, DefaultEWMAConfig(), e0.cfg)
	b0, err := NewBOCPD(BOCPDConfig{})
	assert.NoError(t, err)
	assert.Equal(t, DefaultBOCPDConfig(), b0.cfg)
	s0, err := NewSPOT(SPOTConfig{})
	assert.NoError(t, err)
	assert.Equal(t, DefaultSPOTConfig(), s0.cfg)
	th0, err := NewThermalDetector(ThermalConfig{})
	assert.NoError(t, err)
	assert.Equal(t, DefaultThermalConfig(), th0.cfg)
	r0, err := NewRigMonitor(2, RigMonitorConfig{})
	assert.NoError(t, err)
	assert.Equal(t, DefaultRigMonitorConfig(), r0.cfg)
	h0, err := NewSensorHealth(SensorHealthConfig{})
	assert.NoError(t, err)
	assert.Equal(t, DefaultSensorHealthConfig(0), h0.cfg)
	off, err := NewSensorHealth(SensorHealthConfig{FlatRun: -1, ClipRun: -1, SpikeZ: -1})
	assert.NoError(t, err)
	assert.Zero(t, off.cfg.FlatRun+off.cfg.ClipRun)
	assert.Zero(t, off.cfg.SpikeZ)
	for _, f := range []func() error{
		func() error { _, err := NewPageHinkley(PageHinkleyConfig{}); return err },
		func() error { _, err := NewCovariateCompensator(CovariateConfig{}); return err },
		func() error { _, err := NewTrend(TrendConfig{}); return err },
	} {
		assert.NoError(t, f())
	}
	r1, err := NewRigMonitor(2, RigMonitorConfig{Skip: -1})
	assert.NoError(t, err)
	assert.Zero(t, r1.cfg.Skip)
}
