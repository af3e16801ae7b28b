package datasets

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const skabHeader = "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;Voltage;Volume Flow RateRMS"

// skabSeeds are small synthetic SKAB files, valid and broken, for the unit
// tests and the fuzz corpus.
var skabSeeds = []string{
	skabHeader + ";anomaly;changepoint\n2020-03-09 10:14:33;0.02;0.04;1.33;0.05;79.3;26.0;233.0;32.0;0.0;0.0\n2020-03-09 10:14:34;0.03;0.04;1.35;0.38;79.5;26.0;236.0;32.0;1.0;1.0\n",
	skabHeader + "\r\n2020-02-08 13:30:47;0.2;0.27;2.1;0.38;90.6;26.8;238.8;122.6\r\n\r\n2020-02-08 13:30:48;0.2;0.27;2.0;-0.27;90.7;26.8;227.9;122.3\r\n",
	skabHeader + "\n2020-02-08 13:30:47;0.2;0.27;2.1;NaN;90.6;26.8;238.8;122.6\n",
	skabHeader + ";anomaly;changepoint\n2020-03-09 10:14:33;0.02;0.04;1.33;0.05;79.3;26.0;233.0;32.0;0.5;0.0\n",
	skabHeader + "\n2020-02-08T13:30:47;0.2;0.27;2.1;0.3;90.6;26.8;238.8;122.6\n",
	skabHeader + "\n2020-02-08 13:30:47;0.2;0.27;2.1;0.3;90.6;26.8;238.8\n",
	"datetime;a;b\n",
	skabHeader + "\n",
	"",
}

func TestReadSKAB(t *testing.T) {
	f, err := ReadSKAB(strings.NewReader(skabSeeds[0]), "a.csv")
	require.NoError(t, err)
	require.Equal(t, 2, f.Len())
	assert.True(t, f.Labelled())
	assert.Equal(t, time.Date(2020, 3, 9, 10, 14, 34, 0, time.UTC), f.Time[1])
	assert.Equal(t, [8]float64{0.03, 0.04, 1.35, 0.38, 79.5, 26.0, 236.0, 32.0}, f.Sensors[1])
	assert.Equal(t, []bool{false, true}, f.Anomaly)
	assert.Equal(t, []bool{false, true}, f.Changepoint)

	f, err = ReadSKAB(strings.NewReader(skabSeeds[1]), "free.csv")
	require.NoError(t, err)
	assert.Equal(t, 2, f.Len(), "CRLF and blank lines")
	assert.False(t, f.Labelled())
	assert.Nil(t, f.Anomaly)
}

func TestReadSKABErrors(t *testing.T) {
	for i, c := range []struct {
		seed      int
		line, col int
		msg       string
		nonFinite bool
	}{
		{2, 2, 5, "Pressure", true},
		{3, 2, 10, "anomaly label \"0.5\"", false},
		{4, 2, 1, "datetime", false},
		{5, 2, 0, "8 cells, header has 9", false},
		{6, 1, 0, "header has 3 columns", false},
		{7, 0, 0, "no rows", false},
		{8, 0, 0, "empty", false},
	} {
		_, err := ReadSKAB(strings.NewReader(skabSeeds[c.seed]), "x.csv")
		var te *TextError
		require.ErrorAs(t, err, &te, "case %d", i)
		assert.Equal(t, "x.csv", te.File)
		assert.Equal(t, c.line, te.Line, "case %d: %v", i, err)
		assert.Equal(t, c.col, te.Column, "case %d: %v", i, err)
		assert.Contains(t, err.Error(), c.msg)
		assert.Equal(t, c.nonFinite, errors.Is(err, ErrNonFinite), "case %d", i)
	}
	// A wrong sensor name is named with its column.
	bad := strings.Replace(skabSeeds[1], "Current", "Curent", 1)
	_, err := ReadSKAB(strings.NewReader(bad), "x.csv")
	assert.ErrorContains(t, err, "x.csv:1: column 4: SKAB header column \"Curent\", want \"Current\"")
	_, err = ReadSKAB(strings.NewReader(skabHeader+"\n"+strings.Repeat("1", 5000)+"\n"), "x.csv")
	assert.ErrorIs(t, err, ErrTooLarge)
	_, err = LoadSKAB(os.DirFS(t.TempDir()), "none.csv")
	assert.ErrorIs(t, err, os.ErrNotExist)
}

// TestSKABRealFiles reads every SKAB file in the shared data: the labelled
// experiments have rows 1 s apart, both labels, and anomalies that begin
// with a changepoint.
func TestSKABRealFiles(t *testing.T) {
	dir := testenv.DataDir(t, "skab")
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.csv"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		rel, _ := filepath.Rel(dir, p)
		f, err := LoadSKAB(os.DirFS(dir), filepath.ToSlash(rel))
		require.NoError(t, err, rel)
		assert.Greater(t, f.Len(), 400, rel)
		if !f.Labelled() {
			continue
		}
		anomalies, starts := 0, 0
		for i, a := range f.Anomaly {
			if a {
				anomalies++
			}
			if a && (i == 0 || !f.Anomaly[i-1]) {
				starts++
				assert.True(t, f.Changepoint[i] || (i > 0 && f.Changepoint[i-1]) || (i+1 < f.Len() && f.Changepoint[i+1]), "%s row %d: anomaly starts without a changepoint", rel, i)
			}
		}
		assert.Positive(t, anomalies, rel)
		assert.Positive(t, starts, rel)
	}
}

// FuzzReadSKAB: ReadSKAB either returns a *TextError or a frame whose
// columns agree in length with finite sensor values.
func FuzzReadSKAB(f *testing.F) {
	for _, s := range skabSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := ReadSKAB(strings.NewReader(string(data)), "fuzz")
		if err != nil {
			checkTextErr(t, err)
			return
		}
		if fr.Len() == 0 || len(fr.Sensors) != fr.Len() {
			t.Fatalf("%d times, %d sensor rows", fr.Len(), len(fr.Sensors))
		}
		if fr.Labelled() && (len(fr.Anomaly) != fr.Len() || len(fr.Changepoint) != fr.Len()) {
			t.Fatalf("labels %d/%d for %d rows", len(fr.Anomaly), len(fr.Changepoint), fr.Len())
		}
		checkChannels(t, [][]float64{flatten(fr.Sensors)}, 1)
	})
}

func flatten(rows [][8]float64) []float64 {
	out := make([]float64, 0, 8*len(rows))
	for _, r := range rows {
		out = append(out, r[:]...)
	}
	return out
}
