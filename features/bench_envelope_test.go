package features

import (
	"fmt"
	"testing"

	"github.com/spindle-pdm/spindle/fft"
)

// BenchmarkSES is one squared-envelope spectrum with a reused dst: real FFT,
// band masking, complex inverse FFT, real FFT of the squared envelope.
func BenchmarkSES(b *testing.B) {
	for _, n := range []int{4096, 65536, 120000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := benchSignal(n)
			a := must(NewEnvelopeAnalyzer(n, 12000))
			dst := make([]float64, a.Bins())
			if _, err := a.SES(dst, x, 2000, 4000); err != nil { // warm the FFT plans' scratch pools
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(8 * n))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := a.SES(dst, x, 2000, 4000); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCepstrumWhiten is cepstrum pre-whitening with a reused dst.
func BenchmarkCepstrumWhiten(b *testing.B) {
	for _, n := range []int{65536, 120000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := benchSignal(n)
			w := must(NewCepstrumWhitener(n))
			dst := make([]float64, n)
			if _, err := w.Whiten(dst, x); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := w.Whiten(dst, x); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkKurtogram is the fast kurtogram of 120 000 samples (10 s at
// 12 kHz, a CWRU record) with a reused result.
func BenchmarkKurtogram(b *testing.B) {
	const n = 120000
	for _, levels := range []int{4, 6, 8} {
		b.Run(fmt.Sprintf("n=%d/levels=%d", n, levels), func(b *testing.B) {
			x := benchSignal(n)
			k := must(NewKurtogram(levels, 12000))
			r, err := k.Compute(nil, x)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(8 * n))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := k.Compute(r, x); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSpectralKurtosis is the STFT spectral kurtosis of 120 000 samples
// with a 256-sample Hann window and a hop of 64.
func BenchmarkSpectralKurtosis(b *testing.B) {
	x := benchSignal(120000)
	w, err := fft.NewWindow(fft.Hann, 256, 0)
	if err != nil {
		b.Fatal(err)
	}
	s, err := NewSpectralKurtosis(w, 64)
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]float64, s.Bins())
	if _, err := s.Compute(dst, x); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Compute(dst, x); err != nil {
			b.Fatal(err)
		}
	}
}
