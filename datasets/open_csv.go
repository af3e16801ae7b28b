package datasets

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/features/fault"
)

// csvHeadBytes is how much of a CSV file is read to find its header,
// separator and columns.
const csvHeadBytes = 64 << 10

// timeNames are the header names, lower-cased with spaces, brackets and
// underscores removed, taken for a column of sample times in seconds.
var timeNames = map[string]bool{"t": true, "time": true, "times": true, "timesec": true, "timeseconds": true, "seconds": true, "sec": true}

// csvLayout is what the first records of a CSV file tell.
type csvLayout struct {
	sep    rune
	header []string // nil when the first record is data
	first  []string // the first data record
}

// decodeCSVRecording reads delimited text: its channels are the columns
// numeric in the first data record, a time column aside, named by the
// header or, without one, by their 0-based column index. A time column (a
// header time, t, seconds, ...) gives the sample rate; without one it is 0.
func decodeCSVRecording(data []byte, name string, opt OpenOptions) (*Recording, error) {
	l, err := readCSVLayout(data)
	if err != nil {
		return nil, err
	}
	timeCol := -1
	for i, h := range l.header {
		if isTimeName(h) && isNumber(l.first[i]) {
			timeCol = i
			break
		}
	}
	var cols []int
	for i, f := range l.first {
		if i != timeCol && isNumber(f) {
			cols = append(cols, i)
		}
	}
	if len(cols) == 0 {
		what := "no numeric column"
		if timeCol >= 0 {
			what += " besides the time column"
		}
		return nil, fmt.Errorf("%w: %s in the first data record %q: not a signal", ErrCorrupt, what, l.first)
	}
	rec := &Recording{Format: "csv", Fault: fault.Unknown}
	if timeCol >= 0 {
		rec.SampleRateFrom = FromTimeColumn
	}
	if len(cols) > opt.maxSamples() {
		return nil, fmt.Errorf("%w: %d columns, more than %d samples (OpenOptions.MaxSamples)", ErrTooLarge, len(cols), opt.maxSamples())
	}
	vals, rate, err := decodeCSVColumns(name, data, l, cols, timeCol, opt.maxSamples())
	if err != nil {
		return nil, err
	}
	rec.SampleRate = rate
	for k, i := range cols {
		label := strconv.Itoa(i)
		if l.header != nil {
			label = strings.TrimSpace(l.header[i])
		}
		rec.Channels = append(rec.Channels, Channel{Name: label, Samples: vals[k], Fault: fault.Unknown})
	}
	return rec, nil
}

// decodeCSVColumns reads columns cols of delimited text in one pass, and
// the sample rate from column timeCol (0 when timeCol is -1). More than
// maxSamples values in all fail with ErrTooLarge before they are stored.
func decodeCSVColumns(name string, data []byte, l *csvLayout, cols []int, timeCol, maxSamples int) ([][]float64, float64, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = l.sep
	r.ReuseRecord = true
	r.TrimLeadingSpace = true
	if l.header != nil {
		if _, err := r.Read(); err != nil {
			return nil, 0, csvError(name, err)
		}
	}
	vals := make([][]float64, len(cols))
	var times []float64
	var timeLines []int
	total := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, csvError(name, err)
		}
		if total += len(cols); total > maxSamples {
			line, _ := r.FieldPos(0)
			return nil, 0, &TextError{File: name, Line: line, Err: fmt.Errorf("%w: more than %d samples (OpenOptions.MaxSamples)", ErrTooLarge, maxSamples)}
		}
		for k, i := range cols {
			v, err := csvField(name, r, rec, i, false)
			if err != nil {
				return nil, 0, err
			}
			vals[k] = append(vals[k], v)
		}
		if timeCol >= 0 {
			t, err := csvField(name, r, rec, timeCol, false)
			if err != nil {
				return nil, 0, err
			}
			line, _ := r.FieldPos(timeCol)
			times, timeLines = append(times, t), append(timeLines, line)
		}
	}
	if timeCol < 0 {
		return vals, 0, nil
	}
	rate, err := rateFromTimes(name, times, timeLines, 0, timeCol+1)
	return vals, rate, err
}

// readCSVLayout reads the separator, header and first data record.
func readCSVLayout(data []byte) (*csvLayout, error) {
	head := bytes.TrimPrefix(data[:min(len(data), csvHeadBytes)], []byte("\ufeff"))
	if len(data) > csvHeadBytes {
		// Drop the last, perhaps partial, line.
		if i := bytes.LastIndexByte(head, '\n'); i > 0 {
			head = head[:i+1]
		}
	}
	l := &csvLayout{sep: ','}
	line := head[:firstLineLen(head)]
	for _, sep := range []rune{'\t', ';'} {
		if bytes.ContainsRune(line, sep) {
			l.sep = sep
			break
		}
	}
	r := csv.NewReader(bytes.NewReader(head))
	r.Comma = l.sep
	r.TrimLeadingSpace = true
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("no CSV records: %w", csvError("", err))
	}
	for _, f := range rec {
		if f = strings.TrimSpace(f); f != "" && !isNumber(f) {
			l.header = rec
			if rec, err = r.Read(); err != nil {
				return nil, fmt.Errorf("no data record after the header %q: %w", l.header, csvError("", err))
			}
			break
		}
	}
	if l.header != nil && len(rec) != len(l.header) {
		return nil, fmt.Errorf("%w: the header has %d fields, the first data record %d", ErrCorrupt, len(l.header), len(rec))
	}
	l.first = rec
	return l, nil
}

// isTimeName reports whether a header names a column of times in seconds.
func isTimeName(h string) bool {
	h = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '(', ')', '[', ']':
			return -1
		}
		return r
	}, strings.ToLower(h))
	return timeNames[h]
}

// isNumber reports whether a field holds a decimal number.
func isNumber(f string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
	return err == nil
}
