package features

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// golden is testdata/features_golden.json, written by
// testdata/gen_features_golden.py with scipy.
type golden struct {
	Time []struct {
		Name                                                 string
		X                                                    []float64
		Mean, Std, RMS, Peak                                 float64
		PeakToPeak                                           float64 `json:"peak_to_peak"`
		Crest, Shape, Impulse, Clearance, Skewness, Kurtosis float64
	}
	Peaks []struct {
		Name           string
		X              []float64
		Height         *float64
		Distance, Wlen *int
		Prominence     *float64
		Peaks          []int
		Prominences    []float64
		LeftBases      []int `json:"left_bases"`
		RightBases     []int `json:"right_bases"`
	}
	Spectral []struct {
		Name                      string
		PSD                       []float64
		DF                        float64
		TotalPower                float64 `json:"total_power"`
		MeanFrequency             float64 `json:"mean_frequency"`
		MedianFrequency           float64 `json:"median_frequency"`
		Centroid, Spread, Entropy float64
		Flatness, Crest           float64
		PeakPower                 float64 `json:"peak_power"`
		PeakFrequency             float64 `json:"peak_frequency"`
		Band                      [2]float64
		BandPower                 float64 `json:"band_power"`
		SignalMeanSquare          float64 `json:"signal_mean_square"`
	}
}

func loadGolden(t *testing.T) *golden {
	t.Helper()
	b, err := os.ReadFile("testdata/features_golden.json")
	require.NoError(t, err)
	var g golden
	require.NoError(t, json.Unmarshal(b, &g))
	require.NotEmpty(t, g.Time)
	require.NotEmpty(t, g.Peaks)
	require.NotEmpty(t, g.Spectral)
	return &g
}

func TestTimeFeaturesGolden(t *testing.T) {
	for _, c := range loadGolden(t).Time {
		f, err := ComputeTimeFeatures(c.X)
		require.NoError(t, err, c.Name)
		want := TimeFeatures{Mean: c.Mean, Std: c.Std, RMS: c.RMS, Peak: c.Peak, PeakToPeak: c.PeakToPeak,
			CrestFactor: c.Crest, ShapeFactor: c.Shape, ImpulseFactor: c.Impulse, ClearanceFactor: c.Clearance,
			Skewness: c.Skewness, Kurtosis: c.Kurtosis}
		// scipy forms moments about a float64 mean; on the 1e6-offset case
		// that alone moves its skewness and kurtosis by ~1e-10.
		rel := 1e-12
		if c.Name == "offset" {
			rel = 1e-9
		}
		assertFeaturesClose(t, want, f, rel, c.Name)
	}
}

func TestFindPeaksGolden(t *testing.T) {
	for _, c := range loadGolden(t).Peaks {
		var o PeakOptions
		if c.Height != nil {
			o.Height, o.UseHeight = *c.Height, true
		}
		if c.Distance != nil {
			o.MinDistance = *c.Distance
		}
		if c.Prominence != nil {
			o.MinProminence = *c.Prominence
		}
		if c.Wlen != nil {
			o.Wlen = *c.Wlen
		}
		got := FindPeaks(c.X, o)
		require.Len(t, got, len(c.Peaks), c.Name)
		for i, p := range got {
			assert.Equal(t, c.Peaks[i], p.Index, c.Name)
			assert.Equal(t, c.X[p.Index], p.Value, c.Name)
			assert.InDelta(t, c.Prominences[i], p.Prominence, 1e-15, c.Name)
			assert.Equal(t, c.LeftBases[i], p.LeftBase, c.Name)
			assert.Equal(t, c.RightBases[i], p.RightBase, c.Name)
		}
	}
}

func TestSpectralFeaturesGolden(t *testing.T) {
	for _, c := range loadGolden(t).Spectral {
		s, err := ComputeSpectralFeatures(c.PSD, c.DF)
		require.NoError(t, err, c.Name)
		const rel = 1e-12
		assert.InEpsilon(t, c.TotalPower, s.TotalPower, rel)
		assert.InEpsilon(t, c.MeanFrequency, s.MeanFrequency, rel)
		assert.InEpsilon(t, c.MedianFrequency, s.MedianFrequency, rel)
		assert.InEpsilon(t, c.Centroid, s.Centroid, rel)
		assert.InEpsilon(t, c.Spread, s.Spread, rel)
		assert.InEpsilon(t, c.Entropy, s.Entropy, rel)
		assert.InEpsilon(t, c.Flatness, s.Flatness, 1e-10)
		assert.InEpsilon(t, c.Crest, s.Crest, rel)
		assert.InEpsilon(t, c.PeakPower, s.PeakPower, rel)
		assert.InEpsilon(t, c.PeakFrequency, s.PeakFrequency, rel)
		bp, err := BandPower(c.PSD, c.DF, c.Band[0], c.Band[1])
		require.NoError(t, err)
		assert.InEpsilon(t, c.BandPower, bp, rel)
		// Parseval: a Welch PSD integrates to the detrended signal's
		// mean square, up to the estimator's windowing bias.
		assert.InEpsilon(t, c.SignalMeanSquare, s.TotalPower, 0.01)
	}
}
