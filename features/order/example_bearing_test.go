package order_test

import (
	"fmt"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/order"
)

// The outer-race defect of the CWRU drive-end bearing found, as an order,
// during a run-up from 600 to 1800 rpm with a once-per-revolution
// tachometer.
func ExampleOrderEnvelopeSpectrum() {
	b, _ := features.LookupBearing("6205-2RS")
	orders, _ := b.Multiples()
	cfg := datasets.RunupSim{
		SampleRate:   12800,
		Profile:      []datasets.SpeedPoint{{Time: 0, Hz: 10}, {Time: 8, Hz: 30}},
		DefectOrder:  orders.BPFO,
		ImpactAmp:    1,
		Resonances:   []datasets.Resonance{{Freq: 3000, Damping: 0.05}},
		ShaftOrders:  []float64{0.5},
		PulsesPerRev: 1,
		SNR:          0,
		Seed:         1,
	}
	vib, tacho, _, err := datasets.SimulateRunup(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := order.SpeedFromTacho(tacho, cfg.SampleRate, order.TachoConfig{PulsesPerRev: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	oes, err := order.OrderEnvelopeSpectrum(vib, s.Angle, order.ResamplerConfig{SampleRate: cfg.SampleRate, SamplesPerRev: 32, MinSpeedHz: 10}, 2000, 4000)
	if err != nil {
		fmt.Println(err)
		return
	}
	o, _ := oes.Peak(1, 8)
	fmt.Printf("BPFO %.3f orders; envelope peak at order %.3f\n", orders.BPFO, o)
	// Output:
	// BPFO 3.585 orders; envelope peak at order 3.585
}
