package features

import (
	"math"
	"math/cmplx"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/fft"
)

func TestWhitenGoldenCepstrumEditing(t *testing.T) {
	g := loadEnvelopeGolden(t)
	w := must(NewCepstrumWhitener(len(g.CPW.X)))
	got, err := w.Whiten(nil, g.CPW.X)
	require.NoError(t, err)
	for i := range got {
		assert.InDelta(t, g.CPW.Want[i], got[i], 1e-12, "sample %d", i)
	}
}

// The whitened spectrum has one magnitude, the geometric mean of the
// original magnitudes, and the original phase.
func TestWhitenFlatMagnitudeKeepsPhase(t *testing.T) {
	const n = 300
	rng := rand.New(rand.NewSource(3))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64() + 2*math.Sin(2*math.Pi*float64(7*i)/n)
	}
	w := must(NewCepstrumWhitener(n))
	xw := make([]float64, n)
	_, err := w.Whiten(xw, x)
	require.NoError(t, err)

	p, err := fft.NewRealPlan(n)
	require.NoError(t, err)
	X, XW := p.Forward(nil, x), p.Forward(nil, xw)
	var logSum float64
	for k, c := range X {
		wt := 2.0
		if k == 0 || 2*k == n {
			wt = 1
		}
		logSum += wt * math.Log(cmplx.Abs(c))
	}
	geo := math.Exp(logSum / n)
	for k := range X {
		assert.InDelta(t, geo, cmplx.Abs(XW[k]), 1e-9*geo, "bin %d magnitude", k)
		if k > 0 && 2*k != n {
			d := cmplx.Phase(XW[k] / X[k])
			assert.InDelta(t, 0, d, 1e-9, "bin %d phase", k)
		}
	}
	// In place.
	_, err = w.Whiten(x, x)
	require.NoError(t, err)
	assert.InDeltaSlice(t, xw, x, 1e-12)
}

// The real cepstrum of x[j] = δ[j] + a·δ[j−d] (|a| < 1) is
// Σ_k (−1)^(k+1) a^k/(2k) at quefrencies ±k·d: a/2 at d.
func TestRealCepstrumEcho(t *testing.T) {
	const (
		n = 256
		d = 20
		a = 0.5
	)
	x := make([]float64, n)
	x[0], x[d] = 1, a
	w := must(NewCepstrumWhitener(n))
	c, err := w.RealCepstrum(nil, x)
	require.NoError(t, err)
	want := make([]float64, n)
	for k := 1; k < 60; k++ { // the cepstrum is circular: terms wrap around n
		v := math.Pow(-1, float64(k+1)) * math.Pow(a, float64(k)) / (2 * float64(k))
		want[(k*d)%n] += v
		want[(n-(k*d)%n)%n] += v
	}
	for q := range c {
		assert.InDelta(t, want[q], c[q], 1e-12, "quefrency %d", q)
	}
	assert.InDelta(t, a/2, c[d], 1e-12)
}

func TestWhitenBadInput(t *testing.T) {
	w := must(NewCepstrumWhitener(32))
	_, err := w.Whiten(nil, make([]float64, 32))
	require.ErrorContains(t, err, "zeros")
	x := make([]float64, 32)
	x[5] = math.NaN()
	_, err = w.Whiten(nil, x)
	require.ErrorContains(t, err, "sample 5 is NaN")
	_, err = w.RealCepstrum(nil, x)
	require.ErrorContains(t, err, "sample 5 is NaN")
	x[5] = 0
	x[0] = 1 // flat spectrum is fine, a zero bin is not
	_, err = w.RealCepstrum(nil, x)
	require.NoError(t, err)
	x[1] = -1 // 1 − z⁻¹: zero at DC
	_, err = w.RealCepstrum(nil, x)
	require.ErrorContains(t, err, "bin 0")
	_, err = NewCepstrumWhitener(4)
	assert.ErrorIs(t, err, ErrInput)
	assert.Panics(t, func() { _, _ = w.Whiten(nil, make([]float64, 31)) })
}
