package datasets

import (
	"os"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const cmapssSample = `1 1 -0.0007 -0.0004 100.0 518.67 641.82 1589.70 1400.60 14.62 21.61 554.36 2388.06 9046.19 1.30 47.47 521.66 2388.02 8138.62 8.4195 0.03 392 2388 100.00 39.06 23.4190  
1 2 0.0019 -0.0003 100.0 518.67 642.15 1591.82 1403.14 14.62 21.61 553.75 2388.04 9044.07 1.30 47.49 522.28 2388.07 8131.49 8.4318 0.03 392 2388 100.00 39.00 23.4236  
2 1 -0.0043 0.0003 100.0 518.67 642.35 1587.99 1404.20 14.62 21.61 554.26 2388.08 9052.94 1.30 47.27 522.42 2388.03 8133.23 8.4178 0.03 390 2388 100.00 38.95 23.3442  
`

func TestReadCMAPSS(t *testing.T) {
	u, err := ReadCMAPSS(strings.NewReader(cmapssSample))
	require.NoError(t, err)
	require.Len(t, u, 2)
	assert.Equal(t, 1, u[0].ID)
	assert.Equal(t, []int{1, 2}, u[0].Cycle)
	assert.Equal(t, 0.0019, u[0].Settings[1][0])
	assert.Equal(t, 518.67, u[0].Sensors[0][0])
	assert.Equal(t, 23.4236, u[0].Sensors[1][20])
	assert.Equal(t, 390.0, u[1].Sensors[0][16])

	for name, bad := range map[string]string{
		"short":     "1 1 2 3\n",
		"gap":       strings.Replace(cmapssSample, "1 2 0.0019", "1 3 0.0019", 1),
		"nan":       strings.Replace(cmapssSample, "518.67 641.82", "NaN 641.82", 1),
		"split":     cmapssSample + strings.SplitAfter(cmapssSample, "\n")[0],
		"empty":     "",
		"long line": strings.Repeat("1 ", 5000) + "\n",
	} {
		_, err := ReadCMAPSS(strings.NewReader(bad))
		assert.Error(t, err, name)
	}
	r, err := ReadCMAPSSRUL(strings.NewReader("112 \n98\n"))
	require.NoError(t, err)
	assert.Equal(t, []int{112, 98}, r)
	_, err = ReadCMAPSSRUL(strings.NewReader("-1\n"))
	assert.Error(t, err)
}

func TestLoadCMAPSSFD001(t *testing.T) {
	dir := testenv.DataDir(t, "cmapss")
	set, err := LoadCMAPSS(os.DirFS(dir), ".", "FD001")
	require.NoError(t, err)
	assert.Len(t, set.Train, 100)
	assert.Len(t, set.Test, 100)
	assert.Equal(t, []int{112, 98, 69}, set.RUL[:3])
	rows := 0
	for _, u := range set.Train {
		rows += len(u.Cycle)
	}
	assert.Equal(t, 20631, rows)
	rows = 0
	for _, u := range set.Test {
		rows += len(u.Cycle)
	}
	assert.Equal(t, 13096, rows)
}

func FuzzReadCMAPSS(f *testing.F) {
	f.Add(cmapssSample)
	f.Add("1 1 0 0 0 " + strings.Repeat("1 ", 21))
	f.Fuzz(func(t *testing.T, s string) {
		units, err := ReadCMAPSS(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, u := range units {
			require.Equal(t, len(u.Cycle), len(u.Sensors))
		}
	})
}
