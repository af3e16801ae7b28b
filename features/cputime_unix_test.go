//go:build unix

package features

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user + system) the process has used, or
// false where it cannot be read. Benchmarks use it to report throughput
// per core on a machine shared with other work, where wall time measures
// the contention.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
