package nab

import (
	"fmt"
	"math"
	"sort"
)

// NamedProfile is one of NAB's profiles under its config/profiles.json name.
type NamedProfile struct {
	Name    string
	Profile Profile
}

// Profiles lists NAB's three profiles in the benchmark's order.
var Profiles = []NamedProfile{
	{"standard", Standard},
	{"reward_low_FP_rate", LowFP},
	{"reward_low_FN_rate", LowFN},
}

// SweepFile scores one file at every threshold: raw[k] is the raw score
// (Result.Score of Score) of the detections scores[i] >= thresholds[k]
// under profile p with the given probationary rows. It costs O(n +
// len(thresholds)·m), m being the number of scored rows at or above the
// smallest threshold, so that a corpus can be swept at many thresholds.
// Windows must be as Score requires; a NaN score is an error naming the
// row.
func SweepFile(scores []float64, windows []RowWindow, p Profile, probation int, thresholds []float64) ([]float64, error) {
	n := len(scores)
	if _, err := Score(nil, make([]bool, n), windows, p, probation); err != nil {
		return nil, err
	}
	lo := math.Inf(1)
	for _, th := range thresholds {
		lo = min(lo, th)
	}
	var idx []int // scored rows at or above the smallest threshold
	for i, s := range scores {
		if math.IsNaN(s) {
			return nil, fmt.Errorf("%w: NAB anomaly score at row %d is NaN", ErrInput, i)
		}
		if i >= probation && s >= lo {
			idx = append(idx, i)
		}
	}
	// win[j] is the window holding idx[j] (−1: none); prev[j] the last
	// window ending before idx[j] (−1: none).
	win := make([]int, len(idx))
	prev := make([]int, len(idx))
	k := 0
	for j, i := range idx {
		for k < len(windows) && windows[k].Last < i {
			k++
		}
		prev[j] = k - 1
		win[j] = -1
		if k < len(windows) && windows[k].First <= i {
			win[j] = k
		}
	}
	maxTP := sigmoid(-1)
	fpWeight := make([]float64, len(idx)) // FP penalty of each row
	for j, i := range idx {
		if win[j] >= 0 {
			continue
		}
		if prev[j] < 0 {
			fpWeight[j] = -p.FP
			continue
		}
		w := windows[prev[j]]
		pos := 2.0
		if w.Last > w.First {
			pos = math.Abs(float64(w.Last-i)) / float64(w.Last-w.First)
		}
		fpWeight[j] = sigmoid(pos) * p.FP
	}
	raw := make([]float64, len(thresholds))
	hit := make([]bool, len(windows))
	for t, th := range thresholds {
		clear(hit)
		var tpScore, fpScore, fnScore float64
		for j, i := range idx {
			if scores[i] < th {
				continue
			}
			if w := win[j]; w < 0 {
				fpScore += fpWeight[j]
			} else if !hit[w] {
				hit[w] = true
				ww := windows[w]
				tpScore += sigmoid(-float64(ww.Last-i+1)/float64(ww.Last-ww.First+1)) * p.TP / maxTP
			}
		}
		for w := range windows {
			if !hit[w] {
				fnScore -= p.FN
			}
		}
		raw[t] = tpScore + fpScore + fnScore
	}
	return raw, nil
}

// Tally is raw NAB scores summed over a set of files, with the number of
// labelled windows they hold.
type Tally struct {
	Raw     float64
	Windows int
	Files   int
}

// Add adds one file's raw score and window count.
func (t *Tally) Add(raw float64, windows int) {
	t.Raw += raw
	t.Windows += windows
	t.Files++
}

// Normalized returns the tally on NAB's 0–100 scale under profile p, and
// false when the files hold no window, where the scale is undefined.
func (t Tally) Normalized(p Profile) (float64, bool) {
	v, err := Normalize(t.Raw, NullScore(t.Windows, p), PerfectScore(t.Windows, p))
	return v, err == nil
}

// Choice is a setting and threshold chosen on a set of files.
type Choice struct {
	// Setting and Threshold index the setting (a detector configuration)
	// and the threshold of the grid that Best searched.
	Setting, Threshold int
	// Raw is the summed raw score of the files chosen on.
	Raw float64
}

// Best applies NAB's threshold rule, one setting and threshold for a whole
// corpus: raw[s][f][k] is the raw score of file f under setting s at
// threshold k (SweepFile), and Best returns the setting and threshold
// whose raw score summed over the files with use(f) is highest (the first
// such, in setting then threshold order). raw must be rectangular and not
// empty.
func Best(raw [][][]float64, use func(f int) bool) Choice {
	best := Choice{Raw: math.Inf(-1)}
	for s, files := range raw {
		for k := range files[0] {
			sum := 0.0
			for f, r := range files {
				if use(f) {
					sum += r[k]
				}
			}
			if sum > best.Raw {
				best = Choice{Setting: s, Threshold: k, Raw: sum}
			}
		}
	}
	return best
}

// Categories returns the distinct categories in first-seen order, sorted.
func Categories(category []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range category {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
}

// HeldOut is the leave-one-category-out outcome for one category: the
// choice made on the other categories and the category's files scored
// with it.
type HeldOut struct {
	Category string
	Choice   Choice
	Tally    Tally
}

// LeaveOneCategoryOut cross-validates NAB's threshold rule: for each
// category it chooses a setting and threshold with Best on the files of
// every other category, then scores the category's files with that
// choice. raw is as for Best, category[f] names file f's category and
// windows[f] its number of labelled windows. The returned total sums
// every held-out file, so it normalises like a whole-corpus score of
// settings that never saw the file's category. With fewer than two
// categories nothing is left to choose on: ok is false and nothing is
// returned.
func LeaveOneCategoryOut(raw [][][]float64, category []string, windows []int) (held []HeldOut, total Tally, ok bool) {
	cats := Categories(category)
	if len(cats) < 2 {
		return nil, Tally{}, false
	}
	for _, c := range cats {
		ch := Best(raw, func(f int) bool { return category[f] != c })
		h := HeldOut{Category: c, Choice: ch}
		for f := range category {
			if category[f] == c {
				r := raw[ch.Setting][f][ch.Threshold]
				h.Tally.Add(r, windows[f])
				total.Add(r, windows[f])
			}
		}
		held = append(held, h)
	}
	return held, total, true
}
