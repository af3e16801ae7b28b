package features

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type emitted struct {
	start int64
	time  float64
	f     TimeFeatures
	err   error
	first float64
}

func collect(out *[]emitted) func(*Window) {
	return func(w *Window) {
		*out = append(*out, emitted{w.Start, w.Time, w.Features, w.Err, w.Samples[0]})
	}
}

// batchWindows is the reference: ComputeTimeFeatures on each window slice.
func batchWindows(x []float64, win, hop int) []emitted {
	var out []emitted
	for s := 0; s+win <= len(x); s += hop {
		f, err := ComputeTimeFeatures(x[s : s+win])
		out = append(out, emitted{int64(s), float64(s) / 1000, f, err, x[s]})
	}
	return out
}

// TestExtractorMatchesBatch is a property test: for many random window/hop
// configurations and random chunkings of the stream, every window equals
// ComputeTimeFeatures of the same samples exactly.
func TestExtractorMatchesBatch(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	x := make([]float64, 20_000)
	for i := range x {
		x[i] = 100 + math.Sin(float64(i)*0.05) + 0.3*r.NormFloat64()
	}
	for trial := 0; trial < 60; trial++ {
		win := 2 + r.IntN(3000)
		hop := 1 + r.IntN(2*win) // overlapping, back-to-back and gapped
		if trial%10 == 0 {
			hop = 0 // default: back-to-back
		}
		e, err := NewExtractor(ExtractorConfig{SampleRate: 1000, Window: win, Hop: hop})
		require.NoError(t, err)
		want := batchWindows(x, win, e.Config().Hop)
		var got []emitted
		maxChunk := []int{1, 7, 256, 5000, 30000}[trial%5]
		for rest := x; len(rest) > 0; {
			k := min(len(rest), r.IntN(maxChunk)+1)
			if r.IntN(20) == 0 {
				k = 0 // empty writes are harmless
			}
			e.Write(rest[:k], collect(&got))
			rest = rest[k:]
		}
		require.Equal(t, len(want), len(got), "win %d hop %d", win, hop)
		for i := range want {
			require.Equal(t, want[i], got[i], "win %d hop %d window %d", win, hop, i)
		}
	}
}

func TestExtractorErrorsPerWindow(t *testing.T) {
	x := make([]float64, 1000)
	for i := range x {
		x[i] = float64(i%10) - 4.5
	}
	x[430] = math.NaN()
	for i := 700; i < 1000; i++ {
		x[i] = 0.25 // a flat-lined tail
	}
	e, err := NewExtractor(ExtractorConfig{SampleRate: 100, Window: 200, Hop: 100})
	require.NoError(t, err)
	var got []emitted
	e.Write(x, collect(&got))
	require.Len(t, got, 9)
	for i, w := range got {
		s := int64(100 * i)
		assert.Equal(t, s, w.start)
		assert.Equal(t, float64(s)/100, w.time)
		switch {
		case s <= 430 && 430 < s+200:
			require.Error(t, w.err)
			assert.Contains(t, w.err.Error(), "sample 430 is NaN", "window %d", i)
			assert.Equal(t, TimeFeatures{}, w.f)
		case s >= 700:
			assert.ErrorIs(t, w.err, ErrConstant)
			assert.Equal(t, 0.25, w.f.Mean)
			assert.Equal(t, 0.25, w.f.RMS)
		default:
			assert.NoError(t, w.err, "window %d", i)
			if s+200 <= 700 {
				assert.InDelta(t, 0, w.f.Mean, 1e-15)
			}
		}
	}
}

func TestExtractorResetAndConfig(t *testing.T) {
	_, err := NewExtractor(ExtractorConfig{SampleRate: 0, Window: 10})
	assert.ErrorContains(t, err, "sample rate")
	_, err = NewExtractor(ExtractorConfig{SampleRate: math.NaN(), Window: 10})
	assert.ErrorContains(t, err, "sample rate")
	_, err = NewExtractor(ExtractorConfig{SampleRate: 1, Window: 1})
	assert.ErrorContains(t, err, "window")
	_, err = NewExtractor(ExtractorConfig{SampleRate: 1, Window: 10, Hop: -1})
	assert.ErrorContains(t, err, "hop")

	e, err := NewExtractor(ExtractorConfig{SampleRate: 10, Window: 4, Hop: 2})
	require.NoError(t, err)
	var got []emitted
	e.Write([]float64{1, 2, 3}, collect(&got))
	assert.Empty(t, got)
	assert.Equal(t, 3, e.Buffered())
	e.Reset()
	assert.Equal(t, 0, e.Buffered())
	e.Write([]float64{5, 6, 7, 8, 9, 10}, collect(&got))
	require.Len(t, got, 2)
	assert.Equal(t, int64(0), got[0].start) // the stream restarted at 0
	assert.Equal(t, 5.0, got[0].first)
	assert.Equal(t, int64(2), got[1].start)
	assert.Equal(t, 7.0, got[1].first)
	assert.Panics(t, func() { e.Write([]float64{1}, nil) })
}

// TestExtractorZeroAllocs: no allocation per window in steady state, for
// overlapping and gapped windows.
func TestExtractorZeroAllocs(t *testing.T) {
	x := make([]float64, 20_000)
	for i := range x {
		x[i] = math.Sin(float64(i))
	}
	for _, hop := range []int{500, 1000, 1500} {
		e, err := NewExtractor(ExtractorConfig{SampleRate: 20_000, Window: 1000, Hop: hop})
		require.NoError(t, err)
		n := 0
		emit := func(w *Window) {
			if w.Err != nil {
				panic(w.Err)
			}
			n++
		}
		e.Write(x, emit) // warm up
		allocs := testing.AllocsPerRun(20, func() { e.Write(x[:3333], emit) })
		assert.Equal(t, 0.0, allocs, "hop %d", hop)
		assert.Greater(t, n, 20)
	}
}

func TestExtractorConstantIsDistinct(t *testing.T) {
	e, err := NewExtractor(ExtractorConfig{SampleRate: 1, Window: 3})
	require.NoError(t, err)
	var errs []error
	e.Write([]float64{0, 0, 0, 1, 2, 3}, func(w *Window) { errs = append(errs, w.Err) })
	require.Len(t, errs, 2)
	assert.True(t, errors.Is(errs[0], ErrConstant))
	assert.NoError(t, errs[1])
}

// TestExtractorFloat32Seam checks the generic write path that a float32
// input method will use: float32 samples give the windows of the same
// values widened to float64.
func TestExtractorFloat32Seam(t *testing.T) {
	x32 := make([]float32, 5000)
	x64 := make([]float64, len(x32))
	for i := range x32 {
		x32[i] = float32(math.Sin(float64(i) * 0.01))
		x64[i] = float64(x32[i])
	}
	a, err := NewExtractor(ExtractorConfig{SampleRate: 1, Window: 700, Hop: 300})
	require.NoError(t, err)
	b, err := NewExtractor(a.Config())
	require.NoError(t, err)
	var ga, gb []emitted
	write(a, x32[:1234], collect(&ga))
	write(a, x32[1234:], collect(&ga))
	b.Write(x64, collect(&gb))
	require.NotEmpty(t, ga)
	assert.Equal(t, gb, ga)
}
