package anomaly

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"sync"
	"testing"

	"github.com/spindle-pdm/spindle/internal/stats"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// multiGoldenCase is one case of testdata/multi_golden.json (made by
// testdata/gen_multi_golden.py).
type multiGoldenCase struct {
	Name        string    `json:"name"`
	N           int       `json:"n"`
	D           int       `json:"d"`
	X           []float64 `json:"x"`
	Probes      []float64 `json:"probes"`
	Cov         []float64 `json:"cov"`
	Dist        []float64 `json:"dist"`
	Shrinkage   float64   `json:"shrinkage"`
	Variance    float64   `json:"variance"`
	Components  int       `json:"components"`
	Alpha       float64   `json:"alpha"`
	Unscaled    bool      `json:"unscaled"`
	Eigenvalues []float64 `json:"eigenvalues"`
	T2          []float64 `json:"t2"`
	SPE         []float64 `json:"spe"`
	T2Limit     float64   `json:"t2limit"`
	SPELimit    float64   `json:"spelimit"`
}

type multiGolden struct {
	Mahalanobis []multiGoldenCase `json:"mahalanobis"`
	LedoitWolf  []multiGoldenCase `json:"ledoitwolf"`
	PCA         []multiGoldenCase `json:"pca"`
}

func loadMultiGolden(t *testing.T) multiGolden {
	t.Helper()
	b, err := os.ReadFile("testdata/multi_golden.json")
	require.NoError(t, err)
	var g multiGolden
	require.NoError(t, json.Unmarshal(b, &g))
	require.NotEmpty(t, g.Mahalanobis)
	require.NotEmpty(t, g.LedoitWolf)
	require.NotEmpty(t, g.PCA)
	return g
}

func (c multiGoldenCase) matrix() *mat.Dense { return mat.NewDense(c.N, c.D, c.X) }

func (c multiGoldenCase) probe(i int) []float64 { return c.Probes[i*c.D : (i+1)*c.D] }

func (c multiGoldenCase) probes() int { return len(c.Probes) / c.D }

// multiGauss returns n samples (n×d) of a correlated Gaussian x = A·z + b
// with a fixed random A and b, and A for reference.
func multiGauss(rng *rand.Rand, n, d int) *mat.Dense {
	a := make([]float64, d*d)
	for i := range a {
		a[i] = rng.NormFloat64()
	}
	for i := 0; i < d; i++ {
		a[i*d+i] += 2
	}
	x := mat.NewDense(n, d, nil)
	z := make([]float64, d)
	for i := 0; i < n; i++ {
		for j := range z {
			z[j] = rng.NormFloat64()
		}
		for j := 0; j < d; j++ {
			var s float64
			for k := 0; k < d; k++ {
				s += a[j*d+k] * z[k]
			}
			x.Set(i, j, s+float64(j))
		}
	}
	return x
}

func multiRel(t *testing.T, want, got, tol float64, msg string, args ...any) {
	t.Helper()
	assert.InDelta(t, want, got, tol*math.Max(1, math.Abs(want)), append([]any{msg}, args...)...)
}

func TestRowsDense(t *testing.T) {
	m, err := RowsDense([][]float64{{1, 2}, {3, 4}, {5, 6}})
	require.NoError(t, err)
	r, c := m.Dims()
	assert.Equal(t, [2]int{3, 2}, [2]int{r, c})
	assert.Equal(t, 4.0, m.At(1, 1))
	_, err = RowsDense([][]float64{{1, 2}, {3}})
	assert.ErrorContains(t, err, "row 1 has 1 features")
	_, err = RowsDense(nil)
	assert.Error(t, err)
}

func TestHealthyQuantile(t *testing.T) {
	s := make([]float64, 100)
	for i := range s {
		s[i] = float64(100 - i) // 100 … 1, unsorted
	}
	q, err := HealthyQuantile(s, 0.1)
	require.NoError(t, err)
	assert.InDelta(t, 90.1, q, 1e-12) // numpy.quantile(1..100, 0.9)
	q, err = HealthyQuantile(s, 0.01)
	require.NoError(t, err)
	assert.InDelta(t, 99.01, q, 1e-12)
	assert.Equal(t, 100.0, s[0], "input not modified")
	_, err = HealthyQuantile(s, 0.001)
	assert.ErrorContains(t, err, "below 1/n")
	_, err = HealthyQuantile(s, 0)
	assert.Error(t, err)
	_, err = HealthyQuantile([]float64{1, math.NaN()}, 0.5)
	assert.ErrorContains(t, err, "score 1 is NaN")
}

func TestHealthyEVT(t *testing.T) {
	// The GPD extrapolation 10–100× beyond the data is noisy from sample
	// to sample: the median over 9 samples must be close, each within 35 %.
	for _, pfa := range []float64{1e-3, 1e-4, 1e-5} {
		var zs []float64
		for seed := uint64(1); seed <= 9; seed++ {
			rng := rand.New(rand.NewPCG(seed, 2))
			s := make([]float64, 5000)
			for i := range s {
				s[i] = rng.ExpFloat64()
			}
			z, err := HealthyEVT(s, pfa)
			require.NoError(t, err)
			multiRel(t, -math.Log(pfa), z, 0.35, "Exp(1) quantile at pfa %g, seed %d", pfa, seed)
			zs = append(zs, z)
		}
		multiRel(t, -math.Log(pfa), stats.MedianInPlace(zs), 0.08, "median Exp(1) quantile at pfa %g", pfa)
	}
	s := make([]float64, 100)
	for i := range s {
		s[i] = float64(i % 17)
	}
	_, err := HealthyEVT(s[:40], 1e-3)
	assert.ErrorContains(t, err, "need at least 50")
	_, err = HealthyEVT(s, 0.2)
	assert.ErrorContains(t, err, "pfa")
}

