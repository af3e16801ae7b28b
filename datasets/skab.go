package datasets

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"
)

// SKAB (Skoltech Anomaly Benchmark) experiment files: a water-circulation
// rig sampled once a second, `;`-separated with a header row: datetime,
// the eight sensors of SKABSensors, then optionally the labels anomaly
// and changepoint (the anomaly-free file has none).
//
// Citation: I. D. Katser and V. O. Kozitsin, "Skoltech Anomaly Benchmark
// (SKAB)", Kaggle, 2020, doi:10.34740/KAGGLE/DSV/1693952.

// SKABSensors names the eight sensor columns of a SKAB file, in file order.
var SKABSensors = [8]string{
	"Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure",
	"Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS",
}

// skabTimeLayout is SKAB's datetime layout.
const skabTimeLayout = "2006-01-02 15:04:05"

// skabMaxLine bounds one line so that a hostile file cannot make the
// reader buffer unbounded memory.
const skabMaxLine = 4096

// SKABFrame is one SKAB experiment file.
type SKABFrame struct {
	// Time holds each row's datetime, read as UTC.
	Time []time.Time
	// Sensors holds each row's eight sensor values, in SKABSensors order.
	Sensors [][8]float64
	// Anomaly and Changepoint are the labels of each row (nil when the
	// file has no label columns, as anomaly-free.csv).
	Anomaly, Changepoint []bool
}

// Len returns the number of rows.
func (f *SKABFrame) Len() int { return len(f.Time) }

// Labelled reports whether the file carries the anomaly and changepoint
// labels.
func (f *SKABFrame) Labelled() bool { return f.Anomaly != nil }

// ReadSKAB parses a SKAB experiment file from r; name is used in errors.
// The header must be datetime, the eight SKABSensors and optionally
// anomaly and changepoint, `;`-separated. Every sensor cell must be a
// finite number (errors wrap ErrNonFinite for NaN and infinities), each
// label 0 or 1 (written as 0, 1, 0.0 or 1.0), and each datetime in the
// layout 2006-01-02 15:04:05. Errors are *TextError values naming the
// line and column; a line longer than 4096 bytes wraps ErrTooLarge.
func ReadSKAB(r io.Reader, name string) (*SKABFrame, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1024), skabMaxLine)
	scanErr := func(line int) error {
		err := sc.Err()
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("line longer than %d bytes: %w", skabMaxLine, ErrTooLarge)
		}
		return &TextError{File: name, Line: line, Err: err}
	}
	if !sc.Scan() {
		if sc.Err() != nil {
			return nil, scanErr(1)
		}
		return nil, textErrorf(name, 0, 0, "empty SKAB file")
	}
	header := strings.Split(strings.TrimSuffix(sc.Text(), "\r"), ";")
	labelled := false
	switch {
	case len(header) == 11 && header[9] == "anomaly" && header[10] == "changepoint":
		labelled = true
	case len(header) == 9:
	default:
		return nil, textErrorf(name, 1, 0, "SKAB header has %d columns, want datetime, the 8 sensors and optionally anomaly;changepoint", len(header))
	}
	if header[0] != "datetime" {
		return nil, textErrorf(name, 1, 1, "SKAB header column %q, want \"datetime\"", header[0])
	}
	for j, s := range SKABSensors {
		if header[j+1] != s {
			return nil, textErrorf(name, 1, j+2, "SKAB header column %q, want %q", header[j+1], s)
		}
	}
	f := &SKABFrame{}
	if labelled {
		f.Anomaly, f.Changepoint = []bool{}, []bool{}
	}
	line := 1
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		cells := strings.Split(text, ";")
		if len(cells) != len(header) {
			return nil, textErrorf(name, line, 0, "%d cells, header has %d", len(cells), len(header))
		}
		ts, err := time.Parse(skabTimeLayout, cells[0])
		if err != nil {
			return nil, textErrorf(name, line, 1, "datetime %q: want the layout %s", cells[0], skabTimeLayout)
		}
		var row [8]float64
		for j := range row {
			v, err := strconv.ParseFloat(cells[j+1], 64)
			if err != nil {
				return nil, textErrorf(name, line, j+2, "%s %q is not a number", SKABSensors[j], cells[j+1])
			}
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &TextError{File: name, Line: line, Column: j + 2, Err: fmt.Errorf("%s %q: %w", SKABSensors[j], cells[j+1], ErrNonFinite)}
			}
			row[j] = v
		}
		if labelled {
			var lab [2]bool
			for k := range lab {
				switch cells[9+k] {
				case "0", "0.0":
				case "1", "1.0":
					lab[k] = true
				default:
					return nil, textErrorf(name, line, 10+k, "%s label %q, want 0 or 1", header[9+k], cells[9+k])
				}
			}
			f.Anomaly = append(f.Anomaly, lab[0])
			f.Changepoint = append(f.Changepoint, lab[1])
		}
		f.Time = append(f.Time, ts.UTC())
		f.Sensors = append(f.Sensors, row)
	}
	if sc.Err() != nil {
		return nil, scanErr(line + 1)
	}
	if len(f.Time) == 0 {
		return nil, textErrorf(name, 0, 0, "SKAB file has a header but no rows")
	}
	return f, nil
}

// LoadSKAB reads the SKAB file at path (slash-separated, e.g.
// "valve1/0.csv") from fsys.
func LoadSKAB(fsys fs.FS, path string) (*SKABFrame, error) {
	file, err := fsys.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	defer file.Close()
	return ReadSKAB(file, path)
}
