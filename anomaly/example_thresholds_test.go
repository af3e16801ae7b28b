package anomaly_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/spindle-pdm/spindle/anomaly"
	"gonum.org/v1/gonum/mat"
)

// A data-centre inlet temperature, one sample every 5 minutes for 5 days,
// with a daily cycle of ±0.3 °C; a cooling fault lifts it by 4 °C at sample 1200 (day
// 4 and 4 h). The detector learns its baseline and its two thresholds from
// the data: no σ to tune.
func ExampleThermalDetector() {
	d, err := anomaly.NewThermalDetector(anomaly.ThermalConfig{}) // the defaults
	if err != nil {
		panic(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	const perDay = 288
	for i := 0; i < 5*perDay; i++ {
		x := 22 + 0.3*math.Sin(2*math.Pi*float64(i)/perDay) + 0.1*r.NormFloat64()
		if i >= 1200 {
			x += 4
		}
		res := d.Update(float64(i)*300, x)
		if res.Alarm {
			level, spike := d.Scores()
			fmt.Printf("alarm at sample %d (%.1f h after the fault): level z %.0f, spike z %.0f\n",
				i, float64(i-1200)/12, level, spike)
		}
	}
	// Output:
	// alarm at sample 1200 (0.0 h after the fault): level z 1, spike z 15
}

// HealthyEVT sets an alarm level rarer than the healthy history can show:
// with 2000 healthy values a 1-in-100 000 level lies beyond the largest, so
// the empirical quantile cannot give it (HealthyQuantile refuses), while a
// generalised Pareto fit of the upper tail extrapolates it.
func ExampleHealthyEVT() {
	r := rand.New(rand.NewPCG(5, 6))
	healthy := make([]float64, 2000) // e.g. RMS² per snapshot of a healthy bearing
	largest := 0.0
	for i := range healthy {
		healthy[i] = 1 + 0.05*r.ExpFloat64()
		largest = math.Max(largest, healthy[i])
	}
	_, err := anomaly.HealthyQuantile(healthy, 1e-5)
	fmt.Println("empirical quantile:", err != nil)
	level, err := anomaly.HealthyEVT(healthy, 1e-5)
	if err != nil {
		panic(err)
	}
	// For this exponential tail the exact level is 1 + 0.05·ln(10⁵) = 1.576.
	fmt.Printf("largest healthy value %.3f, EVT alarm level %.3f (exact 1.576)\n", largest, level)
	// Output:
	// empirical quantile: true
	// largest healthy value 1.428, EVT alarm level 1.497 (exact 1.576)
}

// With a few healthy windows, Mahalanobis.Threshold(0.001) cannot be read
// from the training distances; score a held-out healthy set and take the
// EVT level instead. Three features of a pump (RMS, kurtosis, temperature),
// 400 healthy windows: 200 fit the baseline, 200 set the alarm level.
func ExampleMahalanobis_healthyEVT() {
	r := rand.New(rand.NewPCG(7, 8))
	window := func(shift float64) []float64 {
		rms := 0.5 + 0.05*r.NormFloat64()
		return []float64{rms, 3 + 0.2*r.NormFloat64(), 40 + 20*rms + 0.3*r.NormFloat64() + shift}
	}
	fit := mat.NewDense(200, 3, nil)
	for i := 0; i < 200; i++ {
		fit.SetRow(i, window(0))
	}
	// The features have different units, so use the plain sample
	// covariance (Ledoit–Wolf assumes comparable scales).
	m, err := anomaly.FitMahalanobis(fit, anomaly.MahalanobisConfig{Estimator: anomaly.CovEmpirical})
	if err != nil {
		panic(err)
	}
	_, err = m.Threshold(0.001)
	fmt.Println("Threshold(0.001) from 200 windows:", err != nil)

	held := make([]float64, 200)
	for i := range held {
		if held[i], err = m.Score(window(0)); err != nil {
			panic(err)
		}
	}
	level, err := anomaly.HealthyEVT(held, 0.001)
	if err != nil {
		panic(err)
	}
	fmt.Printf("alarm level (EVT, 1 false alarm in 1000 windows): distance %.2f\n", level)
	// A window 3 °C hotter than its RMS explains: the temperature no longer
	// follows the vibration.
	d, _ := m.Score(window(3))
	fmt.Printf("hot window: distance %.1f, alarm %v\n", d, d > level)
	// Output:
	// Threshold(0.001) from 200 windows: true
	// alarm level (EVT, 1 false alarm in 1000 windows): distance 4.41
	// hot window: distance 11.5, alarm true
}
