//go:build !unix

package order

import "time"

// processCPU is unavailable here: benchmarks report the wall clock only.
func processCPU() time.Duration { return 0 }
