package main

import (
	"fmt"
	"iter"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// The simulated machine: a 6205-2RS deep-groove ball bearing (the CWRU
// drive-end bearing) on a shaft at 1797 rpm, monitored by one 1-second
// accelerometer snapshot at 12 kHz every hour. An outer-race spall starts
// at 100 h and grows exponentially until the bearing fails at 160 h.
const (
	simRate     = 12000.0 // Hz
	simShaftHz  = 29.95   // 1797 rpm
	simSnapshot = 1.0     // s
	hour        = 3600.0  // s
)

// simUnit is one simulated run to failure; times in hours.
type simUnit struct {
	onset, failure, growthH float64 // growth in 1/h
	seed                    uint64
}

// The unit the quick start watches, and the fleet of five earlier bearings
// of the same machine type whose recorded runs to failure teach the
// forecast (their spalls started and grew differently).
var (
	simWatched = simUnit{onset: 100, failure: 160, growthH: 1.0 / 12, seed: 1}
	simFleet   = []simUnit{
		{onset: 60, failure: 130, growthH: 1.0 / 14, seed: 11},
		{onset: 90, failure: 150, growthH: 1.0 / 12, seed: 12},
		{onset: 120, failure: 170, growthH: 1.0 / 10, seed: 13},
		{onset: 75, failure: 140, growthH: 1.0 / 13, seed: 14},
		{onset: 110, failure: 165, growthH: 1.0 / 11, seed: 15},
	}
)

func simBearing() features.Bearing {
	b, ok := features.LookupBearing("6205-2RS")
	if !ok {
		panic("quickstart: 6205-2RS missing from the bearing catalogue")
	}
	return b
}

// simulate returns the run of u.
func simulate(u simUnit) (*datasets.RunToFailure, error) {
	d, err := simBearing().DefectFrequencies(simShaftHz)
	if err != nil {
		return nil, err
	}
	return datasets.SimulateRunToFailure(datasets.RunToFailureSim{
		Bearing: datasets.BearingSim{
			SampleRate: simRate, Duration: simSnapshot,
			DefectFreq: d.BPFO, Jitter: 0.01, ImpactAmp: 5,
			Resonances: []datasets.Resonance{{Freq: 3200, Damping: 0.05}},
			ShaftHz:    simShaftHz, ShaftHarmonics: []float64{0.1, 0.05},
		},
		NoiseRMS:    0.1,
		Interval:    hour,
		OnsetTime:   u.onset * hour,
		FailureTime: u.failure * hour,
		Growth:      u.growthH / hour,
		Seed:        u.seed,
	})
}

// alarmRule completes a tracker configuration with the quick start's
// alarm and forecast settings, the same for every source: the alarm level
// is the health indicator that the baseline exceeds with probability
// 1e-3 per snapshot (an extreme-value fit, anomaly.HealthyEVT, so it
// needs 50 or more baseline snapshots), three snapshots in a row raise
// it, and the forecast models its noise with rul.RobustNoise().
func alarmRule(c asset.TrackerConfig) asset.TrackerConfig {
	c.PFA, c.Run, c.Noise = 1e-3, 3, rul.RobustNoise()
	return c
}

// simSource is the simulated machine with its fleet history.
func simSource() (*source, error) {
	run, err := simulate(simWatched)
	if err != nil {
		return nil, err
	}
	src := &source{
		name: fmt.Sprintf("simulated 6205-2RS at %.0f rpm, outer-race spall from %.0f h, failure at %.0f h (seed %d)",
			simShaftHz*60, simWatched.onset, simWatched.failure, simWatched.seed),
		analyzer: asset.AnalyzerConfig{Rate: simRate, Samples: int(simRate * simSnapshot), Bearing: simBearing(), ShaftHz: simShaftHz},
		tracker:  alarmRule(asset.TrackerConfig{Baseline: 60, Smooth: 1}),
		onset:    simWatched.onset, failure: simWatched.failure, truthKnown: true,
		truthFault: "outer race (BPFO)",
		snapshots: func() iter.Seq2[snapshot, error] {
			return func(yield func(snapshot, error) bool) {
				for s := range run.All() {
					if !yield(snapshot{hours: s.Time / hour, x: s.Signal}, nil) {
						return
					}
				}
			}
		},
	}
	for i, u := range simFleet {
		r, err := simulate(u)
		if err != nil {
			return nil, err
		}
		past := asset.Run{Name: fmt.Sprintf("fleet bearing %d", i+1)}
		for s := range r.All() {
			f, err := features.ComputeTimeFeatures(s.Signal)
			if err != nil {
				return nil, err
			}
			past.Time = append(past.Time, s.Time/hour)
			past.Value = append(past.Value, f.RMS*f.RMS)
		}
		src.fleet = append(src.fleet, past)
	}
	return src, nil
}
