package datasets

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// IMSSummary is one test of the IMS/University of Cincinnati bearing
// run-to-failure data (J. Lee, H. Qiu, G. Yu, J. Lin, and Rexnord Technical
// Services, IMS, University of Cincinnati, "Bearing Data Set", NASA
// Prognostics Data Repository, 2007) reduced to one value per 1-second
// snapshot file and channel: the mean absolute acceleration (g) of that
// file, as distributed in merged_dataset_BearingTest_{1,2,3}.csv (computed
// by a third party with the first sample row of each file lost).
//
// Quirk: the last rows of tests 2 and 3 were recorded after the rig had
// stopped (every channel ≈ 0.001 g); ActiveLen finds where they start.
type IMSSummary struct {
	// Channels holds the column names, e.g. "Bearing 1" (tests 2, 3) or
	// "Bearing 1 C1", "Bearing 1 C2" (test 1: two accelerometers a bearing).
	Channels []string
	// Time holds each snapshot's timestamp (the file name), UTC.
	Time []time.Time
	// Values[c][i] is channel c's mean absolute acceleration at Time[i], g.
	Values [][]float64
}

// maxIMSSummaryLine bounds a line's length; real lines are < 200 bytes.
const maxIMSSummaryLine = 4096

// ReadIMSSummary parses a merged_dataset_BearingTest_N.csv stream: a header
// ",<channel>,<channel>,..." then rows "YYYY-MM-DD hh:mm:ss,<v>,<v>,...",
// timestamps strictly increasing, values finite and ≥ 0. Errors name the
// line.
func ReadIMSSummary(r io.Reader) (*IMSSummary, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 512), maxIMSSummaryLine)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("datasets: ims summary header: %w", err)
		}
		return nil, fmt.Errorf("datasets: ims summary: %w: empty input", ErrCorrupt)
	}
	head := strings.Split(strings.TrimRight(sc.Text(), "\r"), ",")
	if len(head) < 2 || strings.TrimSpace(head[0]) != "" {
		return nil, fmt.Errorf("datasets: ims summary line 1: %w: header %q is not \",<channel>,...\"", ErrCorrupt, sc.Text())
	}
	s := &IMSSummary{Channels: head[1:], Values: make([][]float64, len(head)-1)}
	line := 1
	for sc.Scan() {
		line++
		txt := strings.TrimRight(sc.Text(), "\r")
		if txt == "" {
			continue
		}
		f := strings.Split(txt, ",")
		if len(f) != len(head) {
			return nil, fmt.Errorf("datasets: ims summary line %d: %w: %d fields, want %d", line, ErrCorrupt, len(f), len(head))
		}
		ts, err := time.Parse(time.DateTime, f[0])
		if err != nil {
			return nil, fmt.Errorf("datasets: ims summary line %d: %w: bad timestamp %q", line, ErrCorrupt, f[0])
		}
		if n := len(s.Time); n > 0 && !ts.After(s.Time[n-1]) {
			return nil, fmt.Errorf("datasets: ims summary line %d: %w: timestamp %s not after %s", line, ErrCorrupt, f[0], s.Time[n-1].Format(time.DateTime))
		}
		s.Time = append(s.Time, ts)
		for c := range s.Values {
			v, err := strconv.ParseFloat(f[c+1], 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return nil, fmt.Errorf("datasets: ims summary line %d, channel %q: %w: bad value %q", line, s.Channels[c], ErrCorrupt, f[c+1])
			}
			s.Values[c] = append(s.Values[c], v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("datasets: ims summary line %d: %w", line+1, err)
	}
	if len(s.Time) == 0 {
		return nil, fmt.Errorf("datasets: ims summary: %w: no data rows", ErrCorrupt)
	}
	return s, nil
}

// Channel returns the index of the channel named name, or −1.
func (s *IMSSummary) Channel(name string) int {
	for i, c := range s.Channels {
		if c == name {
			return i
		}
	}
	return -1
}

// Hours returns each snapshot's time in hours since the first snapshot.
func (s *IMSSummary) Hours() []float64 {
	h := make([]float64, len(s.Time))
	for i, t := range s.Time {
		h[i] = t.Sub(s.Time[0]).Hours()
	}
	return h
}

// ActiveLen returns the number of rows left after dropping the trailing
// rows in which every channel is below floor (g) — the snapshots taken
// after the rig stopped. A floor of 0.01 g separates them in all three
// tests.
func (s *IMSSummary) ActiveLen(floor float64) int {
	n := len(s.Time)
	for n > 0 {
		idle := true
		for _, v := range s.Values {
			if v[n-1] >= floor {
				idle = false
				break
			}
		}
		if !idle {
			break
		}
		n--
	}
	return n
}

// BearingLevels combines each bearing's channels over the first n files:
// channels are grouped by the first two words of their names ("Bearing 3
// x" and "Bearing 3 y" are bearing "Bearing 3"; test 1 has two
// accelerometers a bearing, tests 2 and 3 one) and a bearing's level is the
// geometric mean of its channels' values. Names are in order of first
// appearance; levels[b] has n values. It panics if n exceeds the number of
// files (a programmer error: see ActiveLen).
func (s *IMSSummary) BearingLevels(n int) (names []string, levels [][]float64) {
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
			levels = append(levels, make([]float64, n))
			cnt = append(cnt, 0)
		}
		cnt[b]++
		for i := 0; i < n; i++ {
			levels[b][i] += math.Log(s.Values[c][i])
		}
	}
	for b := range levels {
		for i := range levels[b] {
			levels[b][i] = math.Exp(levels[b][i] / cnt[b])
		}
	}
	return names, levels
}
