package datasets

import (
	"bytes"
	"fmt"
	"io/fs"
	"iter"
	"math"
	"path"
	"strings"
	"time"
)

// FEMTO-ST PRONOSTIA (IEEE PHM 2012 challenge) sample rates in Hz.
const (
	// FEMTORate is the rate of the acc files: 2560 samples (0.1 s) per file,
	// one file every 10 s.
	FEMTORate = 25600
	// FEMTOTempRate is the rate of the temp files: 600 samples (one minute)
	// per file.
	FEMTOTempRate = 10
)

// FEMTO-ST PRONOSTIA learning-set facts from the IEEE PHM 2012 challenge
// document.
const (
	// FEMTOSnapshotInterval is the nominal time between acc files, in
	// seconds: file NNNNN starts (NNNNN − 1) × 10 s into the run.
	FEMTOSnapshotInterval = 10.0
	// FEMTOFailureG is the challenge's failure criterion, in g: a run was
	// stopped when the vibration amplitude exceeded 20 g.
	FEMTOFailureG = 20.0
)

// FEMTOLearningBearings returns the names of the six run-to-failure
// bearings of the learning set, two per operating condition: Bearing1_1,
// Bearing1_2, Bearing2_1, Bearing2_2, Bearing3_1, Bearing3_2. The slice is
// the caller's.
func FEMTOLearningBearings() []string {
	return []string{"Bearing1_1", "Bearing1_2", "Bearing2_1", "Bearing2_2", "Bearing3_1", "Bearing3_2"}
}

// FEMTOShaftHz returns the shaft speed in Hz of a PRONOSTIA bearing's
// operating condition, read from its folder name (the last path element,
// such as Bearing2_1 or Test_set/Bearing2_3): condition 1 runs at 1800 rpm,
// 2 at 1650 rpm and 3 at 1500 rpm. Any other name is an error.
func FEMTOShaftHz(name string) (float64, error) {
	base := path.Base(name)
	if !strings.HasPrefix(base, "Bearing") || len(base) < len("Bearing1") {
		return 0, fmt.Errorf("datasets: %w: femto: %q is not a bearing folder name such as Bearing1_1", ErrInvalid, name)
	}
	switch base[len("Bearing")] {
	case '1':
		return 1800.0 / 60, nil
	case '2':
		return 1650.0 / 60, nil
	case '3':
		return 1500.0 / 60, nil
	}
	return 0, fmt.Errorf("datasets: %w: femto: %q names no operating condition 1-3", ErrInvalid, name)
}

// FEMTOBearingDir returns the folder of bearing name within fsys:
// Learning_set/name when present (the learning-set zip as distributed),
// else name (an unpacked folder).
func FEMTOBearingDir(fsys fs.FS, name string) (string, error) {
	for _, d := range []string{path.Join("Learning_set", name), name} {
		if st, err := fs.Stat(fsys, d); err == nil && st.IsDir() {
			return d, nil
		}
	}
	return "", fmt.Errorf("datasets: %w: femto: no folder %s or Learning_set/%s", fs.ErrNotExist, name, name)
}

// FEMTODecoder parses the files of a FEMTO-ST PRONOSTIA bearing folder:
//
//   - acc_NNNNN.csv: hour,minute,second,microsecond,horizontal,vertical
//     (accelerations in g; the microsecond column is sometimes in exponent
//     form such as 1.0004e+005). The Snapshot holds Channels[0] =
//     horizontal and Channels[1] = vertical, Rate = FEMTORate.
//   - temp_NNNNN.csv: hour,minute,second,tenth of a second,temperature in °C,
//     separated by ',' or (bearings 1_2, 2_1, 3_1) by ';' with zero-padded
//     hours. The Snapshot holds Channels[0] = °C, Rate = FEMTOTempRate.
//
// The separator is detected per file. Snapshot.Time is the time of day of
// the file's first row (the data set records no date) on the date
// 0000-01-01 UTC; the streams (AccRun, TempRun) add a day each time the
// time of day steps back by more than 12 hours, so that Time increases
// across midnight. Smaller steps back are kept as recorded: in the learning
// set, files 2121 and 2122 of Bearing1_1 are stamped 09:38:46.87 between
// 15:32:49 and 15:33:19, and Time shows that glitch.
// Snapshot.Index is the file number NNNNN.
//
// The zero FEMTODecoder is ready to use; it reuses its buffers and those of
// the destination Snapshot, and is not safe for concurrent use.
type FEMTODecoder struct {
	// AllowNonFinite accepts NaN and ±Inf samples; by default they are errors.
	AllowNonFinite bool
	// MaxFileBytes bounds the size of a file Load, AccRun and TempRun
	// read; 0 means DefaultFEMTOMaxFileBytes.
	MaxFileBytes int64

	buf  []byte
	cols [][]float64
}

