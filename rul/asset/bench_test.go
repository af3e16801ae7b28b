package asset_test

import (
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// BenchmarkTrackerUpdate times one Update after the alarm, with the
// forecast model absorbing every value (the most work an Update does),
// over the 1-minute smoothing of the FEMTO examples.
func BenchmarkTrackerUpdate(b *testing.B) {
	for _, noise := range []struct {
		name string
		cfg  rul.NoiseConfig
	}{{"classical", rul.NoiseConfig{}}, {"robust", rul.RobustNoise()}} {
		b.Run(noise.name, func(b *testing.B) {
			tr, err := asset.NewTracker(asset.TrackerConfig{Smooth: 6, Baseline: 60, Run: 3,
				Prior: exponentialPrior(0.2, 1e-6), Failure: 1e9, Noise: noise.cfg})
			if err != nil {
				b.Fatal(err)
			}
			tm := 0.0
			for ; tm < 60; tm++ {
				tr.Update(tm, 1+0.01*math.Sin(tm))
			}
			for ; tm < 70; tm++ {
				tr.Update(tm, 2)
			}
			if _, _, ok := tr.Alarm(); !ok {
				b.Fatal("no alarm")
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				tm += 1e-3 // b.N up to 1e9 stays inside the model's time horizon
				if _, err := tr.Update(tm, 2+1e-3*float64(i&15)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
