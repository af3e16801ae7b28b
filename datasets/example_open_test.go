package datasets_test

import (
	"fmt"
	"log"

	"github.com/spindle-pdm/spindle/datasets"
)

func ExampleOpen() {
	// The format comes from the content; the name only supplies what the
	// data set keeps in names (here the CWRU record number, 130).
	rec, err := datasets.OpenFile("testdata/mat/cwru/12k_drive_end/130.mat", datasets.OpenOptions{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %.0f Hz (%s), %.0f rpm (%s), label %s\n",
		rec.Format, rec.SampleRate, rec.SampleRateFrom, rec.RPM(), rec.ShaftHzFrom, rec.Fault)
	for i, c := range rec.Channels {
		fmt.Printf("channel %d %s: %d samples in %s, bearing %q, label %s\n", i, c.Name, len(c.Samples), c.Unit, c.Bearing, c.Fault)
	}
	// Channels are selected by name or 0-based index.
	i, err := rec.Channel("fe")
	fmt.Println(i, err)
	_, err = rec.Channel("7")
	fmt.Println(err)
	// Output:
	// cwru: 12000 Hz (catalogue), 1796 rpm (file), label outer_race
	// channel 0 DE: 600 samples in g, bearing "6205-2RS", label outer_race
	// channel 1 FE: 600 samples in g, bearing "6203-2RS", label unknown
	// channel 2 BA: 600 samples in g, bearing "6205-2RS", label outer_race
	// 1 <nil>
	// no such channel "7" in this cwru file: want a number from 0 to 2 or a name (DE, FE, BA)
}