// DefaultFEMTOMaxFileBytes bounds how much of one FEMTO file a
// FEMTODecoder reads when its MaxFileBytes is 0: 1 MiB, some 13 times an
// acc file (2 560 rows, about 80 kB). A zip (the Learning_set.zip read in
// place) may hold an entry that inflates far beyond its compressed size —
// a 783 KB zip held a 255 MB CSV that took 1.5 GB to decode — and this
// bound stops it after 1 MiB.
const DefaultFEMTOMaxFileBytes = 1 << 20

// maxFileBytes is MaxFileBytes with its default.
func (d *FEMTODecoder) maxFileBytes() int64 {
	if d.MaxFileBytes > 0 {
		return d.MaxFileBytes
	}
	return DefaultFEMTOMaxFileBytes
}

// femtoFile describes the layout of one FEMTO file kind.
type femtoFile struct {
	prefix    string  // file name prefix
	fields    int     // fields per row
	subsecond float64 // unit of the 4th field in seconds
	rate      float64 // sample rate in Hz
}

var (
	femtoAcc  = femtoFile{prefix: "acc_", fields: 6, subsecond: 1e-6, rate: FEMTORate}
	femtoTemp = femtoFile{prefix: "temp_", fields: 5, subsecond: 0.1, rate: FEMTOTempRate}
)

// DecodeAcc parses the text of an acc file into dst (see FEMTODecoder).
// name is used for dst.Name, dst.Index and errors.
func (d *FEMTODecoder) DecodeAcc(dst *Snapshot, name string, data []byte) error {
	return d.decode(dst, name, data, femtoAcc)
}

// DecodeTemp parses the text of a temp file into dst (see FEMTODecoder).
func (d *FEMTODecoder) DecodeTemp(dst *Snapshot, name string, data []byte) error {
	return d.decode(dst, name, data, femtoTemp)
}

// Load reads fsys's file name and decodes it as an acc or temp file,
// according to its base name's prefix (acc_ or temp_).
func (d *FEMTODecoder) Load(dst *Snapshot, fsys fs.FS, name string) error {
	var kind femtoFile
	switch base := path.Base(name); {
	case strings.HasPrefix(base, femtoAcc.prefix):
		kind = femtoAcc
	case strings.HasPrefix(base, femtoTemp.prefix):
		kind = femtoTemp
	default:
		return &TextError{File: name, Err: fmt.Errorf("%w: not a FEMTO acc_ or temp_ file name", ErrInvalid)}
	}
	var err error
	d.buf, err = readFileInto(fsys, name, d.buf, d.maxFileBytes())
	if err != nil {
		return err
	}
	return d.decode(dst, name, d.buf, kind)
}

// decode parses one FEMTO file of the given kind into dst.
func (d *FEMTODecoder) decode(dst *Snapshot, name string, data []byte, kind femtoFile) error {
	sep := byte(',')
	if bytes.IndexByte(data[:firstLineLen(data)], ';') >= 0 {
		sep = ';'
	}
	// The time fields go to the decoder's scratch columns, the signals
	// straight into dst's channel buffers.
	nsig := kind.fields - 4
	if cap(d.cols) < kind.fields {
		d.cols = make([][]float64, kind.fields)
	}
	cols := d.cols[:kind.fields]
	if cap(dst.Channels) < nsig {
		dst.Channels = append(dst.Channels[:cap(dst.Channels)], make([][]float64, nsig-cap(dst.Channels))...)
	}
	dst.Channels = dst.Channels[:nsig]
	copy(cols[4:], dst.Channels)
	t := numTable{file: name, sep: sep, allowNonFinite: d.AllowNonFinite}
	cols, err := t.decode(data, 1, kind.fields, cols)
	copy(dst.Channels, cols[4:])
	for j := 4; j < len(cols); j++ {
		cols[j] = nil // dst owns these
	}
	d.cols = cols
	dst.Name = name
	dst.SampleRate = kind.rate
	dst.Index, _ = fileNumber(path.Base(name), kind.prefix, ".csv")
	if err != nil {
		return err
	}
	dst.Time, err = femtoTimeOfDay(name, cols[0][0], cols[1][0], cols[2][0], cols[3][0], kind.subsecond)
	return err
}

