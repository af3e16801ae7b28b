package anomaly

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/require"
)

// imsChain is the bearing alarm chain run on the IMS summary series (one
// mean-absolute-acceleration value per 10-minute snapshot and channel),
// with one configuration for every bearing of every test:
//
//  1. Active part: the trailing snapshots taken after the rig stopped
//     (IMSSummary.ActiveLen(0.01)) are dropped; n is what remains.
//  2. Level: y_b = mean over bearing b's channels of ln(value) (test 1 has
//     two accelerometers a bearing).
//  3. Common-mode rejection: r_b = y_b − mean over the bearings of y.
//     The bearings share one shaft, housing and load, so load, speed,
//     temperature and the vibration a failing bearing sends through the
//     shaft move every channel; a bearing's own defect raises its level
//     relative to the rig's.
//  4. Smoothing: trailing median of the last Smooth snapshots.
//  5. Baseline: snapshots [BaselineSkip·n, (BaselineSkip+BaselineFrac)·n)
//     are assumed healthy (the skipped start is the run-in); per bearing
//     the score is the robust z-score z = (r − median)/(1.4826·MAD)
//     against that baseline.
//  6. Threshold: Margin × the baseline z-scores' EVT quantile at PFA
//     (HealthyEVT: GPD tail fit), one-sided (only rises alarm).
//  7. Persistence: the alarm is raised after K consecutive snapshots above
//     the threshold (Persistence), counted from the end of the baseline.
type imsChain struct {
	BaselineSkip float64
	BaselineFrac float64
	Smooth       int
	PFA          float64
	Margin       float64
	K            int
}

// imsDefaultChain is the one configuration reported and asserted.
var imsDefaultChain = imsChain{BaselineSkip: 0.1, BaselineFrac: 0.2, Smooth: 5, PFA: 1e-3, Margin: 2, K: 6}

type imsBearing struct {
	name      string
	threshold float64 // z units
	alarm     int     // snapshot index, −1 for none
	peakZ     float64 // largest z after the baseline
}

type imsRun struct {
	n, b0, b1 int          // active length, baseline [b0, b1)
	bearings  []imsBearing // per bearing
	rel       [][]float64  // smoothed common-mode-rejected levels r_b
	z         [][]float64  // robust z-scores
}

// imsBearingLevels returns y[b][i] for the bearings over the first n
// snapshots, grouping channels by their "Bearing N" prefix.
func imsBearingLevels(s *datasets.IMSSummary, n int) (names []string, y [][]float64) {
	idx := map[string]int{}
	var cnt []float64
	for c, ch := range s.Channels {
		f := strings.Fields(ch)
		name := strings.Join(f[:min(2, len(f))], " ")
		b, ok := idx[name]
		if !ok {
			b = len(names)
			idx[name] = b
			names = append(names, name)
			y = append(y, make([]float64, n))
			cnt = append(cnt, 0)
		}
		cnt[b]++
		for i := 0; i < n; i++ {
			y[b][i] += math.Log(s.Values[c][i])
		}
	}
	for b := range y {
		scale(y[b], 1/cnt[b])
	}
	return names, y
}

func (c imsChain) run(s *datasets.IMSSummary) (imsRun, error) {
	n := s.ActiveLen(0.01)
	names, y := imsBearingLevels(s, n)
	res := imsRun{n: n, b0: int(c.BaselineSkip * float64(n)), b1: int((c.BaselineSkip + c.BaselineFrac) * float64(n))}
	nb := len(y)
	raw := make([]float64, n)
	win := make([]float64, 0, c.Smooth)
	for b := 0; b < nb; b++ {
		for i := 0; i < n; i++ {
			var m float64
			for _, yc := range y {
				m += yc[i]
			}
			raw[i] = y[b][i] - m/float64(nb)
		}
		r := make([]float64, n)
		for i := range r {
			win = append(win[:0], raw[max(0, i-c.Smooth+1):i+1]...)
			r[i] = median(win)
		}
		base := slices.Clone(r[res.b0:res.b1])
		med := median(slices.Clone(base))
		for i := range base {
			base[i] = math.Abs(base[i] - med)
		}
		mad := 1.4826 * median(base)
		z := make([]float64, n)
		for i := range z {
			z[i] = (r[i] - med) / mad
		}
		q, err := HealthyEVT(z[res.b0:res.b1], c.PFA)
		if err != nil {
			return res, fmt.Errorf("%s: %w", names[b], err)
		}
		bb := imsBearing{name: names[b], threshold: c.Margin * q, alarm: -1, peakZ: math.Inf(-1)}
		p := Persistence{K: c.K}
		for i := res.b1; i < n; i++ {
			bb.peakZ = math.Max(bb.peakZ, z[i])
			if p.Update(z[i] > bb.threshold) && bb.alarm < 0 {
				bb.alarm = i
			}
		}
		res.bearings = append(res.bearings, bb)
		res.rel = append(res.rel, r)
		res.z = append(res.z, z)
	}
	return res, nil
}

func loadIMSSummary(t *testing.T, test int) *datasets.IMSSummary {
	dir := testenv.DataDir(t, "ims")
	f, err := os.Open(filepath.Join(dir, "summary", fmt.Sprintf("merged_dataset_BearingTest_%d.csv", test)))
	require.NoError(t, err)
	defer f.Close()
	s, err := datasets.ReadIMSSummary(f)
	require.NoError(t, err)
	return s
}

