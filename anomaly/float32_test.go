package anomaly

import (
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedDetectors is driftDetectors built once for this file's tests, which
// Reset each detector before use: the warm-up is the costly part under
// emulation.
var sharedDetectors = func() func(testing.TB) map[string]DriftDetector {
	var ds map[string]DriftDetector
	return func(tb testing.TB) map[string]DriftDetector {
		if ds == nil {
			ds = driftDetectors(tb)
		}
		return ds
	}
}()

func toFloat32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

func sortedNames(ds map[string]DriftDetector) []string {
	names := make([]string, 0, len(ds))
	for k := range ds {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// TestUpdateSeriesIsUpdate: float32 series give bit for bit the verdicts of
// Update on the widened samples, for every detector, through both helpers
// (each run from the freshly constructed state Reset restores).
func TestUpdateSeriesIsUpdate(t *testing.T) {
	ds := sharedDetectors(t)
	x32 := toFloat32(newDriftSim(31).step(1200, 1100, 2.5))
	ts := make([]float64, len(x32))
	for i := range ts {
		ts[i] = 10 + 0.5*float64(i)
	}
	for _, name := range sortedNames(ds) {
		d := ds[name]
		d.Reset()
		want := make([]DriftResult, len(x32))
		for i, v := range x32 {
			want[i] = d.Update(ts[i], float64(v))
		}
		d.Reset()
		assert.Equal(t, want, UpdateSeries(nil, d, ts, x32), name)
		d.Reset()
		assert.Equal(t, want, UpdateUniform(nil, d, 10, 0.5, x32), name)
	}
}

// TestFloat32Acceptance feeds each detector, from its freshly constructed
// state, the same series as float64 and rounded to float32: the alarms must
// be the same, and the score differences |Δscore|/max(1, |score|) are
// bounded. Two series: standardised N(0,1) noise with a 3σ step, and a
// bearing temperature (45 °C, 0.2 °C noise, +1.5 °C step) whose offset is
// 225σ, the hard case for float32. Run with -v for the measured figures
// (docs/edge.md quotes them).
//
// Most detectors move by ~1e-7 (standardised) to ~5e-5 (temperature). Two
// have discrete steps that a 1e-7 input change can flip, and get looser
// bounds: Trend's Mann–Kendall S changes by 1 when float32 rounding makes
// two temperatures tie, moving |Z| by about 1/√Var(S) ≈ 2e-3; SPOT/DSPOT
// choose between the GPD and the exponential tail by likelihood, and near a
// tie the other choice moves the threshold z_q by a few percent.
func TestFloat32Acceptance(t *testing.T) {
	ds := sharedDetectors(t)
	temp := newDriftSim(33).noise(1400, 45, 0.2)
	for i := 1100; i < len(temp); i++ {
		temp[i] += 1.5
	}
	loose := map[string]float64{"Trend": 1e-2, "SPOT": 0.1, "DSPOT": 0.1}
	for _, c := range []struct {
		name  string
		x     []float64
		bound float64 // on |Δscore| / max(1, |score|), unless loose
	}{
		{"standardised", newDriftSim(32).step(1400, 1100, 3), 1e-5},
		{"temperature", temp, 1e-4},
	} {
		t.Run(c.name, func(t *testing.T) {
			x32 := toFloat32(c.x)
			for _, name := range sortedNames(ds) {
				d := ds[name]
				d.Reset()
				r64 := UpdateUniform(nil, d, 0, 1, c.x)
				d.Reset()
				r32 := UpdateUniform(nil, d, 0, 1, x32)
				var worst float64
				var alarms64, alarms32 []int
				for i := range r64 {
					assert.Equal(t, r64[i].Status, r32[i].Status, "%s sample %d", name, i)
					worst = max(worst, math.Abs(r64[i].Score-r32[i].Score)/max(1, math.Abs(r64[i].Score)))
					if r64[i].Alarm {
						alarms64 = append(alarms64, i)
					}
					if r32[i].Alarm {
						alarms32 = append(alarms32, i)
					}
				}
				t.Logf("%-12s %3d alarms, first at %4d; max score difference %.1e", name, len(alarms64), first(alarms64), worst)
				assert.Equal(t, alarms64, alarms32, name)
				bound := c.bound
				if b, ok := loose[name]; ok {
					bound = b
				}
				assert.LessOrEqual(t, worst, bound, name)
			}
		})
	}
}

func first(x []int) int {
	if len(x) == 0 {
		return -1
	}
	return x[0]
}

func TestUpdateSeriesReusesDst(t *testing.T) {
	d, err := NewCUSUM(DefaultCUSUMConfig())
	require.NoError(t, err)
	x := toFloat32(newDriftSim(34).noise(256, 0, 1))
	ts := make([]float64, len(x))
	dst := make([]DriftResult, 0, len(x))
	allocs := testing.AllocsPerRun(20, func() {
		dst = UpdateSeries(dst, d, ts[:0], x[:0]) // empty input
		dst = UpdateUniform(dst, d, 0, 1, x)
		dst = UpdateSeries(dst, d, ts, x)
	})
	assert.Zero(t, allocs)
	assert.Len(t, dst, len(x))
	assert.Len(t, UpdateUniform(dst[:2], d, 0, 1, x[:5]), 5, "grows a short dst")
	assert.Panics(t, func() { UpdateSeries(nil, d, ts[:3], x[:4]) })
}
