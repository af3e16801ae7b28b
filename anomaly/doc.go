// Package anomaly learns a healthy baseline and scores departures from it:
// multivariate detectors, data-driven thresholds, drift and change
// detection, and sensor health. It imports only the standard library,
// gonum and Spindle's internal/stats: it knows nothing of bearings or
// spectra.
//
// Where the neighbouring concerns live: bearing fault diagnosis from
// envelope evidence (which part of a bearing is failing) is package
// anomaly/bearing, which builds on features; the Numenta Anomaly
// Benchmark's scorer, which grades detectors rather than detecting, is
// package anomaly/nab.
//
// Baseline-learned detectors fit healthy feature vectors (an n×d
// mat.Matrix, one sample a row; RowsDense converts [][]float64) and score
// new vectors one at a time without allocating, safely from many
// goroutines: FitMahalanobis (Ledoit–Wolf shrinkage, FAST-MCD or empirical
// covariance), FitPCA (Hotelling T² and SPE with F and Jackson–Mudholkar
// limits) and FitIsolationForest. Each offers Threshold(pfa) from its
// healthy scores; HealthyQuantile and HealthyEVT threshold any healthy
// score set, and Persistence requires K consecutive exceedances.
//
// RigMonitor watches several bearings on one shaft from one level per
// bearing and snapshot, rejecting the common mode so that only a bearing's
// own rise alarms.
//
// Streaming change detectors (CUSUM, Page–Hinkley, EWMA, BOCPD,
// Mann–Kendall/Theil–Sen trend, the thermal detector, KPIDetector for any
// scalar series with one configuration for all) share the
// DriftDetector interface: Update(t, x) costs O(1) or a documented
// O(window) and allocates nothing; each detector value is for one goroutine,
// and separate values run concurrently. Compensated regresses a covariate
// (ambient temperature, load) out of a series before detection.
//
// Long-running gateways can save and restore CUSUM, EWMA, PageHinkley,
// BOCPD, SPOT/DSPOT, ThermalDetector, KPIDetector, SensorHealth,
// Persistence, RigMonitor, Trend, CovariateCompensator, Compensated (with
// a detector that saves its state) and the fitted Mahalanobis, PCA and
// IsolationForest models with MarshalBinary and UnmarshalBinary: the
// record is versioned (see state.go), bit-exact (the restored detector
// continues exactly as the saved one would have), and validated on
// restore against the detector's invariants (an error wrapping ErrState
// otherwise). No sample — a dropout, ±1e308, NaN, a frozen sensor — can
// hold a streaming detector in alarm once the stream is healthy again:
// past 100 healthy samples for CUSUM and EWMA, 200 for CUSUM with Relearn,
// Page–Hinkley and BOCPD with their default configurations, 2·Depth for
// DSPOT and 500 for KPIDetector and ThermalDetector, each raises no more
// alarms than an undisturbed twin, and no score is ever NaN.
//
// Thresholds come from data: SPOT and DSPOT (Siffer et al. 2017) fit a
// generalised Pareto tail and give the threshold for a chosen false-alarm
// probability, updated online.
//
// SensorHealth flags flatlines, clipping, spikes, gaps and irregular
// timestamps, so that a dead sensor is reported as such rather than as a
// healthy or failing machine. CheckSaturation reads a record's converter
// step and full-scale rails back from its samples and counts the samples
// that reached them.
//
// # Errors and panics
//
// Every error the package returns wraps ErrInput (an unusable data value:
// NaN or ±Inf, too few samples, a non-positive sample rate, data that leave
// a model undefined), ErrConfig (an invalid configuration field or
// parameter such as a false-alarm probability) or, when a saved state is
// restored, ErrState; test with errors.Is.
// ErrNotQuantized and ErrConstantSeries are finer classes of ErrInput. The
// message still says what was wrong and where.
//
// No data value makes the package panic. Panics are kept for programmer
// errors only: vectors or destinations whose lengths disagree with a fitted
// model or with each other, a nil receiver, and an impossible enum value
// (an unknown CovEstimator).
package anomaly
