package fft

import (
	"fmt"
	"math/cmplx"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPass7MatchesGeneric runs the radix-7 pass and the generic odd pass on
// the same input over strides and block counts, twiddles included.
func TestPass7MatchesGeneric(t *testing.T) {
	for _, sm := range [][2]int{{1, 1}, {1, 2}, {3, 1}, {1, 7}, {2, 5}, {4, 3}, {8, 16}, {5, 49}} {
		s, m := sm[0], sm[1]
		t.Run(fmt.Sprintf("s=%d/m=%d", s, m), func(t *testing.T) {
			n := 7 * s * m
			g := stage{r: 7, s: s, m: m}
			if m > 1 {
				base := unitRoots(n)
				g.tw = make([]complex128, 6*m)
				for p := 0; p < m; p++ {
					for j := 1; j < 7; j++ {
						g.tw[p*6+j-1] = base[j*p*s]
					}
				}
			}
			g.cos, g.sin = oddTables(7)
			x := randComplex(n, uint64(n))
			want, got := make([]complex128, n), make([]complex128, n)
			passOdd(want, x, &g)
			pass7(got, x, g.tw, s, m)
			for i := range want {
				require.InDelta(t, 0, cmplx.Abs(got[i]-want[i]), 1e-13, "output %d", i)
			}
		})
	}
}
