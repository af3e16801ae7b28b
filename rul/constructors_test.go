package rul

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

var sentinels = []error{ErrTooFewPoints, ErrNaN, ErrTimeOrder, ErrThresholdCrossed, ErrBadPrior, ErrBadInput, ErrState}

// checkClassified runs f, asserting that it does not panic and returns an
// error wrapping want (or, with want nil, one of the package's sentinels).
func checkClassified(t *testing.T, want error, name string, f func() error) {
	t.Helper()
	var err error
	assert.NotPanics(t, func() { err = f() }, name)
	if !assert.Error(t, err, name) {
		return
	}
	if want != nil {
		assert.ErrorIs(t, err, want, name)
		return
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Errorf("%s: %v wraps no rul sentinel", name, err)
}

// TestConstructorsRejectBadValues walks the exported constructors, fits
// and smoothers with bad values: each returns a classified error and none
// panics.
func TestConstructorsRejectBadValues(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	x := []float64{1, 2, 3, 4, 5, 6}
	tt := []float64{0, 1, 2, 3, 4, 5}
	for _, w := range []int{0, -1} {
		checkClassified(t, ErrBadInput, fmt.Sprint("MovingAverage window ", w), func() error { _, err := MovingAverage(nil, x, w); return err })
	}
	for _, a := range []float64{0, -1, nan, inf, 1.5} {
		checkClassified(t, ErrBadInput, fmt.Sprint("ExponentialSmooth alpha ", a), func() error { _, err := ExponentialSmooth(nil, x, a); return err })
		checkClassified(t, ErrBadInput, fmt.Sprint("Lowess frac ", a), func() error { _, err := Lowess(nil, tt, x, a); return err })
	}
	for _, v := range []float64{nan, inf, -1} {
		name := fmt.Sprint(v)
		checkClassified(t, nil, "ExponentialModel NoiseVariance "+name, func() error {
			_, err := NewExponentialModel(ExponentialPrior{NoiseVariance: v}, SamplingConfig{})
			return err
		})
		checkClassified(t, nil, "LinearModel NoiseVariance "+name, func() error {
			_, err := NewLinearModel(LinearPrior{NoiseVariance: v}, SamplingConfig{})
			return err
		})
	}
	checkClassified(t, nil, "NewSampleDistribution NaN", func() error {
		_, err := NewSampleDistribution([]float64{1, nan}, nil)
		return err
	})
	for _, s := range [][]float64{nil, {}} {
		checkClassified(t, nil, "NewSampleDistribution empty", func() error { _, err := NewSampleDistribution(s, nil); return err })
		checkClassified(t, nil, "FitWeibull empty", func() error { _, err := FitWeibull(s, nil); return err })
		checkClassified(t, nil, "RMSE empty", func() error { _, err := RMSE(s, s); return err })
		checkClassified(t, nil, "FitGBRT empty", func() error { _, err := FitGBRT(nil, s, GBRTConfig{}); return err })
	}
	checkClassified(t, nil, "NewSimilarityModel empty", func() error { _, err := NewSimilarityModel(nil, SimilarityConfig{}); return err })
	checkClassified(t, nil, "FitLinearPrior empty", func() error { _, err := FitLinearPrior(nil); return err })
	checkClassified(t, nil, "FitExponentialPrior empty", func() error { _, err := FitExponentialPrior(nil, 0); return err })
	checkClassified(t, nil, "Monotonicity empty", func() error { _, err := Monotonicity(nil); return err })
	checkClassified(t, nil, "FitPCAFusion empty", func() error { _, err := FitPCAFusion(nil); return err })
	checkClassified(t, nil, "Lowess NaN", func() error { _, err := Lowess(nil, tt, []float64{1, nan, 3, 4, 5, 6}, 0.5); return err })
}
