package anomaly

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// driftSim generates test series with a known truth.
type driftSim struct{ r *rand.Rand }

func newDriftSim(seed uint64) driftSim { return driftSim{rand.New(rand.NewPCG(seed, 0x5eed))} }

// noise returns n samples of N(mu, sigma²).
func (s driftSim) noise(n int, mu, sigma float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = mu + sigma*s.r.NormFloat64()
	}
	return x
}

// step returns N(0,1) noise whose mean jumps by delta at sample at.
func (s driftSim) step(n, at int, delta float64) []float64 {
	x := s.noise(n, 0, 1)
	for i := at; i < n; i++ {
		x[i] += delta
	}
	return x
}

// runDrift feeds x (t = index) and returns the indices of the alarms.
func runDrift(d DriftDetector, x []float64) []int {
	var alarms []int
	for i, v := range x {
		if d.Update(float64(i), v).Alarm {
			alarms = append(alarms, i)
		}
	}
	return alarms
}

// firstAlarmAfter returns the first alarm index ≥ at, or −1.
func firstAlarmAfter(alarms []int, at int) int {
	for _, a := range alarms {
		if a >= at {
			return a
		}
	}
	return -1
}

// checkDriftBasics checks the behaviour every DriftDetector shares: NaN
// and ±Inf are skipped without changing the state, and Reset reproduces a
// fresh run exactly.
func checkDriftBasics(t *testing.T, d DriftDetector) {
	t.Helper()
	checkDriftBasicsOn(t, d, newDriftSim(7).step(600, 300, 3))
}

// checkDriftBasicsOn is checkDriftBasics on a given series that holds a
// change the detector must find.
func checkDriftBasicsOn(t *testing.T, d DriftDetector, x []float64) {
	t.Helper()
	d.Reset()
	var first []DriftResult
	for i, v := range x {
		first = append(first, d.Update(float64(i), v))
		if i%50 == 0 {
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				r := d.Update(float64(i), bad)
				require.Equal(t, DriftInvalid, r.Status)
				require.False(t, r.Alarm)
			}
			require.Equal(t, DriftInvalid, d.Update(math.NaN(), v).Status)
		}
	}
	d.Reset()
	for i, v := range x {
		r := d.Update(float64(i), v)
		require.Equal(t, first[i], r, "after Reset, sample %d", i)
		require.False(t, math.IsNaN(r.Score) || math.IsInf(r.Score, 0), "sample %d score %v", i, r.Score)
	}
	alarms := 0
	for _, r := range first {
		if r.Alarm {
			alarms++
		}
	}
	assert.Positive(t, alarms, "the change must be detected")
}

func TestDriftStatusString(t *testing.T) {
	for s, want := range map[DriftStatus]string{DriftReady: "ready", DriftWarmup: "warmup", DriftInvalid: "invalid", DriftFlatBaseline: "flat-baseline", 99: "unknown"} {
		assert.Equal(t, want, s.String())
	}
}
