package rul

import "math"

// ISO281Shape is the Weibull shape (slope) of rolling-bearing fatigue life
// that ISO 281 assumes for its life-modification factor a1: 1.5.
const ISO281Shape = 1.5

// NewWeibullModel returns a WeibullModel with the given shape k (> 0,
// dimensionless) and scale λ (> 0, in the caller's time unit) and no fleet
// data: a prior to forecast from before any history has been observed.
// Observe on it needs 2 failures before its first refit succeeds. A
// parameter that is not finite and positive is an error wrapping
// ErrBadInput.
func NewWeibullModel(shape, scale float64) (*WeibullModel, error) {
	if !finite(shape) || !(shape > 0) || !finite(scale) || !(scale > 0) {
		return nil, errorf(ErrBadInput, "weibull: shape %g and scale %g must be finite and > 0", shape, scale)
	}
	return &WeibullModel{shape: shape, scale: scale}, nil
}

// WeibullFromL10 returns the Weibull model of shape k whose L10 life (the
// age by which 10 % of units have failed, in the caller's time unit) is
// l10: λ = L10 / (−ln 0.9)^(1/k). With k = ISO281Shape it is the textbook
// prior for a rolling bearing rated for that life.
func WeibullFromL10(shape, l10 float64) (*WeibullModel, error) {
	if !finite(shape) || !(shape > 0) || !finite(l10) || !(l10 > 0) {
		return nil, errorf(ErrBadInput, "weibull: shape %g and L10 %g must be finite and > 0", shape, l10)
	}
	return NewWeibullModel(shape, l10/math.Pow(-math.Log(0.9), 1/shape))
}
