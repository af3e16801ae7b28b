package rul_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// imsBearing is one bearing's normalised health indicator: the 1-hour
// trailing mean (6 snapshots) of its mean absolute acceleration divided by
// its healthy baseline (mean of the first 200 snapshots, ≈ 33 h), over the
// snapshots before the rig stopped, with time in hours.
type imsBearing struct {
	name     string
	hours    []float64
	hi       []float64
	baseline float64 // g
	onset    int     // first index of 3 consecutive HI > 1 + 6·CV of the baseline
}

func loadIMSBearing(t *testing.T, dir string, test int, channel string) imsBearing {
	f, err := os.Open(filepath.Join(dir, fmt.Sprintf("merged_dataset_BearingTest_%d.csv", test)))
	require.NoError(t, err)
	defer f.Close()
	s, err := datasets.ReadIMSSummary(f)
	require.NoError(t, err)
	c := s.Channel(channel)
	require.GreaterOrEqual(t, c, 0, channel)
	n := s.ActiveLen(0.01)
	b := imsBearing{name: fmt.Sprintf("test %d %s", test, channel), hours: s.Hours()[:n]}
	b.hi, err = rul.MovingAverage(nil, s.Values[c][:n], 6)
	require.NoError(t, err)
	var mu, ss float64
	for _, v := range b.hi[:200] {
		mu += v / 200
	}
	for _, v := range b.hi[:200] {
		ss += (v - mu) * (v - mu) / 199
	}
	b.baseline = mu
	for i := range b.hi {
		b.hi[i] /= mu
	}
	level := 1 + 6*math.Sqrt(ss)/mu
	b.onset = -1
	for i := 200; i+2 < n; i++ {
		if b.hi[i] > level && b.hi[i+1] > level && b.hi[i+2] > level {
			b.onset = i
			break
		}
	}
	require.GreaterOrEqual(t, b.onset, 0, b.name)
	return b
}

// sinceOnset returns the history from the onset on, time since onset.
func (b imsBearing) sinceOnset(end int) rul.History {
	var h rul.History
	for i := b.onset; i < end; i++ {
		h.Time = append(h.Time, b.hours[i]-b.hours[b.onset])
		h.Value = append(h.Value, b.hi[i])
	}
	return h
}

// TestIMSBearingForecast forecasts the remaining life of IMS test 2
// bearing 1 (outer-race failure) at 50, 70 and 90 % of its life with an
// exponential degradation model:
//
//   - health indicator: normalised smoothed mean absolute acceleration
//     (see imsBearing); phi = 0.9;
//   - prior: FitExponentialPrior over the post-onset histories of the three
//     other bearings that failed in the IMS tests (test 1 bearings 3 and 4,
//     channel C1; test 3 bearing 3), time counted from each onset;
//   - threshold (stated rule): the median of those three bearings' final
//     normalised indicator values;
//   - the model is updated from bearing 1's onset on; before the onset the
//     forecast is the prior's (from onset), so the RUL is at least that.
//
// The true end is the last snapshot before the rig stopped.
func TestIMSBearingForecast(t *testing.T) {
	dir := testenv.DataDir(t, filepath.Join("ims", "summary"))
	others := []imsBearing{
		loadIMSBearing(t, dir, 1, "Bearing 3 C1"),
		loadIMSBearing(t, dir, 1, "Bearing 4 C1"),
		loadIMSBearing(t, dir, 3, "Bearing 3"),
	}
	const phi = 0.9
	var lib []rul.History
	var ends []float64
	for _, o := range others {
		lib = append(lib, o.sinceOnset(len(o.hi)))
		ends = append(ends, o.hi[len(o.hi)-1])
		t.Logf("%s: baseline %.4f g, onset at %.1f h of %.1f h, final HI %.2f", o.name, o.baseline, o.hours[o.onset], o.hours[len(o.hours)-1], ends[len(ends)-1])
	}
	prior, err := rul.FitExponentialPrior(lib, phi)
	require.NoError(t, err)
	threshold := median3(ends)
	t.Logf("prior %+v; threshold %.2f × baseline", prior, threshold)

	b := loadIMSBearing(t, dir, 2, "Bearing 1")
	life := b.hours[len(b.hours)-1]
	t.Logf("%s: baseline %.4f g, onset at %.1f h, end of life %.1f h; threshold %.3f g", b.name, b.baseline, b.hours[b.onset], life, threshold*b.baseline)
	var rows []string
	rows = append(rows, "| life | t (h) | HI | true RUL (h) | median RUL (h) | 90 % interval (h) | error (h) | inside |")
	rows = append(rows, "|---|---|---|---|---|---|---|---|")
	for _, frac := range []float64{0.5, 0.7, 0.9} {
		k := 0
		for k+1 < len(b.hours) && b.hours[k+1] <= frac*life {
			k++
		}
		m, err := rul.NewExponentialModel(prior, rul.SamplingConfig{Samples: 4000, Seed: 1})
		require.NoError(t, err)
		note := ""
		if k >= b.onset {
			h := b.sinceOnset(k + 1)
			require.NoError(t, m.UpdateBatch(h.Time, h.Value))
		} else {
			note = " (before onset: prior)"
		}
		d, err := m.Predict(nil, threshold)
		require.NoError(t, err)
		truth := life - b.hours[k]
		med := d.Median()
		lo, hi := d.Interval(0.9)
		inside := lo <= truth && truth <= hi
		rows = append(rows, fmt.Sprintf("| %.0f %%%s | %.1f | %.2f | %.1f | %.1f | [%.1f, %.1f] | %+.1f | %v |",
			100*frac, note, b.hours[k], b.hi[k], truth, med, lo, hi, med-truth, inside))
		require.True(t, lo <= med && med <= hi)
		if frac >= 0.7 {
			// Regression guard on the point forecast once degradation is
			// under way: within half the true remaining life.
			assert.Less(t, math.Abs(med-truth), 0.5*truth, "at %.0f %% of life", 100*frac)
		}
	}
	t.Log("\n" + strings.Join(rows, "\n"))
}

func median3(v []float64) float64 {
	a, b, c := v[0], v[1], v[2]
	return math.Max(math.Min(a, b), math.Min(math.Max(a, b), c))
}
