package anomaly_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/anomaly"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/testenv"
)

// adc converts x to a signed converter of the given bits and step,
// saturating at its rails, and returns the codes times the step (what a
// data logger stores) and the number of samples it clipped.
func adc(x []float64, bits int, step float64) ([]float64, int) {
	lo, hi := -math.Ldexp(1, bits-1), math.Ldexp(1, bits-1)-1
	out := make([]float64, len(x))
	clipped := 0
	for i, v := range x {
		c := math.Round(v / step)
		if c < lo || c > hi {
			clipped++
		}
		out[i] = min(max(c, lo), hi) * step
	}
	return out, clipped
}

// impacts is noise plus decaying impacts every 200 samples, peak about amp.
func impacts(n int, amp float64, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	x := make([]float64, n)
	for i := range x {
		x[i] = 0.05 * rng.NormFloat64()
		k := i % 200
		x[i] += amp * math.Exp(-float64(k)/8) * math.Sin(2*math.Pi*0.23*float64(k)+0.3)
	}
	return x
}

func TestCheckSaturationSimulated(t *testing.T) {
	const bits, step = 12, 1.0 / 2048 // rails -1 and 2047/2048
	clean, n := adc(impacts(20000, 0.9, 1), bits, step)
	require.Zero(t, n)
	s, err := anomaly.CheckSaturation(clean)
	require.NoError(t, err)
	assert.False(t, s.Saturated(), "%+v", s)
	assert.Equal(t, step, s.Step)
	assert.Equal(t, -1, s.FirstAt)

	hot, n := adc(impacts(20000, 1.6, 1), bits, step)
	require.Positive(t, n)
	s, err = anomaly.CheckSaturation(hot)
	require.NoError(t, err)
	assert.True(t, s.Saturated())
	assert.Equal(t, bits, s.Bits)
	assert.Equal(t, step, s.Step)
	assert.Equal(t, -1.0, s.Min)
	assert.Equal(t, 2047.0/2048, s.Max)
	assert.Equal(t, n, s.AtMin+s.AtMax, "every clipped sample is on a rail, and no other")
	first := slices.IndexFunc(hot, func(v float64) bool { return v == -1 || v == 2047.0/2048 })
	assert.Equal(t, first, s.FirstAt)

	// A gain that is not a power of two, as a calibrated logger stores.
	const g = 0.00040608782435036517
	hot, n = adc(impacts(20000, 9, 2), 15, g)
	require.Positive(t, n)
	s, err = anomaly.CheckSaturation(hot)
	require.NoError(t, err)
	assert.Equal(t, 15, s.Bits)
	assert.InEpsilon(t, g, s.Step, 1e-12)
	assert.Equal(t, n, s.AtMin+s.AtMax)
}

// TestCheckSaturationSubStep: neighbours never differ by one step, so the
// step is a fraction of their smallest difference; beyond 64 steps apart
// the record is not read.
func TestCheckSaturationSubStep(t *testing.T) {
	const q = 0.01
	codes := func(gap int) []float64 {
		var x []float64
		for k := 0; k < 200; k++ {
			x = append(x, float64(k)*q, float64(k+gap)*q) // neighbours gap or gap-1 steps apart
		}
		return append(x, 511*q) // the positive rail of a 10-bit converter
	}
	for _, gap := range []int{3, 65} {
		x := codes(gap)
		s, err := anomaly.CheckSaturation(x)
		require.NoError(t, err, "gap %d", gap)
		assert.InEpsilon(t, q, s.Step, 1e-9)
		assert.Equal(t, 10, s.Bits)
		assert.Equal(t, 1, s.AtMax)
		assert.Equal(t, 0, s.AtMin)
		assert.Equal(t, len(x)-1, s.FirstAt)
	}
	_, err := anomaly.CheckSaturation(codes(66))
	assert.ErrorIs(t, err, anomaly.ErrNotQuantized, "neighbours at least 65 steps apart")
}

func TestCheckSaturationErrors(t *testing.T) {
	x, _ := adc(impacts(5000, 0.5, 3), 12, 1.0/2048)
	for i := range x {
		x[i] += 1e-5 // an offset added after conversion
	}
	_, err := anomaly.CheckSaturation(x)
	assert.True(t, errors.Is(err, anomaly.ErrNotQuantized), "%v", err)

	_, err = anomaly.CheckSaturation([]float64{0, 1, 2, 1, 0})
	assert.ErrorContains(t, err, "span 2 steps")

	_, err = anomaly.CheckSaturation(nil)
	assert.ErrorContains(t, err, "empty")
	_, err = anomaly.CheckSaturation([]float64{0.5, 0.5, 0.5})
	assert.ErrorContains(t, err, "all 3 samples are 0.5")

	y, _ := adc(impacts(5000, 0.5, 3), 12, 1.0/2048)
	y[77] = math.NaN()
	_, err = anomaly.CheckSaturation(y)
	assert.ErrorContains(t, err, "sample 77")
}

// TestCWRUSaturation reads the converter of every 12 kHz drive-end record
// and of the normal baseline from the drive-end samples (every record is a
// 15-bit converter's codes times one of a few gains) and names the records
// whose impacts drove the channel to full scale. Observed: 236 and 237 (the
// records the project's issue points at) at ±6.653 g, 234 once at
// +6.653 g, 246 once at +2.661 g, and 200, recorded at a ten times finer
// gain, eight times at ±0.665 g.
func TestCWRUSaturation(t *testing.T) {
	dir := testenv.DataDir(t, "cwru")
	files, err := filepath.Glob(filepath.Join(dir, "12k_drive_end", "*.mat"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	files = append(files, filepath.Join(dir, "normal", "97.mat"))
	var saturated []string
	for _, f := range files {
		rel, err := filepath.Rel(dir, f)
		require.NoError(t, err)
		rec, err := datasets.LoadCWRU(os.DirFS(dir), filepath.ToSlash(rel))
		require.NoError(t, err, rel)
		s, err := anomaly.CheckSaturation(rec.DE)
		if err != nil {
			t.Logf("%s: %v", rel, err)
			continue
		}
		name := strings.TrimSuffix(path.Base(rel), ".mat")
		if s.Saturated() {
			saturated = append(saturated, name)
			t.Logf("%s: %d-bit, step %.6g g, rails %.4f/%.4f g, %d samples at the negative rail, %d at the positive, first at %d",
				name, s.Bits, s.Step, s.Min, s.Max, s.AtMin, s.AtMax, s.FirstAt)
		}
	}
	t.Logf("saturated drive-end records: %v", saturated)
	assert.Equal(t, []string{"200", "234", "236", "237", "246"}, saturated)
}
