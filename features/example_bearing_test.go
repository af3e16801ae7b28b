package features_test

import (
	"fmt"

	"github.com/spindle-pdm/spindle/features"
)

// The CWRU drive-end bearing at the 0 hp speed of 1797 rpm.
func ExampleBearing_DefectFrequencies() {
	b, ok := features.LookupBearing("6205-2RS")
	if !ok {
		panic("not catalogued")
	}
	f, err := b.DefectFrequencies(1797.0 / 60)
	if err != nil {
		panic(err)
	}
	fmt.Printf("shaft %.2f Hz\n", f.ShaftHz)
	fmt.Printf("BPFO  %.2f Hz\n", f.BPFO)
	fmt.Printf("BPFI  %.2f Hz\n", f.BPFI)
	fmt.Printf("FTF   %.2f Hz\n", f.FTF)
	fmt.Printf("2×BSF %.2f Hz (ball-defect envelope line)\n", 2*f.BSF)
	// Output:
	// shaft 29.95 Hz
	// BPFO  107.36 Hz
	// BPFI  162.19 Hz
	// FTF   11.93 Hz
	// 2×BSF 141.17 Hz (ball-defect envelope line)
}

func ExampleBearing_Multiples() {
	b := features.Bearing{Name: "custom", Elements: 9, ElementDiameter: 7.94, PitchDiameter: 39.04}
	m, err := b.Multiples()
	if err != nil {
		panic(err)
	}
	fmt.Printf("BPFO %.3f×, BPFI %.3f×\n", m.BPFO, m.BPFI)
	_, err = features.Bearing{Name: "bad", Elements: 9, ElementDiameter: 40, PitchDiameter: 39}.Multiples()
	fmt.Println(err)
	// Output:
	// BPFO 3.585×, BPFI 5.415×
	// features: bearing "bad": element diameter 40 not smaller than pitch diameter 39
}
