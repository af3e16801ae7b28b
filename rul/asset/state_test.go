package asset_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stream is a noisy run to failure: a healthy level of 1 for 80 values,
// then 1 + 0.2·exp(0.08·t) growth, times 1 apart.
func stream(seed uint64, n int) (tm, v []float64) {
	r := rand.New(rand.NewPCG(seed, 7))
	for i := range n {
		x := 1 + 0.05*r.NormFloat64()
		if i >= 80 {
			x += 0.2*math.Exp(0.08*float64(i-80)) + 0.05*r.NormFloat64()
		}
		tm, v = append(tm, float64(i)), append(v, math.Abs(x))
	}
	return tm, v
}

var stateConfigs = map[string]asset.TrackerConfig{
	"sigma, no prior": {Baseline: 40},
	"classical prior": {Baseline: 40, Smooth: 3, Prior: exponentialPrior(0.2, 0.08), Failure: 20, Samples: 500},
	"robust prior": {Baseline: 60, Smooth: 6, PFA: 0.01, Prior: exponentialPrior(0.2, 0.08), Failure: 20,
		Samples: 300, Noise: rul.RobustNoise()},
}

type step struct {
	s   asset.State
	err string
	fc  asset.Forecast
	fe  string
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// feed runs values [from, to) through tr, with a forecast every 7th value.
func feed(tr *asset.Tracker, tm, v []float64, from, to int) []step {
	var out []step
	for i := from; i < to; i++ {
		s, err := tr.Update(tm[i], v[i])
		st := step{s: s, err: errString(err)}
		if i%7 == 0 {
			fc, err := tr.Forecast()
			st.fc, st.fe = fc, errString(err)
		}
		out = append(out, st)
	}
	return out
}

func sameSteps(t *testing.T, want, got []step, msg string) {
	t.Helper()
	require.Equal(t, len(want), len(got))
	bits := math.Float64bits
	for i := range want {
		w, g := want[i], got[i]
		ok := sameState(w.s, g.s) && w.err == g.err && w.fe == g.fe &&
			bits(w.fc.Median) == bits(g.fc.Median) && bits(w.fc.Lo) == bits(g.fc.Lo) && bits(w.fc.Hi) == bits(g.fc.Hi)
		require.True(t, ok, "%s: step %d: want %+v, got %+v", msg, i, w, g)
	}
}

func TestTrackerStateSplitContinuesBitIdentically(t *testing.T) {
	const n = 160
	tm, v := stream(3, n)
	r := rand.New(rand.NewPCG(11, 13))
	for name, cfg := range stateConfigs {
		ref, err := asset.NewTracker(cfg)
		require.NoError(t, err)
		want := feed(ref, tm, v, 0, n)
		first, _, ok := ref.Alarm()
		require.True(t, ok, name)
		require.Less(t, first, float64(n-20), name)
		splits := []int{0, 1, 39, 40, 41, 59, 60, 61, n - 1, n}
		for range 10 {
			splits = append(splits, r.IntN(n+1))
		}
		for _, k := range splits {
			a, err := asset.NewTracker(cfg)
			require.NoError(t, err)
			got := feed(a, tm, v, 0, k)
			blob, err := a.MarshalBinary()
			require.NoError(t, err)
			var b asset.Tracker
			require.NoError(t, b.UnmarshalBinary(blob), "%s split %d", name, k)
			again, err := b.MarshalBinary()
			require.NoError(t, err)
			require.True(t, bytes.Equal(blob, again), "%s split %d: the restored tracker saves the same record", name, k)
			got = append(got, feed(&b, tm, v, k, n)...)
			sameSteps(t, want, got, name)
		}
	}
}

func TestTrackerStateRejectsHostileRecords(t *testing.T) {
	tm, v := stream(5, 120)
	tr, err := asset.NewTracker(stateConfigs["robust prior"])
	require.NoError(t, err)
	feed(tr, tm, v, 0, 120)
	blob, err := tr.MarshalBinary()
	require.NoError(t, err)
	orig, _ := tr.MarshalBinary()

	bad := [][]byte{nil, []byte("SPAT"), []byte("XXXXT\x01"), []byte("SPATT\x02")}
	for i := range len(blob) { // every truncation
		bad = append(bad, blob[:i])
	}
	bad = append(bad, append(append([]byte{}, blob...), 0)) // trailing byte
	huge := append([]byte{}, blob[:6]...)                   // Smooth = 2³²
	huge = append(huge, 0, 0, 0, 0, 1, 0, 0, 0)
	bad = append(bad, huge)
	for i, b := range bad {
		err := tr.UnmarshalBinary(b)
		require.ErrorIs(t, err, asset.ErrState, "record %d", i)
	}
	after, _ := tr.MarshalBinary()
	assert.Equal(t, orig, after, "a rejected record leaves the tracker unchanged")

	// Flipping any one byte never panics; what is accepted is usable.
	for i := range blob {
		c := append([]byte{}, blob...)
		c[i] ^= 0xff
		var r asset.Tracker
		if r.UnmarshalBinary(c) == nil {
			exercise(&r)
		}
	}
}

// exercise calls every method of a restored tracker.
func exercise(tr *asset.Tracker) {
	tr.Baseline()
	tr.Level()
	tr.Alarm()
	tr.Skipped()
	tr.Last()
	last := tr.Last().Time
	for i := range 4 {
		tr.Update(last+float64(i+1), 1+float64(i))
		tr.Forecast()
	}
	tr.Update(math.NaN(), 1)
	b, _ := tr.MarshalBinary()
	var again asset.Tracker
	if err := again.UnmarshalBinary(b); err != nil {
		panic("a restored tracker's own record is rejected: " + err.Error())
	}
}

func FuzzTrackerUnmarshalBinary(f *testing.F) {
	tm, v := stream(9, 120)
	for _, cfg := range stateConfigs {
		for _, k := range []int{0, 10, 70, 100, 120} {
			tr, err := asset.NewTracker(cfg)
			require.NoError(f, err)
			feed(tr, tm, v, 0, k)
			b, _ := tr.MarshalBinary()
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var tr asset.Tracker
		if err := tr.UnmarshalBinary(data); err != nil {
			if !assert.ErrorIs(t, err, asset.ErrState) {
				t.FailNow()
			}
			return
		}
		exercise(&tr)
	})
}
