package nab

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/spindle-pdm/spindle/datasets"
)

// The benchmark's labels and configuration: labels/combined_windows.json,
// config/profiles.json and config/thresholds.json of the NAB repository.
// The data files themselves are read by datasets.ReadNAB and LoadNAB.

// Window is one labelled anomaly window in time, inclusive at both ends.
type Window struct {
	Start, End time.Time
}

// ReadWindows parses labels/combined_windows.json: an object mapping each
// data file's path relative to data/ (e.g.
// "realKnownCause/machine_temperature_system_failure.csv") to a list of
// [start, end] timestamp pairs. Windows are returned in file order; a
// window whose end precedes its start is an error.
func ReadWindows(r io.Reader) (map[string][]Window, error) {
	var raw map[string][][]string
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("%w: windows: %w", ErrFormat, err)
	}
	out := make(map[string][]Window, len(raw))
	for name, ws := range raw {
		list := make([]Window, len(ws))
		for i, w := range ws {
			if len(w) != 2 {
				return nil, fmt.Errorf("%w: windows %s[%d]: %d timestamps, want 2", ErrFormat, name, i, len(w))
			}
			a, err := datasets.ParseNABTime(w[0])
			if err != nil {
				return nil, fmt.Errorf("%w: windows %s[%d]: %w", ErrFormat, name, i, err)
			}
			b, err := datasets.ParseNABTime(w[1])
			if err != nil {
				return nil, fmt.Errorf("%w: windows %s[%d]: %w", ErrFormat, name, i, err)
			}
			if b.Before(a) {
				return nil, fmt.Errorf("%w: windows %s[%d]: end %v before start %v", ErrFormat, name, i, b, a)
			}
			list[i] = Window{Start: a, End: b}
		}
		out[name] = list
	}
	return out, nil
}

// ReadProfiles parses config/profiles.json into a map from profile name
// ("standard", "reward_low_FP_rate", "reward_low_FN_rate") to its weights
// (the "CostMatrix" tpWeight, fpWeight, fnWeight and tnWeight).
func ReadProfiles(r io.Reader) (map[string]Profile, error) {
	var raw map[string]struct {
		CostMatrix *struct {
			TP *float64 `json:"tpWeight"`
			FP *float64 `json:"fpWeight"`
			FN *float64 `json:"fnWeight"`
			TN *float64 `json:"tnWeight"`
		}
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("%w: profiles: %w", ErrFormat, err)
	}
	out := make(map[string]Profile, len(raw))
	for name, p := range raw {
		c := p.CostMatrix
		if c == nil || c.TP == nil || c.FP == nil || c.FN == nil || c.TN == nil {
			return nil, fmt.Errorf("%w: profile %q: CostMatrix must give tpWeight, fpWeight, fnWeight and tnWeight", ErrFormat, name)
		}
		out[name] = Profile{TP: *c.TP, FP: *c.FP, FN: *c.FN, TN: *c.TN}
	}
	return out, nil
}

// Threshold is one detector's tuned threshold and corpus score for one
// profile (config/thresholds.json).
type Threshold struct {
	Threshold float64 `json:"threshold"`
	Score     float64 `json:"score"`
}

// ReadThresholds parses config/thresholds.json: detector name → profile
// name → threshold and score.
func ReadThresholds(r io.Reader) (map[string]map[string]Threshold, error) {
	var out map[string]map[string]Threshold
	if err := json.NewDecoder(r).Decode(&out); err != nil {
		return nil, fmt.Errorf("%w: thresholds: %w", ErrFormat, err)
	}
	return out, nil
}

// NABRows is a window expressed as row indices of one file, First and Last
// inclusive. It converts directly to anomaly.Window.
type NABRows struct {
	First, Last int
}

// WindowRows maps labelled windows onto rows of times (sorted ascending) the
// way NAB's scorer does: a window holds every row with Start <= time <= End.
// A window that holds no row is an error, since NAB cannot score it.
func WindowRows(times []time.Time, windows []Window) ([]RowWindow, error) {
	out := make([]RowWindow, len(windows))
	for i, w := range windows {
		first := sort.Search(len(times), func(k int) bool { return !times[k].Before(w.Start) })
		last := sort.Search(len(times), func(k int) bool { return times[k].After(w.End) }) - 1
		if first >= len(times) || last < first {
			return nil, fmt.Errorf("%w: window %d [%v, %v] holds no row of the series [%v, %v]", ErrInput,
				i, w.Start, w.End, firstTime(times), lastTime(times))
		}
		out[i] = RowWindow{First: first, Last: last}
	}
	return out, nil
}

func firstTime(t []time.Time) time.Time {
	if len(t) == 0 {
		return time.Time{}
	}
	return t[0]
}

func lastTime(t []time.Time) time.Time {
	if len(t) == 0 {
		return time.Time{}
	}
	return t[len(t)-1]
}
