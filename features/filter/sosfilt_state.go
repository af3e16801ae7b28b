package filter

import (
	"encoding/binary"
	"hash/crc32"
	"math"
)

// Saved Filter state, little-endian, 13 + 64·sections bytes:
//
//	offset size     field
//	0      4        magic "SPFF"
//	4      1        version (1)
//	5      4        sections, uint32
//	9      48·n     the coefficients b0 b1 b2 a0 a1 a2 of each section, float64 bits
//	…      16·n     the state z0 z1 of each section, float64 bits
//	…      4        CRC-32 (IEEE) of everything before it
//
// The coefficients are configuration, not state: they are saved only so
// that UnmarshalBinary can check that the receiver runs the same cascade.
const (
	filterMagic   = "SPFF"
	filterVersion = 1
	filterHeader  = 9
)

// AppendBinary appends the filter's state (its coefficients and the
// state of each section, 13 + 64 bytes per section) to dst and returns the
// extended slice; it allocates only when dst lacks capacity. The error is
// always nil. Restoring it with UnmarshalBinary and processing the rest of
// the stream gives bit for bit the output of the uninterrupted filter.
func (f *Filter) AppendBinary(dst []byte) ([]byte, error) {
	n := len(dst)
	dst = append(dst, filterMagic...)
	dst = append(dst, filterVersion)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(f.sos)))
	for _, c := range f.sos {
		for _, v := range c {
			dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
		}
	}
	for _, z := range f.zi {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(z[0]))
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(z[1]))
	}
	return binary.LittleEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[n:])), nil
}

// MarshalBinary returns the filter's state (see AppendBinary). The error
// is always nil.
func (f *Filter) MarshalBinary() ([]byte, error) {
	return f.AppendBinary(make([]byte, 0, filterHeader+64*len(f.sos)+4))
}

// UnmarshalBinary restores a state saved by MarshalBinary or AppendBinary
// into f. The coefficients are configuration, not state: f must have been
// built by NewFilter with the same SOS, bit for bit (a zero Filter is
// refused). It validates the whole state first (format, version, checksum,
// the same coefficients as f; the section states are restored as saved,
// ±Inf or NaN after an overflow included) and returns an error
// wrapping ErrState, leaving f unchanged, when anything is wrong. It
// allocates nothing.
func (f *Filter) UnmarshalBinary(data []byte) error {
	if len(data) < filterHeader+4 || string(data[:4]) != filterMagic {
		return errorf(ErrState, "filter state of %d bytes: not a saved state", len(data))
	}
	if data[4] != filterVersion {
		return errorf(ErrState, "filter state version %d, this code reads version %d", data[4], filterVersion)
	}
	body := len(data) - 4
	if got, want := crc32.ChecksumIEEE(data[:body]), binary.LittleEndian.Uint32(data[body:]); got != want {
		return errorf(ErrState, "filter state checksum %08x, want %08x: corrupted", got, want)
	}
	n := binary.LittleEndian.Uint32(data[5:])
	if uint64(n) != uint64(len(f.sos)) || uint64(body-filterHeader) != 64*uint64(n) {
		return errorf(ErrState, "filter state of %d sections in %d bytes, the filter has %d sections", n, body-filterHeader, len(f.sos))
	}
	u := func(off int) uint64 { return binary.LittleEndian.Uint64(data[off:]) }
	for s, c := range f.sos {
		for k, v := range c {
			if u(filterHeader+8*(6*s+k)) != math.Float64bits(v) {
				return errorf(ErrState, "filter state coefficient %d of section %d differs from the filter's: another design", k, s)
			}
		}
	}
	// The section states are not checked: finite samples near the float64
	// range (or an unstable cascade) can overflow them to ±Inf or NaN, a
	// state the filter reaches and so restores.
	zoff := filterHeader + 48*len(f.sos)
	for s := range f.zi {
		f.zi[s] = [2]float64{math.Float64frombits(u(zoff + 16*s)), math.Float64frombits(u(zoff + 16*s + 8))}
	}
	return nil
}
