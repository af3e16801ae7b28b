package features_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/anomaly/alarm"
	"github.com/spindle-pdm/spindle/features"
)

// A gateway loop: an accelerometer stream in g is cut into 1 s windows by
// an Extractor, each window's velocity RMS is rated against the ISO
// 20816-3 zones of a 200 kW pump on a rigid foundation (group 2), and an
// alarm with the zone boundaries as levels, 10 % hysteresis and a 2 s
// minimum duration tells the plant what to do. Nothing allocates per
// window.
func ExampleVelocity_stream() {
	const fs = 10240
	lim, _ := features.ISO20816Limits(features.Group2, features.Rigid)
	level := func(v float64) alarm.Threshold {
		return alarm.Threshold{Set: v, Clear: 0.9 * v, SetDelay: 2}
	}
	al, err := alarm.New(alarm.Config{Advisory: level(lim.AB), Warning: level(lim.BC), Danger: level(lim.CD)})
	if err != nil {
		panic(err)
	}
	vel, err := features.NewVelocity(features.VelocityConfig{SampleRate: fs}, fs)
	if err != nil {
		panic(err)
	}
	ex, err := features.NewExtractor(features.ExtractorConfig{SampleRate: fs, Window: fs})
	if err != nil {
		panic(err)
	}
	emit := func(w *features.Window) {
		v, err := vel.RMS(w.Samples)
		if err != nil {
			return // a bad window; SensorHealth would say why
		}
		z, _ := lim.Zone(v)
		st, _ := al.Update(w.Time, v)
		fmt.Printf("t=%2.0f s  %4.2f mm/s  zone %v  alarm %v\n", w.Time, v, z, st.Shown)
	}
	// The running-speed vibration (24.75 Hz) grows from 0.01 g to 0.13 g.
	chunk := make([]float64, 0, 1000)
	for i := 0; i < 12*fs; i++ {
		t := float64(i) / fs
		chunk = append(chunk, (0.01+0.12*t/12)*math.Sin(2*math.Pi*24.75*t))
		if len(chunk) == cap(chunk) {
			ex.Write(chunk, emit)
			chunk = chunk[:0]
		}
	}
	ex.Write(chunk, emit)
	// Output:
	// t= 0 s  0.67 mm/s  zone A  alarm none
	// t= 1 s  1.12 mm/s  zone A  alarm none
	// t= 2 s  1.56 mm/s  zone B  alarm none
	// t= 3 s  2.01 mm/s  zone B  alarm none
	// t= 4 s  2.46 mm/s  zone B  alarm advisory
	// t= 5 s  2.90 mm/s  zone C  alarm advisory
	// t= 6 s  3.35 mm/s  zone C  alarm advisory
	// t= 7 s  3.79 mm/s  zone C  alarm warning
	// t= 8 s  4.24 mm/s  zone C  alarm warning
	// t= 9 s  4.69 mm/s  zone D  alarm warning
	// t=10 s  5.13 mm/s  zone D  alarm warning
	// t=11 s  5.58 mm/s  zone D  alarm danger
}
