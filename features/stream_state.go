package features

import (
	"encoding/binary"
	"hash/crc32"
	"math"

	"github.com/spindle-pdm/spindle/internal/errclass"
)

// ErrState wraps every error of Extractor.UnmarshalBinary and
// Moments.UnmarshalBinary: the saved state is truncated, corrupted
// (checksum), of an unknown version, or inconsistent. It wraps ErrInput.
var ErrState error = errclass.New("features: bad saved state", ErrInput)

// Saved extractor state, little-endian:
//
//	offset size   field
//	0      4      magic "SPXS"
//	4      1      version (1)
//	5      8      SampleRate, float64 bits
//	13     8      Window, uint64
//	21     8      Hop, uint64
//	29     8      start: stream index of the next window, int64
//	37     8      skip: samples still to discard, uint64
//	45     8      fill: samples buffered, uint64
//	53     8·fill the buffered samples, float64 bits
//	…      4      CRC-32 (IEEE) of everything before it
const (
	stateMagic   = "SPXS"
	stateVersion = 1
	stateHeader  = 53
)

// MaxStateWindow is the longest window, in samples, that UnmarshalBinary
// accepts (128 MiB of buffer), so that a hostile state cannot make it
// allocate without limit.
const MaxStateWindow = 1 << 24

// AppendBinary appends the Extractor's state (configuration, stream
// position and the samples of the partial window) to dst and returns the
// extended slice; it allocates only when dst lacks capacity. The error is
// always nil. Restoring it with UnmarshalBinary and writing the rest of the
// stream gives exactly (bit for bit) the windows an uninterrupted Extractor
// gives.
func (e *Extractor) AppendBinary(dst []byte) ([]byte, error) {
	n := len(dst)
	dst = append(dst, stateMagic...)
	dst = append(dst, stateVersion)
	dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(e.cfg.SampleRate))
	dst = binary.LittleEndian.AppendUint64(dst, uint64(e.cfg.Window))
	dst = binary.LittleEndian.AppendUint64(dst, uint64(e.cfg.Hop))
	dst = binary.LittleEndian.AppendUint64(dst, uint64(e.start))
	dst = binary.LittleEndian.AppendUint64(dst, uint64(e.skip))
	dst = binary.LittleEndian.AppendUint64(dst, uint64(e.fill))
	for _, v := range e.buf[:e.fill] {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
	}
	return binary.LittleEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[n:])), nil
}

// MarshalBinary returns the Extractor's state (see AppendBinary), 57 bytes
// plus 8 per buffered sample. The error is always nil.
func (e *Extractor) MarshalBinary() ([]byte, error) {
	return e.AppendBinary(make([]byte, 0, stateHeader+8*e.fill+4))
}

// UnmarshalBinary restores a state saved by MarshalBinary or AppendBinary,
// configuration included, into e, which may be the zero Extractor or one
// in use. The spectral path (ExtractorConfig.Spectral) is configuration,
// not state: it is kept from e, which must then have been built for the
// state's window and sample rate. It validates the whole state first (format, version, checksum, a
// configuration NewExtractor accepts with Window ≤ MaxStateWindow, and a
// stream position the Extractor can reach) and returns an error wrapping
// ErrState, leaving e unchanged, when anything is wrong.
func (e *Extractor) UnmarshalBinary(data []byte) error {
	if len(data) < stateHeader+4 || string(data[:4]) != stateMagic {
		return errorf(ErrState, "extractor state of %d bytes: not a saved state", len(data))
	}
	if data[4] != stateVersion {
		return errorf(ErrState, "extractor state version %d, this code reads version %d", data[4], stateVersion)
	}
	body := len(data) - 4
	if got, want := crc32.ChecksumIEEE(data[:body]), binary.LittleEndian.Uint32(data[body:]); got != want {
		return errorf(ErrState, "extractor state checksum %08x, want %08x: corrupted", got, want)
	}
	u := func(off int) uint64 { return binary.LittleEndian.Uint64(data[off:]) }
	rate := math.Float64frombits(u(5))
	win, hop, start, skip, fill := u(13), u(21), u(29), u(37), u(45)
	switch {
	case !(rate > 0) || math.IsInf(rate, 0):
		return errorf(ErrState, "extractor state sample rate %v Hz, need a finite value > 0", rate)
	case win < 2 || win > MaxStateWindow:
		return errorf(ErrState, "extractor state window of %d samples, need 2 to %d", win, MaxStateWindow)
	case hop < 1 || hop > math.MaxInt32:
		return errorf(ErrState, "extractor state hop of %d samples, need 1 to %d", hop, math.MaxInt32)
	case fill >= win || uint64(body-stateHeader) != 8*fill:
		return errorf(ErrState, "extractor state holds %d bytes of samples for %d buffered of a %d-sample window", body-stateHeader, fill, win)
	case start > math.MaxInt64-hop || start%hop != 0:
		return errorf(ErrState, "extractor state stream position %d, need a multiple of the hop %d", start, hop)
	case skip > 0 && (fill > 0 || skip > hop-win || hop <= win):
		return errorf(ErrState, "extractor state skips %d samples with %d buffered (window %d, hop %d)", skip, fill, win, hop)
	case start > 0 && hop < win && fill < win-hop:
		return errorf(ErrState, "extractor state at window %d holds %d samples, the overlap alone is %d", start, fill, win-hop)
	}
	// The spectral path is configuration, not state: it is kept from e,
	// which must then have been built for the same window and rate.
	if e.spec != nil && (e.cfg.Window != int(win) || e.cfg.SampleRate != rate) {
		return errorf(ErrState, "extractor state of a %d-sample window at %v Hz cannot restore into a spectral extractor of %d samples at %v Hz",
			win, rate, e.cfg.Window, e.cfg.SampleRate)
	}
	if cap(e.buf) >= int(win) {
		e.buf = e.buf[:win]
	} else {
		e.buf = make([]float64, win)
	}
	e.cfg = ExtractorConfig{SampleRate: rate, Window: int(win), Hop: int(hop), Spectral: e.cfg.Spectral}
	e.start, e.skip, e.fill = int64(start), int(skip), int(fill)
	for i := range e.buf[:fill] {
		e.buf[i] = math.Float64frombits(u(stateHeader + 8*i))
	}
	return nil
}
