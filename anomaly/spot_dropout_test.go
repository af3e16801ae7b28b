package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDSPOTRecoversFromDropout: a short dropout (three zeros) or one
// −1e308 sample enters DSPOT's drift window; the clean samples that follow
// then alarm, and alarms never entered the window, so the detector stayed
// in alarm for ever (99 994 alarms in 100 000 clean samples). Now Depth
// consecutive alarms refill the window, so after the glitch the alarms
// are at most those of an undisturbed detector plus 2·Depth.
func TestDSPOTRecoversFromDropout(t *testing.T) {
	const depth, n = 10, 100000
	for _, glitch := range [][]float64{{0, 0, 0}, {-1e308}, {-1e308, -1e308}, {1e308, -1e308}} {
		for _, lower := range []bool{false, true} {
			sim := newDriftSim(61)
			head, tail := sim.noise(3000, 20, 1), sim.noise(n, 20, 1)
			if lower {
				for i := range glitch {
					glitch[i] = -glitch[i] + 40 // the same dropout seen from below
				}
			}
			run := func(glitch []float64) int {
				s, err := NewSPOT(SPOTConfig{Depth: depth, Lower: lower})
				require.NoError(t, err)
				runDrift(s, head)
				for _, g := range glitch {
					s.Update(0, g)
				}
				a := len(runDrift(s, tail))
				z, ok := s.Threshold()
				require.True(t, ok)
				require.False(t, math.IsNaN(z) || math.IsInf(z, 0))
				return a
			}
			clean, got := run(nil), run(glitch)
			t.Logf("glitch %v lower %v: %d alarms in %d clean samples, %d undisturbed", glitch, lower, got, n, clean)
			assert.LessOrEqual(t, got, clean+2*depth)
			assert.Less(t, clean, 150, "the healthy rate, within the few·PFA creep documented for LearnAlarms = false")
		}
	}
}
