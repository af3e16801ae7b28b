package main

import (
	"fmt"
	"iter"
	"os"
	"runtime"
	"slices"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/examples/internal/femto"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// IMS rig: Rexnord ZA-2115 bearings on a shaft at 2000 rpm, 1-s snapshots
// of 20 480 samples at 20 kHz.
const (
	imsShaftHz = 2000.0 / 60
	imsRate    = 20000.0
)

// imsSource monitors one channel of an IMS test folder. The baseline is
// the first quarter of the files (at least 5, at most 100). There is no
// fleet of past runs for this rig here, so there is no forecast.
func imsSource(dir string, channel int) (*source, error) {
	fsys := os.DirFS(dir)
	files, err := datasets.IMSFiles(fsys, ".")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no IMS snapshot files", dir)
	}
	first, err := datasets.LoadIMSSnapshot(fsys, files[0].Name)
	if err != nil {
		return nil, err
	}
	if channel < 0 || channel >= len(first.Channels) {
		return nil, fmt.Errorf("%s: channel %d of %d", dir, channel, len(first.Channels))
	}
	b, _ := features.LookupBearing("ZA-2115")
	t0 := files[0].Time
	return &source{
		name:     fmt.Sprintf("IMS %s, channel %d (%d files)", dir, channel, len(files)),
		analyzer: asset.AnalyzerConfig{Rate: imsRate, Samples: first.Len(), Bearing: b, ShaftHz: imsShaftHz},
		tracker:  alarmRule(asset.TrackerConfig{Baseline: max(50, min(100, len(files)/4))}),
		snapshots: func() iter.Seq2[snapshot, error] {
			return func(yield func(snapshot, error) bool) {
				for s, err := range datasets.IMSRun(fsys, ".") {
					if err != nil {
						yield(snapshot{}, err)
						return
					}
					if !yield(snapshot{hours: s.Time.Sub(t0).Hours(), x: s.Channels[channel]}, nil) {
						return
					}
				}
			}
		},
		noForecastReason: "no past runs to failure of this rig are given to learn a degradation prior from (the IMS summary files hold mean |acceleration|, not this pipeline's RMS)",
	}, nil
}

// femtoSource monitors one bearing of the FEMTO learning set (horizontal
// channel); the other learning bearings are its fleet. Its last snapshot is
// its failure (vibration above 20 g).
func femtoSource(zipPath, bearing string) (*source, error) {
	z, err := femto.Open(zipPath)
	if err != nil {
		return nil, err
	}
	dir, err := datasets.FEMTOBearingDir(z, bearing)
	if err != nil {
		z.Close()
		return nil, err
	}
	shaft, err := datasets.FEMTOShaftHz(bearing)
	if err != nil {
		z.Close()
		return nil, err
	}
	var others []string
	for _, n := range datasets.FEMTOLearningBearings() {
		if n != bearing {
			if _, err := datasets.FEMTOBearingDir(z, n); err == nil {
				others = append(others, n)
			}
		}
	}
	fleet, err := femto.LoadAll(z, others, runtime.GOMAXPROCS(0))
	if err != nil {
		z.Close()
		return nil, err
	}
	src := &source{
		name:         fmt.Sprintf("FEMTO %s (horizontal channel), fleet: %v", bearing, others),
		analyzer:     asset.AnalyzerConfig{Rate: datasets.FEMTORate, Samples: 2560, Bearing: femto.Bearing(), ShaftHz: shaft},
		tracker:      alarmRule(femto.Tracking()),
		endIsFailure: slices.Contains(datasets.FEMTOLearningBearings(), bearing),
		snapshots: func() iter.Seq2[snapshot, error] {
			return func(yield func(snapshot, error) bool) {
				defer z.Close()
				var dec datasets.FEMTODecoder
				for s, err := range dec.AccRun(z, dir) {
					if err != nil {
						yield(snapshot{}, err)
						return
					}
					h := float64(s.Index-1) * datasets.FEMTOSnapshotInterval / 3600
					if !yield(snapshot{hours: h, x: s.Channels[0]}, nil) {
						return
					}
				}
			}
		},
	}
	for _, s := range fleet {
		src.fleet = append(src.fleet, s.Run())
	}
	return src, nil
}
