//go:build race

package fft

// spectraRace reports a -race build, under which sync.Pool drops pooled
// scratch at random, so allocation counts mean nothing.
const spectraRace = true
