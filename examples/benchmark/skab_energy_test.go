package main

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// energyFile simulates a pump whose power follows its flow and pressure
// (P = 200 + 5·flow + 40·pressure W, the flow swinging slowly over its
// whole range) and, in rows 1200–1599, draws 3 % more power than the
// process explains (a worn impeller, a failing winding).
func energyFile(seed uint64) *skabFile {
	rng := rand.New(rand.NewPCG(seed, 1))
	n := 2000
	f := &datasets.SKABFrame{Sensors: make([][8]float64, n), Anomaly: make([]bool, n), Changepoint: make([]bool, n)}
	for i := range n {
		flow := 30 + 10*math.Sin(2*math.Pi*float64(i)/350) + rng.NormFloat64()
		press := 0.5 + 0.1*math.Cos(2*math.Pi*float64(i)/530)
		p := 200 + 5*flow + 40*press + 0.5*rng.NormFloat64()
		if i >= 1200 && i < 1600 {
			p *= 1.03
			f.Anomaly[i] = true
		}
		volt := 230 + rng.NormFloat64()
		f.Sensors[i][skabFlow], f.Sensors[i][skabPressure] = flow, press
		f.Sensors[i][skabVoltage], f.Sensors[i][skabCurrent] = volt, p/volt
	}
	return &skabFile{rel: "sim.csv", f: f}
}

func TestEnergyDriftCompensation(t *testing.T) {
	files := []*skabFile{energyFile(1), energyFile(2)}
	e, err := energyDrift(files)
	require.NoError(t, err)
	t.Logf("compensated %+v raw %+v", e.Compensated, e.Raw)
	assert.Greater(t, e.Compensated.F1, 0.8, "the excess power stands out once the process is explained")
	assert.Less(t, e.Compensated.FAR, 0.05)
	assert.Less(t, e.Raw.F1, e.Compensated.F1, "raw power swings with the flow")
	c := e.Coefficients["sim.csv"]
	assert.InDelta(t, 5, c[2], 0.5, "W per flow unit")
}
