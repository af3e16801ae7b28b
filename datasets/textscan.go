package datasets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
)

// DefaultMaxFileBytes bounds how much of one file the text loaders read when
// their options leave the limit at zero: 256 MiB, far above any snapshot file
// of the supported data sets (IMS ≈ 1.1 MB, FEMTO ≈ 80 kB, XJTU-SY ≈ 0.7 MB).
const DefaultMaxFileBytes = 256 << 20

// readFileInto reads the whole of fsys's file name into buf (reusing its
// capacity) and returns the filled slice. It never reads more than limit
// bytes: a larger file yields ErrTooLarge. Memory grows with the bytes
// actually read, whatever size the file claims.
func readFileInto(fsys fs.FS, name string, buf []byte, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxFileBytes
	}
	f, err := fsys.Open(name)
	if err != nil {
		return buf[:0], err
	}
	defer f.Close()
	buf = buf[:0]
	if st, err := f.Stat(); err == nil && st.Size() > 0 && st.Size() <= limit && int64(cap(buf)) <= st.Size() {
		// Some slack, so that the slightly larger files of a run do not
		// each reallocate.
		buf = slices.Grow(buf, int(min(st.Size()+st.Size()/8+4096, limit+1)))
	}
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				break
			}
			buf = slices.Grow(buf, int(min(int64(max(4096, len(buf))), limit+1-int64(len(buf)))))
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			break
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, fmt.Errorf("datasets: %s: %w", name, err)
		}
	}
	return buf[:0], &TextError{File: name, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)}
}

// numTable decodes delimited rows of decimal numbers into columns.
type numTable struct {
	file           string // for errors
	sep            byte   // field separator
	allowNonFinite bool   // accept NaN and ±Inf
}

// decode parses data, whose first byte lies on line line0, as rows of
// t.sep-separated numbers with exactly ncols fields each (ncols <= 0: as many
// as the first row has) and appends field j of every row to cols[j], after
// truncating each to zero length; cols is extended to the column count,
// reusing the capacity of the slices it already holds. Blank lines are
// skipped; spaces around a field and a CR before the line end are ignored.
// The first problem found is returned as a *TextError naming its line and
// column.
func (t *numTable) decode(data []byte, line0, ncols int, cols [][]float64) ([][]float64, error) {
	if ncols <= 0 {
		ncols = t.countFields(data)
		if ncols == 0 {
			return cols[:0], &TextError{File: t.file, Err: errors.New("no data rows")}
		}
	}
	cols = t.prepare(data, ncols, cols)
	sep := t.sep
	n := len(data)
	line := line0
	rows := 0
	p := 0
	for p < n {
		if q, blank := skipBlankLine(data, p, sep); blank {
			if q < n {
				line++
			}
			p = q + 1
			continue
		}
		for col := 0; ; col++ {
			for p < n && data[p] == ' ' {
				p++
			}
			start := p
			v, q, ok := scanPlainDecimal(data, p)
			p = q
			if !ok || (p < n && !isFieldEnd(data[p], sep)) {
				// Not the common short plain form: find the field's end and
				// take the general parser.
				for p < n && !isFieldEnd(data[p], sep) {
					p++
				}
				v, ok = parseDecimal(data[start:p])
			}
			field := data[start:p]
			for p < n && (data[p] == ' ' || data[p] == '\r') {
				p++
			}
			if col >= ncols {
				return cols, textErrorf(t.file, line, col+1, "too many fields: want %d", ncols)
			}
			if !ok {
				if len(field) == 0 {
					return cols, textErrorf(t.file, line, col+1, "empty field")
				}
				return cols, textErrorf(t.file, line, col+1, "invalid number %q", clip(field))
			}
			if !t.allowNonFinite && !isFinite(v) {
				return cols, &TextError{File: t.file, Line: line, Column: col + 1, Err: fmt.Errorf("%w %q", ErrNonFinite, clip(field))}
			}
			cols[col] = append(cols[col], v)
			if p >= n || data[p] == '\n' {
				if col+1 != ncols {
					return cols, textErrorf(t.file, line, col+1, "row has %d fields, want %d", col+1, ncols)
				}
				break
			}
			if data[p] != sep {
				return cols, textErrorf(t.file, line, col+1, "unexpected %q after number", rune(data[p]))
			}
			p++
		}
		rows++
		line++
		p++
	}
	if rows == 0 {
		return cols, &TextError{File: t.file, Err: errors.New("no data rows")}
	}
	return cols, nil
}

// prepare sizes cols for ncols columns, keeping the capacity already there.
func (t *numTable) prepare(data []byte, ncols int, cols [][]float64) [][]float64 {
	if cap(cols) < ncols {
		cols = append(cols[:cap(cols)], make([][]float64, ncols-cap(cols))...)
	}
	cols = cols[:ncols]
	// A first use is sized by counting lines (a fast byte count); later
	// uses keep the capacity they have and grow by append if a file is
	// longer.
	est := -1
	for j := range cols {
		if cap(cols[j]) == 0 {
			if est < 0 {
				est = bytes.Count(data, []byte{'\n'}) + 1
			}
			cols[j] = make([]float64, 0, est)
		}
		cols[j] = cols[j][:0]
	}
	return cols
}

// countFields returns the number of t.sep-separated fields on the first
// non-blank line of data, or 0 when there is none.
func (t *numTable) countFields(data []byte) int {
	p := 0
	for p < len(data) {
		q, blank := skipBlankLine(data, p, t.sep)
		if !blank {
			break
		}
		p = q + 1
	}
	if p >= len(data) {
		return 0
	}
	k := 1
	for ; p < len(data) && data[p] != '\n'; p++ {
		if data[p] == t.sep {
			k++
		}
	}
	return k
}

// isFieldEnd reports whether b ends a field's text.
func isFieldEnd(b, sep byte) bool {
	return b == sep || b == '\n' || b == '\r' || b == ' '
}

// skipBlankLine reports whether the line starting at p holds only spaces,
// tabs (when tab is not the separator) and CRs, and returns the index of its
// terminating newline (len(data) at the end).
func skipBlankLine(data []byte, p int, sep byte) (int, bool) {
	for ; p < len(data); p++ {
		switch b := data[p]; {
		case b == '\n':
			return p, true
		case b == ' ' || b == '\r' || (b == '\t' && sep != '\t'):
		default:
			return p, false
		}
	}
	return p, true
}

// firstLineLen returns the length of data's first line without its newline.
func firstLineLen(data []byte) int {
	for i, b := range data {
		if b == '\n' {
			return i
		}
	}
	return len(data)
}

// clip shortens b for quoting in an error message.
func clip[T ~string | ~[]byte](b T) string {
	const max = 40
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}
