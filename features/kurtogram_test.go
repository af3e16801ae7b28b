package features

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKurtogramGoldenAntoniPort(t *testing.T) {
	g := loadEnvelopeGolden(t).Kurtogram
	r, err := FastKurtogram(g.X, g.Rate, g.Levels)
	require.NoError(t, err)
	require.Len(t, r.Kurtosis, len(g.Rows))
	for i, row := range g.Rows {
		assert.InDelta(t, g.LevelW[i], r.Levels[i], 1e-12, "row %d level", i)
		require.Len(t, r.Kurtosis[i], len(row), "row %d", i)
		for j := range row {
			assert.InDelta(t, row[j], r.Kurtosis[i][j], 1e-9, "row %d band %d", i, j)
		}
	}
	assert.InDelta(t, g.Center, r.Best.Center, 1e-12)
	assert.InDelta(t, g.Bandwidth, r.Best.Width, 1e-12)
	assert.InDelta(t, g.KMax, r.Best.Kurtosis, 1e-9)
}

// syntheticBearing returns n samples at rate of impulses every period
// seconds, each ringing a resonance at fres Hz, in white noise of standard
// deviation noise.
func syntheticBearing(n int, rate, period, fres, noise float64, seed int64) []float64 {
	rng := rand.New(rand.NewSource(seed))
	x := make([]float64, n)
	for i := range x {
		x[i] = noise * rng.NormFloat64()
	}
	ring := int(0.01 * rate)
	for t0 := 0.0; ; t0 += period {
		s := int(t0 * rate)
		if s+ring >= n {
			break
		}
		for j := 0; j < ring; j++ {
			tt := float64(j) / rate
			x[s+j] += math.Exp(-tt*800) * math.Sin(2*math.Pi*fres*tt)
		}
	}
	return x
}

// Impulses exciting a 3 kHz resonance in noise, masked by a strong shaft
// tone and a 7 kHz tone: the kurtogram's best band holds 3 kHz and the SES
// of that band shows the impulse rate.
func TestKurtogramFindsResonance(t *testing.T) {
	const (
		rate = 20000.0
		n    = 1 << 16
		fr   = 107.0 // impulse rate, Hz
	)
	x := syntheticBearing(n, rate, 1/fr, 3000, 0.3, 7)
	for i := range x {
		tt := float64(i) / rate
		x[i] += 2*math.Sin(2*math.Pi*30*tt) + math.Sin(2*math.Pi*7000*tt)
	}
	k := must(NewKurtogram(6, rate))
	r, err := k.Compute(nil, x)
	require.NoError(t, err)
	b := r.Best
	t.Logf("best band: level %.2f, %g ± %g Hz, kurtosis %.2f", b.Level, b.Center, b.Width/2, b.Kurtosis)
	assert.LessOrEqual(t, b.Lo(), 3000.0)
	assert.GreaterOrEqual(t, b.Hi(), 3000.0)
	assert.Greater(t, b.Kurtosis, 1.0)
	assert.Less(t, r.Kurtosis[0][0], 0.1, "the tones hide the impulses in the raw signal")

	a := must(NewEnvelopeAnalyzer(n, rate))
	s, err := a.SES(nil, x, b.Lo(), b.Hi())
	require.NoError(t, err)
	peak := argmaxRange(s, int(50/a.Resolution()), int(150/a.Resolution()))
	assert.InDelta(t, fr, float64(peak)*a.Resolution(), 2*a.Resolution())
}

func argmaxRange(s []float64, lo, hi int) int {
	best := lo
	for k := lo; k <= hi; k++ {
		if s[k] > s[best] {
			best = k
		}
	}
	return best
}

// Gaussian noise has zero excess kurtosis in every band.
func TestKurtogramGaussianNoise(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	x := make([]float64, 1<<15)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	r, err := FastKurtogram(x, 1, 5)
	require.NoError(t, err)
	for i, row := range r.Kurtosis {
		for j, v := range row {
			// The estimator's spread grows as bands narrow (fewer samples).
			assert.Less(t, v, 0.5, "row %d band %d", i, j)
		}
	}
	assert.Less(t, r.Kurtosis[0][0], 0.1)
}

func TestKurtogramShapeAndReuse(t *testing.T) {
	x := syntheticBearing(1<<14, 1000, 0.05, 300, 0.3, 2)
	k := must(NewKurtogram(4, 1000))
	assert.Equal(t, 1<<11, k.MinLen())
	r, err := k.Compute(nil, x)
	require.NoError(t, err)
	wantBands := []int{1, 2, 3, 4, 6, 8, 12, 16}
	require.Len(t, r.Kurtosis, len(wantBands))
	for i, nb := range wantBands {
		assert.Len(t, r.Kurtosis[i], nb)
		b := r.Band(i, nb-1)
		assert.InDelta(t, 500, b.Hi(), 1e-9, "row %d reaches Nyquist", i)
		assert.InDelta(t, 1000/math.Pow(2, r.Levels[i]+1), b.Width, 1e-9)
	}
	best := r.Best
	r2, err := k.Compute(r, x)
	require.NoError(t, err)
	assert.Same(t, r, r2)
	assert.Equal(t, best, r2.Best)
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := k.Compute(r, x); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
	assert.Panics(t, func() { r.Band(0, 1) })
}

func TestKurtogramBadInput(t *testing.T) {
	_, err := FastKurtogram(make([]float64, 1000), 1000, 4)
	require.ErrorContains(t, err, "at least 2048 samples")
	x := make([]float64, 4096)
	x[99] = math.Inf(1)
	_, err = FastKurtogram(x, 1000, 4)
	require.ErrorContains(t, err, "sample 99 is +Inf")
	_, err = FastKurtogram(x, 1000, 0)
	require.ErrorContains(t, err, "levels 0")
	_, err = FastKurtogram(x, -1, 3)
	require.ErrorContains(t, err, "sample rate")
	_, err = NewKurtogram(0, 1000)
	assert.ErrorIs(t, err, ErrConfig)
	_, err = NewKurtogram(3, math.NaN())
	assert.ErrorIs(t, err, ErrInput)

	// All zeros: a flat kurtogram, no NaN.
	r, err := FastKurtogram(make([]float64, 4096), 1000, 4)
	require.NoError(t, err)
	for _, row := range r.Kurtosis {
		for _, v := range row {
			require.Zero(t, v)
		}
	}
	assert.Equal(t, 0, r.Best.Row)
}

func TestKurtogramBestBandWidthLimits(t *testing.T) {
	x := syntheticBearing(1<<14, 1000, 0.05, 300, 0.3, 2)
	r, err := FastKurtogram(x, 1000, 4)
	require.NoError(t, err)
	assert.Equal(t, r.Best, r.BestBand(0, 0))
	// Brute force over the rows allowed.
	for _, lim := range [][2]float64{{100, 0}, {0, 200}, {60, 130}, {1000, 0}} {
		b := r.BestBand(lim[0], lim[1])
		want := math.Inf(-1)
		for _, row := range r.Kurtosis {
			w := 500 / float64(len(row))
			if w < lim[0] || (lim[1] > 0 && w > lim[1]) {
				continue
			}
			for _, v := range row {
				want = math.Max(want, v)
			}
		}
		if math.IsInf(want, -1) {
			assert.Equal(t, 0, b.Row, "no row qualifies: level 0")
			continue
		}
		assert.Equal(t, want, b.Kurtosis, "limits %v", lim)
		assert.GreaterOrEqual(t, b.Width, lim[0])
		if lim[1] > 0 {
			assert.LessOrEqual(t, b.Width, lim[1])
		}
	}
}
