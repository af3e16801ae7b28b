package features

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twoPass is the textbook reference: mean first, then central sums.
func twoPass(x []float64) TimeFeatures {
	n := float64(len(x))
	var s, sa, sq, sx2 float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range x {
		s += v
		sa += math.Abs(v)
		sq += math.Sqrt(math.Abs(v))
		sx2 += v * v
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	mean := s / n
	var m2, m3, m4 float64
	for _, v := range x {
		d := v - mean
		m2 += d * d
		m3 += d * d * d
		m4 += d * d * d * d
	}
	rms := math.Sqrt(sx2 / n)
	peak := math.Max(-lo, hi)
	return TimeFeatures{
		Mean: mean, Std: math.Sqrt(m2 / (n - 1)), RMS: rms, Peak: peak, PeakToPeak: hi - lo,
		CrestFactor: peak / rms, ShapeFactor: rms / (sa / n), ImpulseFactor: peak / (sa / n),
		ClearanceFactor: peak / ((sq / n) * (sq / n)),
		Skewness:        (m3 / n) / math.Pow(m2/n, 1.5), Kurtosis: (m4 / n) / ((m2 / n) * (m2 / n)),
	}
}

func assertFeaturesClose(t *testing.T, want, got TimeFeatures, rel float64, msg ...any) {
	t.Helper()
	w := featureSlice(want)
	g := featureSlice(got)
	for i, name := range featureNames {
		tol := rel * math.Max(math.Abs(w[i]), 1e-300)
		if name == "Skewness" || name == "Mean" {
			tol = rel * math.Max(math.Abs(w[i]), 1) // near-zero quantities
		}
		assert.InDelta(t, w[i], g[i], tol, append([]any{name}, msg...)...)
	}
}

var featureNames = []string{"Mean", "Std", "RMS", "Peak", "PeakToPeak", "CrestFactor",
	"ShapeFactor", "ImpulseFactor", "ClearanceFactor", "Skewness", "Kurtosis"}

func featureSlice(f TimeFeatures) []float64 {
	return []float64{f.Mean, f.Std, f.RMS, f.Peak, f.PeakToPeak, f.CrestFactor,
		f.ShapeFactor, f.ImpulseFactor, f.ClearanceFactor, f.Skewness, f.Kurtosis}
}

func TestTimeFeaturesSine(t *testing.T) {
	const a, n = 2.5, 40000 // 10 whole periods of 4000 samples: peaks land on samples
	x := make([]float64, n)
	for i := range x {
		x[i] = a * math.Sin(2*math.Pi*float64(i)/4000)
	}
	f, err := ComputeTimeFeatures(x)
	require.NoError(t, err)
	assert.InDelta(t, 0, f.Mean, 1e-15)
	assert.InDelta(t, a/math.Sqrt2, f.RMS, 1e-14)
	assert.InDelta(t, a/math.Sqrt2*math.Sqrt(n/(n-1.0)), f.Std, 1e-14)
	assert.InDelta(t, a, f.Peak, 1e-15)
	assert.InDelta(t, 2*a, f.PeakToPeak, 1e-15)
	assert.InDelta(t, math.Sqrt2, f.CrestFactor, 1e-14)
	assert.InDelta(t, 0, f.Skewness, 1e-13)
	assert.InDelta(t, 1.5, f.Kurtosis, 1e-13)
	// mean|sin| = 2/π and mean √|sin| = (2/π)·√π·Γ(3/4)/(2·Γ(5/4)) in the
	// continuum; 4000 samples per period approximate them to ~1e-7 and,
	// √ having an infinite slope at 0, ~5e-5.
	meanSqrt := 2 / math.Pi * math.Sqrt(math.Pi) * math.Gamma(0.75) / (2 * math.Gamma(1.25))
	assert.InDelta(t, math.Pi/(2*math.Sqrt2), f.ShapeFactor, 1e-6)
	assert.InDelta(t, math.Pi/2, f.ImpulseFactor, 1e-6)
	assert.InDelta(t, 1/(meanSqrt*meanSqrt), f.ClearanceFactor, 1e-4)
}

func TestTimeFeaturesSquareWave(t *testing.T) {
	x := make([]float64, 1000)
	for i := range x {
		x[i] = 3
		if (i/10)%2 == 1 {
			x[i] = -3
		}
	}
	f, err := ComputeTimeFeatures(x)
	require.NoError(t, err)
	assert.InDelta(t, 0, f.Mean, 1e-15)
	assert.InDelta(t, 3, f.RMS, 1e-14)
	assert.InDelta(t, 6, f.PeakToPeak, 0)
	for _, v := range []float64{f.CrestFactor, f.ShapeFactor, f.ImpulseFactor, f.ClearanceFactor, f.Kurtosis} {
		assert.InDelta(t, 1, v, 1e-14)
	}
	assert.InDelta(t, 0, f.Skewness, 1e-14)
}

func TestTimeFeaturesGaussian(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 1_000_000)
	for i := range x {
		x[i] = 0.7*r.NormFloat64() + 0.2
	}
	f, err := ComputeTimeFeatures(x)
	require.NoError(t, err)
	// Five standard errors: √(6/n) for skewness, √(24/n) for kurtosis.
	assert.InDelta(t, 0, f.Skewness, 5*math.Sqrt(6.0/1e6))
	assert.InDelta(t, 3, f.Kurtosis, 5*math.Sqrt(24.0/1e6))
	assert.InDelta(t, 0.7, f.Std, 0.7*5/math.Sqrt(2e6))
	assert.InDelta(t, 0.2, f.Mean, 5*0.7/1e3)
	assertFeaturesClose(t, twoPass(x), f, 1e-12)
}

