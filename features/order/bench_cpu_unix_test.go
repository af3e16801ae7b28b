//go:build unix

package order

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used (user + system), so
// that a benchmark on a machine shared with other work can report its own
// cost besides the wall clock.
func processCPU() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
