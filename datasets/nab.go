package datasets

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"
)

// NAB (Numenta Anomaly Benchmark) files: the data and result CSVs
// (timestamp first, then numeric columns), labels/combined_windows.json,
// config/profiles.json and config/thresholds.json. Timestamps are read as
// UTC wall-clock times in the layout "2006-01-02 15:04:05" with optional
// fractional seconds, as NAB writes them.
//
// Citation: A. Lavin and S. Ahmad, "Evaluating Real-time Anomaly Detection
// Algorithms - the Numenta Anomaly Benchmark", IEEE ICMLA 2015.

// nabTimeLayout is NAB's timestamp layout; fractional seconds are accepted
// when parsing even though the layout does not name them.
const nabTimeLayout = "2006-01-02 15:04:05"

// nabMaxLine bounds one CSV line so that a hostile file cannot make the
// reader buffer unbounded memory.
const nabMaxLine = 1 << 16

// NABFrame is one NAB CSV file: a timestamp column followed by numeric
// columns. A data file has the single column "value"; a result file has
// "value", "anomaly_score", "label" and the per-profile "S(t)_<profile>"
// columns, among others.
type NABFrame struct {
	// Time holds the timestamps, one per row, in file order.
	Time []time.Time
	// Names holds the column names after the timestamp, in file order.
	Names []string
	// Cols holds the columns, Cols[j][i] being row i of column Names[j].
	Cols [][]float64
}

// Len returns the number of rows.
func (f *NABFrame) Len() int { return len(f.Time) }

// Column returns the column with the given name, or false when the file has
// no such column.
func (f *NABFrame) Column(name string) ([]float64, bool) {
	for j, n := range f.Names {
		if n == name {
			return f.Cols[j], true
		}
	}
	return nil, false
}

// Value returns the "value" column, or an error naming the columns present.
func (f *NABFrame) Value() ([]float64, error) {
	v, ok := f.Column("value")
	if !ok {
		return nil, fmt.Errorf("datasets: %w: NAB file has no \"value\" column (columns %v)", ErrNoChannel, f.Names)
	}
	return v, nil
}

// ReadNAB parses a NAB CSV (data or result file) from r. The first column
// must be "timestamp"; every other cell must parse as a float64 (NaN and
// infinities are rejected). Rows must have as many cells as the header.
// Errors name the line and column that were wrong.
func ReadNAB(r io.Reader) (*NABFrame, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), nabMaxLine)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("datasets: NAB header: %w", err)
		}
		return nil, fmt.Errorf("datasets: %w: NAB file is empty", ErrCorrupt)
	}
	header := splitNABLine(sc.Text())
	if len(header) < 2 || header[0] != "timestamp" {
		return nil, fmt.Errorf("datasets: %w: NAB header %q: want \"timestamp\" followed by at least one column", ErrCorrupt, sc.Text())
	}
	f := &NABFrame{Names: header[1:], Cols: make([][]float64, len(header)-1)}
	line := 1
	cells := make([]string, 0, len(header))
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.TrimSpace(text) == "" {
			continue
		}
		cells = appendNABCells(cells[:0], text)
		if len(cells) != len(header) {
			return nil, kindErrorf(ErrCorrupt, "datasets: NAB line %d: %d cells, header has %d", line, len(cells), len(header))
		}
		ts, err := ParseNABTime(cells[0])
		if err != nil {
			return nil, fmt.Errorf("datasets: NAB line %d: %w", line, err)
		}
		f.Time = append(f.Time, ts)
		for j, c := range cells[1:] {
			v, err := strconv.ParseFloat(c, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("datasets: NAB line %d column %q: %w: %q is not a finite number", line, header[j+1], ErrCorrupt, c)
			}
			f.Cols[j] = append(f.Cols[j], v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("datasets: NAB line %d: %w", line+1, err)
	}
	if len(f.Time) == 0 {
		return nil, fmt.Errorf("datasets: %w: NAB file has a header but no rows", ErrCorrupt)
	}
	return f, nil
}

func splitNABLine(s string) []string { return appendNABCells(nil, s) }

func appendNABCells(dst []string, s string) []string {
	s = strings.TrimRight(s, "\r")
	for {
		i := strings.IndexByte(s, ',')
		if i < 0 {
			return append(dst, strings.TrimSpace(s))
		}
		dst = append(dst, strings.TrimSpace(s[:i]))
		s = s[i+1:]
	}
}

// ParseNABTime parses a NAB timestamp such as "2013-12-02 21:15:00" or
// "2013-12-10 06:25:00.000000" as UTC.
func ParseNABTime(s string) (time.Time, error) {
	t, err := time.Parse(nabTimeLayout, s)
	if err != nil {
		return time.Time{}, kindErrorf(ErrCorrupt, "timestamp %q: want YYYY-MM-DD hh:mm:ss[.ffffff]", s)
	}
	return t, nil
}

// LoadNAB reads the NAB CSV at path (slash-separated, e.g.
// "data/realKnownCause/machine_temperature_system_failure.csv") from fsys.
func LoadNAB(fsys fs.FS, path string) (*NABFrame, error) {
	fh, err := fsys.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	defer fh.Close()
	f, err := ReadNAB(fh)
	if err != nil {
		return nil, fmt.Errorf("%w (in %s)", err, path)
	}
	return f, nil
}
