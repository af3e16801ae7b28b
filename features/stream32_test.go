package features

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vibration32 simulates n samples of a bearing accelerometer at fs Hz in g:
// a shaft tone, impacts every 1/bpfo s ringing a 3 kHz resonance, Gaussian
// noise, all on a DC offset.
func vibration32(n int, fs, offset float64, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 32))
	const bpfo, fres, decay = 107.4, 3000.0, 600.0
	x := make([]float64, n)
	for i := range x {
		t := float64(i) / fs
		tau := math.Mod(t, 1/bpfo) // time since the last impact
		x[i] = offset + 0.4*math.Sin(2*math.Pi*29.95*t) +
			1.5*math.Exp(-decay*tau)*math.Sin(2*math.Pi*fres*tau) +
			0.2*r.NormFloat64()
	}
	return x
}

func to32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

func widen(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// TestWrite32MatchesWrite: float32 chunks give, bit for bit, the windows of
// Write on the same samples widened to float64, for overlapping, gapped and
// back-to-back windows and any chunking, mixed float32/float64 writes
// included.
func TestWrite32MatchesWrite(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 2))
	x32 := to32(vibration32(12_000, 10_000, 0, 1))
	x64 := widen(x32)
	for trial := 0; trial < 30; trial++ {
		win := 2 + r.IntN(2000)
		hop := 1 + r.IntN(2*win)
		cfg := ExtractorConfig{SampleRate: 10_000, Window: win, Hop: hop}
		ref, err := NewExtractor(cfg)
		require.NoError(t, err)
		var want []emitted
		ref.Write(x64, collect(&want))

		e, err := NewExtractor(cfg)
		require.NoError(t, err)
		var got []emitted
		for i := 0; i < len(x32); {
			k := min(len(x32)-i, 1+r.IntN(700))
			if r.IntN(4) == 0 {
				e.Write(x64[i:i+k], collect(&got)) // mixing types is allowed
			} else {
				e.Write32(x32[i:i+k], collect(&got))
			}
			i += k
		}
		require.Equal(t, want, got, "win %d hop %d", win, hop)
	}
}

// featureDiffs returns, per indicator, |f32 − f64| divided by scale(f64).
func featureDiffs(f64, f32 TimeFeatures) map[string]float64 {
	rel := func(a, b float64) float64 { return math.Abs(a-b) / math.Abs(a) }
	return map[string]float64{
		// Mean and Skewness are near zero for vibration: their error is
		// measured against RMS and against 1 respectively.
		"Mean":            math.Abs(f64.Mean-f32.Mean) / f64.RMS,
		"Skewness":        math.Abs(f64.Skewness - f32.Skewness),
		"Std":             rel(f64.Std, f32.Std),
		"RMS":             rel(f64.RMS, f32.RMS),
		"Peak":            rel(f64.Peak, f32.Peak),
		"PeakToPeak":      rel(f64.PeakToPeak, f32.PeakToPeak),
		"CrestFactor":     rel(f64.CrestFactor, f32.CrestFactor),
		"ShapeFactor":     rel(f64.ShapeFactor, f32.ShapeFactor),
		"ImpulseFactor":   rel(f64.ImpulseFactor, f32.ImpulseFactor),
		"ClearanceFactor": rel(f64.ClearanceFactor, f32.ClearanceFactor),
		"Kurtosis":        rel(f64.Kurtosis, f32.Kurtosis),
	}
}

// maxDiffs streams x as float64 and as float32 through 1 s windows at
// 25.6 kHz and returns the largest featureDiffs over the windows.
func maxDiffs(t *testing.T, x []float64) map[string]float64 {
	const fs = 25_600
	cfg := ExtractorConfig{SampleRate: fs, Window: fs, Hop: fs / 2}
	e64, err := NewExtractor(cfg)
	require.NoError(t, err)
	e32, err := NewExtractor(cfg)
	require.NoError(t, err)
	var w64, w32 []TimeFeatures
	e64.Write(x, func(w *Window) { require.NoError(t, w.Err); w64 = append(w64, w.Features) })
	e32.Write32(to32(x), func(w *Window) { require.NoError(t, w.Err); w32 = append(w32, w.Features) })
	require.Len(t, w32, len(w64))
	require.NotEmpty(t, w64)
	worst := map[string]float64{}
	for i := range w64 {
		for k, v := range featureDiffs(w64[i], w32[i]) {
			worst[k] = max(worst[k], v)
		}
	}
	return worst
}

// TestWrite32Accuracy streams the same simulated bearing vibration as
// float64 and as float32 samples through 1 s windows at 25.6 kHz and bounds
// the differences of the indicators (the figures docs/edge.md quotes; run
// with -v to see them).
func TestWrite32Accuracy(t *testing.T) {
	const u = 0x1p-24 // float32 unit roundoff
	n := 25_600 * 6
	for _, c := range []struct {
		name   string
		offset float64 // DC offset in g; the signal's σ is about 0.5 g
		bound  float64 // on every featureDiffs entry
	}{
		{"zero-mean", 0, 1e-6},
		{"offset-10σ", 5, 1e-6},
		// The deviations from the mean lose up to u·offset/σ ≈ 6e-5
		// relative per sample; over a window the errors average down.
		{"offset-1000σ", 500, 1e-5},
	} {
		t.Run(c.name, func(t *testing.T) {
			worst := maxDiffs(t, vibration32(n, 25_600, c.offset, 5))
			keys := make([]string, 0, len(worst))
			for k := range worst {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				t.Logf("%-16s max difference %.2e", k, worst[k])
				assert.LessOrEqual(t, worst[k], c.bound, k)
			}
			// The amplitude indicators are bounded by the rounding of
			// the samples alone, whatever the offset.
			assert.LessOrEqual(t, worst["RMS"], u)
			assert.LessOrEqual(t, worst["Peak"], u)
		})
	}
}

func TestWrite32ZeroAllocs(t *testing.T) {
	e, err := NewExtractor(ExtractorConfig{SampleRate: 25_600, Window: 2048, Hop: 1024})
	require.NoError(t, err)
	x := to32(vibration32(5000, 25_600, 0, 9))
	var sum float64
	emit := func(w *Window) { sum += w.Features.RMS }
	allocs := testing.AllocsPerRun(20, func() { e.Write32(x, emit) })
	assert.Zero(t, allocs)
	assert.Greater(t, sum, 0.0)
}

func TestWrite32NilEmitPanics(t *testing.T) {
	e, err := NewExtractor(ExtractorConfig{SampleRate: 1, Window: 4})
	require.NoError(t, err)
	assert.Panics(t, func() { e.Write32([]float32{1}, nil) })
}

// BenchmarkExtractorWrite streams 1 s windows at 25.6 kHz as float64 and
// as float32 samples.
func BenchmarkExtractorWrite(b *testing.B) {
	const fs = 25_600
	x64 := vibration32(fs, fs, 0, 11)
	x32 := to32(x64)
	for _, bc := range []struct {
		name  string
		write func(e *Extractor, emit func(*Window))
	}{
		{"float64", func(e *Extractor, emit func(*Window)) { e.Write(x64, emit) }},
		{"float32", func(e *Extractor, emit func(*Window)) { e.Write32(x32, emit) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			e, err := NewExtractor(ExtractorConfig{SampleRate: fs, Window: fs})
			require.NoError(b, err)
			emit := func(*Window) {}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				bc.write(e, emit)
			}
			b.ReportMetric(float64(fs)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Msamples/s")
		})
	}
}
