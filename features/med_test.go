package features

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// The Levinson solve agrees with a dense LU solve of the same Toeplitz
// system.
func TestMEDToeplitzSolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 512)
	for i := range x {
		x[i] = rng.NormFloat64()
		if i > 0 {
			x[i] += 0.8 * x[i-1] // coloured: a non-trivial R
		}
	}
	m := must(NewMEDFilter(len(x), 12, 1))
	circularLags(m.r, x)
	for i := range m.b {
		m.b[i] = rng.NormFloat64()
	}
	m.solveToeplitz()
	a := mat.NewDense(m.l, m.l, nil)
	for i := 0; i < m.l; i++ {
		for j := 0; j < m.l; j++ {
			a.Set(i, j, m.r[absInt(i-j)])
		}
	}
	var want mat.VecDense
	require.NoError(t, want.SolveVec(a, mat.NewVecDense(m.l, append([]float64(nil), m.b...))))
	for i := range m.f {
		assert.InDelta(t, want.AtVec(i), m.f[i], 1e-9*math.Abs(want.AtVec(i))+1e-12, "tap %d", i)
	}
}

func absInt(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// A known answer: a sparse impulse train blurred by a known minimum-phase
// resonance h, plus 1 % noise. MED must find the inverse of h: the
// combined response f ⊛ h must be (nearly) a single delayed spike, and the
// output's kurtosis must approach the impulse train's.
func TestMEDRecoversImpulses(t *testing.T) {
	const n = 8192
	rng := rand.New(rand.NewPCG(3, 4))
	s := make([]float64, n)
	for k := 37; k < n; k += 97 + rng.IntN(40) { // irregular, so no periodic aliasing
		s[k] = 1 + 0.3*rng.NormFloat64()
	}
	// h: a damped resonance at 0.2 of the sample rate, 40 taps.
	h := make([]float64, 40)
	for i := range h {
		h[i] = math.Exp(-0.12*float64(i)) * math.Sin(2*math.Pi*0.2*float64(i)+0.3)
	}
	x := make([]float64, n)
	circularFIR(x, h, s)
	var rms float64
	for _, v := range x {
		rms += v * v
	}
	rms = math.Sqrt(rms / n)
	for i := range x {
		x[i] += 0.01 * rms * rng.NormFloat64()
	}

	m := must(NewMEDFilter(n, 64, 60))
	y, err := m.Deconvolve(nil, x)
	require.NoError(t, err)
	require.Len(t, y, n)

	kx := kurtosisOf(x, make([]float64, n))
	ks := kurtosisOf(s, make([]float64, n))
	t.Logf("kurtosis: blurred %.1f, MED output %.1f, impulses %.1f; %d iterations", kx, m.Kurtosis(), ks, m.Iterations())
	assert.Greater(t, m.Kurtosis(), 2*kx, "MED raises the kurtosis")
	assert.Greater(t, m.Kurtosis(), 0.6*ks, "MED output nearly as impulsive as the impulses")
	assert.InDelta(t, kurtosisOf(y, make([]float64, n)), m.Kurtosis(), 1e-9*m.Kurtosis())

	// Combined response g = f ⊛ h (linear convolution): one dominant tap.
	f := m.Filter()
	g := make([]float64, len(f)+len(h)-1)
	for i, a := range f {
		for j, b := range h {
			g[i+j] += a * b
		}
	}
	var e, peak float64
	for _, v := range g {
		e += v * v
		peak = max(peak, v*v)
	}
	t.Logf("combined response: peak holds %.1f %% of the energy", 100*peak/e)
	assert.Greater(t, peak/e, 0.8, "f inverts h: f ⊛ h is nearly a single spike")
	assert.InDelta(t, 1, math.Sqrt(dot(f, f)), 1e-12, "unit-norm filter")
}

// Gaussian noise has no impulses to find: MED can only raise its kurtosis
// a little (over-fitting a few samples), nothing like an impulse train.
func TestMEDNoise(t *testing.T) {
	const n = 16384
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	m := must(NewMEDFilter(n, 32, 30))
	_, err := m.Deconvolve(nil, x)
	require.NoError(t, err)
	assert.Less(t, m.Kurtosis(), 6.0)
	assert.Greater(t, m.Kurtosis(), 2.5)
}

func TestMEDErrorsAndPanics(t *testing.T) {
	m := must(NewMEDFilter(256, 8, 10))
	x := make([]float64, 256)
	_, err := m.Deconvolve(nil, x)
	assert.ErrorContains(t, err, "all-zero")
	x[3] = math.NaN()
	_, err = m.Deconvolve(nil, x)
	assert.ErrorContains(t, err, "NaN")
	assert.Panics(t, func() { m.Deconvolve(nil, make([]float64, 255)) })
	assert.Panics(t, func() { m.Deconvolve(make([]float64, 3), make([]float64, 256)) })
	_, err = NewMEDFilter(10, 8, 1)
	assert.ErrorIs(t, err, ErrInput)
	_, err = NewMEDFilter(100, 1, 1)
	assert.ErrorIs(t, err, ErrConfig)
	_, err = NewMEDFilter(100, 8, 0)
	assert.ErrorIs(t, err, ErrConfig)
}

func TestMEDZeroAlloc(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	x := make([]float64, 1024)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	m := must(NewMEDFilter(len(x), 16, 5))
	y := make([]float64, len(x))
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := m.Deconvolve(y, x); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}

func BenchmarkMEDFilter(b *testing.B) {
	rng := rand.New(rand.NewPCG(9, 10))
	x := make([]float64, 120000) // 10 s at 12 kHz, a CWRU record
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	m := must(NewMEDFilter(len(x), 64, 30))
	y := make([]float64, len(x))
	b.ReportAllocs()
	b.SetBytes(int64(8 * len(x)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Deconvolve(y, x); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(m.Iterations()), "iterations")
}
