package asset_test

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gateway is what a monitoring gateway runs on one channel: the streaming
// extractor, a CUSUM on ln RMS, a DSPOT threshold on kurtosis and the
// asset tracker (baseline, alarm, exponential RUL) on RMS². out records
// every result bit for bit, so that two runs can be compared.
type gateway struct {
	ext       *features.Extractor
	cusum     *anomaly.CUSUM
	spot      *anomaly.SPOT
	track     *asset.Tracker
	out       []byte
	faults    int // windows with a sensor fault (NaN or Inf samples)
	forecasts int // windows with a finite RUL forecast
}

const (
	soakRate   = 10_000.0 // Hz
	soakWindow = 10_000   // 1 s windows
)

func newGateway(t testing.TB) *gateway {
	ext, err := features.NewExtractor(features.ExtractorConfig{SampleRate: soakRate, Window: soakWindow})
	require.NoError(t, err)
	cusum, err := anomaly.NewCUSUM(anomaly.CUSUMConfig{Relearn: true})
	require.NoError(t, err)
	spot, err := anomaly.NewSPOT(anomaly.SPOTConfig{Depth: 20})
	require.NoError(t, err)
	track, err := asset.NewTracker(asset.TrackerConfig{
		Baseline: 60,
		Prior:    &rul.ExponentialPrior{Phi: 0.5, LogThetaMean: math.Log(0.01), LogThetaVariance: 1, BetaMean: 0.01, BetaVariance: 1e-4, NoiseVariance: 0.1},
		Failure:  20, Samples: 200,
	})
	require.NoError(t, err)
	return &gateway{ext: ext, cusum: cusum, spot: spot, track: track}
}

// write feeds a chunk of samples through the pipeline.
func (g *gateway) write(t testing.TB, x []float64) {
	g.ext.Write(x, func(w *features.Window) {
		put := func(v float64) { g.out = binary.LittleEndian.AppendUint64(g.out, math.Float64bits(v)) }
		put(w.Time)
		if w.Err != nil {
			g.faults++
			put(-1)
			return
		}
		rms := w.Features.RMS
		c := g.cusum.Update(w.Time, math.Log(rms))
		s := g.spot.Update(w.Time, w.Features.Kurtosis)
		put(c.Score)
		put(s.Score)
		st, err := g.track.Update(w.Time, rms*rms)
		if err != nil {
			put(-2) // a value the tracker refuses: recorded, not fatal
			return
		}
		put(st.HI)
		if f, err := g.track.Forecast(); err == nil {
			put(f.Median)
			if !math.IsInf(f.Median, 0) {
				g.forecasts++
			}
		}
	})
}

// restart saves every stateful part, builds a new gateway and restores it,
// as a gateway process restarting would.
func (g *gateway) restart(t testing.TB) *gateway {
	save := func(m interface{ MarshalBinary() ([]byte, error) }) []byte {
		b, err := m.MarshalBinary()
		require.NoError(t, err)
		return b
	}
	e, c, s, tr := save(g.ext), save(g.cusum), save(g.spot), save(g.track)
	n := newGateway(t)
	require.NoError(t, n.ext.UnmarshalBinary(e))
	require.NoError(t, n.cusum.UnmarshalBinary(c))
	require.NoError(t, n.spot.UnmarshalBinary(s))
	require.NoError(t, n.track.UnmarshalBinary(tr))
	n.out, n.faults, n.forecasts = g.out, g.faults, g.forecasts
	return n
}

// soakSignal writes n samples of a bearing that degrades (its RMS grows
// exponentially after 60 % of the run) with sensor faults injected at
// random: NaN and Inf bursts, dropouts to zero, spikes of 1e6 g and a
// frozen sensor, in chunks of random length, calling each(chunk).
func soakSignal(n int, seed uint64, each func([]float64)) {
	rng := rand.New(rand.NewPCG(seed, 9))
	buf := make([]float64, 0, 40_000)
	for i := 0; i < n; {
		k := min(n-i, 1+rng.IntN(39_999))
		buf = buf[:k]
		for j := range buf {
			u := float64(i+j) / float64(n)
			a := 0.1
			if u > 0.6 {
				a *= math.Exp(8 * (u - 0.6))
			}
			buf[j] = a * rng.NormFloat64()
		}
		switch rng.IntN(40) {
		case 0:
			buf[rng.IntN(k)] = math.NaN()
		case 1:
			buf[rng.IntN(k)] = math.Inf(1)
		case 2:
			for j := rng.IntN(k); j < k && j < 500; j++ {
				buf[j] = 0
			}
		case 3:
			buf[rng.IntN(k)] = 1e6
		case 4:
			for j := range buf {
				buf[j] = buf[0]
			}
		}
		each(buf)
		i += k
	}
}

// TestGatewaySoak streams samples through extractor, detectors and RUL
// tracker with sensor faults injected, saving and restoring every part
// every `every` samples, and checks that the output equals an
// uninterrupted run's bit for bit and that the heap stays flat: 10⁸
// samples (10⁴ s at 10 kHz), restored every 10⁷, about 5 s;
// SPINDLE_SOAK_SAMPLES sets another length (restored every tenth).
func TestGatewaySoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak: 10⁸ samples")
	}
	n, every := 100_000_000, 10_000_000
	if s := os.Getenv("SPINDLE_SOAK_SAMPLES"); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err)
		n, every = int(v), int(v)/10
	}
	ref := newGateway(t)
	soakSignal(n, 1, func(x []float64) { ref.write(t, x) })

	g := newGateway(t)
	var heap []uint64
	done, next := 0, every
	soakSignal(n, 1, func(x []float64) {
		g.write(t, x)
		done += len(x)
		if done >= next {
			g = g.restart(t)
			next += every
			var ms runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms)
			heap = append(heap, ms.HeapAlloc-uint64(cap(g.out))-uint64(cap(ref.out)))
		}
	})
	require.Equal(t, len(ref.out), len(g.out))
	assert.True(t, string(ref.out) == string(g.out), "output after restarts differs from the uninterrupted run")
	assert.Greater(t, ref.faults, 0, "faults were injected")
	_, _, alarmed := g.track.Alarm()
	assert.True(t, alarmed, "the degradation raised the alarm")
	assert.Greater(t, g.forecasts, 10, "finite forecasts after the alarm")
	assert.Equal(t, ref.forecasts, g.forecasts)
	require.GreaterOrEqual(t, len(heap), 5)
	t.Logf("%d samples, %d windows (%d with sensor faults, %d finite forecasts), %d restarts; heap besides the outputs %v", n, n/soakWindow, ref.faults, g.forecasts, len(heap), heap)
	// Flat memory: the heap after the last restart is within 1 MiB of the
	// one after the first.
	assert.Less(t, float64(heap[len(heap)-1]), float64(heap[0])+(1<<20), "heap grows: %v", heap)
}
