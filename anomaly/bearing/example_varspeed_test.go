package bearing_test

import (
	"fmt"
	"log"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/features/order"
)

// Diagnose an outer-race defect of the CWRU drive-end bearing during a
// run-up from 600 to 1800 rpm and a coast-down, with the speed from a
// once-per-revolution tachometer.
func ExampleProfileDiagnoser_DiagnoseAngle() {
	b, _ := features.LookupBearing("6205-2RS")
	orders, _ := b.Multiples()
	const rate = 12800
	vib, tacho, _, err := datasets.SimulateRunup(datasets.RunupSim{
		SampleRate:  rate,
		Profile:     []datasets.SpeedPoint{{Time: 0, Hz: 10}, {Time: 6, Hz: 30}, {Time: 7, Hz: 30}, {Time: 10, Hz: 15}},
		DefectOrder: orders.BPFO, Jitter: 0.01, ImpactAmp: 1,
		Resonances:  []datasets.Resonance{{Freq: 3000, Damping: 0.05}},
		ShaftOrders: []float64{0.5, 0.2}, PulsesPerRev: 1, SNR: 0, Seed: 3,
	})
	if err != nil {
		log.Fatal(err)
	}
	speed, err := order.SpeedFromTacho(tacho, rate, order.TachoConfig{PulsesPerRev: 1})
	if err != nil {
		log.Fatal(err)
	}
	pd, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	if err != nil {
		log.Fatal(err)
	}
	p, err := pd.DiagnoseAngle(vib, rate, speed.Angle, b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("verdict:", p.Verdict, "order tracked:", p.OrderTracked)
	fmt.Printf("speed %.0f to %.0f rpm\n", 60*p.MinShaftHz, 60*p.MaxShaftHz)
	e := p.Fault(fault.OuterRace)
	fmt.Printf("BPFO order %.3f, line at order %.2f\n", orders.BPFO, e.Fundamental/p.MeanShaftHz)
	// Output:
	// verdict: outer_race order tracked: true
	// speed 601 to 1801 rpm
	// BPFO order 3.585, line at order 3.59
}
