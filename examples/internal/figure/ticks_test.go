package figure

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
)

func labels(ticks []plot.Tick) []string {
	var out []string
	for _, t := range ticks {
		if t.Label != "" {
			out = append(out, t.Label)
		}
	}
	return out
}

func TestNiceTicks(t *testing.T) {
	// The envelope axis of the issue: 0-540 Hz read "0.00/250.00".
	assert.Equal(t, []string{"0", "100", "200", "300", "400", "500"}, labels(niceTicks{}.Ticks(0, 540)))
	assert.Equal(t, []string{"0.98", "1.00", "1.02", "1.04", "1.06", "1.08", "1.10"}, labels(niceTicks{}.Ticks(0.97, 1.11)))
	assert.Equal(t, []string{"0", "0.0025", "0.0050", "0.0075", "0.0100", "0.0125"}, labels(niceTicks{}.Ticks(-0.002, 0.013)))
	assert.Equal(t, []string{"1", "2", "5", "10", "20", "50"}, labels(logTicks{}.Ticks(0.9, 60)))
	assert.Equal(t, []string{"1", "10", "100", "1000", "10000"}, labels(logTicks{}.Ticks(1, 20000)))
	assert.Equal(t, 2.5, niceStep(2.1))
	assert.Equal(t, 10.0, niceStep(7.7))
}

// TestMergeCloseTexts: line labels closer than the gap share the first
// line's text, so they do not overprint.
func TestMergeCloseTexts(t *testing.T) {
	f := New("t", "x", "y")
	f.Mark("", "3×BPFO", 322.2, Orange, true)
	f.Mark("", "BPFO", 107.4, Orange, true)
	f.Mark("", "2×BPFI", 324.4, Green, true)
	f.mergeCloseTexts(10)
	assert.Equal(t, "3×BPFO, 2×BPFI", f.vlines[0].text)
	assert.Equal(t, "BPFO", f.vlines[1].text)
	assert.Equal(t, "", f.vlines[2].text)
}

func TestSaveStack(t *testing.T) {
	dir := t.TempDir()
	a, b := New("a", "x", "y"), New("b", "x", "y")
	for _, f := range []*Figure{a, b} {
		f.Line("line", []float64{0, 1, 2}, []float64{1, 3, 2}, Blue, false)
		f.HMark("level", "level 2.5", 2.5, Orange, true)
	}
	path := filepath.Join(dir, "s.png")
	require.NoError(t, SaveStack(path, []float64{1, 0.5}, a, b))
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Greater(t, st.Size(), int64(1000))
	assert.Error(t, a.Save(filepath.Join(dir, "s.bmp")))
}
