package anomaly_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/spindle-pdm/spindle/anomaly"
)

// bearingTemp returns a bearing temperature in °C sampled every 10 min:
// 45 °C with 0.2 °C noise, 1.5 °C hotter from sample 300 on.
func bearingTemp() []float64 {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 500)
	for i := range x {
		x[i] = 45 + 0.2*r.NormFloat64()
		if i >= 300 {
			x[i] += 1.5
		}
	}
	return x
}

func ExampleCUSUM() {
	cfg := anomaly.DefaultCUSUMConfig() // K = 0.5σ, H = 5σ, μ and σ from 50 samples
	c, err := anomaly.NewCUSUM(cfg)
	if err != nil {
		panic(err)
	}
	for i, x := range bearingTemp() {
		if r := c.Update(float64(i)*600, x); r.Alarm {
			fmt.Printf("shift found at sample %d (S⁺ crossed %.0fσ)\n", i, cfg.H)
			break
		}
	}
	// Output:
	// shift found at sample 300 (S⁺ crossed 5σ)
}

func ExampleBOCPD() {
	b, err := anomaly.NewBOCPD(anomaly.DefaultBOCPDConfig())
	if err != nil {
		panic(err)
	}
	for i, x := range bearingTemp() {
		z := (x - 45) / 0.2 // the model's prior is for standardised data
		if r := b.Update(float64(i), z); r.Alarm {
			fmt.Printf("change at sample %d, P(run length ≤ 5) = %.2f\n", i, r.Score)
		}
	}
	fmt.Println("samples since the last change:", b.RunLength())
	// Output:
	// change at sample 300, P(run length ≤ 5) = 0.99
	// samples since the last change: 200
}

func ExampleMannKendall() {
	x := []float64{3.1, 3.0, 3.4, 3.3, 3.6, 3.5, 3.9, 4.2, 4.0, 4.4}
	r, err := anomaly.MannKendall(x)
	if err != nil {
		panic(err)
	}
	t := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9} // days
	ts, _ := anomaly.TheilSen(t, x)
	fmt.Printf("S = %d, Z = %.3f, p = %.4f, slope %.3f per day\n", r.S, r.Z, r.P, ts.Slope)
	// Output:
	// S = 37, Z = 3.220, p = 0.0013, slope 0.150 per day
}

func ExampleSPOT() {
	r := rand.New(rand.NewPCG(3, 4))
	cfg := anomaly.SPOTConfig{PFA: 1e-3, Level: 0.98, Calibration: 5000, MaxPeaks: 500}
	s, err := anomaly.NewSPOT(cfg)
	if err != nil {
		panic(err)
	}
	calib := make([]float64, 5000)
	for i := range calib {
		calib[i] = r.ExpFloat64() // Exp(1): the exact 0.999-quantile is ln 1000 ≈ 6.91
	}
	if err := s.Init(calib); err != nil {
		panic(err)
	}
	z, _ := s.Threshold()
	fmt.Printf("z_q = %.1f\n", z)
	fmt.Println("alarm on 12:", s.Update(0, 12).Alarm)
	// Output:
	// z_q = 6.7
	// alarm on 12: true
}

func ExampleSensorHealth() {
	h, err := anomaly.NewSensorHealth(anomaly.DefaultSensorHealthConfig(0.001)) // 1 kHz
	if err != nil {
		panic(err)
	}
	for i := 0; i < 2000; i++ {
		x := 1.5 * math.Sin(2*math.Pi*float64(i)/40)
		x = math.Max(-1, math.Min(1, x)) // the amplifier saturates at ±1 g
		h.Update(float64(i)*0.001, x)
	}
	rep := h.Report()
	fmt.Printf("healthy %v: %d of %d samples clipped\n", rep.Healthy(), rep.Clipped, rep.Samples)
	// Output:
	// healthy false: 900 of 2000 samples clipped
}

func ExampleCovariateCompensator() {
	c, err := anomaly.NewCovariateCompensator(anomaly.CovariateConfig{Covariates: 1, Forgetting: 1, Delta: 1e4})
	if err != nil {
		panic(err)
	}
	amb := []float64{0}
	var e float64
	for i := 0; i < 300; i++ {
		amb[0] = 20 + 5*math.Sin(float64(i)/20) // ambient, °C
		e, _ = c.Update(30+0.9*amb[0], amb)     // bearing follows ambient
	}
	th := c.Coefficients(nil)
	fmt.Printf("bearing ≈ %.2f + %.2f·ambient, residual %.3f\n", th[0], th[1], math.Abs(e))
	// Output:
	// bearing ≈ 30.00 + 0.90·ambient, residual 0.000
}
