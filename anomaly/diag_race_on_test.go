//go:build race

package anomaly_test

const raceEnabled = true
