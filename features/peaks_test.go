package features

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func peakIndices(p []Peak) []int {
	out := make([]int, len(p))
	for i := range p {
		out[i] = p[i].Index
	}
	return out
}

func TestFindPeaksByHand(t *testing.T) {
	//            0  1  2  3  4  5  6  7  8  9 10 11 12
	x := []float64{5, 1, 3, 3, 3, 0, 2, 1, 4, 4, 6, 2, 9}
	p := FindPeaks(x, PeakOptions{})
	// Ends are never peaks; the flat top 2..4 counts once at 3; 8..9 is a
	// shoulder, not a peak.
	assert.Equal(t, []int{3, 6, 10}, peakIndices(p))
	assert.Equal(t, 3.0, p[0].Value)
	// Prominence of 3 at index 3: left walk stops at x[0]=5 (higher), base
	// x[1]=1; right walk reaches x[8]=4 > 3, base x[5]=0; higher base 1.
	assert.Equal(t, 2.0, p[0].Prominence)
	assert.Equal(t, 1, p[0].LeftBase)
	assert.Equal(t, 5, p[0].RightBase)
	// 6 at index 10: left to x[0]=5? no, 5 ≤ 6 so the walk reaches index 0;
	// minimum 0 at 5; right stops at 9; base 2 at 11. Prominence 6−2.
	assert.Equal(t, 4.0, p[2].Prominence)
	assert.Equal(t, 5, p[2].LeftBase)
	assert.Equal(t, 11, p[2].RightBase)

	assert.Equal(t, []int{3, 10}, peakIndices(FindPeaks(x, PeakOptions{Height: 3, UseHeight: true})))
	assert.Equal(t, []int{3, 10}, peakIndices(FindPeaks(x, PeakOptions{MinProminence: 2})))
	// Distance 5: 10 (highest) removes 6; 3 is 7 away and stays.
	assert.Equal(t, []int{3, 10}, peakIndices(FindPeaks(x, PeakOptions{MinDistance: 5})))
	assert.Equal(t, []int{10}, peakIndices(FindPeaks(x, PeakOptions{MinDistance: 8})))
	// Height 0 is a real condition, distinct from no condition.
	neg := []float64{-3, -1, -3, 1, -3}
	assert.Equal(t, []int{1, 3}, peakIndices(FindPeaks(neg, PeakOptions{})))
	assert.Equal(t, []int{3}, peakIndices(FindPeaks(neg, PeakOptions{UseHeight: true})))

	// wlen limits the bases: with Wlen 3 index 10 only sees 9..11.
	w := FindPeaks(x, PeakOptions{Wlen: 3})
	assert.Equal(t, 2.0, w[2].Prominence) // 6 − max(4, 2)
	assert.Equal(t, 9, w[2].LeftBase)

	assert.Empty(t, FindPeaks(nil, PeakOptions{}))
	assert.Empty(t, FindPeaks([]float64{1, 2}, PeakOptions{}))
	assert.Empty(t, FindPeaks([]float64{1, 1, 1, 1}, PeakOptions{}))
}

// TestFindPeaksNaN checks NaN handling against scipy 1.10: a NaN neighbour
// disqualifies a sample, and a NaN ends a prominence walk.
func TestFindPeaksNaN(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		x                []float64
		idx, left, right []int
		prominences      []float64
	}{
		{[]float64{0, 2, nan, 5, 1, 3, 0}, []int{5}, []int{4}, []int{6}, []float64{2}},
		{[]float64{0, 2, 1, 5, nan, 1, 3, 0}, []int{1, 6}, []int{0, 5}, []int{2, 7}, []float64{1, 2}},
		{[]float64{0, 4, 1, 5, 1, nan, 3, 0}, []int{1, 3}, []int{0, 0}, []int{2, 4}, []float64{3, 4}},
	}
	for _, c := range cases {
		p := FindPeaks(c.x, PeakOptions{})
		require.Equal(t, c.idx, peakIndices(p), "%v", c.x)
		for i := range p {
			assert.Equal(t, c.prominences[i], p[i].Prominence)
			assert.Equal(t, c.left[i], p[i].LeftBase)
			assert.Equal(t, c.right[i], p[i].RightBase)
		}
	}
}

func TestTopPeaks(t *testing.T) {
	// A spectrum-like sequence: a strong line with a shoulder, two others.
	x := []float64{0, 1, 0, 9, 8.5, 8.6, 0, 0, 4, 0, 0, 6, 0}
	top := TopPeaks(x, 2, 3)
	require.Len(t, top, 2)
	assert.Equal(t, 3, top[0].Index) // 9; the 8.6 shoulder at 5 is within 3
	assert.Equal(t, 11, top[1].Index)
	all := TopPeaks(x, 10, 0)
	assert.Equal(t, []int{3, 5, 11, 8, 1}, peakIndices(all))
	assert.Empty(t, TopPeaks(x, 0, 1))
}

func TestPeakOptionsPanics(t *testing.T) {
	x := []float64{0, 1, 0}
	for _, o := range []PeakOptions{
		{MinDistance: -1}, {MinProminence: -1}, {MinProminence: math.NaN()},
		{Wlen: 1}, {Wlen: -2}, {UseHeight: true, Height: math.NaN()},
	} {
		assert.Panics(t, func() { FindPeaks(x, o) }, "%+v", o)
	}
	assert.Panics(t, func() { TopPeaks(x, -1, 0) })
}
