package anomaly

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/require"
)

// imsBearing is one bearing's outcome on an IMS test.
type imsBearing struct {
	name      string
	threshold float64 // z units
	alarm     int     // snapshot index, −1 for none
	peakZ     float64 // largest z once the baseline is complete
}

// runRigMonitor streams the active part of an IMS test (the snapshots after
// the rig stopped, IMSSummary.ActiveLen(0.01), are dropped) through a
// RigMonitor, snapshot by snapshot as a service would, and returns the
// active length and each bearing's outcome.
func runRigMonitor(s *datasets.IMSSummary, cfg RigMonitorConfig) (int, []imsBearing, error) {
	n := s.ActiveLen(0.01)
	names, y := s.BearingLevels(n)
	m, err := NewRigMonitor(len(names), cfg)
	if err != nil {
		return n, nil, err
	}
	out := make([]imsBearing, len(names))
	for b := range out {
		out[b] = imsBearing{name: names[b], alarm: -1, peakZ: math.Inf(-1)}
	}
	levels := make([]float64, len(names))
	scores := make([]RigScore, len(names))
	for i := 0; i < n; i++ {
		for b := range levels {
			levels[b] = y[b][i]
		}
		if _, err := m.Update(scores, levels); err != nil {
			return n, nil, err
		}
		for b, sc := range scores {
			if !sc.Ready {
				continue
			}
			out[b].threshold = sc.Threshold
			out[b].peakZ = math.Max(out[b].peakZ, sc.Z)
			if sc.Alarm && out[b].alarm < 0 {
				out[b].alarm = i
			}
		}
	}
	return n, out, nil
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

// TestIMSBearingAlarms streams the three IMS run-to-failure tests through
// one RigMonitor configuration and asserts the alarms it achieves; the
// table is logged. Test 2 must alarm on bearing 1 and never on bearings 2–4.
func TestIMSBearingAlarms(t *testing.T) {
	cfg := DefaultRigMonitorConfig()
	got := map[int]map[string]int{}
	t.Logf("config %+v", cfg)
	t.Logf("%-4s %-9s %-7s %6s %6s %-19s %8s %7s %6s", "test", "bearing", "truth", "thr z", "alarm", "alarm time", "h to end", "% life", "peak z")
	for test := 1; test <= 3; test++ {
		s := loadIMSSummary(t, test)
		n, bearings, err := runRigMonitor(s, cfg)
		require.NoError(t, err)
		got[test] = map[string]int{}
		for _, b := range bearings {
			got[test][b.name] = b.alarm
			truth := "healthy"
			if slices.Contains(imsFailing[test], b.name) {
				truth = "FAILS"
			}
			when, hours, life := "-", "-", "-"
			if b.alarm >= 0 {
				when = s.Time[b.alarm].Format("2006-01-02 15:04:05")
				hours = fmt.Sprintf("%.1f", imsHoursBeforeEnd(s, n, b.alarm))
				life = fmt.Sprintf("%.1f", 100*s.Time[b.alarm].Sub(s.Time[0]).Hours()/s.Time[n-1].Sub(s.Time[0]).Hours())
			}
			t.Logf("%-4d %-9s %-7s %6.1f %6d %-19s %8s %7s %6.1f", test, b.name, truth, b.threshold, b.alarm, when, hours, life, b.peakZ)
		}
		t.Logf("test %d: %d active snapshots of %d, last active %s", test, n, len(s.Time), s.Time[n-1].Format(time.DateTime))
	}
	// Test 2 (hard requirement): bearing 1 alarms, at the published onset
	// (files 530–550) or earlier, and bearings 2–4 never do.
	require.GreaterOrEqual(t, got[2]["Bearing 1"], 0, "test 2 bearing 1 must alarm")
	require.LessOrEqual(t, got[2]["Bearing 1"], 550)
	for _, b := range []string{"Bearing 2", "Bearing 3", "Bearing 4"} {
		require.Equal(t, -1, got[2][b], "test 2 %s false alarm", b)
	}
	// Tests 1 and 3: what the same configuration achieves. Test 3 bearing 4
	// alarms on a lasting 12 % level step near 32 % of the run, a false
	// alarm against the documented truth; logged above, not hidden.
	require.GreaterOrEqual(t, got[1]["Bearing 3"], 0, "test 1 bearing 3")
	require.GreaterOrEqual(t, got[1]["Bearing 4"], 0, "test 1 bearing 4")
	require.Equal(t, -1, got[1]["Bearing 1"])
	require.Equal(t, -1, got[1]["Bearing 2"])
	require.GreaterOrEqual(t, got[3]["Bearing 3"], 0, "test 3 bearing 3")
	require.Equal(t, -1, got[3]["Bearing 1"])
	require.Equal(t, -1, got[3]["Bearing 2"])
}

// TestIMSAlarmSensitivity shows that the test-2 result does not hinge on
// the chosen run-in, margin and persistence: every neighbouring setting
// alarms on bearing 1 near the published onset and never on bearings 2–4.
func TestIMSAlarmSensitivity(t *testing.T) {
	s := loadIMSSummary(t, 2)
	for _, skip := range []int{50, 100, 150} {
		for _, m := range []float64{1.5, 2, 3} {
			for _, k := range []int{3, 6, 12} {
				c := DefaultRigMonitorConfig()
				c.Skip, c.Margin, c.K = skip, m, k
				_, bearings, err := runRigMonitor(s, c)
				require.NoError(t, err)
				line := fmt.Sprintf("skip %3d margin %.1f K %2d:", skip, m, k)
				for _, b := range bearings {
					line += fmt.Sprintf("  %s %4d (thr %5.1f, peak %6.1f)", b.name, b.alarm, b.threshold, b.peakZ)
				}
				t.Log(line)
				require.GreaterOrEqual(t, bearings[0].alarm, 520, line)
				require.LessOrEqual(t, bearings[0].alarm, 570, line)
				for _, b := range bearings[1:] {
					require.Equal(t, -1, b.alarm, line)
				}
			}
		}
	}
}
