package datasets

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"math"
)

// WAVInfo describes a decoded WAV file.
type WAVInfo struct {
	SampleRate float64 // sample rate in Hz
	Channels   int     // number of channels
	Bits       int     // bits per sample in the file (8, 16, 24, 32 or 64)
	ValidBits  int     // significant bits (WAVE_FORMAT_EXTENSIBLE), else Bits
	Float      bool    // IEEE float samples, else integer PCM
	Frames     int     // samples per channel
}

// WAVError locates a problem in a WAV file: the file, the byte offset where
// it was found and what was wrong.
type WAVError struct {
	File   string // file name as given to the loader ("" for a bare reader)
	Offset int64  // byte offset in the file
	Err    error  // what was wrong
}

// Error formats the error as "datasets: FILE: byte OFFSET: what".
func (e *WAVError) Error() string {
	return fmt.Sprintf("datasets: %s: byte %d: %v", e.File, e.Offset, e.Err)
}

// Unwrap returns the underlying error, and ErrCorrupt when that wraps
// none of the package's sentinel errors.
func (e *WAVError) Unwrap() []error { return withCorrupt(e.Err) }

// WAV format tags.
const (
	wavPCM        = 0x0001
	wavFloat      = 0x0003
	wavExtensible = 0xFFFE
	wavMaxFmt     = 4096 // bound on the fmt chunk we read
	wavMaxChans   = 1024
)

// wavGUIDTail is bytes 2..15 of the KSDATAFORMAT_SUBTYPE GUIDs of PCM and
// IEEE float in a WAVE_FORMAT_EXTENSIBLE fmt chunk.
var wavGUIDTail = []byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71}

// WAVDecoder decodes RIFF WAVE files: integer PCM of 8, 16, 24 or 32 bits
// and IEEE float of 32 or 64 bits, plain or WAVE_FORMAT_EXTENSIBLE, any
// number of channels (up to 1024). Integer samples are scaled to [-1, 1)
// by 2^(bits-1) (8-bit samples, unsigned, are first offset by 128); float
// samples are returned as stored. Chunks other than fmt and data are
// skipped; decoding stops after the data chunk.
//
// The decoder is bounded: it never allocates more than the bytes actually
// present justify (a header claiming 4 GB of data allocates nothing before
// the data arrives), and a data chunk claiming more than MaxDataBytes is
// refused outright. RF64 and compressed formats are not supported. The zero
// WAVDecoder is ready to use.
type WAVDecoder struct {
	// AllowNonFinite accepts NaN and ±Inf float samples; by default they are
	// errors.
	AllowNonFinite bool
	// MaxDataBytes bounds the data chunk; 0 means DefaultMaxFileBytes.
	MaxDataBytes int64
}

// LoadWAV reads a WAV file from fsys with a default WAVDecoder: one slice
// per channel of samples in [-1, 1] (floats as stored), and the format.
func LoadWAV(fsys fs.FS, name string) ([][]float64, WAVInfo, error) {
	var d WAVDecoder
	return d.Load(fsys, name)
}

// Load reads and decodes fsys's file name.
func (d *WAVDecoder) Load(fsys fs.FS, name string) ([][]float64, WAVInfo, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, WAVInfo{}, err
	}
	defer f.Close()
	return d.Decode(f, name)
}

// Decode decodes a WAV stream from r; name is used in errors.
func (d *WAVDecoder) Decode(r io.Reader, name string) ([][]float64, WAVInfo, error) {
	w := wavReader{r: r, name: name}
	return w.decode(d)
}

// wavReader reads a WAV stream, counting the offset for errors.
type wavReader struct {
	r    io.Reader
	name string
	off  int64
	hdr  [8]byte
}

func (w *wavReader) errorf(off int64, format string, args ...any) *WAVError {
	return &WAVError{File: w.name, Offset: off, Err: fmt.Errorf(format, args...)}
}

// full reads exactly len(p) bytes; at the end of the input it reports what
// was being read.
func (w *wavReader) full(p []byte, what string) error {
	n, err := io.ReadFull(w.r, p)
	w.off += int64(n)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return w.errorf(w.off, "file ends inside %s", what)
	}
	if err != nil {
		return &WAVError{File: w.name, Offset: w.off, Err: err}
	}
	return nil
}

