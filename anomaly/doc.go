// Package anomaly learns a healthy baseline and scores departures from it:
// bearing fault diagnosis from envelope evidence, multivariate detectors,
// data-driven thresholds, drift and change detection, and sensor health.
package anomaly
