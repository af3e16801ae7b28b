// Package testenv locates the real public data sets for tests and
// benchmarks, and skips cleanly when they are absent.
package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// EnvVar names the environment variable that points at the shared data
// folder (the folder holding cwru/, ims/, nab/, ...).
const EnvVar = "SPINDLE_DATA"

// Root returns the data folder: $SPINDLE_DATA when set, otherwise
// ../shared/data relative to the module root.
func Root() string {
	if d := os.Getenv(EnvVar); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared", "data")
	}
	// file is <module>/internal/testenv/testenv.go.
	module := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	return filepath.Join(filepath.Dir(module), "shared", "data")
}

// DataDir returns Root()/sub, or skips tb with a message naming the missing
// folder and the variable to set.
func DataDir(tb testing.TB, sub string) string {
	tb.Helper()
	dir := filepath.Join(Root(), sub)
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("real data %s not available (set %s to the shared data folder): %v", dir, EnvVar, err)
	}
	return dir
}
