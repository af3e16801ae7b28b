package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stuckCase is a streaming detector and the number of healthy samples
// after a disturbance within which it must be back to its healthy
// false-alarm rate (the bound each detector documents).
type stuckCase struct {
	name    string
	make    func() (DriftDetector, error)
	recover int
}

func stuckCases() []stuckCase {
	return []stuckCase{
		{"CUSUM", func() (DriftDetector, error) { return NewCUSUM(CUSUMConfig{}) }, 100},
		{"CUSUM relearn", func() (DriftDetector, error) { return NewCUSUM(CUSUMConfig{Relearn: true}) }, 200},
		{"EWMA", func() (DriftDetector, error) { return NewEWMA(EWMAConfig{}) }, 100},
		{"PageHinkley", func() (DriftDetector, error) { return NewPageHinkley(PageHinkleyConfig{}) }, 200},
		{"BOCPD", func() (DriftDetector, error) { return NewBOCPD(DefaultBOCPDConfig()) }, 200},
		{"SPOT", func() (DriftDetector, error) { return NewSPOT(SPOTConfig{}) }, 0},
		{"DSPOT", func() (DriftDetector, error) { return NewSPOT(SPOTConfig{Depth: 20}) }, 40},
		{"KPIDetector", func() (DriftDetector, error) { return NewKPIDetector(DefaultKPIConfig()) }, 500},
		{"ThermalDetector", func() (DriftDetector, error) { return NewThermalDetector(ThermalConfig{}) }, 500},
	}
}

// disturbances are the bursts fed between two healthy stretches.
func disturbances() map[string][]float64 {
	frozen := make([]float64, 300)
	for i := range frozen {
		frozen[i] = 21.234
	}
	return map[string][]float64{
		"zeros":      make([]float64, 5),
		"huge":       {1e308},
		"-huge":      {-1e308},
		"±huge":      {1e308, -1e308, 1e308, -1e308, math.MaxFloat64, -math.MaxFloat64},
		"non-finite": {math.NaN(), math.Inf(1), math.Inf(-1), math.NaN()},
		"frozen":     frozen,
		"1e154":      {1e154, -1e154},
	}
}

// TestNoInputSticksADetector: each streaming detector is fed healthy
// N(20, 1) data, a burst (zeros, ±huge finite values, NaN/Inf, a frozen
// sensor), then healthy data again; past its documented recovery bound it
// raises no more alarms than an undisturbed twin (plus 2), and its score is
// never NaN.
func TestNoInputSticksADetector(t *testing.T) {
	sim := newDriftSim(81)
	head, tail := sim.noise(3000, 20, 1), sim.noise(20000, 20, 1)
	for _, c := range stuckCases() {
		count := func(burst []float64) int {
			d, err := c.make()
			require.NoError(t, err)
			for i, x := range head {
				d.Update(float64(i), x)
			}
			for i, x := range burst {
				r := d.Update(float64(len(head)+i), x)
				require.False(t, math.IsNaN(r.Score), "%s: NaN score in the burst", c.name)
			}
			n := 0
			for i, x := range tail {
				r := d.Update(float64(len(head)+len(burst)+i), x)
				require.False(t, math.IsNaN(r.Score), "%s: NaN score %d after the burst", c.name, i)
				if r.Alarm && i >= c.recover {
					n++
				}
			}
			return n
		}
		clean := count(nil)
		for name, burst := range disturbances() {
			got := count(burst)
			if !assert.LessOrEqual(t, got, clean+2, "%s after %s", c.name, name) {
				t.Logf("%s after %s: %d alarms past %d samples, undisturbed %d", c.name, name, got, c.recover, clean)
			}
		}
	}
}