func TestPersistence(t *testing.T) {
	p := Persistence{K: 3}
	var got []bool
	for _, a := range []bool{true, true, false, true, true, true, false} {
		got = append(got, p.Update(a))
	}
	assert.Equal(t, []bool{false, false, false, false, false, true, true}, got)
	p.Reset()
	assert.False(t, p.Update(false))
	var z Persistence
	assert.True(t, z.Update(true))
}

// multiDetectors fits the three detectors (and Mahalanobis with MCD) on x.
func multiDetectors(t testing.TB, x mat.Matrix) map[string]Detector {
	lw, err := FitMahalanobis(x, MahalanobisConfig{})
	require.NoError(t, err)
	mcd, err := FitMahalanobis(x, MahalanobisConfig{Estimator: CovMCD, MCD: MCDConfig{Starts: 50}})
	require.NoError(t, err)
	p, err := FitPCA(x, PCAConfig{})
	require.NoError(t, err)
	f, err := FitIsolationForest(x, IForestConfig{})
	require.NoError(t, err)
	return map[string]Detector{"mahalanobis-lw": lw, "mahalanobis-mcd": mcd, "pca": p, "iforest": f}
}

func TestDetectorsZeroAllocConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := multiGauss(rng, 400, 8)
	probes := mat.DenseCopyOf(multiGauss(rng, 64, 8))
	for name, det := range multiDetectors(t, x) {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, 8, det.Dim())
			want := make([]float64, 64)
			for i := range want {
				s, err := det.Score(probes.RawRowView(i))
				require.NoError(t, err)
				want[i] = s
			}
			row := probes.RawRowView(5)
			allocs := testing.AllocsPerRun(100, func() { _, _ = det.Score(row) })
			assert.Zero(t, allocs, "allocations per Score")
			var wg sync.WaitGroup
			errs := make([]int, 8)
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					for r := 0; r < 50; r++ {
						for i := range want {
							if s, err := det.Score(probes.RawRowView(i)); err != nil || s != want[i] {
								errs[g]++
							}
						}
					}
				}(g)
			}
			wg.Wait()
			assert.Equal(t, make([]int, 8), errs, "concurrent scores differ from serial ones")
			th, err := det.Threshold(0.05)
			require.NoError(t, err)
			assert.Greater(t, th, 0.0)
		})
	}
}

// Dimensions above the 64-element stack buffer take the recomputing path:
// same scores, still no allocation.
func TestDetectorsHighDimension(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	x := multiGauss(rng, 300, 70)
	probe := multiGauss(rng, 1, 70).RawRowView(0)
	m, err := FitMahalanobis(x, MahalanobisConfig{})
	require.NoError(t, err)
	p, err := FitPCA(x, PCAConfig{})
	require.NoError(t, err)
	for _, det := range []Detector{m, p} {
		assert.Zero(t, testing.AllocsPerRun(20, func() { _, _ = det.Score(probe) }))
	}
	// Reference: the plain formulas.
	d2 := mahal2(m.w, m.mean, probe, 70)
	var want float64
	for i := 0; i < 70; i++ {
		var z float64
		for j := 0; j <= i; j++ {
			z += m.w[i*70+j] * (probe[j] - m.mean[j])
		}
		want += z * z
	}
	multiRel(t, want, d2, 1e-12, "mahal2 for d > 64")
	t2, spe := p.stats(probe)
	z := make([]float64, 70)
	for j := range z {
		z[j] = (probe[j] - p.mean[j]) * p.invStd[j]
	}
	wt2, wspe := p.statsZ(z)
	multiRel(t, wt2, t2, 1e-10, "T² for d > 64")
	multiRel(t, wspe, spe, 1e-10, "SPE for d > 64")
}

func TestDetectorsBadInput(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x := multiGauss(rng, 100, 3)
	bad := mat.DenseCopyOf(x)
	bad.Set(17, 2, math.NaN())
	_, err := FitMahalanobis(bad, MahalanobisConfig{})
	assert.ErrorContains(t, err, "sample 17 feature 2 is NaN")
	_, err = FitPCA(bad, PCAConfig{})
	assert.ErrorContains(t, err, "sample 17 feature 2 is NaN")
	bad.Set(17, 2, math.Inf(1))
	_, err = FitIsolationForest(bad, IForestConfig{})
	assert.ErrorContains(t, err, "sample 17 feature 2 is +Inf")

	few := x.Slice(0, 3, 0, 3)
	_, err = FitMahalanobis(few, MahalanobisConfig{Estimator: CovEmpirical})
	assert.ErrorContains(t, err, "need at least 4")
	_, err = FitMahalanobis(few, MahalanobisConfig{Estimator: CovMCD})
	assert.ErrorContains(t, err, "need at least 4")
	_, err = FitMahalanobis(x.Slice(0, 1, 0, 3), MahalanobisConfig{})
	assert.ErrorContains(t, err, "need at least 2")
	lw, err := FitMahalanobis(few, MahalanobisConfig{}) // n ≤ d: regularised by shrinkage
	require.NoError(t, err)
	d, err := lw.Score([]float64{0, 0, 0})
	require.NoError(t, err)
	assert.False(t, math.IsNaN(d) || math.IsInf(d, 0))
	_, err = FitPCA(few, PCAConfig{})
	assert.ErrorContains(t, err, "need at least 4")

	for name, det := range multiDetectors(t, x) {
		_, err := det.Score([]float64{0, math.NaN(), 0})
		assert.ErrorContains(t, err, "feature 1 is NaN", name)
		assert.Panics(t, func() { _, _ = det.Score([]float64{1, 2}) }, name)
	}
}
