package rul

import (
	"math/rand/v2"
	"testing"
)

// benchUpdate times m.Update with one observation value a time unit apart.
func benchUpdate(b *testing.B, m interface{ Update(t, value float64) error }, value float64) {
	b.ReportAllocs()
	t := 0.0
	for i := 0; i < b.N; i++ {
		t++
		_ = m.Update(t, value)
	}
}

// benchPredict times m.Predict to threshold after the observations value at
// times t.
func benchPredict(b *testing.B, m thresholdModel, t, value []float64, threshold float64) {
	_ = m.UpdateBatch(t, value)
	d := &Distribution{}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = m.Predict(d, threshold)
	}
}

func BenchmarkExponentialUpdate(b *testing.B) {
	m, _ := NewExponentialModel(testExpPrior, SamplingConfig{})
	benchUpdate(b, m, 1.5)
}

func BenchmarkExponentialPredict2000(b *testing.B) {
	m, _ := NewExponentialModel(testExpPrior, SamplingConfig{Samples: 2000})
	benchPredict(b, m, []float64{1, 2, 3}, []float64{1.5, 1.52, 1.55}, 5)
}

func BenchmarkLinearUpdate(b *testing.B) {
	m, _ := NewLinearModel(testLinPrior, SamplingConfig{})
	benchUpdate(b, m, 0.6)
}

func BenchmarkLinearPredict2000(b *testing.B) {
	m, _ := NewLinearModel(testLinPrior, SamplingConfig{Samples: 2000})
	benchPredict(b, m, []float64{1, 2, 3}, []float64{0.51, 0.52, 0.53}, 2)
}

func benchSimilarity(b *testing.B) (*SimilarityModel, History) {
	rng := rand.New(rand.NewPCG(1, 2))
	lib := simLibrary(rng, 100)
	m, _ := NewSimilarityModel(lib, SimilarityConfig{K: 10, MaxShift: 10, ShiftStep: 2})
	h, _ := simExponential(rng, testExpPrior, 5, 1)
	return m, h
}

// BenchmarkSimilarityUpdate: 100 library histories × 11 clock offsets.
func BenchmarkSimilarityUpdate(b *testing.B) {
	m, h := benchSimilarity(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(h.Time)
		if k == 0 {
			m.Reset()
		}
		_ = m.Update(h.Time[k], h.Value[k])
	}
}

func BenchmarkSimilarityPredict(b *testing.B) {
	m, h := benchSimilarity(b)
	_ = m.UpdateBatch(h.Time[:len(h.Time)/2], h.Value[:len(h.Time)/2])
	d := &Distribution{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, _ = m.Predict(d)
	}
}

func BenchmarkWeibullObserve(b *testing.B) {
	times := make([]float64, 100)
	failed := make([]bool, 100)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range times {
		times[i] = 100 + 900*rng.Float64()
		failed[i] = i%3 != 0
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m, _ := FitWeibull(times, failed)
		_ = m.Observe(500, true)
	}
}

func BenchmarkWeibullPredict(b *testing.B) {
	m, _ := FitWeibull([]float64{100, 150, 210, 90}, []bool{true, true, true, false})
	d := &Distribution{}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_, _ = m.Predict(d, 120)
		_ = d.Median()
	}
}
