package features

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

func benchSignal(n int) []float64 {
	r := rand.New(rand.NewPCG(11, 12))
	x := make([]float64, n)
	for i := range x {
		x[i] = 0.5*math.Sin(float64(i)*0.0157) + 0.2*r.NormFloat64()
	}
	return x
}

var sinkFeatures TimeFeatures

// gonumTimeFeatures computes the same indicator set with gonum calls, the
// way a Go user would without this package. (gonum's Skew and ExKurtosis
// are the bias-corrected sample estimators, so the values differ slightly;
// the work is the same.)
func gonumTimeFeatures(x []float64) TimeFeatures {
	n := float64(len(x))
	mean := stat.Mean(x, nil)
	std := stat.StdDev(x, nil)
	hi, lo := floats.Max(x), floats.Min(x)
	rms := floats.Norm(x, 2) / math.Sqrt(n)
	meanAbs := floats.Norm(x, 1) / n
	var sq float64 // gonum has no mean √|x|
	for _, v := range x {
		sq += math.Sqrt(math.Abs(v))
	}
	sq /= n
	peak := math.Max(hi, -lo)
	return TimeFeatures{
		Mean: mean, Std: std, RMS: rms, Peak: peak, PeakToPeak: hi - lo,
		CrestFactor: peak / rms, ShapeFactor: rms / meanAbs, ImpulseFactor: peak / meanAbs,
		ClearanceFactor: peak / (sq * sq),
		Skewness:        stat.Skew(x, nil), Kurtosis: stat.ExKurtosis(x, nil) + 3,
	}
}

func BenchmarkTimeFeatures(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"n=1k", 1000}, {"n=20k", 20_000}, {"n=1M", 1_000_000}} {
		x := benchSignal(size.n)
		b.Run(size.name+"/spindle", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(8 * len(x)))
			for i := 0; i < b.N; i++ {
				f, err := ComputeTimeFeatures(x)
				if err != nil {
					b.Fatal(err)
				}
				sinkFeatures = f
			}
		})
		b.Run(size.name+"/gonum", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(8 * len(x)))
			for i := 0; i < b.N; i++ {
				sinkFeatures = gonumTimeFeatures(x)
			}
		})
	}
}

// BenchmarkExtractor streams a 20 kHz channel through 1 s windows with 50 %
// overlap, written in 500-sample chunks; one op is one second of signal.
func BenchmarkExtractor(b *testing.B) {
	const fs = 20_000
	x := benchSignal(fs)
	e, err := NewExtractor(ExtractorConfig{SampleRate: fs, Window: fs, Hop: fs / 2})
	if err != nil {
		b.Fatal(err)
	}
	windows := 0
	emit := func(w *Window) {
		if w.Err != nil {
			b.Fatal(w.Err)
		}
		sinkFeatures = w.Features
		windows++
	}
	for c := 0; c < 3; c++ { // reach steady state
		e.Write(x, emit)
	}
	windows = 0
	b.ReportAllocs()
	b.SetBytes(8 * fs)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for off := 0; off < fs; off += 500 {
			e.Write(x[off:off+500], emit)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)*fs/sec, "samples/s")
	b.ReportMetric(float64(b.N)/sec, "x-realtime")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(max(windows, 1)), "allocs/window")
}

var sinkSpectral SpectralFeatures

func BenchmarkSpectralFeatures(b *testing.B) {
	p := benchSignal(4097)
	for i := range p {
		p[i] *= p[i]
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s, err := ComputeSpectralFeatures(p, 2.44)
		if err != nil {
			b.Fatal(err)
		}
		sinkSpectral = s
	}
}

var sinkPeaks []Peak

func BenchmarkFindPeaks(b *testing.B) {
	x := benchSignal(100_000)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		sinkPeaks = FindPeaks(x, PeakOptions{MinDistance: 20, MinProminence: 0.3})
	}
}
