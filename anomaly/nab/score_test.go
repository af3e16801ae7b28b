package nab

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nabFiles are the realKnownCause files shipped in the shared data folder.
var nabFiles = []string{
	"cpu_utilization_asg_misconfiguration.csv",
	"ec2_request_latency_system_failure.csv",
	"machine_temperature_system_failure.csv",
}

// nabProfiles pairs the profiles.json names with Spindle's profiles.
var nabProfiles = []struct {
	name string
	p    Profile
}{
	{"standard", Standard},
	{"reward_low_FP_rate", LowFP},
	{"reward_low_FN_rate", LowFN},
}

// nabEnv holds the shared NAB labels, profiles and thresholds.
type nabEnv struct {
	dir        string
	windows    map[string][]Window
	profiles   map[string]Profile
	thresholds map[string]map[string]Threshold
}

func loadNABEnv(t testing.TB) *nabEnv {
	t.Helper()
	dir := testenv.DataDir(t, "nab")
	e := &nabEnv{dir: dir}
	open := func(rel string) *os.File {
		f, err := os.Open(filepath.Join(dir, rel))
		require.NoError(t, err)
		t.Cleanup(func() { f.Close() })
		return f
	}
	var err error
	e.windows, err = ReadWindows(open("labels/combined_windows.json"))
	require.NoError(t, err)
	e.profiles, err = ReadProfiles(open("config/profiles.json"))
	require.NoError(t, err)
	e.thresholds, err = ReadThresholds(open("config/thresholds.json"))
	require.NoError(t, err)
	return e
}

// rows loads a CSV under the NAB folder and maps file's windows onto it.
func (e *nabEnv) rows(t testing.TB, rel, file string) (*datasets.NABFrame, []RowWindow) {
	t.Helper()
	f, err := datasets.LoadNAB(os.DirFS(e.dir), rel)
	require.NoError(t, err)
	ws, err := WindowRows(f.Time, e.windows["realKnownCause/"+file])
	require.NoError(t, err)
	return f, ws
}

func TestNABProfilesMatchConfig(t *testing.T) {
	e := loadNABEnv(t)
	for _, pr := range nabProfiles {
		assert.Equal(t, pr.p, e.profiles[pr.name], pr.name)
	}
}

// TestNABReproducesPublishedResults rescores NAB's published result files
// (numenta = HTM, windowedGaussian, relativeEntropy, null) with the tuned
// thresholds of config/thresholds.json and checks every row of every
// S(t)_<profile> column and the per-file score (the column's sum).
func TestNABReproducesPublishedResults(t *testing.T) {
	e := loadNABEnv(t)
	maxRow, maxFile := 0.0, 0.0
	for _, det := range []string{"numenta", "windowedGaussian", "relativeEntropy", "null"} {
		for _, file := range nabFiles {
			f, ws := e.rows(t, "results/"+det+"/realKnownCause/"+det+"_"+file, file)
			n := f.Len()
			labels, ok := f.Column("label")
			require.True(t, ok)
			for i := range labels {
				in := false
				for _, w := range ws {
					in = in || (i >= w.First && i <= w.Last)
				}
				require.Equal(t, labels[i] == 1, in, "%s row %d label", file, i)
			}
			score, ok := f.Column("anomaly_score")
			require.True(t, ok)
			rowS := make([]float64, n)
			for _, pr := range nabProfiles {
				th := e.thresholds[det][pr.name].Threshold
				detections, err := Detections(nil, score, th)
				require.NoError(t, err)
				res, err := Score(rowS, detections, ws, pr.p, ProbationLength(n, ProbationPercent))
				require.NoError(t, err)
				want, ok := f.Column("S(t)_" + pr.name)
				require.True(t, ok)
				sum := 0.0
				for i := range want {
					// The published columns carry 12 significant digits.
					require.InDelta(t, want[i], rowS[i], 1e-11, "%s %s %s row %d", det, file, pr.name, i)
					sum += want[i]
					maxRow = math.Max(maxRow, math.Abs(want[i]-rowS[i]))
				}
				maxFile = math.Max(maxFile, math.Abs(sum-res.Score))
				assert.InDelta(t, sum, res.Score, 1e-10, "%s %s %s", det, file, pr.name)
				assert.Equal(t, n-ProbationLength(n, ProbationPercent), res.TP+res.TN+res.FP+res.FN)
				t.Logf("%-16s %-40s %-18s threshold %.6f raw %+.6f (published column sum %+.6f) windows detected %d/%d FP rows %d",
					det, file, pr.name, th, res.Score, sum, res.Detected, len(ws), res.FP)
			}
		}
	}
	t.Logf("largest |ΔS(t)| per row %.3g, largest |Δ file score| %.3g", maxRow, maxFile)
}

