package features

import (
	"errors"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sameWindows compares emitted windows bit for bit (NaN errors by message).
func sameWindows(t *testing.T, want, got []emitted, msg string, args ...any) {
	t.Helper()
	require.Equal(t, len(want), len(got), append([]any{msg}, args...)...)
	for i := range want {
		w, g := want[i], got[i]
		ok := w.start == g.start && w.time == g.time && featureBits(w.f) == featureBits(g.f) &&
			math.Float64bits(w.first) == math.Float64bits(g.first) && (w.err == nil) == (g.err == nil) &&
			(w.err == nil || w.err.Error() == g.err.Error())
		if !ok {
			t.Fatalf("window %d differs: want %+v, got %+v; "+msg, append([]any{i, w, g}, args...)...)
		}
	}
}

// featureBits is TimeFeatures as bit patterns, for exact comparison.
func featureBits(f TimeFeatures) [11]uint64 {
	var b [11]uint64
	for i, v := range [...]float64{f.Mean, f.Std, f.RMS, f.Peak, f.PeakToPeak, f.CrestFactor,
		f.ShapeFactor, f.ImpulseFactor, f.ClearanceFactor, f.Skewness, f.Kurtosis} {
		b[i] = math.Float64bits(v)
	}
	return b
}

// TestExtractorStateRoundTrip is a property test: a stream cut at random
// points, the state saved there and restored into a fresh (zero)
// Extractor, gives bit for bit the windows of the uninterrupted stream, for
// overlapping, back-to-back and gapped windows, float64 and float32 writes.
func TestExtractorStateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	x := make([]float64, 12_000)
	for i := range x {
		x[i] = 0.5*math.Sin(float64(i)*0.03) + 0.2*r.NormFloat64()
		if r.IntN(3000) == 0 {
			x[i] = math.NaN() // a sensor fault: a window error must survive too
		}
	}
	for trial := range 80 {
		win := 2 + r.IntN(1500)
		hop := []int{0, 1 + r.IntN(win), win + r.IntN(win)}[trial%3]
		cfg := ExtractorConfig{SampleRate: 1000, Window: win, Hop: hop}
		ref, err := NewExtractor(cfg)
		require.NoError(t, err)
		var want, got []emitted
		ref.Write(x, collect(&want))

		e, err := NewExtractor(cfg)
		require.NoError(t, err)
		var state []byte
		for rest := x; len(rest) > 0; {
			k := min(len(rest), 1+r.IntN(2*win))
			if trial%2 == 0 {
				e.Write32(to32Exact(rest[:k]), collect(&got))
			} else {
				e.Write(rest[:k], collect(&got))
			}
			rest = rest[k:]
			state, err = e.AppendBinary(state[:0])
			require.NoError(t, err)
			e = new(Extractor)
			require.NoError(t, e.UnmarshalBinary(state), "trial %d", trial)
		}
		assert.Equal(t, ref.Config(), e.Config())
		assert.Equal(t, ref.Buffered(), e.Buffered())
		if trial%2 == 0 {
			// The float32 path sees x rounded to float32: compare with that.
			want = want[:0]
			ref.Reset()
			ref.Write(widen(to32Exact(x)), collect(&want))
		}
		sameWindows(t, want, got, "trial %d (window %d, hop %d)", trial, win, hop)
	}
}

