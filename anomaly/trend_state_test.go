package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTrendStateSlope: a restored Trend gives bit for bit the saved one's
// Theil–Sen fit (allocating its scratch on that first call), and a record
// whose running sums disagree with its window is rejected.
func TestTrendStateSlope(t *testing.T) {
	tr, err := NewTrend(TrendConfig{Window: 25})
	require.NoError(t, err)
	for i, v := range stateStream(96, 300) {
		tr.Update(float64(i), v+0.01*float64(i))
	}
	rec, err := tr.MarshalBinary()
	require.NoError(t, err)
	var r Trend
	require.NoError(t, r.UnmarshalBinary(rec))
	want, err := tr.Slope()
	require.NoError(t, err)
	got, err := r.Slope()
	require.NoError(t, err)
	assert.Equal(t, math.Float64bits(want.Slope), math.Float64bits(got.Slope))
	assert.Equal(t, math.Float64bits(want.Intercept), math.Float64bits(got.Intercept))
	assert.Zero(t, testing.AllocsPerRun(10, func() { _, _ = r.Slope() }))

	// S is the third integer after the rings.
	sAt := 6 + 8 + 8 + 2*8*25 + 2*8
	forged := append([]byte(nil), rec...)
	forged[sAt] ^= 0x02
	assert.ErrorIs(t, (&Trend{}).UnmarshalBinary(forged), ErrState)
	forged = append([]byte(nil), rec...)
	forged[6+1] = 0xff // Window ≈ 65 k: rings the record lacks
	assert.ErrorIs(t, (&Trend{}).UnmarshalBinary(forged), ErrState)
}