// skip discards n bytes.
func (w *wavReader) skip(n int64, what string) error {
	m, err := io.CopyN(io.Discard, w.r, n)
	w.off += m
	if err == io.EOF {
		return w.errorf(w.off, "file ends inside %s", what)
	}
	if err != nil {
		return &WAVError{File: w.name, Offset: w.off, Err: err}
	}
	return nil
}

func (w *wavReader) decode(d *WAVDecoder) ([][]float64, WAVInfo, error) {
	var info WAVInfo
	if err := w.full(w.hdr[:8], "the RIFF header"); err != nil {
		return nil, info, err
	}
	switch string(w.hdr[:4]) {
	case "RIFF":
	case "RF64", "RIFX":
		return nil, info, &WAVError{File: w.name, Err: kindErrorf(ErrUnsupported, "%s files are not supported", w.hdr[:4])}
	default:
		return nil, info, w.errorf(0, "not a RIFF file (starts %q)", w.hdr[:4])
	}
	if err := w.full(w.hdr[:4], "the RIFF header"); err != nil {
		return nil, info, err
	}
	if string(w.hdr[:4]) != "WAVE" {
		return nil, info, w.errorf(8, "RIFF form %q is not WAVE", w.hdr[:4])
	}
	haveFmt := false
	for {
		start := w.off
		n, err := io.ReadFull(w.r, w.hdr[:8])
		w.off += int64(n)
		if err == io.EOF {
			if !haveFmt {
				return nil, info, w.errorf(start, "no fmt chunk")
			}
			return nil, info, w.errorf(start, "no data chunk")
		}
		if err == io.ErrUnexpectedEOF {
			return nil, info, w.errorf(w.off, "file ends inside a chunk header")
		}
		if err != nil {
			return nil, info, &WAVError{File: w.name, Offset: w.off, Err: err}
		}
		id := string(w.hdr[:4])
		size := int64(binary.LittleEndian.Uint32(w.hdr[4:8]))
		switch id {
		case "fmt ":
			if haveFmt {
				return nil, info, w.errorf(start, "second fmt chunk")
			}
			if info, err = w.readFmt(start, size); err != nil {
				return nil, info, err
			}
			haveFmt = true
		case "data":
			if !haveFmt {
				return nil, info, w.errorf(start, "data chunk before the fmt chunk")
			}
			chans, err := w.readData(d, &info, start, size)
			return chans, info, err
		default:
			if err := w.skip(size+size&1, fmt.Sprintf("the %q chunk", id)); err != nil {
				return nil, info, err
			}
		}
	}
}

// readFmt parses a fmt chunk of the given size whose header began at start.
func (w *wavReader) readFmt(start, size int64) (WAVInfo, error) {
	var info WAVInfo
	if size < 16 || size > wavMaxFmt {
		return info, w.errorf(start, "fmt chunk size %d out of range [16, %d]", size, wavMaxFmt)
	}
	buf := make([]byte, size+size&1)
	if err := w.full(buf, "the fmt chunk"); err != nil {
		return info, err
	}
	le := binary.LittleEndian
	tag := le.Uint16(buf[0:])
	chans := int(le.Uint16(buf[2:]))
	rate := le.Uint32(buf[4:])
	align := int(le.Uint16(buf[12:]))
	bits := int(le.Uint16(buf[14:]))
	valid := bits
	body := start + 8
	if tag == wavExtensible {
		if size < 40 || le.Uint16(buf[16:]) < 22 {
			return info, w.errorf(body+16, "WAVE_FORMAT_EXTENSIBLE fmt chunk too short (%d bytes)", size)
		}
		valid = int(le.Uint16(buf[18:]))
		if !bytes.Equal(buf[26:40], wavGUIDTail) {
			return info, w.errorf(body+24, "unknown WAVE_FORMAT_EXTENSIBLE subformat GUID")
		}
		tag = le.Uint16(buf[24:])
	}
	switch {
	case tag != wavPCM && tag != wavFloat:
		return info, &WAVError{File: w.name, Offset: body, Err: kindErrorf(ErrUnsupported, "unsupported format tag %#04x (only PCM and IEEE float)", tag)}
	case chans < 1 || chans > wavMaxChans:
		return info, w.errorf(body+2, "channel count %d out of range [1, %d]", chans, wavMaxChans)
	case rate == 0:
		return info, w.errorf(body+4, "sample rate 0")
	case tag == wavPCM && bits != 8 && bits != 16 && bits != 24 && bits != 32:
		return info, &WAVError{File: w.name, Offset: body + 14, Err: kindErrorf(ErrUnsupported, "unsupported PCM sample size %d bits", bits)}
	case tag == wavFloat && bits != 32 && bits != 64:
		return info, &WAVError{File: w.name, Offset: body + 14, Err: kindErrorf(ErrUnsupported, "unsupported float sample size %d bits", bits)}
	case align != chans*bits/8:
		return info, w.errorf(body+12, "block align %d, want %d for %d channels of %d bits", align, chans*bits/8, chans, bits)
	case valid < 1 || valid > bits:
		return info, w.errorf(body+18, "valid bits %d out of range [1, %d]", valid, bits)
	}
	return WAVInfo{SampleRate: float64(rate), Channels: chans, Bits: bits, ValidBits: valid, Float: tag == wavFloat}, nil
}

