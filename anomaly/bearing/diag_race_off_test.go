//go:build !race

package bearing_test

const raceEnabled = false
