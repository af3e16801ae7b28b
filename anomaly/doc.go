// Package anomaly learns a healthy baseline and scores departures from it:
// bearing fault diagnosis from envelope evidence, multivariate detectors,
// data-driven thresholds, drift and change detection, and sensor health.
//
// Streaming change detectors (CUSUM, Page–Hinkley, EWMA, BOCPD,
// Mann–Kendall/Theil–Sen trend, the thermal detector) share the
// DriftDetector interface: Update(t, x) costs O(1) or a documented
// O(window) and allocates nothing; each detector value is for one goroutine,
// and separate values run concurrently. Compensated regresses a covariate
// (ambient temperature, load) out of a series before detection.
//
// Thresholds come from data: SPOT and DSPOT (Siffer et al. 2017) fit a
// generalised Pareto tail and give the threshold for a chosen false-alarm
// probability, updated online.
//
// SensorHealth flags flatlines, clipping, spikes, gaps and irregular
// timestamps, so that a dead sensor is reported as such rather than as a
// healthy or failing machine.
//
// ScoreNAB reproduces the Numenta Anomaly Benchmark's scorer.
package anomaly
