// Package asset is what joins features, anomaly and rul for one asset: the
// condition-monitoring pipeline that turns the vibration snapshots of one
// machine (a bearing, a spindle) into an alarm and a remaining-life
// forecast, written the way a service runs it, one snapshot at a time.
//
// # Pipeline
//
//  1. Indicators. An Analyzer turns each vibration snapshot (acceleration
//     in g at a known sample rate in Hz) into its time-domain indicators
//     (RMS, kurtosis, crest factor, ...; features.Extractor) and its
//     envelope evidence: the squared-envelope spectrum of the band of
//     greatest spectral kurtosis (features.Kurtogram,
//     features.EnvelopeAnalyzer) measured at the bearing's fault lines
//     (features.FaultBands, features.MeasureBands).
//  2. Learned baseline. A Tracker takes one scalar indicator per snapshot
//     (for example the RMS in g, or the mean square in g²), smooths it by
//     a trailing mean, learns the healthy level from the first values and
//     divides by it: the health indicator HI is 1 on a healthy machine.
//  3. Alarm. The alarm level is 1 + K·σ/μ of the baseline, or the
//     baseline's extreme-value quantile at a chosen false-alarm
//     probability (anomaly.HealthyEVT); the alarm is raised when the HI
//     stays above it for a few values in a row.
//  4. Online forecast. After the alarm the Tracker feeds (time since the
//     alarm run began, HI) to an exponential degradation model
//     (rul.ExponentialModel) and forecasts the remaining life until the HI
//     reaches the failure level, as a median and a 90 % interval.
//
// The forecast needs a prior and a failure level. LearnFleet learns both
// from the run-to-failure histories of similar machines: it replays each
// past run through a Tracker, fits the prior to the post-alarm histories
// (rul.FitExponentialPrior) and takes the median HI at failure as the
// failure level.
//
// At every stage Fleet.Outlook gives a remaining-life distribution with a
// median, a 90 % interval and the probability of failure within a horizon
// (Outlook.PFail): before any alarm, the fleet's lifetime Weibull
// (Fleet.Life) conditioned on the unit's age, or with Fleet.UseHazard
// the fleet's proportional-hazards Weibull (Fleet.Hazard) conditioned on
// the age and the health reached (ln HI); after the alarm, the
// degradation forecast, or while that has none the fleet's
// alarm-to-failure Weibull (Fleet.Onset) conditioned on the time since
// the alarm; at or past the failure level, RUL 0. With no histories,
// DefaultFleet is a documented prior (Weibull of ISO 281's shape 1.5
// from a rated L10 life), flagged Outlook.Default. Fleet.OutlookOnsets
// replaces the hard alarm by a posterior over the onset of degradation
// (e.g. rul.OnsetPosterior on the standardised HI): the forecast is the
// mixture of the no-onset forecast and the alarm-to-failure Weibull from
// each candidate onset, weighted by their posterior probabilities.
//
// # Where each concern lives
//
// Signal processing (spectra, envelopes, kurtogram, fault frequencies) is
// in package features; alarm statistics in anomaly; degradation models,
// priors and scores in rul; reading the public data sets in datasets. This
// package only wires them together for one asset and imports none of
// datasets: it works on any indicator stream.
//
// # Units
//
// Times are in any one unit chosen by the caller (the examples use hours);
// forecasts come back in the same unit. Raw indicator values are in the
// indicator's unit (g for an RMS, g² for a mean square); the HI and the
// alarm and failure levels are dimensionless multiples of the baseline
// mean. Frequencies are in Hz.
//
// # State
//
// A Tracker saves and restores its complete state (MarshalBinary,
// UnmarshalBinary): a restored tracker continues bit-for-bit as the saved
// one would have, so a service can checkpoint each asset and resume after
// a restart. An Analyzer holds only reusable buffers and needs no saving.
//
// None of the types is safe for concurrent use; use one per asset.
package asset
