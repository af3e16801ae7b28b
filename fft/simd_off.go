//go:build !goexperiment.simd || !amd64

package fft

// Without GOEXPERIMENT=simd on amd64 there is no SIMD path: these hooks
// decline, and the pure-Go kernels run (see simd_amd64.go).

// simdPass would run pass g from x into y with SIMD kernels; it reports
// whether it did.
func simdPass(y, x []complex128, g *stage) bool { return false }

// simdPass8Real would run pass8Real with SIMD kernels; it reports whether
// it did.
func simdPass8Real(y []complex128, x []float64, tw []complex128, m int) bool { return false }

// simdUntangle would run untangle with SIMD kernels; it reports whether it
// did.
func simdUntangle(X, htw []complex128) bool { return false }
