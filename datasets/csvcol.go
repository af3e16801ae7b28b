package datasets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
)

// CSVColumn selects a column of a CSV file, by header name (ColumnNamed) or
// by 0-based position (ColumnAt). The zero CSVColumn selects nothing.
type CSVColumn struct {
	name  string
	index int
	set   bool
}

// ColumnNamed selects the column whose header is name (compared after
// trimming surrounding spaces; case-sensitive).
func ColumnNamed(name string) CSVColumn { return CSVColumn{name: name, index: -1, set: true} }

// ColumnAt selects the column at 0-based position index. It panics if
// index is negative.
func ColumnAt(index int) CSVColumn {
	if index < 0 {
		panic(fmt.Sprintf("datasets: negative CSV column index %d", index))
	}
	return CSVColumn{index: index, set: true}
}

// IsSet reports whether c selects a column.
func (c CSVColumn) IsSet() bool { return c.set }

// String describes the selection for messages.
func (c CSVColumn) String() string {
	switch {
	case !c.set:
		return "no column"
	case c.index < 0:
		return fmt.Sprintf("column %q", c.name)
	default:
		return fmt.Sprintf("column %d", c.index+1)
	}
}

// HeaderMode says whether a CSV file starts with a header line.
type HeaderMode int

const (
	// HeaderAuto takes the first record for a header when one of its fields
	// is not a number.
	HeaderAuto HeaderMode = iota
	// HeaderPresent: the first record is a header.
	HeaderPresent
	// HeaderAbsent: every record is data.
	HeaderAbsent
)

// DefaultTimeStepTolerance is the relative deviation of a time step from the
// median step that LoadCSVColumn accepts when CSVOptions leave it at zero.
const DefaultTimeStepTolerance = 0.05

// CSVOptions configure LoadCSVColumn. The zero value (or nil) detects the
// separator and header, and requires a sample rate from SampleRate or Time.
type CSVOptions struct {
	// Sep is the field separator: ',', ';' or '\t'; 0 detects it from the
	// first lines, preferring tab, then ';', then ',' among the separators
	// that give every line the same number (more than one) of fields. A
	// ';'-separated file with decimal commas is therefore reported as
	// invalid numbers rather than misread.
	Sep rune
	// Header says whether the first record is a header.
	Header HeaderMode
	// SampleRate is the sample rate in Hz. When 0, it is derived from Time.
	SampleRate float64
	// Time selects a column of sample times in seconds, used when SampleRate is 0:
	// the rate is (n-1)/(t[n-1]-t[0]), and every step must be positive and
	// within TimeStepTolerance of the median step (a gap or a repeated time
	// is an error naming its line).
	Time CSVColumn
	// TimeStepTolerance is the allowed relative deviation of each time step
	// from the median step; 0 means DefaultTimeStepTolerance.
	TimeStepTolerance float64
	// AllowNonFinite accepts NaN and ±Inf values; by default they are errors.
	AllowNonFinite bool
	// MaxFileBytes bounds the file size; 0 means DefaultMaxFileBytes.
	MaxFileBytes int64
}

// LoadCSVColumn reads one column of a delimited text file from fsys as a
// signal: the column's values in file order and the sample rate in Hz
// (opts.SampleRate, or derived from opts.Time). Quoted fields, CRLF line ends, a
// UTF-8 byte-order mark and blank lines are handled; every record must have
// the same number of fields. Other columns need not be numeric. Errors are
// *TextError values naming the line and column.
func LoadCSVColumn(fsys fs.FS, name string, col CSVColumn, opts *CSVOptions) ([]float64, float64, error) {
	var o CSVOptions
	if opts != nil {
		o = *opts
	}
	if !col.set {
		return nil, 0, &TextError{File: name, Err: fmt.Errorf("%w: no column selected", ErrInvalid)}
	}
	if o.SampleRate < 0 || math.IsNaN(o.SampleRate) || math.IsInf(o.SampleRate, 0) {
		return nil, 0, &TextError{File: name, Err: fmt.Errorf("%w: invalid rate %v Hz", ErrInvalid, o.SampleRate)}
	}
	if o.SampleRate == 0 && !o.Time.set {
		return nil, 0, &TextError{File: name, Err: fmt.Errorf("%w: no sample rate: set CSVOptions.SampleRate or CSVOptions.Time", ErrInvalid)}
	}
	data, err := readFileInto(fsys, name, nil, o.MaxFileBytes)
	if err != nil {
		return nil, 0, err
	}
	return decodeCSVColumn(name, data, col, &o)
}

// decodeCSVColumn does LoadCSVColumn's work on the file's bytes.
func decodeCSVColumn(name string, data []byte, col CSVColumn, o *CSVOptions) ([]float64, float64, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	sep := o.Sep
	if sep == 0 {
		sep = sniffSeparator(data)
	}
	if sep != ',' && sep != ';' && sep != '\t' {
		return nil, 0, &TextError{File: name, Err: fmt.Errorf("%w: unsupported separator %q", ErrInvalid, sep)}
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.ReuseRecord = true
	r.TrimLeadingSpace = true
	rec, err := r.Read()
	if err == io.EOF {
		return nil, 0, &TextError{File: name, Err: errors.New("no records")}
	}
	if err != nil {
		return nil, 0, csvError(name, err)
	}
	header := o.Header == HeaderPresent
	if o.Header == HeaderAuto {
		for _, f := range rec {
			if f = strings.TrimSpace(f); f != "" {
				if _, ok := parseDecimal(f); !ok {
					header = true
					break
				}
			}
		}
	}
	vi, err := resolveColumn(name, col, rec, header)
	if err != nil {
		return nil, 0, err
	}
	ti := -1
	if o.SampleRate == 0 {
		if ti, err = resolveColumn(name, o.Time, rec, header); err != nil {
			return nil, 0, err
		}
	}
	var vals, times []float64
	var timeLines []int
	for {
		if header {
			header = false
		} else {
			v, err := csvField(name, r, rec, vi, o.AllowNonFinite)
			if err != nil {
				return nil, 0, err
			}
			vals = append(vals, v)
			if ti >= 0 {
				t, err := csvField(name, r, rec, ti, false)
				if err != nil {
					return nil, 0, err
				}
				times = append(times, t)
				line, _ := r.FieldPos(ti)
				timeLines = append(timeLines, line)
			}
		}
		rec, err = r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, csvError(name, err)
		}
	}
	if len(vals) == 0 {
		return nil, 0, &TextError{File: name, Err: errors.New("no data records")}
	}
	rate := o.SampleRate
	if rate == 0 {
		if rate, err = rateFromTimes(name, times, timeLines, o.TimeStepTolerance, ti+1); err != nil {
			return nil, 0, err
		}
	}
	return vals, rate, nil
}