// femtoTimeOfDay checks a first row's hour, minute, second and sub-second
// fields and returns that time of day on 0000-01-01 UTC.
func femtoTimeOfDay(name string, h, m, s, sub, unit float64) (time.Time, error) {
	units := math.Round(1 / unit)
	ok := h >= 0 && h <= 23 && h == math.Trunc(h) &&
		m >= 0 && m <= 59 && m == math.Trunc(m) &&
		s >= 0 && s <= 59 && s == math.Trunc(s) &&
		sub >= 0 && sub < units
	if !ok {
		return time.Time{}, textErrorf(name, 1, 0, "invalid time of day %v:%v:%v + %v×%gs", h, m, s, sub, unit)
	}
	ns := int(math.Round(sub * unit * 1e9))
	return time.Date(0, 1, 1, int(h), int(m), int(s), ns, time.UTC), nil
}

// LoadFEMTOAcc reads one FEMTO acc_NNNNN.csv file (see FEMTODecoder).
func LoadFEMTOAcc(fsys fs.FS, name string) (*Snapshot, error) {
	var d FEMTODecoder
	return d.loadNew(fsys, name, femtoAcc)
}

// LoadFEMTOTemp reads one FEMTO temp_NNNNN.csv file (see FEMTODecoder).
func LoadFEMTOTemp(fsys fs.FS, name string) (*Snapshot, error) {
	var d FEMTODecoder
	return d.loadNew(fsys, name, femtoTemp)
}

// loadNew reads and decodes name as kind into a new Snapshot.
func (d *FEMTODecoder) loadNew(fsys fs.FS, name string, kind femtoFile) (*Snapshot, error) {
	var err error
	d.buf, err = readFileInto(fsys, name, d.buf, d.maxFileBytes())
	if err != nil {
		return nil, err
	}
	s := new(Snapshot)
	if err := d.decode(s, name, d.buf, kind); err != nil {
		return nil, err
	}
	return s, nil
}

// FEMTOAccFiles lists the acc_NNNNN.csv files of the bearing folder dir in
// file-number order without opening them (cheap: it only reads the
// directory).
func FEMTOAccFiles(fsys fs.FS, dir string) ([]string, error) {
	files, err := numberedFiles(fsys, dir, femtoAcc.prefix, ".csv")
	return fileNames(files), err
}

// FEMTOTempFiles lists the temp_NNNNN.csv files of dir in file-number order.
func FEMTOTempFiles(fsys fs.FS, dir string) ([]string, error) {
	files, err := numberedFiles(fsys, dir, femtoTemp.prefix, ".csv")
	return fileNames(files), err
}

// FEMTOAccRun streams the acc files of the bearing folder dir with a
// default FEMTODecoder; see FEMTODecoder.AccRun.
func FEMTOAccRun(fsys fs.FS, dir string) iter.Seq2[*Snapshot, error] {
	return new(FEMTODecoder).AccRun(fsys, dir)
}

// FEMTOTempRun streams the temp files of dir with a default FEMTODecoder.
func FEMTOTempRun(fsys fs.FS, dir string) iter.Seq2[*Snapshot, error] {
	return new(FEMTODecoder).TempRun(fsys, dir)
}

// AccRun streams the acc files of the bearing folder dir (for example
// Learning_set/Bearing1_1 of the zip) in file-number order, reading each
// only when the loop reaches it. The yielded *Snapshot is reused by the next
// iteration (Clone keeps one); Time increases along the run (see
// FEMTODecoder). Errors are yielded as in IMSDecoder.Run.
func (d *FEMTODecoder) AccRun(fsys fs.FS, dir string) iter.Seq2[*Snapshot, error] {
	return d.run(fsys, dir, femtoAcc)
}

// TempRun streams the temp files of dir as AccRun does the acc files.
func (d *FEMTODecoder) TempRun(fsys fs.FS, dir string) iter.Seq2[*Snapshot, error] {
	return d.run(fsys, dir, femtoTemp)
}

// run streams the files of one kind, carrying the day across midnight.
func (d *FEMTODecoder) run(fsys fs.FS, dir string, kind femtoFile) iter.Seq2[*Snapshot, error] {
	return func(yield func(*Snapshot, error) bool) {
		var day int
		var last time.Time
		list := func() ([]runFile, error) { return numberedFiles(fsys, dir, kind.prefix, ".csv") }
		load := func(dst *Snapshot, name string) error {
			var err error
			d.buf, err = readFileInto(fsys, name, d.buf, d.maxFileBytes())
			if err != nil {
				return err
			}
			if err := d.decode(dst, name, d.buf, kind); err != nil {
				return err
			}
			t := dst.Time.AddDate(0, 0, day)
			if !last.IsZero() && t.Before(last.Add(-12*time.Hour)) {
				day++
				t = t.AddDate(0, 0, 1)
			}
			dst.Time, last = t, t
			return nil
		}
		snapshotStream(list, load)(yield)
	}
}
