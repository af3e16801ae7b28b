package datasets

import (
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/spindle-pdm/spindle/datasets/matfile"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crossVar is scipy.io.loadmat's reading of one real variable (see
// testdata/gen_crosscheck.py).
type crossVar struct {
	Dtype  string    `json:"dtype"`
	Len    int       `json:"len"`
	First5 []float64 `json:"first5"`
	Sum    float64   `json:"sum"`
	SumAbs float64   `json:"sumabs"`
	Text   *string   `json:"text"`
}

func loadCrosscheck(t testing.TB) map[string]map[string]crossVar {
	raw, err := os.ReadFile("testdata/crosscheck.json")
	require.NoError(t, err)
	var cc map[string]map[string]crossVar
	require.NoError(t, json.Unmarshal(raw, &cc))
	return cc
}

// TestMatfileMatchesScipyOnRealData decodes every real CWRU and MFPT file
// and compares each variable with scipy's reading: names, lengths, first
// values exactly and the sum to rounding.
func TestMatfileMatchesScipyOnRealData(t *testing.T) {
	root := testenv.Root()
	testenv.DataDir(t, "cwru")
	testenv.DataDir(t, "mfpt")
	cc := loadCrosscheck(t)
	require.Len(t, cc, 67) // 60 12k drive-end records, 97.mat, 6 MFPT files
	fsys := os.DirFS(root)
	for name, want := range cc {
		f, err := matfile.Open(fsys, name)
		require.NoError(t, err, name)
		got := map[string]*matfile.Var{}
		for _, v := range f.Vars {
			if v.Class == matfile.ClassStruct {
				for _, fn := range v.FieldNames {
					fv, _ := v.Field(fn)
					got[v.Name+"."+fn] = fv
				}
				continue
			}
			got[v.Name] = v
		}
		require.ElementsMatch(t, keys(want), keys(got), name)
		for vn, w := range want {
			v := got[vn]
			if w.Text != nil {
				assert.Equal(t, *w.Text, v.Text, "%s %s", name, vn)
				continue
			}
			require.Len(t, v.Real, w.Len, "%s %s", name, vn)
			assert.Equal(t, w.First5, v.Real[:len(w.First5)], "%s %s", name, vn)
			assert.InDelta(t, w.Sum, approxSum(v.Real), 1e-12*w.SumAbs, "%s %s", name, vn)
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// approxSum is used by tests comparing a whole channel with scipy's sum.
func approxSum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}
