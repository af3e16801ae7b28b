package stats

import (
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMedianInPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 0))
	for n := 1; n < 60; n++ {
		a := make([]float64, n)
		for i := range a {
			a[i] = r.NormFloat64()
			if i%7 == 3 { // repeated values
				a[i] = a[i/2]
			}
		}
		b := append([]float64(nil), a...)
		sort.Float64s(b)
		want := b[n/2]
		if n%2 == 0 {
			want = (b[n/2-1] + b[n/2]) / 2
		}
		require.InDelta(t, want, MedianInPlace(a), 1e-15, "n=%d", n)
		require.Equal(t, b[n/2], SelectKth(append([]float64(nil), b...), n/2), "n=%d", n)
	}
}