// imsFailing lists the bearings the data set's documentation says failed
// (for the report table only; the chain never reads it).
var imsFailing = map[int][]string{1: {"Bearing 3", "Bearing 4"}, 2: {"Bearing 1"}, 3: {"Bearing 3"}}

func imsHoursBeforeEnd(s *datasets.IMSSummary, n, i int) float64 {
	return s.Time[n-1].Sub(s.Time[i]).Hours()
}

// TestIMSBearingAlarms runs the one chain configuration on the three IMS
// run-to-failure tests and asserts the alarms it achieves; the table is
// logged. Test 2 must alarm on bearing 1 and never on bearings 2–4.
func TestIMSBearingAlarms(t *testing.T) {
	got := map[int]map[string]int{}
	t.Logf("chain %+v", imsDefaultChain)
	t.Logf("%-4s %-9s %-7s %6s %6s %6s %-19s %8s %7s %6s", "test", "bearing", "truth", "base", "thr z", "alarm", "alarm time", "h to end", "% life", "peak z")
	for test := 1; test <= 3; test++ {
		s := loadIMSSummary(t, test)
		res, err := imsDefaultChain.run(s)
		require.NoError(t, err)
		got[test] = map[string]int{}
		for _, b := range res.bearings {
			got[test][b.name] = b.alarm
			truth := "healthy"
			if slices.Contains(imsFailing[test], b.name) {
				truth = "FAILS"
			}
			when, hours, life := "-", "-", "-"
			if b.alarm >= 0 {
				when = s.Time[b.alarm].Format("2006-01-02 15:04:05")
				hours = fmt.Sprintf("%.1f", imsHoursBeforeEnd(s, res.n, b.alarm))
				life = fmt.Sprintf("%.1f", 100*s.Time[b.alarm].Sub(s.Time[0]).Hours()/s.Time[res.n-1].Sub(s.Time[0]).Hours())
			}
			t.Logf("%-4d %-9s %-7s %6s %6.1f %6d %-19s %8s %7s %6.1f", test, b.name, truth,
				fmt.Sprintf("%d-%d", res.b0, res.b1-1), b.threshold, b.alarm, when, hours, life, b.peakZ)
		}
		t.Logf("test %d: %d active snapshots of %d, last active %s", test, res.n, len(s.Time), s.Time[res.n-1].Format(time.DateTime))
	}
	// Test 2 (hard requirement): bearing 1 alarms, at the published onset
	// (files 530–550) or earlier, and bearings 2–4 never do.
	require.GreaterOrEqual(t, got[2]["Bearing 1"], 0, "test 2 bearing 1 must alarm")
	require.LessOrEqual(t, got[2]["Bearing 1"], 545)
	for _, b := range []string{"Bearing 2", "Bearing 3", "Bearing 4"} {
		require.Equal(t, -1, got[2][b], "test 2 %s false alarm", b)
	}
	// Tests 1 and 3: what the same configuration achieves.
	require.GreaterOrEqual(t, got[1]["Bearing 3"], 0, "test 1 bearing 3")
	require.GreaterOrEqual(t, got[1]["Bearing 4"], 0, "test 1 bearing 4")
	require.Equal(t, -1, got[1]["Bearing 1"])
	require.Equal(t, -1, got[1]["Bearing 2"])
	require.GreaterOrEqual(t, got[3]["Bearing 3"], 0, "test 3 bearing 3")
	require.Equal(t, -1, got[3]["Bearing 1"])
	require.Equal(t, -1, got[3]["Bearing 2"])
	// Test 3 bearing 4 alarms on a lasting level step near 32 % of the run
	// (a false alarm against the documented truth); logged, not hidden.
	t.Logf("test 3 bearing 4 alarm (false against the documented truth): %d", got[3]["Bearing 4"])
}

// TestIMSAlarmSensitivity shows that the test-2 result does not hinge on
// the chosen margin and run-in skip: every neighbouring setting alarms on
// bearing 1 between files 530 and 560 and never on bearings 2–4.
func TestIMSAlarmSensitivity(t *testing.T) {
	s := loadIMSSummary(t, 2)
	for _, skip := range []float64{0, 0.05, 0.1} {
		for _, m := range []float64{1.5, 2, 3} {
			for _, k := range []int{3, 6, 12} {
				c := imsDefaultChain
				c.BaselineSkip, c.Margin, c.K = skip, m, k
				res, err := c.run(s)
				require.NoError(t, err)
				line := fmt.Sprintf("skip %.2f margin %.1f K %2d:", skip, m, k)
				for _, b := range res.bearings {
					line += fmt.Sprintf("  %s %4d (thr %5.1f, peak %6.1f)", b.name, b.alarm, b.threshold, b.peakZ)
				}
				t.Log(line)
				require.GreaterOrEqual(t, res.bearings[0].alarm, 530, line)
				require.LessOrEqual(t, res.bearings[0].alarm, 560, line)
				for _, b := range res.bearings[1:] {
					require.Equal(t, -1, b.alarm, line)
				}
			}
		}
	}
}
