// Command diagnose diagnoses rolling-element bearing faults in vibration
// recordings with bearing.Diagnoser (envelope analysis) and prints one
// JSON object per file (JSON Lines) or an aligned table.
//
// Usage:
//
//	go run ./examples/diagnose [flags] FILE|DIR...
//
// It reads CWRU and MFPT MAT-files (told apart by their variables:
// X###_DE_time etc. versus the struct "bearing"), IMS snapshots (files
// named like 2003.10.22.12.06.24), FEMTO-ST acc_NNNNN.csv files, XJTU-SY
// N.csv files, any delimited text file (one column of it) and WAV files. A
// directory stands for the files in it, in name order.
//
// The sample rate, shaft speed and bearing come from the file or its data
// set where they can (see -h); -fs, -rpm and -bearing (or the geometry
// flags) override them and are required where the file has none. A file
// that cannot be read or diagnosed is reported on stderr with its name;
// the others are still diagnosed, and the exit status is 1. Usage errors
// exit with 2.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
