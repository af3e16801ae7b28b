// Command diagnose diagnoses rolling-element bearing faults in vibration
// recordings with bearing.Diagnoser (envelope analysis) and prints one
// JSON object per file (JSON Lines) or an aligned table.
//
// Usage:
//
//	go run ./examples/diagnose [flags] FILE|DIR...
//
// It is a thin shell over datasets.Open, which detects each file's format
// from its content (CWRU and MFPT MAT-files, IMS snapshots, FEMTO-ST acc
// files, XJTU-SY files, any delimited text file and WAV files), and
// anomaly/bearing. A directory stands for the files in it, in name order.
// Channels are numbered from 0 (-channel 0 is the first), or named.
//
// The sample rate, shaft speed and bearing come from the file or its data
// set where they can (see -h); -fs, -rpm and -bearing (or -orders, or the
// geometry flags) override them and are required where the file has none.
// An MFPT file carrying its bearing's defect orders is diagnosed with them.
// Every problem with the flags is reported in one message. A file
// that cannot be read or diagnosed is reported on stderr with its name;
// the others are still diagnosed, and the exit status is 1. Usage errors
// exit with 2.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
