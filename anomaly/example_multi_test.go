package anomaly_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/spindle-pdm/spindle/anomaly"
	"gonum.org/v1/gonum/mat"
)

// healthyFeatures returns n healthy 3-feature vectors (RMS g, crest
// factor, kurtosis) of a machine, correlated through a common load.
func healthyFeatures(n int) *mat.Dense {
	rng := rand.New(rand.NewPCG(1, 2))
	x := mat.NewDense(n, 3, nil)
	for i := 0; i < n; i++ {
		load := rng.NormFloat64()
		x.SetRow(i, []float64{
			0.5 + 0.05*load + 0.01*rng.NormFloat64(),
			3.0 + 0.10*load + 0.05*rng.NormFloat64(),
			3.0 + 0.20*rng.NormFloat64(),
		})
	}
	return x
}

// Fit a Mahalanobis baseline with the Ledoit–Wolf covariance, take the
// alarm threshold for a 0.1 % false-alarm probability from the healthy
// scores, and score new vectors one at a time.
func ExampleFitMahalanobis() {
	m, err := anomaly.FitMahalanobis(healthyFeatures(2000), anomaly.MahalanobisConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	th, _ := m.Threshold(0.001)
	fmt.Printf("threshold %.1f\n", th)
	for _, x := range [][]float64{
		{0.50, 3.0, 3.0}, // typical
		{0.55, 3.1, 3.1}, // higher load: RMS and crest rise together
		{0.50, 3.4, 3.0}, // crest up without RMS: breaks the correlation
	} {
		d, _ := m.Score(x)
		fmt.Printf("%v distance %.1f alarm %v\n", x, d, d > th)
	}
	// Output:
	// threshold 3.9
	// [0.5 3 3] distance 0.0 alarm false
	// [0.55 3.1 3.1] distance 1.1 alarm false
	// [0.5 3.4 3] distance 7.1 alarm true
}

// PCA with Hotelling's T² and the SPE: a vector that breaks the healthy
// correlation shows up in the SPE, not in T².
func ExampleFitPCA() {
	p, err := anomaly.FitPCA(healthyFeatures(2000), anomaly.PCAConfig{Components: 2, PFA: 0.01})
	if err != nil {
		fmt.Println(err)
		return
	}
	t2Lim, speLim := p.Limits()
	t2, spe, _ := p.Statistics([]float64{0.50, 3.4, 3.0})
	fmt.Printf("components %d\n", p.Components())
	fmt.Printf("T² %.1f (limit %.1f), SPE %.1f (limit %.2f)\n", t2, t2Lim, spe, speLim)
	// Output:
	// components 2
	// T² 3.4 (limit 9.2), SPE 6.4 (limit 0.81)
}

// An isolation forest scores in [0, 1]: about 0.5 or less for ordinary
// vectors, towards 1 for vectors isolated in few random splits.
func ExampleFitIsolationForest() {
	f, err := anomaly.FitIsolationForest(healthyFeatures(2000), anomaly.IForestConfig{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	typical, _ := f.Score([]float64{0.50, 3.0, 3.0})
	odd, _ := f.Score([]float64{0.80, 3.0, 6.0})
	fmt.Printf("typical %.2f, odd %.2f\n", typical, odd)
	// Output:
	// typical 0.39, odd 0.68
}

// Persistence turns per-sample threshold crossings into an alarm raised
// after K in a row.
func ExamplePersistence() {
	p := anomaly.Persistence{K: 3}
	for i, over := range []bool{true, false, true, true, true, false} {
		fmt.Println(i, p.Update(over))
	}
	// Output:
	// 0 false
	// 1 false
	// 2 false
	// 3 false
	// 4 true
	// 5 true
}
