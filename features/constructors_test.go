package features

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// badRates are sample rates (and other quantities in Hz) that must be
// rejected as data values.
var badRates = []float64{0, -1, math.NaN(), math.Inf(1), math.Inf(-1)}

// checkErr runs f, asserting that it does not panic and returns an error
// wrapping want (and not the other class).
func checkErr(t *testing.T, want error, name string, f func() error) {
	t.Helper()
	var err error
	assert.NotPanics(t, func() { err = f() }, name)
	assert.ErrorIs(t, err, want, name)
	other := ErrConfig
	if want == ErrConfig {
		other = ErrInput
	}
	assert.False(t, errors.Is(err, other), "%s: %v also wraps %v", name, err, other)
}

// TestConstructorsRejectBadValues walks the exported constructors and
// one-off functions with bad values: each returns an error wrapping the
// right sentinel and none panics.
func TestConstructorsRejectBadValues(t *testing.T) {
	for _, r := range badRates {
		checkErr(t, ErrInput, fmt.Sprint("NewEnvelopeAnalyzer rate ", r), func() error { _, err := NewEnvelopeAnalyzer(64, r); return err })
		checkErr(t, ErrInput, fmt.Sprint("NewKurtogram rate ", r), func() error { _, err := NewKurtogram(3, r); return err })
		checkErr(t, ErrInput, fmt.Sprint("SquaredEnvelopeSpectrum rate ", r), func() error {
			_, err := SquaredEnvelopeSpectrum(make([]float64, 64), r, 0, 10)
			return err
		})
		checkErr(t, ErrInput, fmt.Sprint("FastKurtogram rate ", r), func() error { _, err := FastKurtogram(make([]float64, 4096), r, 3); return err })
		checkErr(t, ErrInput, fmt.Sprint("NewExtractor rate ", r), func() error {
			_, err := NewExtractor(ExtractorConfig{SampleRate: r, Window: 64})
			return err
		})
		b, _ := LookupBearing("6205-2RS")
		checkErr(t, ErrInput, fmt.Sprint("DefectFrequencies shaft ", r), func() error { _, err := b.DefectFrequencies(r); return err })
		checkErr(t, ErrInput, fmt.Sprint("MeasureBand df ", r), func() error {
			_, err := MeasureBand(make([]float64, 100), r, FaultBand{Center: 10, Lo: 9, Hi: 11}, FloorConfig{})
			return err
		})
		checkErr(t, ErrInput, fmt.Sprint("ComputeSpectralFeatures df ", r), func() error {
			_, err := ComputeSpectralFeatures([]float64{1, 2, 3}, r)
			return err
		})
		checkErr(t, ErrInput, fmt.Sprint("FaultBands BPFO ", r), func() error {
			_, err := FaultBands(DefectFrequencies{ShaftHz: 30, BPFO: r, BPFI: 160, BSF: 70, FTF: 12}, BandConfig{})
			return err
		})
	}
	for _, n := range []int{0, -1, MinEnvelopeLength - 1} {
		checkErr(t, ErrInput, fmt.Sprint("NewEnvelopeAnalyzer n ", n), func() error { _, err := NewEnvelopeAnalyzer(n, 1000); return err })
		checkErr(t, ErrInput, fmt.Sprint("NewCepstrumWhitener n ", n), func() error { _, err := NewCepstrumWhitener(n); return err })
		checkErr(t, ErrInput, fmt.Sprint("NewMEDFilter n ", n), func() error { _, err := NewMEDFilter(n, 8, 10); return err })
	}
	for _, n := range []int{0, -1} {
		checkErr(t, ErrConfig, fmt.Sprint("NewMEDFilter taps ", n), func() error { _, err := NewMEDFilter(256, n, 10); return err })
		checkErr(t, ErrConfig, fmt.Sprint("NewMEDFilter iterations ", n), func() error { _, err := NewMEDFilter(256, 8, n); return err })
		checkErr(t, ErrConfig, fmt.Sprint("NewKurtogram levels ", n), func() error { _, err := NewKurtogram(n, 1000); return err })
		checkErr(t, ErrConfig, fmt.Sprint("NewExtractor window ", n), func() error {
			_, err := NewExtractor(ExtractorConfig{SampleRate: 1000, Window: n})
			return err
		})
	}
	for _, x := range [][]float64{nil, {}} {
		checkErr(t, ErrInput, "SquaredEnvelopeSpectrum empty", func() error { _, err := SquaredEnvelopeSpectrum(x, 1000, 0, 10); return err })
		checkErr(t, ErrInput, "FastKurtogram empty", func() error { _, err := FastKurtogram(x, 1000, 3); return err })
		checkErr(t, ErrInput, "ComputeTimeFeatures empty", func() error { _, err := ComputeTimeFeatures(x); return err })
		checkErr(t, ErrInput, "ComputeSpectralFeatures empty", func() error { _, err := ComputeSpectralFeatures(x, 1); return err })
		checkErr(t, ErrInput, "MeasureBand empty", func() error {
			_, err := MeasureBand(x, 1, FaultBand{Center: 10, Lo: 9, Hi: 11}, FloorConfig{})
			return err
		})
	}
	_, err := ComputeTimeFeatures(nil)
	assert.ErrorIs(t, err, ErrNoSamples)
	_, err = ComputeTimeFeatures([]float64{1, 1, 1})
	assert.ErrorIs(t, err, ErrConstant)
	assert.ErrorIs(t, err, ErrInput)
	checkErr(t, ErrInput, "ComputeTimeFeatures NaN", func() error { _, err := ComputeTimeFeatures([]float64{1, math.NaN()}); return err })

	for _, tol := range []float64{math.NaN(), -0.1, 0.5, math.Inf(1)} {
		checkErr(t, ErrConfig, fmt.Sprint("FaultBands tolerance ", tol), func() error {
			_, err := FaultBands(DefectFrequencies{ShaftHz: 30, BPFO: 100, BPFI: 160, BSF: 70, FTF: 12}, BandConfig{Tolerance: tol})
			return err
		})
	}
	for _, w := range []float64{math.NaN(), -1, math.Inf(1)} {
		checkErr(t, ErrConfig, fmt.Sprint("MeasureBand floor width ", w), func() error {
			_, err := MeasureBand(make([]float64, 100), 1, FaultBand{Center: 10, Lo: 9, Hi: 11}, FloorConfig{Width: w})
			return err
		})
	}
	for _, b := range []Bearing{{}, {Name: "nan", Elements: 9, ElementDiameter: math.NaN(), PitchDiameter: 39}} {
		checkErr(t, ErrConfig, "Bearing "+b.Name, func() error { _, err := b.DefectFrequencies(30); return err })
	}
}

// TestPeaksNoPanicOnData: FindPeaks and TopPeaks take any data values
// (invalid PeakOptions are programmer errors and do panic).
func TestPeaksNoPanicOnData(t *testing.T) {
	x := []float64{0, 1, math.NaN(), 2, math.Inf(1), 0, 3, math.Inf(-1), 1, 0}
	assert.NotPanics(t, func() { FindPeaks(x, PeakOptions{MinProminence: 0.1, MinDistance: 2, Wlen: 4}) })
	assert.NotPanics(t, func() { TopPeaks(x, 3, 1) })
	assert.NotPanics(t, func() { FindPeaks(nil, PeakOptions{}) })
}
