package spindlemqtt_test

import (
	"fmt"
	"math"

	spindlemqtt "github.com/spindle-pdm/spindle/examples/mqtt"
)

// A frame's wire form and back.
func ExampleAppendFrame() {
	f := spindlemqtt.Frame{Seq: 3, Start: 3 * 4, Rate: 25600, Samples: []float32{0.5, -0.25, 0, 1}}
	b := spindlemqtt.AppendFrame(nil, &f)
	var g spindlemqtt.Frame
	err := spindlemqtt.DecodeFrame(&g, b)
	fmt.Println(len(b), "bytes:", g.Seq, g.Start, g.Rate, g.Samples, err)
	// Output: 48 bytes: 3 12 25600 [0.5 -0.25 0 1] <nil>
}

// A Monitor without MQTT: a square wave whose amplitude doubles at 2.5 s
// and then grows 5 % per 0.1 s window (β = 0.5/s) raises one alarm, then
// forecasts the time until its RMS is 5 × the baseline (at 2.5 + ln 2.5/0.5
// = 4.33 s).
func ExampleMonitor() {
	m, err := spindlemqtt.NewMonitor("pump7", spindlemqtt.MonitorConfig{
		Rate: 1000, Window: 100, BaselineWindows: 20, ForecastEvery: 5, DegradationTime: 5})
	if err != nil {
		panic(err)
	}
	f := spindlemqtt.Frame{Rate: 1000, Samples: make([]float32, 100)}
	for k := range 40 {
		amp := 1.0
		if k >= 25 {
			amp = 2 * math.Exp(0.05*float64(k-25)) // RMS grows 5 % per window (0.1 s)
		}
		for i := range f.Samples {
			f.Samples[i] = float32(amp * float64(1-2*(i%2)))
		}
		f.Seq, f.Start = uint64(k), uint64(k*100)
		events, err := m.Process(nil, &f)
		if err != nil {
			panic(err)
		}
		for _, e := range events {
			if a := e.Alarm; a != nil {
				fmt.Printf("alarm at %.1f s, health %.1f\n", a.Time, a.Health)
			} else {
				fc := e.Forecast
				fmt.Printf("forecast at %.1f s after %d updates: growth %.2f/s, median RUL %.2f s\n",
					fc.Time, fc.Updates, fc.Beta, *fc.RUL50)
			}
		}
	}
	// Output:
	// alarm at 2.7 s, health 2.2
	// forecast at 3.1 s after 5 updates: growth 0.50/s, median RUL 1.24 s
	// forecast at 3.6 s after 10 updates: growth 0.50/s, median RUL 0.73 s
}
