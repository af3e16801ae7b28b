package rul

import "math"

// Prognostic performance metrics. truth and pred hold the true and the
// predicted remaining lives of a set of predictions, index by index; every
// function panics if their lengths differ and returns ErrTooFewPoints for
// empty input and ErrNaN for non-finite values.

func checkPairs(what string, truth, pred []float64) error {
	if len(truth) != len(pred) {
		panic("rul: len(truth) != len(pred)")
	}
	if len(truth) == 0 {
		return errorf(ErrTooFewPoints, "%s: no predictions", what)
	}
	for i := range truth {
		if !finite(truth[i]) || !finite(pred[i]) {
			return errorf(ErrNaN, "%s: prediction %d (true %g, predicted %g)", what, i, truth[i], pred[i])
		}
	}
	return nil
}

// RMSE returns the root-mean-square error sqrt(mean((pred − truth)²)).
func RMSE(truth, pred []float64) (float64, error) {
	if err := checkPairs("rmse", truth, pred); err != nil {
		return 0, err
	}
	var s float64
	for i := range truth {
		d := pred[i] - truth[i]
		s += d * d
	}
	return math.Sqrt(s / float64(len(truth))), nil
}

// MAE returns the mean absolute error mean(|pred − truth|).
func MAE(truth, pred []float64) (float64, error) {
	if err := checkPairs("mae", truth, pred); err != nil {
		return 0, err
	}
	var s float64
	for i := range truth {
		s += math.Abs(pred[i] - truth[i])
	}
	return s / float64(len(truth)), nil
}

// PHM08Score returns the asymmetric scoring function of the 2008 PHM data
// challenge (A. Saxena, K. Goebel, D. Simon, N. Eklund, "Damage Propagation
// Modeling for Aircraft Engine Run-to-Failure Simulation", PHM 2008):
//
//	Σ_i s_i,  d_i = pred_i − truth_i,
//	s_i = e^(−d_i/13) − 1 for d_i < 0 (early),  e^(d_i/10) − 1 for d_i ≥ 0 (late),
//
// which penalises late predictions more. Lower is better; 0 is perfect.
func PHM08Score(truth, pred []float64) (float64, error) {
	if err := checkPairs("phm08 score", truth, pred); err != nil {
		return 0, err
	}
	var s float64
	for i := range truth {
		d := pred[i] - truth[i]
		if d < 0 {
			s += math.Expm1(-d / 13)
		} else {
			s += math.Expm1(d / 10)
		}
	}
	return s, nil
}

// PHM12Score returns the score of the IEEE PHM 2012 prognostic challenge
// (FEMTO-ST PRONOSTIA bearings; P. Nectoux et al., IEEE PHM 2012, and the
// challenge's own scoring description): the percent error of each
// prediction
//
//	Er_i = 100·(ActRUL_i − RUL^_i)/ActRUL_i
//
// scores A_i = exp(−ln(0.5)·Er_i/5) for Er_i ≤ 0 (late, over-estimated
// predictions, halved at Er = −5 %) and exp(+ln(0.5)·Er_i/20) for Er_i > 0
// (early predictions, halved at Er = +20 %), and the result is the mean of
// the A_i, in (0, 1], higher better. Every truth must be > 0.
func PHM12Score(truth, pred []float64) (float64, error) {
	if err := checkPairs("phm12 score", truth, pred); err != nil {
		return 0, err
	}
	var s float64
	for i := range truth {
		if !(truth[i] > 0) {
			return 0, errorf(ErrBadInput, "phm12 score: true RUL %d is %g, must be > 0", i, truth[i])
		}
		er := 100 * (truth[i] - pred[i]) / truth[i]
		if er <= 0 {
			s += math.Exp(-math.Ln2 * (-er) / 5) // exp(−ln(0.5)·Er/5) = exp(ln2·Er/5)
		} else {
			s += math.Exp(-math.Ln2 * er / 20)
		}
	}
	return s / float64(len(truth)), nil
}

