package fft_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	godsp "github.com/mjibson/go-dsp/fft"
	"gonum.org/v1/gonum/dsp/fourier"

	"github.com/spindle-pdm/spindle/fft"
)

func benchSignal(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Sin(0.05*float64(i)) + 0.3*rng.NormFloat64()
	}
	return x
}

// analyticWeights applies scipy.signal.hilbert's h to a full spectrum z of
// length n: positive bins doubled, negative bins zeroed.
func analyticWeights(z []complex128) {
	n := len(z)
	half := (n + 1) / 2 // bins 1..half-1 are doubled
	for k := 1; k < half; k++ {
		z[k] *= 2
	}
	start := half
	if n%2 == 0 {
		start = n/2 + 1 // keep Nyquist once
	}
	clear(z[start:])
}

// BenchmarkHilbert compares the analytic signal computed by fft.Hilbert
// with the same computation built on gonum's dsp/fourier (real forward,
// complex inverse, reusing its plans) and on go-dsp (which allocates per
// call and runs its own worker pool).
func BenchmarkHilbert(b *testing.B) {
	for _, n := range []int{65536} {
		x := benchSignal(n)
		b.Run(fmt.Sprintf("n=%d/spindle", n), func(b *testing.B) {
			h, err := fft.NewHilbert(n)
			if err != nil {
				b.Fatal(err)
			}
			dst := make([]complex128, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				h.Analytic(dst, x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/gonum", n), func(b *testing.B) {
			fwd, inv := fourier.NewFFT(n), fourier.NewCmplxFFT(n)
			z := make([]complex128, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				fwd.Coefficients(z[:n/2+1], x)
				analyticWeights(z)
				inv.Sequence(z, z)
				s := complex(1/float64(n), 0)
				for k := range z {
					z[k] *= s
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/godsp", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				z := godsp.FFTReal(x)
				analyticWeights(z)
				godsp.IFFT(z)
			}
		})
	}
}

// The three implementations of BenchmarkHilbert agree, so the benchmark
// compares like with like.
func TestHilbertBenchmarkPeersAgree(t *testing.T) {
	const n = 250
	x := benchSignal(n)
	h, err := fft.NewHilbert(n)
	if err != nil {
		t.Fatal(err)
	}
	want := h.Analytic(nil, x)
	z := make([]complex128, n)
	fourier.NewFFT(n).Coefficients(z[:n/2+1], x)
	analyticWeights(z)
	fourier.NewCmplxFFT(n).Sequence(z, z)
	d := godsp.FFTReal(x)
	analyticWeights(d)
	d = godsp.IFFT(d)
	for k := range want {
		g := z[k] / complex(n, 0)
		if math.Abs(real(g-want[k])) > 1e-12 || math.Abs(imag(g-want[k])) > 1e-12 ||
			math.Abs(real(d[k]-want[k])) > 1e-12 || math.Abs(imag(d[k]-want[k])) > 1e-12 {
			t.Fatalf("sample %d: spindle %v, gonum %v, go-dsp %v", k, want[k], g, d[k])
		}
	}
}

func BenchmarkSpectrum(b *testing.B) {
	for _, n := range []int{4096, 65536} {
		w, err := fft.NewWindow(fft.Hann, n, 0)
		if err != nil {
			b.Fatal(err)
		}
		s, err := fft.NewSpectrum(w)
		if err != nil {
			b.Fatal(err)
		}
		x := benchSignal(n)
		dst := make([]float64, s.Bins())
		b.Run(fmt.Sprintf("n=%d/spindle", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				s.Amplitude(dst, x)
			}
		})
	}
}

func BenchmarkWelch(b *testing.B) {
	const n = 65536
	x := benchSignal(n)
	for _, l := range []int{1024, 4096} {
		w, err := fft.NewWindow(fft.Hann, l, 0)
		if err != nil {
			b.Fatal(err)
		}
		wl, err := fft.NewWelch(fft.WelchConfig{Window: w, Overlap: l / 2, Detrend: fft.ConstantDetrend})
		if err != nil {
			b.Fatal(err)
		}
		dst := make([]float64, wl.Bins())
		b.Run(fmt.Sprintf("n=%d/L=%d/spindle", n, l), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := wl.PSD(dst, x, 48000); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
