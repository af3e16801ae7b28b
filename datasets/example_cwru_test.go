package datasets_test

import (
	"fmt"
	"log"
	"os"

	"github.com/spindle-pdm/spindle/datasets"
)

func ExampleLoadCWRU() {
	// Any fs.FS works: os.DirFS of the shared data folder, of a Fetcher's
	// cache, or of this synthetic fixture shaped like the original 130.mat.
	rec, err := datasets.LoadCWRU(os.DirFS("testdata/mat"), "cwru/12k_drive_end/130.mat")
	if err != nil {
		log.Fatal(err)
	}
	info := rec.Info
	fmt.Printf("record %d: %s fault %s, %.3f in, %d hp, %s bearing\n",
		info.Number, info.Fault, info.Position, info.DiameterIn, info.LoadHP, info.End)
	fmt.Printf("%.0f Hz, %.0f rpm (from file: %v), DE %d samples, FE %d, BA %d\n",
		rec.SampleRate, rec.RPM, rec.RPMFromFile, len(rec.DE), len(rec.FE), len(rec.BA))
	// Ball-pass frequency of the outer race of the SKF 6205 drive-end
	// bearing: 3.5848 × shaft speed.
	fmt.Printf("BPFO %.1f Hz\n", 3.5848*rec.RPM/60)
	// Output:
	// record 130: outer_race fault @6:00, 0.007 in, 0 hp, DE bearing
	// 12000 Hz, 1796 rpm (from file: true), DE 600 samples, FE 600, BA 600
	// BPFO 107.3 Hz
}

func ExampleLookupCWRU() {
	for _, n := range []int{3001, 217, 313, 97} {
		c, _ := datasets.LookupCWRU(n)
		fmt.Printf("%4d %-13s %-10s %-6s %.3f in %d hp %.0f Hz\n", c.Number, c.Table, c.Fault, c.Position, c.DiameterIn, c.LoadHP, c.SampleRate)
	}
	// Output:
	// 3001 12k_drive_end inner_race        0.028 in 0 hp 12000 Hz
	//  217 48k_drive_end inner_race        0.021 in 3 hp 48000 Hz
	//  313 12k_fan_end   outer_race @6:00  0.014 in 0 hp 12000 Hz
	//   97 normal        healthy           0.000 in 0 hp 48000 Hz
}
