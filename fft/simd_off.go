//go:build !goexperiment.simd || !amd64

package fft

// Without GOEXPERIMENT=simd on amd64 there is no SIMD path: these hooks
// decline, and the pure-Go kernels run (see simd_amd64.go).

// simdPass would run pass g from x into y with SIMD kernels; it reports
// whether it did.
func simdPass(y, x []complex128, g *stage) bool { return false }

// simdFirstTwiddles would lay out the twiddles tw of a first pass of
// radix r for its SIMD kernel.
func simdFirstTwiddles(r, m int, tw []complex128) []float64 { return nil }

// simdPass8Real would run pass8Real for the first pass g with SIMD
// kernels; it reports whether it did.
func simdPass8Real(y []complex128, x []float64, g *stage) bool { return false }

// simdUntangleTwiddles would lay out the twiddles htw of untangle for
// simdUntangle.
func simdUntangleTwiddles(htw []complex128) []float64 { return nil }

// simdUntangle would run untangle with SIMD kernels; it reports whether it
// did.
func simdUntangle(X []complex128, vhtw []float64) bool { return false }
