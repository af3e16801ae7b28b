//go:build !race

package fft

// spectraRace reports a -race build (see spectra_race_test.go).
const spectraRace = false