// readData decodes a data chunk of the claimed size, reading it in blocks so
// that memory follows the bytes actually present.
func (w *wavReader) readData(d *WAVDecoder, info *WAVInfo, start, size int64) ([][]float64, error) {
	limit := d.MaxDataBytes
	if limit <= 0 {
		limit = DefaultMaxFileBytes
	}
	if size > limit {
		return nil, &WAVError{File: w.name, Offset: start + 4, Err: fmt.Errorf("%w: data chunk of %d bytes, limit %d", ErrTooLarge, size, limit)}
	}
	align := int64(info.Channels * info.Bits / 8)
	if size%align != 0 {
		return nil, w.errorf(start+4, "data chunk of %d bytes is not a whole number of %d-byte frames", size, align)
	}
	frames := size / align
	if frames == 0 {
		return nil, w.errorf(start+4, "empty data chunk")
	}
	// Nothing is sized from the claim: the channels grow by append as
	// blocks of at most 64 KiB arrive.
	chans := make([][]float64, info.Channels)
	blockFrames := max(1, (64<<10)/align)
	buf := make([]byte, min(frames, blockFrames)*align)
	bps := info.Bits / 8
	for done := int64(0); done < frames; {
		k := min(frames-done, blockFrames)
		blockOff := w.off
		if err := w.full(buf[:k*align], fmt.Sprintf("the data chunk (it claims %d bytes)", size)); err != nil {
			return nil, err
		}
		p := buf[:k*align]
		for i := int64(0); i < k; i++ {
			for c := range chans {
				v := wavSample(p, info.Bits, info.Float)
				if !d.AllowNonFinite && !isFinite(v) {
					off := blockOff + (i*align + int64(c*bps))
					return nil, &WAVError{File: w.name, Offset: off, Err: fmt.Errorf("%w at frame %d, channel %d", ErrNonFinite, done+i, c)}
				}
				chans[c] = append(chans[c], v)
				p = p[bps:]
			}
		}
		done += k
	}
	info.Frames = int(frames)
	return chans, nil
}

// wavSample converts the sample at the start of p.
func wavSample(p []byte, bits int, float bool) float64 {
	le := binary.LittleEndian
	switch {
	case float && bits == 32:
		return float64(math.Float32frombits(le.Uint32(p)))
	case float:
		return math.Float64frombits(le.Uint64(p))
	case bits == 8:
		return float64(int(p[0])-128) / (1 << 7)
	case bits == 16:
		return float64(int16(le.Uint16(p))) / (1 << 15)
	case bits == 24:
		v := int32(uint32(p[0])<<8|uint32(p[1])<<16|uint32(p[2])<<24) >> 8
		return float64(v) / (1 << 23)
	default:
		return float64(int32(le.Uint32(p))) / (1 << 31)
	}
}
