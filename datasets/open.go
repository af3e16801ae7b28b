package datasets

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/spindle-pdm/spindle/features/fault"
)

// Defaults of OpenOptions.
const (
	// DefaultOpenMaxBytes bounds the bytes Open reads, plus the bytes it
	// inflates from compressed MAT-file elements (64 MiB).
	DefaultOpenMaxBytes = 64 << 20
	// DefaultOpenMaxSamples bounds the samples of all channels of a
	// recording (16 Mi samples, 128 MiB of float64).
	DefaultOpenMaxSamples = 16 << 20
)

// OpenOptions bound what Open decodes. The zero value takes the defaults.
//
// Memory is bounded whatever the input claims: Open never reads more than
// MaxBytes, never inflates more than MaxBytes from compressed MAT-file
// elements in all, and refuses a recording of more than MaxSamples
// samples (generic CSV is refused before the excess is stored). Decoding
// turns each value into a float64: a text value takes at least 2 bytes,
// so text costs at most 4 times its size; a MAT-file of int8 data costs 8
// times the bytes read or inflated. With the defaults, a hostile file
// costs at most about 1 GiB (a compressed int8 MAT-file), ordinary
// recordings a few times their size.
type OpenOptions struct {
	// MaxBytes bounds the input read plus the data inflated; 0 means
	// DefaultOpenMaxBytes. Larger input fails with ErrTooLarge.
	MaxBytes int64
	// MaxSamples bounds the total samples of all channels; 0 means
	// DefaultOpenMaxSamples. More fail with ErrTooLarge.
	MaxSamples int
}

func (o OpenOptions) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultOpenMaxBytes
}

func (o OpenOptions) maxSamples() int {
	if o.MaxSamples > 0 {
		return o.MaxSamples
	}
	return DefaultOpenMaxSamples
}

// Where a Recording's sample rate or shaft speed came from.
const (
	FromFile       = "file"        // a value stored in the file
	FromCatalogue  = "catalogue"   // the data set's published table (CWRU)
	FromFormat     = "format"      // fixed by the data set (IMS, FEMTO, XJTU-SY)
	FromFolder     = "folder"      // a folder name above the file (FEMTO, XJTU-SY)
	FromTimeColumn = "time column" // a CSV column of times in seconds
)

// Channel is one signal of a recording.
type Channel struct {
	// Name is the channel's name in its data set: DE, FE, BA (CWRU), gs
	// (MFPT), horizontal, vertical (FEMTO, XJTU-SY), a CSV header; where
	// the file names none (IMS, WAV, CSV without a header), its 0-based
	// index in Recording.Channels, "0", "1", ...
	Name string
	// Samples holds the values in time order.
	Samples []float64
	// Unit is the samples' unit: "g" for the accelerometers of the bearing
	// data sets, "°C" for FEMTO temperatures, "FS" (fraction of full
	// scale, -1 to 1) for integer WAV, "" when unknown.
	Unit string
	// Bearing is the catalogue designation (features.LookupBearing) of the
	// bearing this channel's sensor watches, where the data set documents
	// it: "6205-2RS", "6203-2RS", "MFPT", "ZA-2115", "PRONOSTIA",
	// "UER204"; "" otherwise.
	Bearing string
	// Fault is the data set's label for that bearing; fault.Unknown when
	// the data set gives none.
	Fault fault.Kind
}

// DefectOrders are a bearing's kinematic defect frequencies in orders:
// multiples of the shaft speed (Hz = order × ShaftHz).
type DefectOrders struct {
	BPFO float64 // ball pass frequency, outer race
	BPFI float64 // ball pass frequency, inner race
	BSF  float64 // ball (roller) spin frequency; a ball defect shows at 2×BSF
	FTF  float64 // fundamental train (cage) frequency
}