// TestTimeFeaturesDCOffset adds 1e9 to a skewed signal: the moments about
// the mean must not change (x−1e9 is exact, so the offset-free signal is
// the exact reference).
func TestTimeFeaturesDCOffset(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const off = 1e9
	x := make([]float64, 100_003)
	y := make([]float64, len(x))
	for i := range x {
		x[i] = off + r.ExpFloat64() + 0.3*r.NormFloat64()
		y[i] = x[i] - off // exact
	}
	fx, err := ComputeTimeFeatures(x)
	require.NoError(t, err)
	fy, err := ComputeTimeFeatures(y)
	require.NoError(t, err)
	assert.InDelta(t, fy.Mean+off, fx.Mean, 1e-6) // float64 resolution at 1e9 is 1.2e-7
	assert.InDelta(t, fy.Std, fx.Std, 1e-12*fy.Std)
	assert.InDelta(t, fy.Skewness, fx.Skewness, 1e-11)
	assert.InDelta(t, fy.Kurtosis, fx.Kurtosis, 1e-11*fy.Kurtosis)
	assert.InDelta(t, fy.PeakToPeak, fx.PeakToPeak, 0)
	require.Greater(t, fy.Skewness, 1.0) // the test signal really is skewed

	// The per-sample path must be just as stable.
	var m Moments
	for _, v := range x {
		m.Add(v)
	}
	fa, err := m.Features()
	require.NoError(t, err)
	assert.InDelta(t, fy.Std, fa.Std, 1e-11*fy.Std)
	assert.InDelta(t, fy.Skewness, fa.Skewness, 1e-10)
	assert.InDelta(t, fy.Kurtosis, fa.Kurtosis, 1e-10*fy.Kurtosis)
}

func TestMomentsAddMergeAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, 5000)
	for i := range x {
		x[i] = 10 + r.NormFloat64()*r.Float64()*3
	}
	want := twoPass(x)
	var one, parts Moments
	for _, v := range x {
		one.Add(v)
	}
	f, err := one.Features()
	require.NoError(t, err)
	assertFeaturesClose(t, want, f, 1e-12, "Add")
	for len(x) > 0 { // uneven pieces merged together
		k := min(len(x), 1+r.IntN(700))
		var p Moments
		p.AddSlice(x[:k])
		parts.Merge(&p)
		x = x[k:]
	}
	f, err = parts.Features()
	require.NoError(t, err)
	assertFeaturesClose(t, want, f, 1e-12, "Merge")
	assert.Equal(t, int64(5000), parts.Count())

	var empty Moments
	parts.Merge(&empty) // merging nothing changes nothing
	g, err := parts.Features()
	require.NoError(t, err)
	assert.Equal(t, f, g)
	parts.Reset()
	assert.Equal(t, int64(0), parts.Count())
	_, err = parts.Features()
	assert.ErrorIs(t, err, ErrNoSamples)
}

