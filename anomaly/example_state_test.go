package anomaly_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/anomaly"
	"gonum.org/v1/gonum/mat"
)

// Each example below builds a detector, feeds it a stretch of a signal,
// saves it with MarshalBinary, restores the bytes into a zero value with
// UnmarshalBinary and feeds the same next samples to both: the printed
// pairs (original / restored) agree to the last bit. The signal is a
// deterministic 20 ± 0.5 oscillation (a bearing temperature in °C, say),
// shifted up by 3 from sample 200 on.

func ExampleCUSUM_MarshalBinary() {
	a, err := anomaly.NewCUSUM(anomaly.CUSUMConfig{Warmup: 50})
	if err != nil {
		panic(err)
	}
	for i := range 198 {
		a.Update(float64(i), 20+0.5*math.Sin(1.3*float64(i)))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.CUSUM
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 198; i < 203; i++ {
		t, x := float64(i), 20+0.5*math.Sin(1.3*float64(i))+3*float64(i/200)
		ra, rb := a.Update(t, x), b.Update(t, x)
		fmt.Printf("%d: S %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// 198: S 0.7344 / 0.7344 alarm false / false
	// 199: S 0.7307 / 0.7307 alarm false / false
	// 200: S 9.6237 / 9.6237 alarm true / true
	// 201: S 7.1976 / 7.1976 alarm true / true
	// 202: S 6.5766 / 6.5766 alarm true / true
}

func ExampleEWMA_MarshalBinary() {
	a, err := anomaly.NewEWMA(anomaly.EWMAConfig{Warmup: 50})
	if err != nil {
		panic(err)
	}
	for i := range 198 {
		a.Update(float64(i), 20+0.5*math.Sin(1.3*float64(i)))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.EWMA
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 198; i < 198+5; i++ {
		t, x := float64(i), 20+0.5*math.Sin(1.3*float64(i))+3*float64(i/200)
		ra, rb := a.Update(t, x), b.Update(t, x)
		fmt.Printf("%d: Z %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// 198: Z 0.6919 / 0.6919 alarm false / false
	// 199: Z 0.1849 / 0.1849 alarm false / false
	// 200: Z 5.7837 / 5.7837 alarm true / true
	// 201: Z 7.6976 / 7.6976 alarm true / true
	// 202: Z 7.0766 / 7.0766 alarm true / true
}

func ExamplePageHinkley_MarshalBinary() {
	a, err := anomaly.NewPageHinkley(anomaly.PageHinkleyConfig{Lambda: 5})
	if err != nil {
		panic(err)
	}
	for i := range 198 {
		a.Update(float64(i), 20+0.5*math.Sin(1.3*float64(i)))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.PageHinkley
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 198; i < 198+5; i++ {
		t, x := float64(i), 20+0.5*math.Sin(1.3*float64(i))+3*float64(i/200)
		ra, rb := a.Update(t, x), b.Update(t, x)
		fmt.Printf("%d: PH %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// 198: PH 2.0596 / 2.0596 alarm false / false
	// 199: PH 1.6184 / 1.6184 alarm false / false
	// 200: PH 3.7869 / 3.7869 alarm false / false
	// 201: PH 6.4945 / 6.4945 alarm true / true
	// 202: PH 0.0000 / 0.0000 alarm false / false
}

func ExampleBOCPD_MarshalBinary() {
	a, err := anomaly.NewBOCPD(anomaly.BOCPDConfig{MaxRunLength: 100, Mu0: 20, Hazard: 0.01})
	if err != nil {
		panic(err)
	}
	for i := range 198 {
		a.Update(float64(i), 20+0.5*math.Sin(1.3*float64(i)))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.BOCPD
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 198; i < 198+5; i++ {
		t, x := float64(i), 20+0.5*math.Sin(1.3*float64(i))+3*float64(i/200)
		ra, rb := a.Update(t, x), b.Update(t, x)
		fmt.Printf("%d: P(change) %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// 198: P(change) 0.0161 / 0.0161 alarm false / false
	// 199: P(change) 0.0181 / 0.0181 alarm false / false
	// 200: P(change) 0.9979 / 0.9979 alarm true / true
	// 201: P(change) 0.9977 / 0.9977 alarm false / false
	// 202: P(change) 0.9936 / 0.9936 alarm false / false
}

func ExampleSPOT_MarshalBinary() {
	a, err := anomaly.NewSPOT(anomaly.SPOTConfig{PFA: 1e-3, Level: 0.9, Calibration: 150, MaxPeaks: 50})
	if err != nil {
		panic(err)
	}
	for i := range 198 {
		a.Update(float64(i), 20+0.5*math.Sin(1.3*float64(i)))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.SPOT
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 198; i < 198+5; i++ {
		t, x := float64(i), 20+0.5*math.Sin(1.3*float64(i))+3*float64(i/200)
		ra, rb := a.Update(t, x), b.Update(t, x)
		fmt.Printf("%d: score %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// 198: score 0.0000 / 0.0000 alarm false / false
	// 199: score 0.0000 / 0.0000 alarm false / false
	// 200: score 57.9233 / 57.9233 alarm true / true
	// 201: score 45.7293 / 45.7293 alarm true / true
	// 202: score 41.2625 / 41.2625 alarm true / true
}

func ExampleThermalDetector_MarshalBinary() {
	a, err := anomaly.NewThermalDetector(anomaly.ThermalConfig{Baseline: 60, Relearn: 20, Short: 6})
	if err != nil {
		panic(err)
	}
	for i := range 798 {
		a.Update(float64(i), 20+0.5*math.Sin(1.3*float64(i)))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.ThermalDetector
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 798; i < 798+5; i++ {
		t, x := float64(i), 20+0.5*math.Sin(1.3*float64(i))+3*float64(i/800)
		ra, rb := a.Update(t, x), b.Update(t, x)
		fmt.Printf("%d: score %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// 798: score 0.0825 / 0.0825 alarm false / false
	// 799: score 0.1038 / 0.1038 alarm false / false
	// 800: score 0.6782 / 0.6782 alarm false / false
	// 801: score 0.5778 / 0.5778 alarm false / false
	// 802: score 0.6459 / 0.6459 alarm false / false
}

func ExampleKPIDetector_MarshalBinary() {
	cfg := anomaly.DefaultKPIConfig()
	cfg.Warmup, cfg.Rest = 50, 20
	a, err := anomaly.NewKPIDetector(cfg)
	if err != nil {
		panic(err)
	}
	for i := range 198 {
		a.Update(float64(i), 20+0.5*math.Sin(1.3*float64(i)))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.KPIDetector
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 198; i < 203; i++ {
		t, x := float64(i), 20+0.5*math.Sin(1.3*float64(i))+3*float64(i/200)
		ra, rb := a.Update(t, x), b.Update(t, x)
		fmt.Printf("%d: score %.4f / %.4f alarm %v / %v\n", i, ra.Score, rb.Score, ra.Alarm, rb.Alarm)
	}
	// Output:
	// 198: score 0.0000 / 0.0000 alarm false / false
	// 199: score 0.0000 / 0.0000 alarm false / false
	// 200: score 1.0000 / 1.0000 alarm true / true
	// 201: score 0.0000 / 0.0000 alarm false / false
	// 202: score 0.0000 / 0.0000 alarm false / false
}

func ExampleSensorHealth_MarshalBinary() {
	// One sample a second; a spike (and the jump back), a late sample and a
	// stuck value follow the save.
	a, err := anomaly.NewSensorHealth(anomaly.SensorHealthConfig{Nominal: 1, Tolerance: 0.1, SpikeZ: 6, SpikeWindow: 16, FlatRun: 3})
	if err != nil {
		panic(err)
	}
	for i := range 100 {
		a.Update(float64(i), 20+0.5*math.Sin(1.3*float64(i)))
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.SensorHealth
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	next := [][2]float64{{100, 20.1}, {101, 40}, {103, 20.2}, {104, 20.2}, {105, 20.2}}
	for _, s := range next {
		fa, fb := a.Update(s[0], s[1]), b.Update(s[0], s[1])
		fmt.Printf("t=%.0f x=%.1f: %v / %v\n", s[0], s[1], fa, fb)
	}
	// Output:
	// t=100 x=20.1: ok / ok
	// t=101 x=40.0: spike / spike
	// t=103 x=20.2: spike|irregular / spike|irregular
	// t=104 x=20.2: ok / ok
	// t=105 x=20.2: flatline / flatline
}

func ExamplePersistence_MarshalBinary() {
	a := &anomaly.Persistence{K: 3} // three alarms in a row raise it
	a.Update(true)
	a.Update(true)
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.Persistence
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for _, alarm := range []bool{true, false, true} {
		fmt.Printf("alarm %v: raised %v / %v\n", alarm, a.Update(alarm), b.Update(alarm))
	}
	// Output:
	// alarm true: raised true / true
	// alarm false: raised true / true
	// alarm true: raised true / true
}

func ExampleRigMonitor_MarshalBinary() {
	// Three bearings; bearing 2 grows 30 % louder after the save.
	a, err := anomaly.NewRigMonitor(3, anomaly.RigMonitorConfig{Skip: 5, Baseline: 100, Smooth: 4, K: 2})
	if err != nil {
		panic(err)
	}
	level := func(i, j int) float64 { return 1 + 0.05*math.Sin(1.3*float64(i)+float64(j)) }
	var sa, sb []anomaly.RigScore
	for i := range 120 {
		sa, _ = a.Update(sa, []float64{level(i, 0), level(i, 1), level(i, 2)})
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.RigMonitor
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for i := 120; i < 124; i++ {
		lv := []float64{level(i, 0), level(i, 1), 1.3 * level(i, 2)}
		sa, _ = a.Update(sa, lv)
		sb, _ = b.Update(sb, lv)
		fmt.Printf("%d: bearing 2 z %.4f / %.4f alarm %v / %v\n", i, sa[2].Z, sb[2].Z, sa[2].Alarm, sb[2].Alarm)
	}
	// Output:
	// 120: bearing 2 z -0.4888 / -0.4888 alarm false / false
	// 121: bearing 2 z 6.8553 / 6.8553 alarm false / false
	// 122: bearing 2 z 10.9710 / 10.9710 alarm true / true
	// 123: bearing 2 z 11.3007 / 11.3007 alarm true / true
}

// healthyRows returns 40 deterministic two-feature rows (RMS in g and
// kurtosis) of a healthy machine, for the fitted-model examples.
func healthyRows() *mat.Dense {
	x := mat.NewDense(40, 2, nil)
	for i := range 40 {
		x.Set(i, 0, 1+0.1*math.Sin(1.3*float64(i)))
		x.Set(i, 1, 3+0.2*math.Cos(0.7*float64(i))+0.05*math.Sin(2.9*float64(i)))
	}
	return x
}

func ExampleMahalanobis_MarshalBinary() {
	a, err := anomaly.FitMahalanobis(healthyRows(), anomaly.MahalanobisConfig{})
	if err != nil {
		panic(err)
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.Mahalanobis
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for _, v := range [][]float64{{1, 3}, {1.1, 3.2}, {1.5, 4.5}} {
		sa, _ := a.Score(v)
		sb, _ := b.Score(v)
		fmt.Printf("%v: score %.4f / %.4f\n", v, sa, sb)
	}
	// Output:
	// [1 3]: score 0.0480 / 0.0480
	// [1.1 3.2]: score 1.8461 / 1.8461
	// [1.5 4.5]: score 12.1466 / 12.1466
}

func ExamplePCA_MarshalBinary() {
	a, err := anomaly.FitPCA(healthyRows(), anomaly.PCAConfig{Components: 1})
	if err != nil {
		panic(err)
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.PCA
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for _, v := range [][]float64{{1, 3}, {1.1, 3.2}, {1.5, 4.5}} {
		sa, _ := a.Score(v)
		sb, _ := b.Score(v)
		fmt.Printf("%v: score %.4f / %.4f\n", v, sa, sb)
	}
	// Output:
	// [1 3]: score 0.0002 / 0.0002
	// [1.1 3.2]: score 0.4658 / 0.4658
	// [1.5 4.5]: score 18.6779 / 18.6779
}

func ExampleIsolationForest_MarshalBinary() {
	a, err := anomaly.FitIsolationForest(healthyRows(), anomaly.IForestConfig{Trees: 50, Seed: 1})
	if err != nil {
		panic(err)
	}
	state, err := a.MarshalBinary()
	if err != nil {
		panic(err)
	}
	var b anomaly.IsolationForest
	if err := b.UnmarshalBinary(state); err != nil {
		panic(err)
	}
	for _, v := range [][]float64{{1, 3}, {1.1, 3.2}, {1.5, 4.5}} {
		sa, _ := a.Score(v)
		sb, _ := b.Score(v)
		fmt.Printf("%v: score %.4f / %.4f\n", v, sa, sb)
	}
	// Output:
	// [1 3]: score 0.4884 / 0.4884
	// [1.1 3.2]: score 0.5621 / 0.5621
	// [1.5 4.5]: score 0.5971 / 0.5971
}
