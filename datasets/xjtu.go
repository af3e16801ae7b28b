package datasets

import (
	"bytes"
	"io/fs"
	"iter"
	"path"
)

// XJTURate is the sample rate of the XJTU-SY bearing data in Hz (25.6 kHz).
const XJTURate = 25600

// XJTUDecoder parses XJTU-SY bearing files: one CSV file N.csv per minute of
// a run-to-failure test (bearing folders such as 35Hz12kN/Bearing1_1),
// each 32 768 rows (1.28 s at XJTURate) under the header
// Horizontal_vibration_signals,Vertical_vibration_signals, accelerations in
// g. The Snapshot holds Channels[0] = horizontal, Channels[1] = vertical,
// Rate = XJTURate and Index = N; the data set records no clock time, so Time
// is zero (snapshot N was taken N-1 minutes after the first).
//
// The header line is optional (a first line that does not parse as
// numbers is taken for it). The zero XJTUDecoder is ready to use; it
// reuses its buffers and those of the destination Snapshot, and is not safe
// for concurrent use.
type XJTUDecoder struct {
	// AllowNonFinite accepts NaN and ±Inf samples; by default they are errors.
	AllowNonFinite bool
	// MaxFileBytes bounds the size of a file Load reads; 0 means
	// DefaultMaxFileBytes.
	MaxFileBytes int64

	buf []byte
}

// Decode parses the text of one XJTU-SY file into dst.
func (d *XJTUDecoder) Decode(dst *Snapshot, name string, data []byte) error {
	line0 := 1
	if isHeaderLine(data, ',') {
		n := firstLineLen(data)
		if bytes.Count(data[:n], []byte{','}) != 1 {
			return textErrorf(name, 1, 0, "header %q does not name two columns", clip(data[:n]))
		}
		data = data[min(n+1, len(data)):]
		line0 = 2
	}
	t := numTable{file: name, sep: ',', allowNonFinite: d.AllowNonFinite}
	cols, err := t.decode(data, line0, 2, dst.Channels)
	dst.Channels = cols
	dst.Name = name
	dst.SampleRate = XJTURate
	dst.Index, _ = fileNumber(path.Base(name), "", ".csv")
	return err
}

// Load reads fsys's file name and decodes it into dst.
func (d *XJTUDecoder) Load(dst *Snapshot, fsys fs.FS, name string) error {
	var err error
	d.buf, err = readFileInto(fsys, name, d.buf, d.MaxFileBytes)
	if err != nil {
		return err
	}
	return d.Decode(dst, name, d.buf)
}

// LoadXJTUSnapshot reads one XJTU-SY file (see XJTUDecoder).
func LoadXJTUSnapshot(fsys fs.FS, name string) (*Snapshot, error) {
	var d XJTUDecoder
	s := new(Snapshot)
	if err := d.Load(s, fsys, name); err != nil {
		return nil, err
	}
	return s, nil
}

// XJTUFiles lists the N.csv files of the bearing folder dir in numeric
// order (1.csv, 2.csv, ..., 10.csv, not name order), without opening them.
func XJTUFiles(fsys fs.FS, dir string) ([]string, error) {
	files, err := numberedFiles(fsys, dir, "", ".csv")
	return fileNames(files), err
}

// XJTURun streams the bearing folder dir with a default XJTUDecoder; see
// XJTUDecoder.Run.
func XJTURun(fsys fs.FS, dir string) iter.Seq2[*Snapshot, error] {
	return new(XJTUDecoder).Run(fsys, dir)
}

// Run streams the files of the bearing folder dir in numeric order,
// reading each only when the loop reaches it. The yielded *Snapshot is
// reused by the next iteration (Clone keeps one). Errors are yielded as in
// IMSDecoder.Run.
func (d *XJTUDecoder) Run(fsys fs.FS, dir string) iter.Seq2[*Snapshot, error] {
	list := func() ([]runFile, error) { return numberedFiles(fsys, dir, "", ".csv") }
	return snapshotStream(list, func(dst *Snapshot, name string) error {
		return d.Load(dst, fsys, name)
	})
}

// isHeaderLine reports whether the first non-blank line of data has a
// field that is not a number, which makes it a header.
func isHeaderLine(data []byte, sep byte) bool {
	line := data[:firstLineLen(data)]
	for len(line) > 0 {
		f := line
		if i := bytes.IndexByte(line, sep); i >= 0 {
			f, line = line[:i], line[i+1:]
		} else {
			line = nil
		}
		f = bytes.Trim(f, " \r\t\"")
		if _, ok := parseDecimal(f); !ok && len(f) > 0 {
			return true
		}
	}
	return false
}