func TestTimeFeaturesErrors(t *testing.T) {
	_, err := ComputeTimeFeatures(nil)
	assert.ErrorIs(t, err, ErrNoSamples)

	x := make([]float64, 1000)
	for i := range x {
		x[i] = float64(i % 7)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		for _, at := range []int{0, 300, 999} {
			y := append([]float64(nil), x...)
			y[at] = bad
			f, err := ComputeTimeFeatures(y)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "sample "+itoa(at)+" is")
			assert.Equal(t, TimeFeatures{}, f)
			var m Moments // per-sample path and merge report the same index
			for _, v := range y {
				m.Add(v)
			}
			assert.EqualError(t, m.Err(), err.Error())
			var a, b Moments
			a.AddSlice(y[:500])
			b.AddSlice(y[500:])
			a.Merge(&b)
			assert.EqualError(t, a.Err(), err.Error())
		}
	}

	// Constant: the defined indicators come back, the undefined are 0.
	c := []float64{-2, -2, -2, -2}
	f, err := ComputeTimeFeatures(c)
	require.ErrorIs(t, err, ErrConstant)
	assertFeaturesClose(t, TimeFeatures{Mean: -2, RMS: 2, Peak: 2, CrestFactor: 1, ShapeFactor: 1,
		ImpulseFactor: 1, ClearanceFactor: 1}, f, 1e-15)
	f, err = ComputeTimeFeatures([]float64{0.1, 0.1, 0.1})
	require.ErrorIs(t, err, ErrConstant)
	assert.InDelta(t, 0.1, f.Mean, 1e-17)
	assert.Equal(t, 0.0, f.Std)
	f, err = ComputeTimeFeatures(make([]float64, 10)) // all zero: every ratio undefined
	require.ErrorIs(t, err, ErrConstant)
	assert.Equal(t, TimeFeatures{}, f)
	_, err = ComputeTimeFeatures([]float64{5}) // one sample is constant
	require.ErrorIs(t, err, ErrConstant)

	// Overflowing moments are an error, not Inf.
	_, err = ComputeTimeFeatures([]float64{1e100, -1e100, 3e100})
	require.Error(t, err)
	assert.False(t, errors.Is(err, ErrConstant))
	assert.Contains(t, err.Error(), "overflow")
	_, err = ComputeTimeFeatures([]float64{1.5e308, 1.7e308, -1e308}) // the sum overflows
	require.Error(t, err)
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

// TestTimeFeaturesHuge: magnitudes near the float64 limit give finite
// results or an error, never Inf.
func TestTimeFeaturesHuge(t *testing.T) {
	f, err := ComputeTimeFeatures([]float64{1.4e160, 1.4e160})
	require.ErrorIs(t, err, ErrConstant)
	assert.InEpsilon(t, 1.4e160, f.RMS, 1e-15)
	f, err = ComputeTimeFeatures([]float64{1e300, 1e300, 1e300})
	require.ErrorIs(t, err, ErrConstant)
	assert.InEpsilon(t, 1e300, f.RMS, 1e-15)
	_, err = ComputeTimeFeatures([]float64{1.7e308, -1.7e308})
	require.Error(t, err) // peak-to-peak overflows
	assert.Contains(t, err.Error(), "overflow")
}

// TestTimeFeaturesTinySignals: a sine far below 1e-77 (down to denormals)
// is not constant and does not overflow: it is reported as an underflow
// wrapping ErrInput, while the same sine at 1e-70 is analysed normally.
func TestTimeFeaturesTinySignals(t *testing.T) {
	sine := func(a float64) []float64 {
		x := make([]float64, 1000)
		for i := range x {
			x[i] = a * math.Sin(float64(i))
		}
		return x
	}
	for _, a := range []float64{1e-80, 1e-150, 1e-200, 1e-310, 1e-322} {
		_, err := ComputeTimeFeatures(sine(a))
		require.Error(t, err, "amplitude %g", a)
		assert.ErrorIs(t, err, ErrInput, "amplitude %g", a)
		assert.NotErrorIs(t, err, ErrConstant, "amplitude %g", a)
		assert.Contains(t, err.Error(), "underflows", "amplitude %g", a)
		assert.NotContains(t, err.Error(), "overflows", "amplitude %g", a)
	}
	f, err := ComputeTimeFeatures(sine(1e-70))
	require.NoError(t, err)
	ref, err := ComputeTimeFeatures(sine(1))
	require.NoError(t, err)
	assert.InEpsilon(t, ref.Kurtosis, f.Kurtosis, 1e-9)
	assert.InEpsilon(t, ref.RMS*1e-70, f.RMS, 1e-9)
}
