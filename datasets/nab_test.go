package datasets

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadNABSmall(t *testing.T) {
	in := "timestamp,value\n2013-12-02 21:15:00,73.96732207\n2013-12-02 21:20:00,74.93588199999998\r\n\n"
	f, err := ReadNAB(strings.NewReader(in))
	require.NoError(t, err)
	require.Equal(t, 2, f.Len())
	v, err := f.Value()
	require.NoError(t, err)
	assert.Equal(t, []float64{73.96732207, 74.93588199999998}, v)
	assert.Equal(t, time.Date(2013, 12, 2, 21, 20, 0, 0, time.UTC), f.Time[1])
	_, ok := f.Column("anomaly_score")
	assert.False(t, ok)
}

func TestReadNABErrors(t *testing.T) {
	cases := map[string]string{
		"":                                       "empty",
		"time,value\n":                           "want \"timestamp\"",
		"timestamp,value\n":                      "no rows",
		"timestamp,value\n2013-12-02 21:15:00\n": "line 2: 1 cells",
		"timestamp,value\n2013-13-02 21:15:00,1\n":                                             "line 2: timestamp",
		"timestamp,value\n2013-12-02 21:15:00,x\n":                                             "line 2 column \"value\"",
		"timestamp,value\n2013-12-02 21:15:00,NaN\n":                                           "not a finite number",
		"timestamp,value\n2013-12-02 21:15:00,1\n" + strings.Repeat("9", nabMaxLine+10) + "\n": "line 3",
	}
	for in, want := range cases {
		_, err := ReadNAB(strings.NewReader(in))
		require.Error(t, err, "%q", in)
		assert.Contains(t, err.Error(), want)
	}
	f, err := ReadNAB(strings.NewReader("timestamp,x\n2013-12-02 21:15:00,1\n"))
	require.NoError(t, err)
	_, err = f.Value()
	assert.ErrorContains(t, err, "no \"value\" column")
}

// TestNABRealFiles reads shared NAB files: a realKnownCause series and
// its published result file (package anomaly/nab tests the labels and
// configuration).
func TestNABRealFiles(t *testing.T) {
	dir := testenv.DataDir(t, "nab")
	fsys := os.DirFS(dir)

	f, err := LoadNAB(fsys, "data/realKnownCause/machine_temperature_system_failure.csv")
	require.NoError(t, err)
	require.Equal(t, 22695, f.Len())
	v, err := f.Value()
	require.NoError(t, err)
	assert.InDelta(t, 73.96732207, v[0], 0)

	res, err := LoadNAB(fsys, "results/numenta/realKnownCause/numenta_machine_temperature_system_failure.csv")
	require.NoError(t, err)
	require.Equal(t, f.Len(), res.Len())
	for _, c := range []string{"anomaly_score", "label", "S(t)_standard", "S(t)_reward_low_FN_rate"} {
		_, ok := res.Column(c)
		assert.True(t, ok, c)
	}
}

func FuzzReadNAB(f *testing.F) {
	f.Add("timestamp,value\n2013-12-02 21:15:00,73.96732207\n")
	f.Add("timestamp,value,anomaly_score\n2013-12-02 21:15:00,1,0.5\n2013-12-02 21:20:00,2,1e-3\n")
	f.Add("timestamp\n")
	f.Add("timestamp,value\n2013-12-02 21:15:00.123,,\n")
	f.Fuzz(func(t *testing.T, in string) {
		fr, err := ReadNAB(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, c := range fr.Cols {
			if len(c) != fr.Len() {
				t.Fatalf("column length %d, %d rows", len(c), fr.Len())
			}
		}
	})
}

func ExampleReadNAB() {
	in := "timestamp,value\n2013-12-02 21:15:00,73.97\n2013-12-02 21:20:00,74.94\n2013-12-02 21:25:00,76.12\n"
	f, err := ReadNAB(strings.NewReader(in))
	if err != nil {
		panic(err)
	}
	v, _ := f.Value()
	fmt.Println(f.Len(), "rows, step", f.Time[1].Sub(f.Time[0]), "first value", v[0])
	// Output:
	// 3 rows, step 5m0s first value 73.97
}
