package anomaly_test

import (
	"fmt"
	"math"
	"math/rand"

	"github.com/spindle-pdm/spindle/anomaly"
)

// A rig of four bearings reports one level per bearing every 10 minutes.
// Bearing 2 starts to rise at snapshot 600; the load swing shared by all
// four never alarms.
func ExampleRigMonitor() {
	m, err := anomaly.NewRigMonitor(4, anomaly.DefaultRigMonitorConfig())
	if err != nil {
		panic(err)
	}
	rng := rand.New(rand.NewSource(7))
	levels := make([]float64, 4)
	scores := make([]anomaly.RigScore, 4)
	for i := 0; i < 1000; i++ {
		load := 0.4 * math.Sin(2*math.Pi*float64(i)/144) // daily load cycle
		for b := range levels {
			levels[b] = 0.08 * math.Exp(load+0.05*rng.NormFloat64()) // g
		}
		if i >= 600 {
			levels[2] *= 1 + 0.002*float64(i-600) // slow own rise
		}
		if _, err := m.Update(scores, levels); err != nil {
			panic(err)
		}
		for b, s := range scores {
			if s.Alarm {
				fmt.Printf("snapshot %d: bearing %d alarm (z %.1f > %.1f)\n", i, b, s.Z, s.Threshold)
				return
			}
		}
	}
	// Output:
	// snapshot 676: bearing 2 alarm (z 5.2 > 4.6)
}
