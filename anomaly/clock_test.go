package anomaly_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/anomaly"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClock(t *testing.T) {
	c := anomaly.Clock{MaxGap: time.Hour}
	t0 := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	s, err := c.Seconds(t0)
	require.NoError(t, err)
	assert.Zero(t, s)
	s, err = c.Seconds(t0.Add(90 * time.Second))
	require.NoError(t, err)
	assert.Equal(t, 90.0, s)
	s, err = c.Seconds(t0.Add(90 * time.Second)) // repeated: accepted
	require.NoError(t, err)
	assert.Equal(t, 90.0, s)
	for _, bad := range []time.Time{{}, t0.Add(time.Minute), t0.Add(24 * time.Hour)} {
		_, err = c.Seconds(bad)
		assert.True(t, errors.Is(err, anomaly.ErrInput), "%v: %v", bad, err)
	}
	s, err = c.Seconds(t0.Add(2 * time.Minute)) // the clock was not moved by the rejected ones
	require.NoError(t, err)
	assert.Equal(t, 120.0, s)
	assert.Equal(t, t0, c.Origin())
}

// A thermal detector fed wall-clock times through a Clock.
func ExampleClock() {
	d, err := anomaly.NewThermalDetector(anomaly.ThermalConfig{})
	if err != nil {
		panic(err)
	}
	var clock anomaly.Clock
	t0 := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 3; i++ {
		s, err := clock.Seconds(t0.Add(time.Duration(i) * 5 * time.Minute))
		if err != nil {
			continue // out of order or a jump: skip the sample
		}
		r := d.Update(s, 70)
		fmt.Println(s, r.Status)
	}
	_, err = clock.Seconds(t0) // earlier than the last: rejected
	fmt.Println(err != nil)
	// Output:
	// 0 warmup
	// 300 warmup
	// 600 warmup
	// true
}
