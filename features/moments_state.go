package features

import (
	"encoding/binary"
	"hash/crc32"
	"math"
)

// Saved Moments state, little-endian, 105 bytes:
//
//	offset size  field
//	0      4     magic "SPMO"
//	4      1     version (1)
//	5      8     count, int64
//	13     8·9   mean, mean compensation, M2, M3, M4, min, max, Σ|x|, Σ√|x| (float64 bits)
//	85     8     1 + position of the first non-finite sample (0: none), int64
//	93     8     that sample, float64 bits
//	101    4     CRC-32 (IEEE) of everything before it
const (
	momentsMagic   = "SPMO"
	momentsVersion = 1
	momentsBody    = 101
	momentsSize    = momentsBody + 4
)

// AppendBinary appends the accumulator's state (105 bytes) to dst and
// returns the extended slice; it allocates only when dst lacks capacity.
// The error is always nil. Restoring it with UnmarshalBinary and adding the
// rest of the data in the same calls gives bit for bit the moments of the
// uninterrupted accumulator.
func (m *Moments) AppendBinary(dst []byte) ([]byte, error) {
	n := len(dst)
	dst = append(dst, momentsMagic...)
	dst = append(dst, momentsVersion)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(m.n))
	for _, v := range m.floats() {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
	}
	dst = binary.LittleEndian.AppendUint64(dst, uint64(m.bad))
	dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(m.badVal))
	return binary.LittleEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[n:])), nil
}

// MarshalBinary returns the accumulator's state (see AppendBinary), 105
// bytes. The error is always nil.
func (m *Moments) MarshalBinary() ([]byte, error) {
	return m.AppendBinary(make([]byte, 0, momentsSize))
}

// UnmarshalBinary restores a state saved by MarshalBinary or AppendBinary
// into m. It validates the whole state first (format, version, checksum, a
// count ≥ 0, finite extremes with min ≤ max, Σ|x| and Σ√|x| ≥ 0 (the mean
// and central sums are not checked: samples near the float64 range can
// overflow them to ±Inf or NaN, a state the accumulator can reach), a non-finite
// sample recorded at a position below the count, an empty accumulator all
// zero) and returns an error wrapping ErrState, leaving m unchanged, when
// anything is wrong. It allocates nothing.
func (m *Moments) UnmarshalBinary(data []byte) error {
	if len(data) != momentsSize || string(data[:4]) != momentsMagic {
		return errorf(ErrState, "moments state of %d bytes: not a saved state", len(data))
	}
	if data[4] != momentsVersion {
		return errorf(ErrState, "moments state version %d, this code reads version %d", data[4], momentsVersion)
	}
	if got, want := crc32.ChecksumIEEE(data[:momentsBody]), binary.LittleEndian.Uint32(data[momentsBody:]); got != want {
		return errorf(ErrState, "moments state checksum %08x, want %08x: corrupted", got, want)
	}
	u := func(off int) uint64 { return binary.LittleEndian.Uint64(data[off:]) }
	var s Moments
	s.n, s.bad = int64(u(5)), int64(u(85))
	s.badVal = math.Float64frombits(u(93))
	for i, p := range s.floatPtrs() {
		*p = math.Float64frombits(u(13 + 8*i))
	}
	// The mean and central sums of finite samples near the float64 range
	// can overflow to ±Inf (and NaN after Inf−Inf): any value is a state
	// the accumulator can reach. The extremes are samples, finite; Σ|x|
	// is ≥ 0 (+Inf after an overflow), Σ√|x| finite and ≥ 0.
	switch {
	case !isFinite(s.min) || !isFinite(s.max) || !isFinite(s.sumSqr):
		return errorf(ErrState, "moments state min %v, max %v, Σ√|x| %v, need finite values", s.min, s.max, s.sumSqr)
	case s.n < 0:
		return errorf(ErrState, "moments state count %d, need ≥ 0", s.n)
	case s.bad < 0 || s.bad > s.n:
		return errorf(ErrState, "moments state marks sample %d bad of %d", s.bad-1, s.n)
	case s.bad != 0 && isFinite(s.badVal), s.bad == 0 && s.badVal != 0:
		return errorf(ErrState, "moments state bad sample %v at mark %d", s.badVal, s.bad)
	case s.n == 0 && s.floats() != [9]float64{}:
		return errorf(ErrState, "moments state is empty but holds non-zero sums")
	case !(s.sumAbs >= 0) || !(s.sumSqr >= 0) || s.n > 0 && s.bad == 0 && s.min > s.max:
		return errorf(ErrState, "moments state Σ|x| %v, Σ√|x| %v, min %v, max %v: inconsistent", s.sumAbs, s.sumSqr, s.min, s.max)
	}
	*m = s
	return nil
}

// floats returns the float fields in record order.
func (m *Moments) floats() [9]float64 {
	return [9]float64{m.mean, m.meanC, m.m2, m.m3, m.m4, m.min, m.max, m.sumAbs, m.sumSqr}
}

// floatPtrs returns pointers to the float fields in record order.
func (m *Moments) floatPtrs() [9]*float64 {
	return [9]*float64{&m.mean, &m.meanC, &m.m2, &m.m3, &m.m4, &m.min, &m.max, &m.sumAbs, &m.sumSqr}
}