// Recording is one file's signals and what the file, its name or its data
// set tell about them.
type Recording struct {
	// Name is the name given to Open.
	Name string
	// Format is the detected format: "cwru", "mfpt", "ims", "femto",
	// "femto-temp", "xjtu", "csv", "wav", or a registered format's name.
	Format string
	// Channels holds the signals, all of the same length, numbered from 0.
	Channels []Channel
	// SampleRate is the sample rate in Hz; 0 when unknown (a CSV file
	// without a time column, a CWRU-shaped file not named after a
	// catalogued record).
	SampleRate float64
	// SampleRateFrom says where SampleRate came from (FromFile, ...); ""
	// when unknown.
	SampleRateFrom string
	// ShaftHz is the shaft speed in Hz (rev/min ÷ 60); 0 when unknown.
	ShaftHz float64
	// ShaftHzFrom says where ShaftHz came from; "" when unknown.
	ShaftHzFrom string
	// Orders are the defect frequencies of the recording's bearing when the
	// file itself carries them (an MFPT struct with fields BPFO, BPFI, BSF
	// and FTF); nil otherwise (the published MFPT files carry none).
	Orders *DefectOrders
	// Fault is the data set's label for the record (CWRU catalogue, MFPT
	// file name); fault.Unknown when it has none. Channel.Fault says which
	// channels watch the labelled bearing.
	Fault fault.Kind
}

// RPM returns the shaft speed in rev/min (0 when unknown).
func (r *Recording) RPM() float64 { return r.ShaftHz * 60 }

// Len returns the number of samples per channel.
func (r *Recording) Len() int {
	if len(r.Channels) == 0 {
		return 0
	}
	return len(r.Channels[0].Samples)
}

// Channel selects a channel by name (case-insensitive) or by its 0-based
// index written in decimal, and returns its index. The error wraps
// ErrNoChannel and lists the channels there are.
func (r *Recording) Channel(sel string) (int, error) {
	sel = strings.TrimSpace(sel)
	for i, c := range r.Channels {
		if strings.EqualFold(c.Name, sel) {
			return i, nil
		}
	}
	if i, err := strconv.Atoi(sel); err == nil && i >= 0 && i < len(r.Channels) {
		return i, nil
	}
	names := make([]string, len(r.Channels))
	for i, c := range r.Channels {
		names[i] = c.Name
	}
	return -1, fmt.Errorf("%w %q in this %s file: want a number from 0 to %d or a name (%s)",
		ErrNoChannel, sel, r.Format, len(r.Channels)-1, strings.Join(names, ", "))
}

// Format is a recording format for RegisterFormat.
type Format struct {
	// Name is the format's name, stored in Recording.Format.
	Name string
	// Match reports whether head, the first bytes of the input (up to
	// SniffBytes), is in this format. It must not keep head.
	Match func(head []byte) bool
	// Decode decodes the whole input. name is the name given to Open;
	// formats whose data set keeps fields only in file or folder names
	// read them from it. Decode must respect opt's bounds; Open checks
	// MaxSamples again on the result.
	Decode func(data []byte, name string, opt OpenOptions) (*Recording, error)
}

// SniffBytes is how many leading bytes Format.Match sees.
const SniffBytes = 4096

var (
	formatsMu sync.RWMutex
	formats   []Format
)

// RegisterFormat adds a format for Open to detect. Formats are tried in
// registration order, the built-in ones (MAT-file, WAV, XJTU-SY, FEMTO,
// IMS) first; text that no format claims is read as generic delimited
// text (format "csv"). It panics on a format without a name, Match or
// Decode.
func RegisterFormat(f Format) {
	if f.Name == "" || f.Match == nil || f.Decode == nil {
		panic("datasets: RegisterFormat needs a name, Match and Decode")
	}
	formatsMu.Lock()
	defer formatsMu.Unlock()
	formats = append(formats, f)
}

// Formats returns the names of the registered formats, in the order Open
// tries them, followed by "csv".
func Formats() []string {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	var names []string
	for _, f := range formats {
		names = append(names, f.Name)
	}
	return append(names, "csv")
}

func init() {
	RegisterFormat(Format{Name: "mat", Match: isMAT, Decode: decodeMATRecording})
	RegisterFormat(Format{Name: "wav", Match: isWAV, Decode: decodeWAVRecording})
	RegisterFormat(Format{Name: "xjtu", Match: isXJTU, Decode: decodeXJTURecording})
	RegisterFormat(Format{Name: "femto", Match: isFEMTOAcc, Decode: decodeFEMTOAccRecording})
	RegisterFormat(Format{Name: "femto-temp", Match: isFEMTOTemp, Decode: decodeFEMTOTempRecording})
	RegisterFormat(Format{Name: "ims", Match: isIMS, Decode: decodeIMSRecording})
}

