// Package femto reads the FEMTO-ST PRONOSTIA learning set (IEEE PHM 2012
// prognostic challenge) for Spindle's example programs: the zip as
// distributed, read in place, each bearing reduced to per-snapshot
// indicators.
package femto

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"strings"
	"sync"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// Learning lists the six run-to-failure bearings of the learning set.
var Learning = []string{"Bearing1_1", "Bearing1_2", "Bearing2_1", "Bearing2_2", "Bearing3_1", "Bearing3_2"}

// FailureG is the challenge's failure criterion: the run ends when the
// vibration exceeds 20 g.
const FailureG = 20.0

// SnapshotInterval is the nominal time between acc files, s.
const SnapshotInterval = 10.0

// Bearing returns the PRONOSTIA test bearing's geometry from the
// challenge document (appendix A.1): 13 balls of 3.5 mm; outer and inner
// race diameters 29.1 and 22.1 mm, so a pitch diameter of 25.6 mm.
func Bearing() features.Bearing {
	return features.Bearing{Name: "PRONOSTIA", Elements: 13, ElementDiameter: 3.5, PitchDiameter: 25.6}
}

// ShaftHz returns the shaft speed of a bearing's operating condition, from
// its name: condition 1 = 1800 rpm, 2 = 1650 rpm, 3 = 1500 rpm.
func ShaftHz(name string) (float64, error) {
	base := path.Base(name)
	if !strings.HasPrefix(base, "Bearing") || len(base) < len("Bearing1") {
		return 0, fmt.Errorf("femto: %q is not a bearing folder name such as Bearing1_1", name)
	}
	switch base[len("Bearing")] {
	case '1':
		return 1800.0 / 60, nil
	case '2':
		return 1650.0 / 60, nil
	case '3':
		return 1500.0 / 60, nil
	}
	return 0, fmt.Errorf("femto: %q names no operating condition 1-3", name)
}

// Open opens the learning set zip; the caller closes it.
func Open(zipPath string) (*zip.ReadCloser, error) {
	z, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, fmt.Errorf("femto: %w", err)
	}
	return z, nil
}

// Dir returns the folder of bearing name within fsys: Learning_set/name
// when present, else name.
func Dir(fsys fs.FS, name string) (string, error) {
	for _, d := range []string{path.Join("Learning_set", name), name} {
		if st, err := fs.Stat(fsys, d); err == nil && st.IsDir() {
			return d, nil
		}
	}
	return "", fmt.Errorf("femto: no folder %s or Learning_set/%s", name, name)
}

// Series is one bearing's run reduced to one value per acc file.
type Series struct {
	Name  string
	Hours []float64 // (file number − 1) × 10 s, in hours
	RMS   []float64 // RMS of the horizontal channel, g
	Peak  []float64 // max |acceleration| over both channels, g
}

// End returns the time of the last snapshot in hours (the failure, for a
// learning bearing).
func (s *Series) End() float64 { return s.Hours[len(s.Hours)-1] }

// Load streams bearing name's acc files and reduces each to its RMS and
// peak. each, if not nil, is called with every snapshot (reused by the
// next) after it is reduced.
func Load(fsys fs.FS, name string, each func(hours float64, s *datasets.Snapshot) error) (*Series, error) {
	dir, err := Dir(fsys, name)
	if err != nil {
		return nil, err
	}
	out := &Series{Name: path.Base(name)}
	var dec datasets.FEMTODecoder
	for s, err := range dec.AccRun(fsys, dir) {
		if err != nil {
			return nil, err
		}
		if len(s.Channels) != 2 {
			return nil, fmt.Errorf("femto: %s: %d channels, want 2", s.Name, len(s.Channels))
		}
		f, err := features.ComputeTimeFeatures(s.Channels[0])
		if err != nil {
			return nil, fmt.Errorf("femto: %s: %w", s.Name, err)
		}
		peak := 0.0
		for _, ch := range s.Channels {
			for _, v := range ch {
				peak = math.Max(peak, math.Abs(v))
			}
		}
		h := float64(s.Index-1) * SnapshotInterval / 3600
		if n := len(out.Hours); n > 0 && !(h > out.Hours[n-1]) {
			return nil, fmt.Errorf("femto: %s: file number %d out of order", s.Name, s.Index)
		}
		out.Hours = append(out.Hours, h)
		out.RMS = append(out.RMS, f.RMS)
		out.Peak = append(out.Peak, peak)
		if each != nil {
			if err := each(h, s); err != nil {
				return nil, err
			}
		}
	}
	if len(out.Hours) < 2 {
		return nil, fmt.Errorf("femto: %s holds %d acc files, need at least 2", dir, len(out.Hours))
	}
	return out, nil
}

// Tracking is the alarm and forecast set-up of the examples on FEMTO data:
// a 1-minute trailing mean (6 snapshots) of the horizontal mean square, a baseline
// of the first 10 minutes (60 smoothed values), alarm at 6 σ for 3
// snapshots in a row.
func Tracking() asset.TrackerConfig {
	return asset.TrackerConfig{Smooth: 6, Baseline: 60, Sigmas: 6, Run: 3}
}

// Run returns s as a asset.Run of its horizontal mean square (RMS², g²),
// the value the examples track.
func (s *Series) Run() asset.Run {
	ms := make([]float64, len(s.RMS))
	for i, v := range s.RMS {
		ms[i] = v * v
	}
	return asset.Run{Name: s.Name, Time: s.Hours, Value: ms}
}

// LoadAll loads the named bearings concurrently (at most workers at a
// time), in the order given.
func LoadAll(fsys fs.FS, names []string, workers int) ([]*Series, error) {
	out := make([]*Series, len(names))
	errs := make([]error, len(names))
	sem := make(chan struct{}, max(1, workers))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i], errs[i] = Load(fsys, n, nil)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}
