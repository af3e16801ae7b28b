// Package rul builds health indicators and forecasts remaining useful life as
// a distribution with confidence bounds, updated online, and scores
// forecasts with the prognostics field's published metrics.
//
// Health indicators: smoothing (MovingAverage, ExponentialSmooth, Lowess),
// baseline normalisation, weighted and first-principal-component fusion.
// Candidate features are ranked by monotonicity, trendability and
// prognosability as MATLAB's Predictive Maintenance Toolbox defines them.
//
// Every model forecasts a Distribution (point estimate, intervals at any
// level, samples or a closed form), updates online, and saves and restores
// its state bit-exactly (MarshalBinary, UnmarshalBinary):
//
//   - LinearModel and ExponentialModel: Bayesian degradation models with
//     conjugate online updates (the exponential one in the form of Gebraeel
//     2005 and MATLAB's exponentialDegradationModel), forecasting the time
//     the indicator crosses a failure threshold.
//   - SimilarityModel: residual similarity to a library of run-to-failure
//     histories.
//   - WeibullModel: Weibull survival fitted by maximum likelihood with right
//     censoring, giving the conditional remaining life.
//   - WeibullPH: Weibull proportional hazards with a time-varying covariate
//     (e.g. ln of a health indicator), fitted to censored histories; the
//     remaining life at the age and the covariate reached.
//   - GBRT: gradient-boosted regression trees for feature-based RUL.
//
// The degradation models' uncertainty is configurable through NoiseConfig:
// AR(1) residuals (for smoothed or autocorrelated indicators), exponential
// forgetting, noise at the threshold crossing, and an online
// Normal-Inverse-Gamma noise variance. RobustNoise returns the setting
// that kept simulated 90 % intervals near their nominal coverage; the zero
// value is the classical known-variance model.
//
// OnsetPosterior gives the posterior over when degradation began in a
// standardised indicator (a change point with its uncertainty, not a hard
// alarm); Mixer builds the Distribution of a mixture, e.g. over those
// onsets.
//
// Metrics: RMSE, MAE, the PHM08 score, the IEEE PHM 2012 score (and
// PHM12Point, the point forecast that maximises its expectation), relative
// accuracy, α–λ accuracy and the prognostic horizon.
//
// Subpackage asset joins features, anomaly and this package for one
// machine: indicators, learned baseline, alarm and online forecast, with the
// prior and failure level learned from a fleet's run-to-failure histories.
//
// # Errors and panics
//
// Every error the package returns wraps one of its sentinels (ErrTooFewPoints,
// ErrNaN, ErrTimeOrder, ErrThresholdCrossed, ErrBadPrior, ErrBadInput,
// ErrState); test with errors.Is. No data value makes the package panic.
// Panics are kept for programmer errors: slices whose lengths disagree
// (times and values, weights and samples, truth and predictions, feature
// vectors of a fitted model), and a probability outside [0, 1] passed to
// Distribution.Quantile or a level outside (0, 1) passed to
// Distribution.Interval.
package rul
