package nab

import (
	"fmt"
	"math"
)

// Profile holds one NAB application profile's cost matrix: the weights
// A_TP, A_FP, A_FN and A_TN of profiles.json (A_TN is carried for
// completeness; true negatives score zero in NAB).
type Profile struct {
	TP, FP, FN, TN float64
}

// The three profiles of NAB's config/profiles.json.
var (
	Standard = Profile{TP: 1, FP: 0.11, FN: 1, TN: 1}
	LowFP    = Profile{TP: 1, FP: 0.22, FN: 1, TN: 1}
	LowFN    = Profile{TP: 1, FP: 0.11, FN: 2, TN: 1}
)

// ProbationPercent is NAB's probationary fraction of each file.
const ProbationPercent = 0.15

// RowWindow is a labelled anomaly window given as row indices, First and
// Last inclusive (WindowRows maps labelled Windows onto rows).
type RowWindow struct {
	First, Last int
}

// Result is the score of one file under one profile.
type Result struct {
	// Score is the raw NAB score: TP rewards + FP penalties + FN penalties.
	Score float64
	// TP, TN, FP and FN count the scored rows (after the probationary
	// period) by type, as NAB's scorer does.
	TP, TN, FP, FN int
	// Detected counts the windows holding at least one scored detection.
	Detected int
}

// ProbationLength returns the number of leading rows NAB ignores in a
// file of n rows: min(⌊p·n⌋, p·5000) rounded up to a whole row (rows with
// index < that value are probationary).
func ProbationLength(n int, p float64) int {
	v := math.Min(math.Floor(p*float64(n)), p*5000)
	return int(math.Ceil(v))
}

// Detections sets dst[i] = scores[i] >= threshold and returns dst; a nil
// dst is allocated, otherwise len(dst) must equal len(scores) or it panics.
// A NaN score is an error naming the row.
func Detections(dst []bool, scores []float64, threshold float64) ([]bool, error) {
	if dst == nil {
		dst = make([]bool, len(scores))
	} else if len(dst) != len(scores) {
		panic(fmt.Sprintf("nab: Detections dst length %d, scores length %d", len(dst), len(scores)))
	}
	for i, s := range scores {
		if math.IsNaN(s) {
			return nil, fmt.Errorf("%w: NAB anomaly score at row %d is NaN", ErrInput, i)
		}
		dst[i] = s >= threshold
	}
	return dst, nil
}

// sigmoid is NAB's scaled sigmoid 2·sigmoid(−5y) − 1, written with the
// same operations as the reference so that results agree bit for bit.
func sigmoid(y float64) float64 {
	if y > 3 {
		return -1
	}
	return 2*(1/(1+math.Exp(5*y))) - 1
}

// Score scores one file's detections against its windows under profile p
// with the given number of probationary rows (use ProbationLength). When
// rowScores is non-nil it must have len(detections); it is overwritten with
// NAB's per-row S(t) column: each window's TP reward or FN penalty on the
// window's first row, each FP penalty on its own row, zero elsewhere.
//
// Windows must be in ascending order, non-overlapping and inside the file;
// otherwise Score returns an error naming the window.
func Score(rowScores []float64, detections []bool, windows []RowWindow, p Profile, probation int) (Result, error) {
	n := len(detections)
	if rowScores != nil && len(rowScores) != n {
		return Result{}, fmt.Errorf("%w: NAB rowScores length %d, detections length %d", ErrInput, len(rowScores), n)
	}
	for k, w := range windows {
		if w.First < 0 || w.Last >= n || w.Last < w.First {
			return Result{}, fmt.Errorf("%w: NAB window %d rows [%d, %d] outside the file's %d rows", ErrInput, k, w.First, w.Last, n)
		}
		if k > 0 && w.First <= windows[k-1].Last {
			return Result{}, fmt.Errorf("%w: NAB window %d rows [%d, %d] overlaps or precedes window %d", ErrInput, k, w.First, w.Last, k-1)
		}
	}
	for i := range rowScores {
		rowScores[i] = 0
	}
	var res Result
	maxTP := sigmoid(-1)
	var tpScore, fnScore, fpScore float64
	for _, w := range windows {
		length := w.Last - w.First + 1
		tp := -1
		for i := max(w.First, probation); i <= w.Last; i++ {
			if detections[i] {
				tp = i
				break
			}
		}
		var s float64
		if tp < 0 {
			s = -p.FN
			fnScore += s
		} else {
			pos := -float64(w.Last-tp+1) / float64(length)
			s = sigmoid(pos) * p.TP / maxTP
			tpScore += s
			res.Detected++
		}
		if rowScores != nil {
			rowScores[w.First] = s
		}
	}
	k := 0 // next window not yet passed
	prev := -1
	for i := probation; i < n; i++ {
		for k < len(windows) && windows[k].Last < i {
			prev = k
			k++
		}
		inWindow := k < len(windows) && windows[k].First <= i
		switch {
		case inWindow && detections[i]:
			res.TP++
		case inWindow:
			res.FN++
		case !detections[i]:
			res.TN++
		default:
			res.FP++
			var s float64
			if prev < 0 {
				s = -p.FP
			} else {
				w := windows[prev]
				pos := 2.0 // the reference divides by zero here; the older scorer used 2
				if w.Last > w.First {
					pos = math.Abs(float64(w.Last-i)) / float64(w.Last-w.First)
				}
				s = sigmoid(pos) * p.FP
			}
			fpScore += s
			if rowScores != nil {
				rowScores[i] = s
			}
		}
	}
	res.Score = tpScore + fpScore + fnScore
	return res, nil
}

// NullScore is the raw score of the null detector (no detections) over
// files holding windows labelled windows in all: −A_FN per window.
func NullScore(windows int, p Profile) float64 { return -p.FN * float64(windows) }

// PerfectScore is NAB's perfect raw score over windows labelled windows:
// A_TP per window (a detection on each window's first row).
func PerfectScore(windows int, p Profile) float64 { return p.TP * float64(windows) }

// Normalize maps a raw score to NAB's 0–100 scale,
// 100·(raw − null)/(perfect − null). It is an error when perfect == null
// (no windows), where the scale is undefined.
func Normalize(raw, null, perfect float64) (float64, error) {
	if perfect == null {
		return 0, fmt.Errorf("%w: NAB normalisation undefined: perfect score equals null score (%g)", ErrInput, null)
	}
	return 100 * (raw - null) / (perfect - null), nil
}
