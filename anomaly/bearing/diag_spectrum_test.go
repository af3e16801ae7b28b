package bearing

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The running-median floor equals a brute-force median of every window.
func TestLineSpectrumNormalize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	spec := make([]float64, 500)
	for i := range spec {
		spec[i] = rng.ExpFloat64()
	}
	spec[100] = 50 // a line
	var s lineSpectrum
	const half, kmax = 7, 480
	win := s.normalize(spec, 0.5, kmax, half, make([]float64, 0, 2*half+1))
	assert.LessOrEqual(t, len(win), 2*half+1)
	require.Len(t, s.db, kmax+1)
	assert.Equal(t, 0.5, s.df)
	for k := 1; k <= kmax; k++ {
		w := slices.Clone(spec[max(1, k-half) : min(len(spec)-1, k+half)+1])
		slices.Sort(w)
		var m float64
		if n := len(w); n%2 == 1 {
			m = w[n/2]
		} else {
			m = (w[n/2-1] + w[n/2]) / 2
		}
		assert.InDelta(t, 20*math.Log10(spec[k]/m), s.db[k], 1e-9, "bin %d", k)
	}
	bin, db, ok := s.peakNear(100*0.5+0.6, 2)
	assert.True(t, ok)
	assert.Equal(t, 100, bin)
	assert.Greater(t, db, 25.0)
	_, _, ok = s.peakNear(0.5, 2)
	assert.False(t, ok, "window reaching bin 0")
	_, _, ok = s.peakNear(float64(kmax)*0.5, 2)
	assert.False(t, ok, "window past the end")
}

func TestRatioDB(t *testing.T) {
	assert.Equal(t, 0.0, ratioDB(0, 0))
	assert.Equal(t, maxDB, ratioDB(1, 0))
	assert.Equal(t, -maxDB, ratioDB(0, 1))
	assert.InDelta(t, 20.0, ratioDB(10, 1), 1e-12)
	assert.Equal(t, maxDB, ratioDB(1e300, 1e-300))
}

// combFit finds the fundamental whose harmonics line up, not the single
// strongest bin of the band.
func TestCombFit(t *testing.T) {
	s := lineSpectrum{df: 0.1, db: make([]float64, 5000)}
	// A harmonic series at 100.3 Hz (+0.3 %) and a lone stronger line at
	// 98.5 Hz.
	for h := 1; h <= 4; h++ {
		s.db[int(math.Round(float64(h)*100.3/0.1))] = 20
	}
	s.db[985] = 35
	f := s.combFit(100, 0.02, 4, 30)
	assert.InDelta(t, 100.3, f, 1e-9)
	assert.Equal(t, 0.0, s.combFit(1e6, 0.02, 4, 30), "band outside the spectrum")
}

func TestOnLattice(t *testing.T) {
	const df = 0.1
	assert.True(t, onLattice(321.0, 107.0, 0, df), "3rd harmonic")
	assert.False(t, onLattice(323.0, 107.0, 0, df))
	assert.True(t, onLattice(2*161.7+29.95, 161.7, 29.95, df), "2nd harmonic + shaft sideband")
	assert.True(t, onLattice(107+3*11.9, 107, 11.9, df), "3 cage-rate sidebands")
	assert.False(t, onLattice(107+4*11.9, 107, 11.9, df), "4 sidebands are beyond the lattice")
	assert.False(t, onLattice(50, 107, 0, df), "below the fundamental")
}

func TestAnalysisLength(t *testing.T) {
	for _, n := range []int{4096, 4097, 120000, 121265, 243938, 146484, 1 << 20} {
		m := analysisLength(n)
		assert.LessOrEqual(t, m, n)
		assert.Zero(t, m%2)
		assert.True(t, smooth5(m), "%d", m)
		assert.GreaterOrEqual(t, float64(m), 0.93*float64(n))
		for k := m + 2; k <= n; k += 2 {
			require.False(t, smooth5(k), "%d is 5-smooth and larger than %d", k, m)
		}
	}
	assert.Equal(t, 2, analysisLength(3))
}

// TestSearchSorted checks searchSorted against slices.BinarySearch on
// sorted windows with repeated values, for values inside, between and
// beyond them.
func TestSearchSorted(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 200; trial++ {
		w := make([]float64, rng.IntN(40))
		for i := range w {
			w[i] = float64(rng.IntN(10))
		}
		slices.Sort(w)
		for v := -1.0; v <= 11; v += 0.5 {
			want, _ := slices.BinarySearch(w, v)
			if got := searchSorted(w, v); got != want {
				t.Fatalf("searchSorted(%v, %v) = %d, want %d", w, v, got, want)
			}
		}
	}
}