// RelativeAccuracy returns 1 − |truth − pred|/truth, the relative accuracy
// of one prediction (A. Saxena, J. Celaya, B. Saha, S. Saha, K. Goebel,
// "Metrics for Offline Evaluation of Prognostic Performance", International
// Journal of Prognostics and Health Management 1 (2010)). truth must be > 0.
func RelativeAccuracy(truth, pred float64) (float64, error) {
	if !finite(truth) || !finite(pred) || !(truth > 0) {
		return 0, errorf(ErrBadInput, "relative accuracy: true %g, predicted %g (true must be > 0)", truth, pred)
	}
	return 1 - math.Abs(truth-pred)/truth, nil
}

// AlphaLambda reports whether a prediction lies within the α-cone around
// the truth: (1−α)·truth ≤ pred ≤ (1+α)·truth (Saxena et al. 2010). The
// α–λ accuracy of a prognostic is this test applied at the time
// t_λ = t_P + λ(t_EoL − t_P); see AlphaLambdaAccuracy.
func AlphaLambda(truth, pred, alpha float64) bool {
	return pred >= (1-alpha)*truth && pred <= (1+alpha)*truth
}

// Trajectory is a sequence of RUL predictions for one unit made at
// increasing times, with the unit's actual end of life.
type Trajectory struct {
	Time        []float64 // prediction times
	Pred        []float64 // predicted RUL at each time
	EndOfLife   float64   // actual failure time t_EoL
	StartOfPred float64   // t_P, time of the first prediction considered (Saxena et al.)
}

func (tr Trajectory) validate(what string) error {
	if len(tr.Time) != len(tr.Pred) {
		panic("rul: len(Time) != len(Pred)")
	}
	if len(tr.Time) == 0 {
		return errorf(ErrTooFewPoints, "%s: no predictions", what)
	}
	if !finite(tr.EndOfLife) || !finite(tr.StartOfPred) {
		return errorf(ErrNaN, "%s: end of life %g, start %g", what, tr.EndOfLife, tr.StartOfPred)
	}
	return (History{Time: tr.Time, Value: tr.Pred}).validate(what, 1)
}

// PrognosticHorizon returns PH = t_EoL − t_i, where t_i is the earliest
// prediction time from which every later prediction lies within
// ±alpha·t_EoL of the true RUL t_EoL − t (Saxena et al. 2010, with the
// α-bounds a fraction of the end of life). ok is false — and PH 0 — when
// the last prediction is outside the bounds.
func PrognosticHorizon(tr Trajectory, alpha float64) (ph float64, ok bool, err error) {
	if err := tr.validate("prognostic horizon"); err != nil {
		return 0, false, err
	}
	band := alpha * tr.EndOfLife
	first := -1
	for i := len(tr.Time) - 1; i >= 0; i-- {
		truth := tr.EndOfLife - tr.Time[i]
		if math.Abs(tr.Pred[i]-truth) > band {
			break
		}
		first = i
	}
	if first < 0 {
		return 0, false, nil
	}
	return tr.EndOfLife - tr.Time[first], true, nil
}

// AlphaLambdaAccuracy evaluates the α–λ accuracy of a trajectory (Saxena et
// al. 2010): it takes the prediction made at the latest time not after
// t_λ = t_P + λ(t_EoL − t_P) and reports whether it lies within (1±α) times
// the true RUL at that prediction's time. It returns an error when no prediction precedes t_λ.
func AlphaLambdaAccuracy(tr Trajectory, alpha, lambda float64) (bool, error) {
	if err := tr.validate("alpha-lambda accuracy"); err != nil {
		return false, err
	}
	tl := tr.StartOfPred + lambda*(tr.EndOfLife-tr.StartOfPred)
	k := -1
	for i, t := range tr.Time {
		if t <= tl {
			k = i
		}
	}
	if k < 0 {
		return false, errorf(ErrTooFewPoints, "alpha-lambda accuracy: no prediction at or before t_λ=%g", tl)
	}
	truth := tr.EndOfLife - tr.Time[k]
	return AlphaLambda(truth, tr.Pred[k], alpha), nil
}
