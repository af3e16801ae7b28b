package fft

import (
	"fmt"
	"testing"

	godsp "github.com/mjibson/go-dsp/fft"
	"gonum.org/v1/gonum/dsp/fourier"
)

// benchLengths are the lengths of the peer benchmarks: powers of two and
// the non-power-of-two sizes 12000 (2⁵·3·5³) and 20480 (2¹²·5).
var benchLengths = []int{1024, 4096, 16384, 65536, 12000, 20480}

// BenchmarkRealFFT compares the forward real transform with gonum's
// dsp/fourier.FFT and go-dsp's FFTReal. Plans are built outside the loop;
// go-dsp has no plans and allocates its result.
func BenchmarkRealFFT(b *testing.B) {
	for _, n := range benchLengths {
		x := randReal(n, 1)
		b.Run(fmt.Sprintf("n=%d/spindle", n), func(b *testing.B) {
			p := must(NewRealPlan(n))
			dst := make([]complex128, p.Bins())
			b.ReportAllocs()
			b.SetBytes(int64(8 * n))
			for i := 0; i < b.N; i++ {
				p.Forward(dst, x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/gonum", n), func(b *testing.B) {
			p := fourier.NewFFT(n)
			dst := make([]complex128, n/2+1)
			b.ReportAllocs()
			b.SetBytes(int64(8 * n))
			for i := 0; i < b.N; i++ {
				p.Coefficients(dst, x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/godsp", n), func(b *testing.B) {
			godsp.FFTReal(x) // warm its twiddle cache
			b.ReportAllocs()
			b.SetBytes(int64(8 * n))
			for i := 0; i < b.N; i++ {
				godsp.FFTReal(x)
			}
		})
	}
}

// BenchmarkComplexFFT compares the forward complex transform with gonum's
// dsp/fourier.CmplxFFT and go-dsp's FFT.
func BenchmarkComplexFFT(b *testing.B) {
	for _, n := range benchLengths {
		x := randComplex(n, 1)
		b.Run(fmt.Sprintf("n=%d/spindle", n), func(b *testing.B) {
			p := must(NewPlan(n))
			dst := make([]complex128, n)
			b.ReportAllocs()
			b.SetBytes(int64(16 * n))
			for i := 0; i < b.N; i++ {
				p.Forward(dst, x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/gonum", n), func(b *testing.B) {
			p := fourier.NewCmplxFFT(n)
			dst := make([]complex128, n)
			b.ReportAllocs()
			b.SetBytes(int64(16 * n))
			for i := 0; i < b.N; i++ {
				p.Coefficients(dst, x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/godsp", n), func(b *testing.B) {
			godsp.FFT(x)
			b.ReportAllocs()
			b.SetBytes(int64(16 * n))
			for i := 0; i < b.N; i++ {
				godsp.FFT(x)
			}
		})
	}
}
