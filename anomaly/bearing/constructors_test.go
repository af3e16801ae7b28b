package bearing_test

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkErr runs f, asserting that it does not panic and returns an error
// wrapping want (and not the other class).
func checkErr(t *testing.T, want error, name string, f func() error) {
	t.Helper()
	var err error
	assert.NotPanics(t, func() { err = f() }, name)
	assert.ErrorIs(t, err, want, name)
	other := bearing.ErrConfig
	if want == bearing.ErrConfig {
		other = bearing.ErrInput
	}
	assert.False(t, errors.Is(err, other), "%s: %v also wraps %v", name, err, other)
}

// TestConstructorsRejectBadValues walks NewDiagnoser and Diagnose with bad
// values: each returns an error wrapping the right sentinel and none
// panics.
func TestConstructorsRejectBadValues(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, v := range []float64{nan, inf, -1} {
		checkErr(t, bearing.ErrConfig, fmt.Sprint("Tolerance ", v), func() error {
			_, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{Tolerance: v})
			return err
		})
		checkErr(t, bearing.ErrConfig, fmt.Sprint("LineDB ", v), func() error {
			_, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{LineDB: v})
			return err
		})
	}
	checkErr(t, bearing.ErrConfig, "Harmonics -1", func() error {
		_, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{Harmonics: -1})
		return err
	})

	d, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	b, ok := features.LookupBearing("6205-2RS")
	require.True(t, ok)
	const rate, n = 12000.0, 1 << 14
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Sin(0.3*float64(i)) + 0.1*math.Sin(0.0123*float64(i*i%977))
	}
	for _, r := range []float64{0, -1, nan, inf} {
		checkErr(t, bearing.ErrInput, fmt.Sprint("sample rate ", r), func() error { _, err := d.Diagnose(x, r, 30, b); return err })
		checkErr(t, bearing.ErrInput, fmt.Sprint("shaft ", r), func() error { _, err := d.Diagnose(x, rate, r, b); return err })
	}
	for _, s := range [][]float64{nil, {}, x[:100]} {
		checkErr(t, bearing.ErrInput, fmt.Sprint("signal of ", len(s)), func() error { _, err := d.Diagnose(s, rate, 30, b); return err })
	}
	y := append([]float64(nil), x...)
	y[77] = nan
	checkErr(t, bearing.ErrInput, "NaN sample", func() error { _, err := d.Diagnose(y, rate, 30, b); return err })
	checkErr(t, bearing.ErrInput, "constant", func() error { _, err := d.Diagnose(make([]float64, n), rate, 30, b); return err })
	var bad features.Bearing
	_, err = d.Diagnose(x, rate, 30, bad)
	checkErr(t, bearing.ErrConfig, "bearing geometry", func() error { return err })
	assert.ErrorIs(t, err, features.ErrConfig, "the features sentinel is kept")
	var m bearing.Method
	checkErr(t, bearing.ErrConfig, "UnmarshalText", func() error { return m.UnmarshalText([]byte("nope")) })
}
