package anomaly

import (
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// mahalanobisStates returns records of models fitted with each estimator
// and of one built from a given covariance.
func mahalanobisStates(t testing.TB) [][]byte {
	sim := newDriftSim(101)
	const n, d = 60, 4
	x := mat.NewDense(n, d, nil)
	for i := 0; i < n; i++ {
		z := sim.r.NormFloat64()
		for j := 0; j < d; j++ {
			x.Set(i, j, z*float64(j+1)+sim.r.NormFloat64())
		}
	}
	var out [][]byte
	for _, est := range []CovEstimator{CovLedoitWolf, CovMCD, CovEmpirical} {
		m, err := FitMahalanobis(x, MahalanobisConfig{Estimator: est})
		require.NoError(t, err)
		b, err := m.MarshalBinary()
		require.NoError(t, err)
		out = append(out, b)
	}
	m, err := NewMahalanobis([]float64{1, 2}, mat.NewSymDense(2, []float64{2, 0.5, 0.5, 1}))
	require.NoError(t, err)
	b, err := m.MarshalBinary()
	require.NoError(t, err)
	return append(out, b)
}

// exerciseMahalanobis calls every method of a restored model.
func exerciseMahalanobis(t *testing.T, m *Mahalanobis) {
	t.Helper()
	x := make([]float64, m.Dim())
	for i := range x {
		x[i] = float64(i) - 1
	}
	s, err := m.Score(x)
	require.NoError(t, err)
	require.False(t, math.IsNaN(s), "score %g", s) // +Inf: a distance beyond float64
	_, _ = m.Threshold(0.1)
	m.HealthyScores(nil)
	m.Estimate()
	_, err = m.MarshalBinary()
	require.NoError(t, err)
}

// TestMahalanobisStateRoundTrip: a restored model scores bit-for-bit as
// the fitted one and re-encodes to the same record; truncations and
// single-bit flips are rejected with ErrState or restore a working model.
func TestMahalanobisStateRoundTrip(t *testing.T) {
	sim := newDriftSim(102)
	for k, b := range mahalanobisStates(t) {
		var m Mahalanobis
		require.NoError(t, m.UnmarshalBinary(b))
		b2, err := m.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, b2)
		var ref Mahalanobis
		require.NoError(t, ref.UnmarshalBinary(b))
		x := make([]float64, m.Dim())
		for trial := 0; trial < 20; trial++ {
			for i := range x {
				x[i] = 3 * sim.r.NormFloat64()
			}
			a, _ := m.Score(x)
			c, _ := ref.Score(x)
			require.Equal(t, math.Float64bits(a), math.Float64bits(c))
		}
		for i := 0; i < len(b); i++ {
			require.ErrorIs(t, (&Mahalanobis{}).UnmarshalBinary(b[:i]), ErrState, "record %d truncated at %d", k, i)
		}
		for i := 0; i < 8*len(b); i++ {
			bad := append([]byte(nil), b...)
			bad[i/8] ^= 1 << (i % 8)
			var r Mahalanobis
			if err := r.UnmarshalBinary(bad); err != nil {
				require.ErrorIs(t, err, ErrState)
				continue
			}
			exerciseMahalanobis(t, &r)
		}
	}
}

// TestMahalanobisStateMatchesFit: the fitted model and its restored copy
// give the same score and threshold.
func TestMahalanobisStateMatchesFit(t *testing.T) {
	x := mat.NewDense(5, 2, []float64{1, 2, 2, 1, 3, 3, 0, 1, 2, 2.5})
	m, err := FitMahalanobis(x, MahalanobisConfig{Estimator: CovEmpirical})
	require.NoError(t, err)
	b, _ := m.MarshalBinary()
	var r Mahalanobis
	require.NoError(t, r.UnmarshalBinary(b))
	for _, v := range [][]float64{{0, 0}, {1.5, 2}, {10, -3}} {
		a, _ := m.Score(v)
		c, _ := r.Score(v)
		require.Equal(t, math.Float64bits(a), math.Float64bits(c))
	}
	ta, _ := m.Threshold(0.2)
	tb, _ := r.Threshold(0.2)
	require.Equal(t, ta, tb)
}

func FuzzMahalanobisState(f *testing.F) {
	for _, b := range mahalanobisStates(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Mahalanobis
		if err := r.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrState) {
				t.Fatalf("error %v does not wrap ErrState", err)
			}
			return
		}
		exerciseMahalanobis(t, &r)
	})
}
