package features_test

import (
	"fmt"
	"math"

	"github.com/spindle-pdm/spindle/features"
)

// Velocity severity of a 200 kW pump (group 2) on a rigid foundation,
// measured with an accelerometer in g at 25.6 kHz.
func ExampleVelocity() {
	const fs, n = 25600.0, 25600
	v, err := features.NewVelocity(features.VelocityConfig{SampleRate: fs, Unit: features.G}, n)
	if err != nil {
		panic(err)
	}
	// 0.2 g at the running speed, 24.75 Hz (1485 r/min).
	accel := make([]float64, n)
	for i := range accel {
		accel[i] = 0.2 * math.Sin(2*math.Pi*24.75*float64(i)/fs)
	}
	// The closed form is 0.2·9.80665 m/s² / (2π·24.75 Hz·√2) = 8.92 mm/s;
	// the 1 Hz bins leave the documented leakage bias of about Δf²/(2f²).
	rms, err := v.RMS(accel)
	if err != nil {
		panic(err)
	}
	g, _ := features.GroupForPower(200)
	sev, _ := features.AssessSeverity(rms, g, features.Rigid)
	fmt.Printf("%.2f mm/s: zone %v (%v, %v support; B/C at %.1f mm/s)\n", sev.VelocityRMS, sev.Zone, sev.Group, sev.Support, sev.Limits.BC)
	// Output: 8.93 mm/s: zone D (group 2, rigid support; B/C at 2.8 mm/s)
}
