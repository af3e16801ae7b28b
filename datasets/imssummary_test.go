package datasets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const imsSample = `,Bearing 1,Bearing 2
2004-02-12 10:32:39,0.058,0.071
2004-02-12 10:42:39,0.059,0.074
2004-02-19 06:12:39,0.0018,0.0037
`

func TestReadIMSSummary(t *testing.T) {
	s, err := ReadIMSSummary(strings.NewReader(imsSample))
	require.NoError(t, err)
	assert.Equal(t, []string{"Bearing 1", "Bearing 2"}, s.Channels)
	assert.Equal(t, 1, s.Channel("Bearing 2"))
	assert.Equal(t, -1, s.Channel("Bearing 9"))
	assert.Equal(t, []float64{0.058, 0.059, 0.0018}, s.Values[0])
	h := s.Hours()
	assert.InDelta(t, 10.0/60, h[1], 1e-12)
	assert.Equal(t, 2, s.ActiveLen(0.01))

	for name, bad := range map[string]string{
		"header":    "a,b\n",
		"fields":    ",B1\n2004-02-12 10:32:39,1,2\n",
		"time":      ",B1\n2004-02-12 10:32,1\n",
		"order":     ",B1\n2004-02-12 10:32:39,1\n2004-02-12 10:32:39,1\n",
		"negative":  ",B1\n2004-02-12 10:32:39,-1\n",
		"nan":       ",B1\n2004-02-12 10:32:39,NaN\n",
		"no rows":   ",B1\n",
		"empty":     "",
		"long line": ",B1\n" + strings.Repeat("x", 10000) + "\n",
	} {
		_, err := ReadIMSSummary(strings.NewReader(bad))
		assert.Error(t, err, name)
	}
}

func TestIMSSummaryRealFiles(t *testing.T) {
	dir := testenv.DataDir(t, filepath.Join("ims", "summary"))
	for _, c := range []struct {
		test, rows, channels, active int
	}{{1, 2156, 8, 2156}, {2, 984, 4, 982}, {3, 6324, 4, 6323}} {
		f, err := os.Open(filepath.Join(dir, "merged_dataset_BearingTest_"+string(rune('0'+c.test))+".csv"))
		require.NoError(t, err)
		s, err := ReadIMSSummary(f)
		f.Close()
		require.NoError(t, err, "test %d", c.test)
		assert.Len(t, s.Time, c.rows, "test %d", c.test)
		assert.Len(t, s.Channels, c.channels, "test %d", c.test)
		assert.Equal(t, c.active, s.ActiveLen(0.01), "test %d", c.test)
	}
}

func FuzzReadIMSSummary(f *testing.F) {
	f.Add(imsSample)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ReadIMSSummary(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, v := range s.Values {
			require.Len(t, v, len(s.Time))
		}
		require.LessOrEqual(t, s.ActiveLen(0.01), len(s.Time))
	})
}
