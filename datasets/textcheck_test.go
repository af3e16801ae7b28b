package datasets

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// crossSummary is what testdata/gen_text_crosscheck.py records per file
// from numpy.loadtxt.
type crossSummary struct {
	Rows   int       `json:"rows"`
	Cols   int       `json:"cols"`
	First  []float64 `json:"first"`
	Last   []float64 `json:"last"`
	Sum    []float64 `json:"sum"`
	AbsSum []float64 `json:"abs_sum"`
}

// loadCrossCheck reads testdata/text_crosscheck.json.
func loadCrossCheck(t *testing.T) (ims, femto map[string]crossSummary) {
	t.Helper()
	raw, err := os.ReadFile("testdata/text_crosscheck.json")
	require.NoError(t, err)
	var doc struct {
		IMS   map[string]crossSummary `json:"ims"`
		FEMTO map[string]crossSummary `json:"femto"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc))
	return doc.IMS, doc.FEMTO
}

// requireMatchesSummary compares columns (cols[j][i]) with numpy's summary:
// counts and first/last rows exactly, sums to a relative 1e-12 of the
// absolute sum (the summation orders differ).
func requireMatchesSummary(t *testing.T, file string, want crossSummary, cols [][]float64) {
	t.Helper()
	require.Len(t, cols, want.Cols, "%s: columns", file)
	for j, c := range cols {
		require.Len(t, c, want.Rows, "%s: rows of column %d", file, j)
		require.Equal(t, want.First[j], c[0], "%s: first value of column %d", file, j)
		require.Equal(t, want.Last[j], c[len(c)-1], "%s: last value of column %d", file, j)
		var s, a float64
		for _, v := range c {
			s += v
			a += math.Abs(v)
		}
		require.InDelta(t, want.Sum[j], s, 1e-12*want.AbsSum[j]+1e-12, "%s: sum of column %d", file, j)
		require.InDelta(t, want.AbsSum[j], a, 1e-12*want.AbsSum[j]+1e-12, "%s: abs sum of column %d", file, j)
	}
}

// requireBitExactVsStrconv splits data independently (bytes.Split on
// newlines, then on sep) and requires every field, parsed with
// strconv.ParseFloat, to equal bit for bit the value the loader returned.
// header lines at the top are skipped; lastCols limits the check to the
// last columns of each row when the loader keeps only those.
func requireBitExactVsStrconv(t *testing.T, file string, data []byte, sep byte, header int, cols [][]float64, colOf func(field int) int) {
	t.Helper()
	lines := bytes.Split(bytes.TrimRight(data, "\n"), []byte{'\n'})[header:]
	checked := 0
	for i, line := range lines {
		line = bytes.TrimRight(line, "\r")
		for k, f := range bytes.Split(line, []byte{sep}) {
			j := colOf(k)
			if j < 0 {
				continue
			}
			want, err := strconv.ParseFloat(string(bytes.TrimSpace(f)), 64)
			require.NoError(t, err, "%s:%d field %d", file, i+1+header, k+1)
			got := cols[j][i]
			if math.Float64bits(want) != math.Float64bits(got) {
				require.Failf(t, "not bit-exact", "%s:%d field %d: %q: strconv %v (%#x), loader %v (%#x)",
					file, i+1+header, k+1, f, want, math.Float64bits(want), got, math.Float64bits(got))
			}
			checked++
		}
	}
	require.Positive(t, checked)
}
