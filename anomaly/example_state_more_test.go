package anomaly_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/anomaly"
)

// A trend detector saved mid-stream and restored carries on as the
// original: the same Mann–Kendall scores on the rising part.
func ExampleTrend_MarshalBinary() {
	a, _ := anomaly.NewTrend(anomaly.TrendConfig{Window: 20})
	x := func(i int) float64 { return math.Sin(float64(i)) + 0.05*math.Max(0, float64(i-40)) }
	for i := 0; i < 40; i++ {
		a.Update(float64(i), x(i))
	}
	state, _ := a.MarshalBinary()
	var b anomaly.Trend
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 40; i < 70; i += 10 {
		ra, rb := a.Update(float64(i), x(i)), b.Update(float64(i), x(i))
		fmt.Printf("t=%d score %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// t=40 score 0.3569 / 0.3569 alarm false / false
	// t=50 score 0.8111 / 0.8111 alarm false / false
	// t=60 score 1.0707 / 1.0707 alarm false / false
}

// A covariate compensator (power explained by flow) saved after learning
// and restored gives the same residuals.
func ExampleCovariateCompensator_MarshalBinary() {
	a, _ := anomaly.NewCovariateCompensator(anomaly.CovariateConfig{Covariates: 1})
	power := func(i int) (float64, []float64) {
		flow := 30 + 10*math.Sin(float64(i)/20)
		return 200 + 5*flow + math.Cos(float64(i)), []float64{flow}
	}
	for i := 0; i < 300; i++ {
		a.Update(power(i))
	}
	state, _ := a.MarshalBinary()
	var b anomaly.CovariateCompensator
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 300; i < 303; i++ {
		p, c := power(i)
		ra, _ := a.Update(p, c)
		rb, _ := b.Update(p, c)
		fmt.Printf("residual %.4f / %.4f\n", ra, rb)
	}
	fmt.Printf("coefficients %.3f\n", b.Coefficients(nil))
	// Output:
	// residual -0.0188 / -0.0188
	// residual 0.8326 / 0.8326
	// residual 0.9174 / 0.9174
	// coefficients [199.999 5.000]
}

// A compensated CUSUM restores into a Compensated whose Detector is a
// zero CUSUM: the compensator's and the detector's states both come back.
func ExampleCompensated_MarshalBinary() {
	comp, _ := anomaly.NewCovariateCompensator(anomaly.CovariateConfig{Covariates: 1, LearnSamples: 200})
	det, _ := anomaly.NewCUSUM(anomaly.CUSUMConfig{})
	a := &anomaly.Compensated{Comp: comp, Detector: det}
	x := func(i int) (float64, []float64) {
		load := 1 + 0.5*math.Sin(float64(i)/15)
		step := 0.0
		if i >= 300 {
			step = 0.5
		}
		return 40 + 8*load + 0.2*math.Cos(float64(i)*1.3) + step, []float64{load}
	}
	for i := 0; i < 290; i++ {
		v, c := x(i)
		a.Update(float64(i), v, c)
	}
	state, _ := a.MarshalBinary()
	b := &anomaly.Compensated{Detector: &anomaly.CUSUM{}}
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 290; i < 320; i += 6 {
		v, c := x(i)
		ra, rb := a.Update(float64(i), v, c), b.Update(float64(i), v, c)
		fmt.Printf("t=%d score %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// t=290 score 0.8586 / 0.8586 alarm false / false
	// t=296 score 0.4223 / 0.4223 alarm false / false
	// t=302 score 1.9609 / 1.9609 alarm false / false
	// t=308 score 4.6401 / 4.6401 alarm false / false
	// t=314 score 8.8513 / 8.8513 alarm true / true
}