// to32Exact rounds x to float32 (NaN stays NaN).
func to32Exact(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

// TestExtractorStateErrors: every malformed state is refused with ErrState
// (and ErrInput), leaving the Extractor as it was.
func TestExtractorStateErrors(t *testing.T) {
	e, err := NewExtractor(ExtractorConfig{SampleRate: 100, Window: 8, Hop: 4})
	require.NoError(t, err)
	var sink []emitted
	e.Write([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, collect(&sink))
	good, err := e.MarshalBinary()
	require.NoError(t, err)
	require.Len(t, good, stateHeader+8*6+4)

	// patch rewrites a field and fixes the checksum, so that the field's
	// own check is what refuses it.
	patch := func(off int, v uint64) []byte {
		b := append([]byte(nil), good...)
		for i := range 8 {
			b[off+i] = byte(v >> (8 * i))
		}
		n := len(b) - 4
		sum := crc32.ChecksumIEEE(b[:n])
		for i := range 4 {
			b[n+i] = byte(sum >> (8 * i))
		}
		return b
	}
	// A consistent framing of an unreachable position: past the first
	// window, but holding less than the overlap.
	bad := *e
	bad.fill = 3
	short, _ := bad.MarshalBinary()
	cases := map[string][]byte{
		"empty":           nil,
		"magic":           append([]byte("XXXX"), good[4:]...),
		"truncated":       good[:len(good)-9],
		"checksum":        append(append([]byte(nil), good[:len(good)-1]...), good[len(good)-1]^1),
		"version":         append(append([]byte(stateMagic), 2), good[5:]...),
		"rate":            patch(5, math.Float64bits(math.Inf(1))),
		"window":          patch(13, 1),
		"huge window":     patch(13, 1<<40),
		"hop":             patch(21, 0),
		"fill":            patch(45, 7),
		"position":        patch(29, 5),
		"skip with fill":  patch(37, 2),
		"short overlap":   short,
		"start overflows": patch(29, math.MaxUint64-3),
	}
	for name, b := range cases {
		to := new(Extractor)
		*to = *e
		err := to.UnmarshalBinary(b)
		require.Error(t, err, name)
		assert.ErrorIs(t, err, ErrState, name)
		assert.ErrorIs(t, err, ErrInput, name)
		assert.Equal(t, *e, *to, "%s: unchanged", name)
	}
	require.NoError(t, new(Extractor).UnmarshalBinary(good))
}

// FuzzExtractorUnmarshal: any bytes are either refused with ErrState or
// give an Extractor that takes further samples without panicking, emits
// windows at multiples of its hop, and saves the same state again.
func FuzzExtractorUnmarshal(f *testing.F) {
	for _, cfg := range []ExtractorConfig{{SampleRate: 100, Window: 8, Hop: 3}, {SampleRate: 1, Window: 2}, {SampleRate: 50, Window: 4, Hop: 9}} {
		e, _ := NewExtractor(cfg)
		for _, n := range []int{0, 5, 13} {
			e.Write(make([]float64, n), func(*Window) {})
			b, _ := e.MarshalBinary()
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var e Extractor
		if err := e.UnmarshalBinary(b); err != nil {
			if !errors.Is(err, ErrState) || !errors.Is(err, ErrInput) {
				t.Fatalf("error %v does not wrap ErrState and ErrInput", err)
			}
			return
		}
		again, _ := e.MarshalBinary()
		if string(again) != string(b) {
			t.Fatalf("state does not round-trip")
		}
		hop := int64(e.Config().Hop)
		x := make([]float64, min(3*e.Config().Window+int(hop), 1<<18))
		for i := range x {
			x[i] = float64(i % 7)
		}
		e.Write(x, func(w *Window) {
			if w.Start%hop != 0 || len(w.Samples) != e.Config().Window {
				t.Fatalf("window at %d of %d samples (hop %d)", w.Start, len(w.Samples), hop)
			}
		})
	})
}

// TestExtractorStateZeroAllocs: saving into a reused buffer and restoring
// into an Extractor of the same window allocate nothing.
func TestExtractorStateZeroAllocs(t *testing.T) {
	e, err := NewExtractor(ExtractorConfig{SampleRate: 25600, Window: 2560, Hop: 1280})
	require.NoError(t, err)
	e.Write(make([]float64, 4000), func(*Window) {})
	buf, _ := e.MarshalBinary()
	allocs := testing.AllocsPerRun(100, func() {
		buf, _ = e.AppendBinary(buf[:0])
		if err := e.UnmarshalBinary(buf); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

func BenchmarkExtractorState(b *testing.B) {
	e, err := NewExtractor(ExtractorConfig{SampleRate: 25600, Window: 2560, Hop: 1280})
	require.NoError(b, err)
	e.Write(make([]float64, 4000), func(*Window) {})
	buf, _ := e.MarshalBinary()
	b.ReportAllocs()
	b.SetBytes(int64(len(buf)))
	for range b.N {
		buf, _ = e.AppendBinary(buf[:0])
		if err := e.UnmarshalBinary(buf); err != nil {
			b.Fatal(err)
		}
	}
}