func TestNABScoreClosedForms(t *testing.T) {
	n := 2000
	prob := ProbationLength(n, ProbationPercent)
	require.Equal(t, 300, prob)
	assert.Equal(t, 750, ProbationLength(22695, ProbationPercent))
	ws := []RowWindow{{First: 1000, Last: 1099}}
	det := make([]bool, n)
	rowS := make([]float64, n)

	// No detection: −A_FN on the window's first row.
	res, err := Score(rowS, det, ws, LowFN, prob)
	require.NoError(t, err)
	assert.Equal(t, -2.0, res.Score)
	assert.Equal(t, -2.0, rowS[1000])
	assert.Equal(t, 100, res.FN)

	// Detection on the first row of the window: exactly A_TP.
	det[1000] = true
	det[1050] = true // later detections in the window do not count
	res, err = Score(rowS, det, ws, Standard, prob)
	require.NoError(t, err)
	assert.InDelta(t, 1.0, res.Score, 1e-15)
	assert.Equal(t, 2, res.TP)
	assert.Equal(t, 1, res.Detected)

	// Detection on the last row: σ(−1/100)/σ(−1).
	det[1000], det[1050], det[1099] = false, false, true
	res, err = Score(rowS, det, ws, Standard, prob)
	require.NoError(t, err)
	want := (2/(1+math.Exp(-5.0/100)) - 1) / (2/(1+math.Exp(-5.0)) - 1)
	assert.InDelta(t, want, res.Score, 1e-15)

	// FPs: before any window −A_FP; right after the window ≈ 0; far after −A_FP.
	det[1099] = false
	det[500], det[1100], det[1999] = true, true, true
	res, err = Score(rowS, det, ws, Standard, prob)
	require.NoError(t, err)
	assert.Equal(t, -0.11, rowS[500])
	assert.InDelta(t, 0.11*(2/(1+math.Exp(5.0/99))-1), rowS[1100], 1e-15)
	assert.Equal(t, -0.11, rowS[1999])
	assert.Equal(t, 3, res.FP)
	// FPs inside the probationary period are ignored.
	det[10] = true
	res2, err := Score(nil, det, ws, Standard, prob)
	require.NoError(t, err)
	assert.Equal(t, res.Score, res2.Score)

	null, perfect := NullScore(1, Standard), PerfectScore(1, Standard)
	v, err := Normalize(null, null, perfect)
	require.NoError(t, err)
	assert.Equal(t, 0.0, v)
	v, err = Normalize(perfect, null, perfect)
	require.NoError(t, err)
	assert.Equal(t, 100.0, v)
	_, err = Normalize(0, 0, 0)
	assert.Error(t, err)
}

func TestNABScoreBadInput(t *testing.T) {
	det := make([]bool, 100)
	_, err := Score(nil, det, []RowWindow{{First: 90, Last: 100}}, Standard, 15)
	assert.ErrorContains(t, err, "outside")
	_, err = Score(nil, det, []RowWindow{{First: 10, Last: 20}, {First: 20, Last: 30}}, Standard, 15)
	assert.ErrorContains(t, err, "overlaps")
	_, err = Score(make([]float64, 3), det, nil, Standard, 15)
	assert.ErrorContains(t, err, "rowScores length")
	_, err = Detections(nil, []float64{0, math.NaN()}, 0.5)
	assert.ErrorContains(t, err, "row 1")
}
