package features

import (
	"encoding/binary"
	"hash"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// soakSource is a deterministic accelerometer stream with sensor faults
// injected at random: NaN and ±Inf samples, flat-lined stretches (a dead
// sensor), overflowing spikes (1e200) and stretches too small for the
// moments (1e-300). Two sources with one seed give the same stream.
type soakSource struct {
	r    *rand.Rand
	i    int64
	flat int // samples still flat-lined
	tiny int // samples still tiny
}

func newSoakSource(seed uint64) *soakSource { return &soakSource{r: rand.New(rand.NewPCG(seed, 99))} }

// next fills x with the next samples.
func (s *soakSource) next(x []float64) {
	for k := range x {
		v := 0.3*math.Sin(2*math.Pi*29.95*float64(s.i)/25600) + 0.1*s.r.NormFloat64()
		switch {
		case s.flat > 0:
			s.flat--
			v = 0.25
		case s.tiny > 0:
			s.tiny--
			v *= 1e-300
		default:
			switch u := s.r.IntN(400_000); {
			case u == 0:
				v = math.NaN()
			case u == 1:
				v = math.Inf(1 - 2*s.r.IntN(2))
			case u == 2:
				v = 1e200
			case u == 3:
				s.flat = 3000 + s.r.IntN(5000)
			case u == 4:
				s.tiny = 3000 + s.r.IntN(5000)
			}
		}
		x[k] = v
		s.i++
	}
}

// soakDigest accumulates every window bit for bit.
type soakDigest struct {
	h               hash.Hash
	windows, faults int64
	buf             []byte
}

func (d *soakDigest) window(w *Window) {
	d.windows++
	b := binary.LittleEndian.AppendUint64(d.buf[:0], uint64(w.Start))
	for _, v := range featureBits(w.Features) {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	if w.Err != nil {
		d.faults++
		b = append(b, w.Err.Error()...)
	}
	d.buf = b
	d.h.Write(b)
}

// soakSamples is the stream length: 10⁷ by default, SPINDLE_SOAK_SAMPLES
// to change it (10⁸ for the full soak, see docs).
func soakSamples(t *testing.T) int64 {
	n := int64(10_000_000)
	if s := os.Getenv("SPINDLE_SOAK_SAMPLES"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err, "SPINDLE_SOAK_SAMPLES")
		n = int64(v)
	}
	return n
}

// TestExtractorSoak streams 10⁷ samples (SPINDLE_SOAK_SAMPLES: more) with
// random sensor faults through an Extractor that is saved and restored into
// a fresh one every 10⁶ samples, as a gateway restarting would, and checks
// that it emits bit for bit the windows of an uninterrupted Extractor and
// that the heap stays flat. Skipped under -short.
func TestExtractorSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test: run without -short")
	}
	total := soakSamples(t)
	const every = 1_000_000
	cfg := ExtractorConfig{SampleRate: 25600, Window: 2560, Hop: 1280}
	ref, err := NewExtractor(cfg)
	require.NoError(t, err)
	e, err := NewExtractor(cfg)
	require.NoError(t, err)
	want := &soakDigest{h: fnv.New128a()}
	got := &soakDigest{h: fnv.New128a()}
	wantEmit, gotEmit := want.window, got.window
	src := newSoakSource(1)
	chunks := rand.New(rand.NewPCG(2, 3))
	x := make([]float64, 1<<14)
	var state []byte
	var heap []float64 // MB after each restore
	var ms runtime.MemStats
	next := int64(every)
	for done := int64(0); done < total; {
		k := min(int64(1+chunks.IntN(len(x))), total-done)
		src.next(x[:k])
		ref.Write(x[:k], wantEmit)
		e.Write(x[:k], gotEmit)
		done += k
		if done >= next {
			next += every
			state, err = e.AppendBinary(state[:0])
			require.NoError(t, err)
			e = new(Extractor) // a restarted gateway
			require.NoError(t, e.UnmarshalBinary(state))
			runtime.GC()
			runtime.ReadMemStats(&ms)
			heap = append(heap, float64(ms.HeapAlloc)/1e6)
		}
	}
	require.Equal(t, want.windows, got.windows)
	assert.Equal(t, want.h.Sum(nil), got.h.Sum(nil),
		"restored stream differs from the uninterrupted one")
	assert.Greater(t, want.faults, int64(10), "faults were injected")
	assert.Equal(t, want.windows, (total-int64(cfg.Window))/int64(cfg.Hop)+1)
	lo, hi := heap[0], heap[0]
	for _, v := range heap[1:] {
		lo, hi = min(lo, v), max(hi, v)
	}
	t.Logf("%d samples, %d windows (%d with faults), %d restores; heap %.2f–%.2f MB", total, got.windows, got.faults, len(heap), lo, hi)
	assert.Less(t, hi-lo, 1.0, "heap grew over the soak")
}