// Open reads a recording from r, detecting its format from its content
// in the manner of image.Decode: a MAT-file (CWRU by its X###_DE_time,
// _FE_time or _BA_time variables, MFPT by its struct "bearing"), a WAV
// file, an XJTU-SY file (by its header), a FEMTO-ST acc or temp file (by
// its time-of-day columns), an IMS snapshot (4 or 8 tab-separated columns
// without a header, 20 480 rows or a timestamp name), or else delimited
// text whose numeric columns other than a time column become the
// channels.
//
// name is the file's name or path. It only supplies what a data set keeps
// in names: the CWRU record number (130.mat, for the catalogue's sample
// rate, nominal speed and label), MFPT's fault label (OuterRaceFault_…),
// the FEMTO operating condition (a Bearing1_3 folder) and the XJTU-SY
// shaft speed (a 35Hz12kN folder), and names the input in errors.
//
// Errors say what was wrong and where, and wrap ErrUnknownFormat,
// ErrCorrupt or ErrTooLarge (and, for the I/O errors of r, the reader's
// error).
func Open(r io.Reader, name string, opt OpenOptions) (*Recording, error) {
	limit := opt.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: reading: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("datasets: %s: %w: more than %d bytes (OpenOptions.MaxBytes)", name, ErrTooLarge, limit)
	}
	return decodeRecording(data, name, opt)
}

// OpenFile opens the file at path and reads it with Open, passing the
// absolute path as the name so that the folders above the file are seen.
func OpenFile(path string, opt OpenOptions) (*Recording, error) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > opt.maxBytes() {
		return nil, fmt.Errorf("datasets: %s: %w: %d bytes, more than %d (OpenOptions.MaxBytes)", path, ErrTooLarge, st.Size(), opt.maxBytes())
	}
	return Open(f, filepath.ToSlash(path), opt)
}

// decodeRecording detects data's format and decodes it.
func decodeRecording(data []byte, name string, opt OpenOptions) (*Recording, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("datasets: %s: %w: empty file", name, ErrUnknownFormat)
	}
	head := data[:min(len(data), SniffBytes)]
	formatsMu.RLock()
	list := slices.Clone(formats)
	formatsMu.RUnlock()
	dec, format := decodeCSVRecording, "csv"
	for _, f := range list {
		if f.Match(head) {
			dec, format = f.Decode, f.Name
			break
		}
	}
	if format == "csv" && !isText(head) {
		return nil, fmt.Errorf("datasets: %s: %w: not a MAT-file, a WAV file or delimited text (first bytes %q)", name, ErrUnknownFormat, head[:min(len(head), 16)])
	}
	rec, err := dec(data, name, opt)
	if err != nil {
		if !errors.Is(err, ErrUnknownFormat) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrCorrupt) {
			err = fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		return nil, fmt.Errorf("datasets: %s: %s: %w", name, format, err)
	}
	total := 0
	for _, c := range rec.Channels {
		total += len(c.Samples)
	}
	if total > opt.maxSamples() {
		return nil, fmt.Errorf("datasets: %s: %s: %w: %d samples, more than %d (OpenOptions.MaxSamples)", name, format, ErrTooLarge, total, opt.maxSamples())
	}
	if rec.Name == "" {
		rec.Name = name
	}
	if rec.Format == "" {
		rec.Format = format
	}
	return rec, nil
}

// isText reports whether head looks like text: no NUL or other control
// bytes besides tab, CR and LF, and valid UTF-8 (a multi-byte character
// cut at the end of head aside).
func isText(head []byte) bool {
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return false
		}
	}
	for len(head) > 0 {
		r, size := utf8.DecodeRune(head)
		if r == utf8.RuneError && size == 1 {
			return len(head) < utf8.UTFMax && !utf8.FullRune(head)
		}
		head = head[size:]
	}
	return true
}

// firstLine returns head's first line without BOM and line end.
func firstLine(head []byte) []byte {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	return bytes.TrimRight(head[:firstLineLen(head)], "\r")
}
