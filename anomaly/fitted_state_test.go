package anomaly

import (
	"encoding"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// fittedModel is a fitted baseline detector that saves and restores.
type fittedModel interface {
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
	Dim() int
	Score(x []float64) (float64, error)
	Threshold(pfa float64) (float64, error)
}

// fittedStates returns records of Mahalanobis models (each estimator, and
// one built from a given covariance), a PCA model and an isolation
// forest, with a fresh zero value of their type for each.
func fittedStates(t testing.TB) (recs [][]byte, fresh []func() fittedModel) {
	sim := newDriftSim(101)
	const n, d = 60, 4
	x := mat.NewDense(n, d, nil)
	for i := 0; i < n; i++ {
		z := sim.r.NormFloat64()
		for j := 0; j < d; j++ {
			x.Set(i, j, z*float64(j+1)+sim.r.NormFloat64())
		}
	}
	add := func(m fittedModel, err error, f func() fittedModel) {
		require.NoError(t, err)
		b, err := m.MarshalBinary()
		require.NoError(t, err)
		recs, fresh = append(recs, b), append(fresh, f)
	}
	maha := func() fittedModel { return &Mahalanobis{} }
	for _, est := range []CovEstimator{CovLedoitWolf, CovMCD, CovEmpirical} {
		m, err := FitMahalanobis(x, MahalanobisConfig{Estimator: est})
		add(m, err, maha)
	}
	m, err := NewMahalanobis([]float64{1, 2}, mat.NewSymDense(2, []float64{2, 0.5, 0.5, 1}))
	add(m, err, maha)
	p, err := FitPCA(x, PCAConfig{Components: 2})
	add(p, err, func() fittedModel { return &PCA{} })
	f, err := FitIsolationForest(x, IForestConfig{Trees: 8, Subsample: 16, Seed: 3})
	add(f, err, func() fittedModel { return &IsolationForest{} })
	return recs, fresh
}

// exerciseFitted calls every method of a restored model.
func exerciseFitted(t *testing.T, m fittedModel) {
	t.Helper()
	x := make([]float64, m.Dim())
	for i := range x {
		x[i] = float64(i) - 1
	}
	s, err := m.Score(x)
	require.NoError(t, err)
	require.False(t, math.IsNaN(s), "score %g", s) // +Inf: a distance beyond float64
	_, _ = m.Threshold(0.1)
	_, err = m.MarshalBinary()
	require.NoError(t, err)
}

// TestFittedStateRoundTrip: a restored model scores bit-for-bit as the
// saved one, gives the same threshold and re-encodes to the same record;
// truncations and single-bit flips are rejected with ErrState or restore
// a working model.
func TestFittedStateRoundTrip(t *testing.T) {
	sim := newDriftSim(102)
	recs, fresh := fittedStates(t)
	for k, b := range recs {
		m, ref := fresh[k](), fresh[k]()
		require.NoError(t, m.UnmarshalBinary(b))
		require.NoError(t, ref.UnmarshalBinary(b))
		b2, err := m.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, b2)
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
			require.ErrorIs(t, fresh[k]().UnmarshalBinary(b[:i]), ErrState, "record %d truncated at %d", k, i)
		}
		for i := 0; i < 8*len(b); i++ {
			bad := append([]byte(nil), b...)
			bad[i/8] ^= 1 << (i % 8)
			r := fresh[k]()
			if err := r.UnmarshalBinary(bad); err != nil {
				require.ErrorIs(t, err, ErrState)
				continue
			}
			exerciseFitted(t, r)
		}
	}
}

// TestFittedStateMatchesFit: a fitted model and its restored copy give the
// same scores and thresholds.
func TestFittedStateMatchesFit(t *testing.T) {
	x := mat.NewDense(6, 2, []float64{1, 2, 2, 1, 3, 3, 0, 1, 2, 2.5, 1.5, 0.5})
	m, err := FitMahalanobis(x, MahalanobisConfig{Estimator: CovEmpirical})
	require.NoError(t, err)
	f, err := FitIsolationForest(x, IForestConfig{Trees: 20, Seed: 1})
	require.NoError(t, err)
	p, err := FitPCA(x, PCAConfig{Components: 1})
	require.NoError(t, err)
	for k, fit := range []fittedModel{m, f, p} {
		b, _ := fit.MarshalBinary()
		r := []fittedModel{&Mahalanobis{}, &IsolationForest{}, &PCA{}}[k]
		require.NoError(t, r.UnmarshalBinary(b))
		for _, v := range [][]float64{{0, 0}, {1.5, 2}, {10, -3}} {
			a, _ := fit.Score(v)
			c, _ := r.Score(v)
			require.Equal(t, math.Float64bits(a), math.Float64bits(c))
		}
		ta, _ := fit.Threshold(0.2)
		tb, _ := r.Threshold(0.2)
		require.Equal(t, ta, tb)
	}
}

func FuzzFittedState(f *testing.F) {
	recs, _ := fittedStates(f)
	for _, b := range recs {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, m := range []fittedModel{&Mahalanobis{}, &PCA{}, &IsolationForest{}} {
			if err := m.UnmarshalBinary(data); err != nil {
				if !errors.Is(err, ErrState) {
					t.Fatalf("error %v does not wrap ErrState", err)
				}
				continue
			}
			exerciseFitted(t, m)
		}
	})
}
