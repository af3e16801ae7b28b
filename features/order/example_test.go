package order_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features/order"
)

// A shaft accelerating from 10 to 20 Hz over 4 s, at 5 kHz, with a
// two-pulse-per-revolution tachometer and an order-3.5 vibration.
func runup() (vib, tacho []float64, rate float64) {
	rate = 5000
	n := int(4 * rate)
	vib, tacho = make([]float64, n), make([]float64, n)
	for i := range n {
		t := float64(i) / rate
		rev := 10*t + 1.25*t*t // speed 10 + 2.5·t Hz
		if _, f := math.Modf(rev * 2); f < 0.5 {
			tacho[i] = 5
		}
		vib[i] = math.Sin(2*math.Pi*3.5*rev) + 0.5*math.Sin(2*math.Pi*rev)
	}
	return vib, tacho, rate
}

func ExampleSpeedFromTacho() {
	_, tacho, rate := runup()
	s, err := order.SpeedFromTacho(tacho, rate, order.TachoConfig{PulsesPerRev: 2, Smoothing: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	rpm := s.Speed.RPM(nil)
	fmt.Printf("%d pulses, %d missing\n", len(s.Pulses), s.Missing)
	fmt.Printf("first %.0f rpm, last %.0f rpm\n", rpm[0], rpm[len(rpm)-1])
	fmt.Printf("speed at 2 s: %.2f Hz\n", s.Angle.SpeedAt(2))
	// Output:
	// 119 pulses, 0 missing
	// first 612 rpm, last 1200 rpm
	// speed at 2 s: 14.97 Hz
}

func ExampleOrderSpectrumOf() {
	vib, tacho, rate := runup()
	s, err := order.SpeedFromTacho(tacho, rate, order.TachoConfig{PulsesPerRev: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := order.ResampleToAngle(vib, s.Angle, order.ResamplerConfig{SampleRate: rate, SamplesPerRev: 32, MinSpeedHz: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	spec, err := order.OrderSpectrumOf(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	o, amp := spec.Peak(2, 6)
	fmt.Printf("%.0f revolutions; peak at order %.2f, amplitude %.1f\n", a.Revolutions(), o, amp)
	// Output:
	// 60 revolutions; peak at order 3.50, amplitude 1.0
}

func ExampleResampler() {
	r, err := order.NewResampler(order.ResamplerConfig{SampleRate: 1000, SamplesPerRev: 64, MinSpeedHz: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	x, rev := make([]float64, 100), make([]float64, 100)
	var out []float64
	total := 0
	for block := range 10 { // 1 s at 10 Hz, in blocks of 0.1 s
		for i := range x {
			rev[i] = 10 * float64(block*100+i) / 1000
		}
		if out, err = r.Push(out, x, rev); err != nil {
			fmt.Println(err)
			return
		}
		total += len(out)
	}
	total += len(r.Flush(out))
	fmt.Printf("%d taps, %d samples for 10 revolutions\n", r.Config().Taps, total)
	// Output:
	// 53 taps, 640 samples for 10 revolutions
}

func ExampleSpeedFromVibration() {
	vib, _, rate := runup()
	v, err := order.SpeedFromVibration(vib, order.RidgeConfig{SampleRate: rate, Order: 1, MinHz: 8, MaxHz: 25})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range []float64{1, 2, 3} {
		fmt.Printf("%.0f s: %.1f Hz (true %.1f Hz)\n", t, v.Angle.SpeedAt(t), 10+2.5*t)
	}
	// Output:
	// 1 s: 12.5 Hz (true 12.5 Hz)
	// 2 s: 15.0 Hz (true 15.0 Hz)
	// 3 s: 17.5 Hz (true 17.5 Hz)
}

func ExampleGearAnalyzer_Indicators() {
	// One revolution of a 20-tooth gear whose tooth at 90° is cracked.
	const n = 256
	tsa := make([]float64, n)
	for i := range tsa {
		th := float64(i) / n
		tsa[i] = math.Cos(2 * math.Pi * 20 * th)
		if d := th - 0.25; math.Abs(d) < 0.025 {
			tsa[i] *= 1 + 0.5*(1+math.Cos(2*math.Pi*d*20))
		}
	}
	g, err := order.NewGearAnalyzer(n, order.GearConfig{Teeth: 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	ind, err := g.Indicators(tsa, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("FM4 %.0f (3 for a healthy gear)\n", ind.FM4)
	// Output:
	// FM4 45 (3 for a healthy gear)
}

func ExampleGearMeshFaultBands() {
	bands, err := order.GearMeshFaultBands(19, 43, order.GearBandConfig{Harmonics: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range bands {
		fmt.Printf("h%d shaft %d sideband %+d: order %.3f\n", b.Harmonic, b.Shaft, b.Sideband, b.Center)
	}
	// Output:
	// h1 shaft 0 sideband +0: order 19.000
	// h1 shaft 1 sideband -1: order 18.000
	// h1 shaft 1 sideband +1: order 20.000
	// h1 shaft 2 sideband -1: order 18.558
	// h1 shaft 2 sideband +1: order 19.442
}
