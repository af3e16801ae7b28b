package nab

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSweepFileMatchesScore checks SweepFile against Score on random
// scores, windows and thresholds under every profile.
func TestSweepFileMatchesScore(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 50 + r.IntN(400)
		scores := make([]float64, n)
		for i := range scores {
			scores[i] = r.Float64()
			if r.IntN(5) == 0 {
				scores[i] = 0
			}
		}
		var ws []RowWindow
		for at := r.IntN(n / 2); at < n; {
			w := RowWindow{First: at, Last: min(n-1, at+r.IntN(30))}
			ws = append(ws, w)
			at = w.Last + 1 + r.IntN(n/3+1)
		}
		ths := []float64{0.95, 0.5, 0.8, 0.99, 0.3}
		prob := ProbationLength(n, ProbationPercent)
		for _, np := range Profiles {
			raw, err := SweepFile(scores, ws, np.Profile, prob, ths)
			require.NoError(t, err)
			for k, th := range ths {
				det, err := Detections(nil, scores, th)
				require.NoError(t, err)
				want, err := Score(nil, det, ws, np.Profile, prob)
				require.NoError(t, err)
				assert.InDelta(t, want.Score, raw[k], 1e-12, "trial %d %s threshold %g", trial, np.Name, th)
			}
		}
	}
}

func TestSweepFileErrors(t *testing.T) {
	_, err := SweepFile([]float64{0, 1, 2}, []RowWindow{{First: 2, Last: 5}}, Standard, 0, []float64{0.5})
	require.ErrorContains(t, err, "window 0")
	_, err = SweepFile([]float64{0, math.NaN(), 2}, nil, Standard, 0, []float64{0.5})
	require.ErrorContains(t, err, "row 1")
}

// TestLeaveOneCategoryOut builds a grid where setting 1 wins on categories
// a and b but setting 0 on c: holding c out must choose setting 1, holding
// a or b out must choose setting 0 (c outweighs the other one).
func TestLeaveOneCategoryOut(t *testing.T) {
	// raw[s][f][k], files: a, b, c, c; one threshold except setting 1.
	raw := [][][]float64{
		{{-1}, {-1}, {1}, {1}},
		{{2}, {3}, {-2}, {-2}},
	}
	cat := []string{"a", "b", "c", "c"}
	wins := []int{1, 1, 1, 0}
	ho, total, ok := LeaveOneCategoryOut(raw, cat, wins)
	require.True(t, ok)
	require.Len(t, ho, 3)
	assert.Equal(t, "a", ho[0].Category)
	assert.Equal(t, 0, ho[0].Choice.Setting) // b+c: setting 0 gives -1+2=1 vs setting 1 gives 3-4=-1
	assert.Equal(t, 0, ho[1].Choice.Setting) // a+c: 1 vs -2
	assert.Equal(t, 1, ho[2].Choice.Setting) // a+b
	assert.InDelta(t, -1-1-4, total.Raw, 1e-12)
	assert.Equal(t, 3, total.Windows)
	assert.Equal(t, 4, total.Files)
	_, _, ok = LeaveOneCategoryOut(raw, []string{"a", "a", "a", "a"}, wins)
	assert.False(t, ok, "one category: nothing to choose on")
	_, ok = Tally{Raw: -1, Files: 1}.Normalized(Standard)
	assert.False(t, ok, "no windows: undefined")
	v, ok := Tally{Raw: 0, Windows: 2}.Normalized(Standard)
	assert.True(t, ok)
	assert.InDelta(t, 50, v, 1e-12)
	assert.Equal(t, []string{"a", "b"}, Categories([]string{"b", "a", "b"}))
}
