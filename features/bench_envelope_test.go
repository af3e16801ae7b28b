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

// BenchmarkSESOfSpectrum is SES of a signal whose Spectrum is shared
// (computed once, outside the loop), beside the SES that transforms the
// signal: the cost per band when several bands of one signal are
// demodulated, as Diagnose's raw and kurtogram methods do.
func BenchmarkSESOfSpectrum(b *testing.B) {
	const n = 30000
	x := benchSignal(n)
	a := must(NewEnvelopeAnalyzer(n, 12000))
	X := must(a.Spectrum(nil, x))
	dst := make([]float64, a.Bins())
	for _, c := range []struct {
		name string
		run  func() ([]float64, error)
	}{
		{"SES", func() ([]float64, error) { return a.SES(dst, x, 2000, 4000) }},
		{"SESOfSpectrum", func() ([]float64, error) { return a.SESOfSpectrum(dst, X, 2000, 4000) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(8 * n))
			for i := 0; i < b.N; i++ {
				if _, err := c.run(); err != nil {
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

// BenchmarkKurtogramFilters is one pass of the kurtogram's analysis
// filters over 30 000 samples, the inner loop of Kurtogram.Compute: the
// binary h and g (decimation by 2) and the ternary h1, h2, h3 (by 3), on
// a complex band and on the real signal (the first level).
func BenchmarkKurtogramFilters(b *testing.B) {
	const n = 30000
	k := must(NewKurtogram(6, 12000))
	xr := benchSignal(2 * n)
	x := make([]complex128, n)
	for i := range x {
		x[i] = complex(xr[2*i], xr[2*i+1])
	}
	xr = xr[:n]
	u := make([]complex128, n+24)
	ur := make([]float64, n+24)
	y := [3][]complex128{make([]complex128, n/2), make([]complex128, n/2), make([]complex128, n/2)}
	t := [3][]complex128{y[0][:n/3], y[1][:n/3], y[2][:n/3]}
	for _, c := range []struct {
		name string
		run  func()
	}{
		{"binary", func() { splitBinary(y[0], y[1], x, u, &k.bt) }},
		{"ternary", func() { splitTernary(t[0], t[1], t[2], x, u, &k.bt) }},
		{"binary-real", func() { splitBinaryReal(y[0], y[1], xr, ur, &k.bt) }},
		{"ternary-real", func() { splitTernaryReal(t[0], t[1], t[2], xr, ur, &k.bt) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(8 * n))
			for i := 0; i < b.N; i++ {
				c.run()
			}
		})
	}
}
