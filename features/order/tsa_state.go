package order

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
)

// Saved Averager state, little-endian, 17 + 16·SamplesPerRev bytes:
//
//	offset size   field
//	0      4      magic "SPTA"
//	4      1      version (1)
//	5      8      SamplesPerRev, uint64
//	13     8·n    the sums at each angle, float64 bits
//	…      8·n    the counts at each angle, uint64
//	…      4      CRC-32 (IEEE) of everything before it
const (
	averagerMagic   = "SPTA"
	averagerVersion = 1
	averagerHeader  = 13
)

// AppendBinary appends the Averager's state (the sum and count at each
// angle, 17 + 16·SamplesPerRev bytes) to dst and returns the extended
// slice; it allocates only when dst lacks capacity. The error is always
// nil. Restoring it with UnmarshalBinary and adding the rest of the signal
// gives bit for bit the average of the uninterrupted Averager.
func (a *Averager) AppendBinary(dst []byte) ([]byte, error) {
	n := len(dst)
	dst = append(dst, averagerMagic...)
	dst = append(dst, averagerVersion)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(len(a.sum)))
	for _, v := range a.sum {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
	}
	for _, c := range a.count {
		dst = binary.LittleEndian.AppendUint64(dst, uint64(c))
	}
	return binary.LittleEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[n:])), nil
}

// MarshalBinary returns the Averager's state (see AppendBinary). The error
// is always nil.
func (a *Averager) MarshalBinary() ([]byte, error) {
	return a.AppendBinary(make([]byte, 0, averagerHeader+16*len(a.sum)+4))
}

// UnmarshalBinary restores a state saved by MarshalBinary or AppendBinary
// into a. SamplesPerRev is configuration: a must have been built by
// NewAverager with the state's SamplesPerRev (a zero Averager is refused).
// It validates the whole state first (format, version, checksum, the
// receiver's SamplesPerRev, counts in [0, math.MaxInt] with a zero sum
// where the count is zero; a sum overflowed to ±Inf or NaN is restored as
// saved) and returns an error wrapping ErrState,
// leaving a unchanged, when anything is wrong. It allocates nothing.
func (a *Averager) UnmarshalBinary(data []byte) error {
	if len(data) < averagerHeader+4 || string(data[:4]) != averagerMagic {
		return fmt.Errorf("%w: averager state of %d bytes: not a saved state", ErrState, len(data))
	}
	if data[4] != averagerVersion {
		return fmt.Errorf("%w: averager state version %d, this code reads version %d", ErrState, data[4], averagerVersion)
	}
	body := len(data) - 4
	if got, want := crc32.ChecksumIEEE(data[:body]), binary.LittleEndian.Uint32(data[body:]); got != want {
		return fmt.Errorf("%w: averager state checksum %08x, want %08x: corrupted", ErrState, got, want)
	}
	u := func(off int) uint64 { return binary.LittleEndian.Uint64(data[off:]) }
	n := len(a.sum)
	if spr := u(5); spr != uint64(n) || uint64(body-averagerHeader) != 16*spr {
		return fmt.Errorf("%w: averager state of %d samples per revolution in %d bytes, the averager has %d",
			ErrState, spr, body-averagerHeader, n)
	}
	cnt := averagerHeader + 8*n
	for i := range n {
		s, c := math.Float64frombits(u(averagerHeader+8*i)), u(cnt+8*i)
		// A sum may be ±Inf or NaN: finite samples near the float64 range
		// overflow it, a state the Averager reaches.
		if c > math.MaxInt || c == 0 && s != 0 {
			return fmt.Errorf("%w: averager state count %d with sum %v at angle %d", ErrState, c, s, i)
		}
	}
	for i := range n {
		a.sum[i], a.count[i] = math.Float64frombits(u(averagerHeader+8*i)), int(u(cnt+8*i))
	}
	return nil
}
