package features

import (
	"math"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"
)

// The top band of every row must end at, not above, the Nyquist frequency,
// so that its edges are accepted by the envelope analyzer. At 20 kHz the
// 1/3-binary rows have band widths such as 10000/3 Hz, whose centre plus
// half width rounds to 10000.000000000002.
func TestKurtogramTopBandWithinNyquist(t *testing.T) {
	const rate = 20000.0
	rng := rand.New(rand.NewSource(1))
	x := make([]float64, 1<<13)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	res, err := must(NewKurtogram(4, rate)).Compute(nil, x)
	require.NoError(t, err)
	env := must(NewEnvelopeAnalyzer(len(x), rate))
	for i, row := range res.Kurtosis {
		b := res.Band(i, len(row)-1)
		require.LessOrEqual(t, b.Hi(), rate/2, "row %d", i)
		require.InDelta(t, rate/2, b.Hi(), 1e-9, "row %d", i)
		require.GreaterOrEqual(t, b.Lo(), 0.0)
		_, err := env.SES(nil, x, b.Lo(), b.Hi())
		require.NoError(t, err, "row %d band [%v, %v]", i, b.Lo(), b.Hi())
	}
	require.False(t, math.IsNaN(res.Best.Hi()))
}
