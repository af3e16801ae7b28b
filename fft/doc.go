// Package fft provides fast Fourier transform plans for every length n ≥ 1,
// window functions, scaled amplitude and power spectra, Welch power spectral
// density, the short-time Fourier transform and the analytic signal.
//
// # Conventions
//
// The forward transform is unnormalised and the inverse is scaled by 1/n,
// scipy's default ("backward") convention:
//
//	X[k] = Σ_{j=0}^{n-1} x[j]·exp(-2πi·jk/n)
//	x[j] = (1/n)·Σ_{k=0}^{n-1} X[k]·exp(+2πi·jk/n)
//
// Real-input transforms return the n/2+1 non-negative-frequency bins.
//
// # Plans
//
// A plan is built once per length, is immutable, and is safe for concurrent
// use by many goroutines. Transforms take a destination first, in the manner
// of gonum: a nil dst allocates a result, a dst of the right length is
// written and returned without allocating. Passing slices of the wrong
// length is a programmer error and panics.
package fft
