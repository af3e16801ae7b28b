package datasets_test

import (
	"fmt"
	"log"
	"os"

	"github.com/spindle-pdm/spindle/datasets"
)

func ExampleLoadIMSSnapshot() {
	fsys := os.DirFS("testdata/ims/run") // or the NASA IMS 1st_test folder
	s, err := datasets.LoadIMSSnapshot(fsys, "2004.02.12.9.52.39")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Time, s.SampleRate, "Hz")
	fmt.Println(len(s.Channels), "channels of", s.Len(), "samples; first:", s.Channels[0][0], "g")
	// Output:
	// 2004-02-12 09:52:39 +0000 UTC 20000 Hz
	// 4 channels of 200 samples; first: 0.065 g
}

func ExampleIMSRun() {
	// Files are streamed in time order (9:52 before 10:02, unlike their
	// names), one at a time, into a reused Snapshot.
	for s, err := range datasets.IMSRun(os.DirFS("testdata/ims"), "run") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.Index, s.Time.Format("15:04"), s.Name)
	}
	// Output:
	// 0 09:52 run/2004.02.12.9.52.39
	// 1 10:02 run/2004.02.12.10.02.39
	// 2 10:12 run/2004.02.12.10.12.39
}

func ExampleFEMTOAccRun() {
	// The real learning set is read in place from its zip:
	//	zr, _ := zip.OpenReader("femto/Learning_set.zip")
	//	for s, err := range datasets.FEMTOAccRun(zr, "Learning_set/Bearing1_1") { ... }
	for s, err := range datasets.FEMTOAccRun(os.DirFS("testdata/femto"), "Bearing9_1") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("acc %d at %s: %d samples at %g Hz, horizontal %+.3f g\n",
			s.Index, s.Time.Format("15:04:05.000000"), s.Len(), s.SampleRate, s.Channels[0][0])
	}
	// Output:
	// acc 1 at 09:39:39.065664: 64 samples at 25600 Hz, horizontal -0.025 g
	// acc 2 at 09:39:49.065664: 64 samples at 25600 Hz, horizontal +0.400 g
	// acc 3 at 09:39:59.065664: 64 samples at 25600 Hz, horizontal -0.571 g
}

func ExampleXJTURun() {
	for s, err := range datasets.XJTURun(os.DirFS("testdata/xjtu"), "35Hz12kN/Bearing1_1") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(s.Index, s.Len(), len(s.Channels))
	}
	// Output:
	// 1 256 2
	// 2 256 2
	// 10 256 2
}

func ExampleLoadCSVColumn() {
	fsys := os.DirFS("testdata/csv")
	// The rate comes from the time column (seconds); the separator and the
	// header are detected.
	x, rate, err := datasets.LoadCSVColumn(fsys, "comma_header.csv", datasets.ColumnNamed("accel_g"),
		&datasets.CSVOptions{Time: datasets.ColumnNamed("time_s")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d samples at %.0f Hz: %v\n", len(x), rate, x[:3])

	// Errors say where: file, line, column and what.
	_, _, err = datasets.LoadCSVColumn(fsys, "tab.tsv", datasets.ColumnAt(0), &datasets.CSVOptions{SampleRate: 1})
	fmt.Println(err)
	// Output:
	// 100 samples at 1000 Hz: [0 0.309017 0.587785]
	// datasets: tab.tsv:2: column 1: invalid number "2024-01-01T00:00:00"
}

func ExampleLoadWAV() {
	chans, info, err := datasets.LoadWAV(os.DirFS("testdata/wav"), "pcm16_stereo.wav")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d channels, %d frames at %g Hz, %d-bit PCM\n", info.Channels, info.Frames, info.SampleRate, info.Bits)
	fmt.Printf("%.4f %.4f\n", chans[0][1], chans[1][0])
	// Output:
	// 2 channels, 101 frames at 8000 Hz, 16-bit PCM
	// 0.3387 0.5000
}
