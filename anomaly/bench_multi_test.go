package anomaly

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// benchMultiFitters lists the detectors benchmarked, fitted with their
// defaults (MCD: 500 starts).
var benchMultiFitters = []struct {
	name string
	fit  func(x mat.Matrix) (Detector, error)
}{
	{"mahalanobis-lw", func(x mat.Matrix) (Detector, error) { return FitMahalanobis(x, MahalanobisConfig{}) }},
	{"mahalanobis-mcd", func(x mat.Matrix) (Detector, error) {
		return FitMahalanobis(x, MahalanobisConfig{Estimator: CovMCD})
	}},
	{"pca", func(x mat.Matrix) (Detector, error) { return FitPCA(x, PCAConfig{}) }},
	{"iforest", func(x mat.Matrix) (Detector, error) { return FitIsolationForest(x, IForestConfig{}) }},
}

// BenchmarkMultiScore measures streaming scoring of one vector.
func BenchmarkMultiScore(b *testing.B) {
	for _, d := range []int{8, 32} {
		rng := rand.New(rand.NewPCG(1, uint64(d)))
		x := multiGauss(rng, 1000, d)
		probes := mat.DenseCopyOf(multiGauss(rng, 256, d))
		for _, f := range benchMultiFitters {
			det, err := f.fit(x)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/d=%d", f.name, d), func(b *testing.B) {
				b.ReportAllocs()
				var sink float64
				for i := 0; i < b.N; i++ {
					s, _ := det.Score(probes.RawRowView(i & 255))
					sink += s
				}
				_ = sink
			})
		}
	}
}

// BenchmarkMultiFit measures fitting on 1000 healthy vectors.
func BenchmarkMultiFit(b *testing.B) {
	for _, d := range []int{8, 32} {
		x := multiGauss(rand.New(rand.NewPCG(2, uint64(d))), 1000, d)
		for _, f := range benchMultiFitters {
			b.Run(fmt.Sprintf("%s/n=1000/d=%d", f.name, d), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := f.fit(x); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
