// Package femto is the example programs' recipe for the FEMTO-ST PRONOSTIA
// learning set (IEEE PHM 2012 prognostic challenge): each bearing, read in
// place from the zip as distributed, reduced to per-snapshot indicators
// (horizontal RMS and kurtosis, peak), and the tracker set-up the examples use on them.
// What is true of the data set itself (file format, learning bearings,
// shaft speeds, snapshot interval, failure criterion) is in package
// datasets.
package femto

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sync"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/fft"
	"github.com/spindle-pdm/spindle/rul/asset"
)

// Bearing returns the PRONOSTIA test bearing's geometry from the
// features catalogue (the challenge document, appendix A.1): 13 balls of
// 3.5 mm on a pitch diameter of 25.6 mm.
func Bearing() features.Bearing {
	b, _ := features.LookupBearing("PRONOSTIA")
	return b
}

// Open opens the learning set zip; the caller closes it.
func Open(zipPath string) (*zip.ReadCloser, error) {
	z, err := zip.OpenReader(zipPath)
	if err != nil {
		return nil, fmt.Errorf("femto: %w", err)
	}
	return z, nil
}

// Series is one bearing's run reduced to one value per acc file.
type Series struct {
	Name  string
	Hours []float64 // (file number − 1) × 10 s, in hours
	RMS   []float64 // RMS of the horizontal channel, g
	Peak  []float64 // max |acceleration| over both channels, g
	Kurt  []float64 // kurtosis m4/m2² of the horizontal channel (3 for Gaussian)
	// HFBand is the horizontal channel's mean square in HFLo-HFHi Hz
	// (Welch PSD, 256-sample Hann segments), g²; NaN for a snapshot that
	// is not FEMTO's 2560 samples.
	HFBand []float64
	// EnvMod is the envelope modulation of that band: the summed line
	// heights of its squared-envelope spectrum at 10-EnvMaxHz Hz (the
	// fault orders of the PRONOSTIA bearing at its shaft speeds) over the
	// squared envelope's mean (2·HFBand), dimensionless; NaN as HFBand.
	EnvMod []float64
	// MeanHz is the horizontal channel's power-weighted mean frequency,
	// Hz; NaN as HFBand.
	MeanHz []float64
}

// The band of HFBand and EnvMod, Hz, and the top of EnvMod's envelope
// band.
const (
	HFLo     = 4000.0
	HFHi     = 12000.0
	EnvMaxHz = 500.0
)

// spectra holds the per-snapshot spectral analysers of Load.
type spectra struct {
	welch *fft.Welch
	env   *features.EnvelopeAnalyzer
	psd   []float64
	ses   []float64
}

func newSpectra() (*spectra, error) {
	w, err := fft.NewWindow(fft.Hann, 256, 0)
	if err != nil {
		return nil, err
	}
	wl, err := fft.NewWelch(fft.WelchConfig{Window: w, Overlap: 128, Scaling: fft.Density})
	if err != nil {
		return nil, err
	}
	env, err := features.NewEnvelopeAnalyzer(2560, datasets.FEMTORate)
	if err != nil {
		return nil, err
	}
	return &spectra{welch: wl, env: env, psd: make([]float64, wl.Bins()), ses: make([]float64, env.Bins())}, nil
}

// measure returns HFBand, EnvMod and MeanHz of the horizontal channel x.
func (sp *spectra) measure(x []float64) (band, mod, meanHz float64, err error) {
	nan := math.NaN()
	if len(x) != 2560 {
		return nan, nan, nan, nil
	}
	if _, err := sp.welch.PSD(sp.psd, x, datasets.FEMTORate); err != nil {
		return nan, nan, nan, err
	}
	df := float64(datasets.FEMTORate) / 256
	if band, err = features.BandPower(sp.psd, df, HFLo, HFHi); err != nil {
		return nan, nan, nan, err
	}
	sf, err := features.ComputeSpectralFeatures(sp.psd, df)
	if err != nil {
		return nan, nan, nan, err
	}
	if _, err := sp.env.SES(sp.ses, x, HFLo, HFHi); err != nil {
		return nan, nan, nan, err
	}
	top := int(EnvMaxHz / sp.env.Resolution())
	for _, v := range sp.ses[1 : top+1] {
		mod += v
	}
	if band > 0 {
		mod /= 2 * band // the squared envelope's mean: twice the band's mean square
	}
	return band, mod, sf.MeanFrequency, nil
}

// End returns the time of the last snapshot in hours (the failure, for a
// learning bearing).
func (s *Series) End() float64 { return s.Hours[len(s.Hours)-1] }

// Load streams bearing name's acc files and reduces each to its RMS and
// peak. each, if not nil, is called with every snapshot (reused by the
// next) after it is reduced.
func Load(fsys fs.FS, name string, each func(hours float64, s *datasets.Snapshot) error) (*Series, error) {
	dir, err := datasets.FEMTOBearingDir(fsys, name)
	if err != nil {
		return nil, err
	}
	out := &Series{Name: path.Base(name)}
	var dec datasets.FEMTODecoder
	sp, err := newSpectra()
	if err != nil {
		return nil, fmt.Errorf("femto: %w", err)
	}
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
		h := float64(s.Index-1) * datasets.FEMTOSnapshotInterval / 3600
		if n := len(out.Hours); n > 0 && !(h > out.Hours[n-1]) {
			return nil, fmt.Errorf("femto: %s: file number %d out of order", s.Name, s.Index)
		}
		out.Hours = append(out.Hours, h)
		out.RMS = append(out.RMS, f.RMS)
		out.Peak = append(out.Peak, peak)
		out.Kurt = append(out.Kurt, f.Kurtosis)
		band, mod, mf, err := sp.measure(s.Channels[0])
		if err != nil {
			return nil, fmt.Errorf("femto: %s: %w", s.Name, err)
		}
		out.HFBand, out.EnvMod, out.MeanHz = append(out.HFBand, band), append(out.EnvMod, mod), append(out.MeanHz, mf)
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
