package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/datasets"
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

// loadCSV reads one column of a delimited text file: -channel (a header
// name or a 1-based number), else the first numeric column that is not a
// time column. The rate is -fs, else derived from a time column.
func loadCSV(fsys fs.FS, name string, o *options) (*recording, error) {
	l, err := readCSVLayout(fsys, name)
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
	col, label, err := l.column(o.channel, timeCol)
	if err != nil {
		return nil, err
	}
	opts := datasets.CSVOptions{Sep: l.sep, Header: datasets.HeaderAbsent, SampleRate: o.rate}
	if l.header != nil {
		opts.Header = datasets.HeaderPresent
	}
	rec := &recording{Format: "csv", Channel: label, RateSource: "flag"}
	if o.rate == 0 {
		if timeCol < 0 {
			return nil, errors.New("no sample rate: the file has no time column (a header named time, t or seconds): give -fs")
		}
		opts.Time = datasets.ColumnAt(timeCol)
		rec.RateSource = "time column"
	}
	rec.Signal, rec.Rate, err = datasets.LoadCSVColumn(fsys, name, col, &opts)
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// column resolves -channel to a column and its label; "" selects the
// first numeric column other than timeCol.
func (l *csvLayout) column(channel string, timeCol int) (datasets.CSVColumn, string, error) {
	label := func(i int) string {
		if l.header != nil {
			return strings.TrimSpace(l.header[i])
		}
		return strconv.Itoa(i + 1)
	}
	if channel == "" {
		for i, f := range l.first {
			if i != timeCol && isNumber(f) {
				return datasets.ColumnAt(i), label(i), nil
			}
		}
		what := "no numeric column"
		if timeCol >= 0 {
			what += " besides the time column"
		}
		return datasets.CSVColumn{}, "", fmt.Errorf("%s in the first data record %q: not a vibration recording, or give -channel", what, l.first)
	}
	for i, h := range l.header {
		if strings.TrimSpace(h) == channel {
			return datasets.ColumnAt(i), label(i), nil
		}
	}
	if c, err := strconv.Atoi(channel); err == nil && c >= 1 && c <= len(l.first) {
		return datasets.ColumnAt(c - 1), label(c - 1), nil
	}
	if l.header != nil {
		return datasets.CSVColumn{}, "", fmt.Errorf("-channel %q: no such column; want a number from 1 to %d or one of %q", channel, len(l.first), l.header)
	}
	return datasets.CSVColumn{}, "", fmt.Errorf("-channel %q: the file has no header; want a column number from 1 to %d", channel, len(l.first))
}

// readCSVLayout reads the separator, header and first data record.
func readCSVLayout(fsys fs.FS, name string) (*csvLayout, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head, err := io.ReadAll(io.LimitReader(f, csvHeadBytes))
	if err != nil {
		return nil, err
	}
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	if len(head) == csvHeadBytes {
		// Drop the last, perhaps partial, line.
		if i := bytes.LastIndexByte(head, '\n'); i > 0 {
			head = head[:i+1]
		}
	}
	l := &csvLayout{sep: ','}
	line := head
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
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
		return nil, fmt.Errorf("no CSV records: %w", err)
	}
	for _, f := range rec {
		if f = strings.TrimSpace(f); f != "" && !isNumber(f) {
			l.header = rec
			if rec, err = r.Read(); err != nil {
				return nil, fmt.Errorf("no data record after the header %q: %w", l.header, err)
			}
			break
		}
	}
	if l.header != nil && len(rec) != len(l.header) {
		return nil, fmt.Errorf("the header has %d fields, the first data record %d", len(l.header), len(rec))
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
