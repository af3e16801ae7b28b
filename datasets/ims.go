package datasets

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"
)

// IMSRate is the sample rate of the IMS bearing data in Hz (20 kHz).
const IMSRate = 20000

// IMSDecoder parses IMS/University of Cincinnati bearing snapshots: ASCII
// files of tab-separated accelerations in g, one row per sample and one
// column per channel (8 channels in test 1, 4 in tests 2 and 3; 20 480 rows,
// one second at IMSRate). Values are decoded exactly as strconv.ParseFloat
// would, but several times faster, into the caller's Snapshot whose
// buffers are reused: once warm, decoding allocates nothing.
//
// The zero IMSDecoder is ready to use. A decoder holds a read buffer and is
// not safe for concurrent use; use one per goroutine.
type IMSDecoder struct {
	// AllowNonFinite accepts NaN and ±Inf values; by default they are errors.
	AllowNonFinite bool
	// MaxFileBytes bounds the size of a file Load reads; 0 means
	// DefaultMaxFileBytes.
	MaxFileBytes int64

	buf []byte
}

// Decode parses the text of one IMS snapshot into dst, reusing dst.Channels'
// capacity. name is the file's name: it is stored in dst.Name, used in
// errors and, when its last element is a timestamp such as
// 2003.10.22.12.06.24, parsed into dst.Time (otherwise dst.Time is zero).
// dst.Rate is set to IMSRate and dst.Index is left alone. Every row must
// have the same number of columns; errors are *TextError values naming the
// line and column.
func (d *IMSDecoder) Decode(dst *Snapshot, name string, data []byte) error {
	t := numTable{file: name, sep: '\t', allowNonFinite: d.AllowNonFinite}
	cols, err := t.decode(data, 1, 0, dst.Channels)
	dst.Channels = cols
	dst.Name = name
	dst.SampleRate = IMSRate
	dst.Time, _ = parseIMSTime(path.Base(name))
	return err
}

// Load reads fsys's file name and decodes it into dst as Decode does.
func (d *IMSDecoder) Load(dst *Snapshot, fsys fs.FS, name string) error {
	var err error
	d.buf, err = readFileInto(fsys, name, d.buf, d.MaxFileBytes)
	if err != nil {
		return err
	}
	return d.Decode(dst, name, d.buf)
}

// LoadIMSSnapshot reads one IMS snapshot file from fsys: Channels[c] holds
// channel c (column c+1 of the file) in g, Rate is IMSRate and Time comes
// from the file name (see ParseIMSTime). To read many files without
// allocating, use an IMSDecoder or IMSRun.
func LoadIMSSnapshot(fsys fs.FS, name string) (*Snapshot, error) {
	var d IMSDecoder
	s := new(Snapshot)
	if err := d.Load(s, fsys, name); err != nil {
		return nil, err
	}
	return s, nil
}

// ParseIMSTime parses an IMS file name, the acquisition time written as
// year.month.day.hour.minute.second (2003.10.22.12.06.24; fields need not
// be zero-padded). The data set does not record a time zone (the rig was
// in Cincinnati); the wall-clock time is returned in UTC.
func ParseIMSTime(name string) (time.Time, error) {
	t, ok := parseIMSTime(name)
	if !ok {
		return time.Time{}, fmt.Errorf("datasets: %w: IMS file name %q is not a timestamp year.month.day.hour.minute.second", ErrInvalid, clip(name))
	}
	return t, nil
}

// parseIMSTime is ParseIMSTime without allocating an error.
func parseIMSTime(name string) (time.Time, bool) {
	var f [6]int
	rest := name
	for i := range f {
		field := rest
		if i < 5 {
			j := strings.IndexByte(rest, '.')
			if j < 0 {
				return time.Time{}, false
			}
			field, rest = rest[:j], rest[j+1:]
		}
		if len(field) == 0 || len(field) > 4 {
			return time.Time{}, false
		}
		v := 0
		for k := 0; k < len(field); k++ {
			c := field[k] - '0'
			if c > 9 {
				return time.Time{}, false
			}
			v = v*10 + int(c)
		}
		f[i] = v
	}
	t := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], 0, time.UTC)
	if f[1] < 1 || f[1] > 12 || t.Day() != f[2] || f[3] > 23 || f[4] > 59 || f[5] > 59 {
		return time.Time{}, false
	}
	return t, true
}
