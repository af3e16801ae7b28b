// Package bearing diagnoses rolling-element bearing faults from vibration:
// it answers "which part of this bearing is failing?" with a verdict of
// package fault (Healthy, OuterRace, InnerRace, Ball, Cage or Unknown), a
// confidence and the evidence behind it.
//
// Diagnoser searches squared-envelope spectra for the harmonic series of
// each fault's defect frequency (features.Bearing.DefectFrequencies), found
// by three methods (raw band, kurtogram band, cepstrum pre-whitened; a
// fourth, minimum entropy deconvolution, is opt-in through
// DiagnoserConfig.Methods). It attributes lines that two faults share,
// requires corroborating harmonics and sidebands, pools each fault's
// evidence over the methods (the verdict's fault must qualify in at least
// two and dominate every rival), and answers Unknown rather than guessing
// when the evidence conflicts. A recording whose upper band is empty
// (sampled faster than its sensor passes) is analysed at the rate of its
// occupied band. A Diagnosis serialises to JSON; its Reason says in one line why
// the verdict is what it is, and its Evidence lists every line measured.
//
// Health is earned, not assumed: Healthy needs the signal to span enough
// cage revolutions and no band to be impulsive beyond what a healthy
// bearing shows, and lines on shaft harmonics are explained away rather
// than taken for fault lines; its confidence stays below even odds, since
// the absence of fault series is weaker evidence than their presence.
// Given a HealthyReference (DiagnoserConfig.Reference), learned from
// recordings of the same machine when it was healthy, Healthy also needs
// every band's level within that reference's spread. The
// package's tests measure the calibration of the confidence on every
// record of the shared data and on simulations, whole and in 1, 2 and 5 s
// segments (testdata/diag_calibration.md). Fuse combines the diagnoses of
// several sensors on one bearing into one verdict.
//
// The signal is a []float64 in the sensor's unit (g) with its sample rate in
// Hz; the shaft speed is in Hz (RPM/60). A record that reaches its
// converter's full scale is read back with anomaly.ReadSaturation and
// weakens the verdicts its clipping could fake.
//
// Layering: bearing builds on fft and features (spectra, envelope, fault
// bands) and on anomaly (sensor health); nothing below it imports it.
//
// # Errors and panics
//
// Every error the package returns wraps ErrInput (an unusable signal, sample
// rate or shaft speed) or ErrConfig (an invalid DiagnoserConfig field,
// bearing geometry or Method); test with errors.Is. An error that comes
// from package features wraps features.ErrInput or features.ErrConfig as
// well. No data value makes the package panic; a panic is a programmer
// error (a nil receiver).
package bearing