// resolveColumn finds the 0-based index of col in a record of len(rec)
// fields (the header when header is true).
func resolveColumn(name string, col CSVColumn, rec []string, header bool) (int, error) {
	if col.index >= 0 {
		if col.index >= len(rec) {
			return 0, &TextError{File: name, Line: 1, Err: fmt.Errorf("%w: %v requested, the file has %d", ErrNoChannel, col, len(rec))}
		}
		return col.index, nil
	}
	if !header {
		return 0, &TextError{File: name, Line: 1, Err: fmt.Errorf("%w: %v requested, the file has no header", ErrNoChannel, col)}
	}
	want := strings.TrimSpace(col.name)
	for i, h := range rec {
		if strings.TrimSpace(h) == want {
			return i, nil
		}
	}
	names := make([]string, len(rec))
	for i, h := range rec {
		names[i] = clip(strings.TrimSpace(h))
	}
	return 0, &TextError{File: name, Line: 1, Err: fmt.Errorf("%w: %v not found among %q", ErrNoChannel, col, names)}
}

// csvField parses field i of the current record.
func csvField(name string, r *csv.Reader, rec []string, i int, allowNonFinite bool) (float64, error) {
	line, _ := r.FieldPos(i)
	f := strings.TrimSpace(rec[i])
	v, ok := parseDecimal(f)
	switch {
	case f == "":
		return 0, textErrorf(name, line, i+1, "empty field")
	case !ok:
		return 0, textErrorf(name, line, i+1, "invalid number %q", clip(f))
	case !allowNonFinite && !isFinite(v):
		return 0, &TextError{File: name, Line: line, Column: i + 1, Err: fmt.Errorf("%w %q", ErrNonFinite, clip(f))}
	}
	return v, nil
}

// rateFromTimes derives a sample rate from sample times in seconds, checking
// that the steps are uniform: the rate is the reciprocal of the mean step;
// each step must lie within tol (relative) of the median step. lines[i] is the line of times[i] and col the
// 1-based time column, for errors.
func rateFromTimes(name string, times []float64, lines []int, tol float64, col int) (float64, error) {
	if tol <= 0 {
		tol = DefaultTimeStepTolerance
	}
	n := len(times)
	if n < 2 {
		return 0, textErrorf(name, 0, col, "a rate needs at least two sample times, the file has %d", n)
	}
	mean := (times[n-1] - times[0]) / float64(n-1)
	if !(mean > 0) || math.IsInf(mean, 0) {
		return 0, textErrorf(name, lines[n-1], col, "time column does not increase (%v s on line %d to %v s)", times[0], lines[0], times[n-1])
	}
	// Steps are compared with the median step, which a gap or a repeated
	// time does not shift, so the error names the record where it happens.
	steps := make([]float64, n-1)
	for i := range steps {
		steps[i] = times[i+1] - times[i]
	}
	slices.Sort(steps)
	med := steps[len(steps)/2]
	for i := 1; i < n; i++ {
		step := times[i] - times[i-1]
		if !(math.Abs(step-med) <= tol*med) {
			return 0, textErrorf(name, lines[i], col, "time step %v s from the previous record deviates from the median step %v s by more than %g%%",
				step, med, 100*tol)
		}
	}
	return 1 / mean, nil
}

// csvError converts an encoding/csv error into a *TextError.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &TextError{File: name, Line: pe.Line, Err: fmt.Errorf("%w (byte %d of the line)", pe.Err, pe.Column)}
	}
	return &TextError{File: name, Err: err}
}

// sniffSeparator picks the separator of delimited text from its first
// lines: tab, then ';', then ',' — the first that splits every line into the
// same number (more than one) of fields, counting outside double quotes.
// It returns ',' when none does.
func sniffSeparator(data []byte) rune {
	const maxLines = 10
	lines := make([][]byte, 0, maxLines)
	for len(data) > 0 && len(lines) < maxLines {
		n := firstLineLen(data)
		if l := bytes.TrimSpace(data[:n]); len(l) > 0 {
			lines = append(lines, l)
		}
		data = data[min(n+1, len(data)):]
	}
	for _, sep := range []byte{'\t', ';', ','} {
		want := -1
		for _, l := range lines {
			k := 1
			quoted := false
			for _, b := range l {
				switch {
				case b == '"':
					quoted = !quoted
				case b == sep && !quoted:
					k++
				}
			}
			if want == -1 {
				want = k
			}
			if k != want || k < 2 {
				want = -2
				break
			}
		}
		if want > 1 {
			return rune(sep)
		}
	}
	return ','
}
