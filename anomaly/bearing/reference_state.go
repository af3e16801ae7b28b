package bearing

import (
	"encoding/binary"
	"math"

	"github.com/spindle-pdm/spindle/fft"
)

// The saved form of a HealthyReference, little-endian and of fixed size:
// the magic "SPHR", a version byte (1), the sample rate (float64), the
// segment length and the segment count (uint64 each), then the
// ReferenceBands means and the ReferenceBands standard deviations, dB
// (float64 each).
const (
	referenceMagic   = "SPHR"
	referenceVersion = 1
	referenceSize    = len(referenceMagic) + 1 + 8 + 8 + 8 + 2*ReferenceBands*8
)

// MaxReferenceSegment is the longest segment, in samples, of a
// HealthyReference (2²¹: 21 s at 100 kHz), so that restoring a saved one
// allocates a bounded window.
const MaxReferenceSegment = 1 << 21

// MarshalBinary saves the reference (rate, segment length and count,
// and every band's mean and spread); it never fails.
func (r *HealthyReference) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, referenceSize)
	b = append(b, referenceMagic...)
	b = append(b, referenceVersion)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.rate))
	b = binary.LittleEndian.AppendUint64(b, uint64(r.segment))
	b = binary.LittleEndian.AppendUint64(b, uint64(r.segments))
	for _, v := range r.mean {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	for _, v := range r.sd {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b, nil
}

// UnmarshalBinary restores a reference saved by MarshalBinary. A record of
// the wrong size, magic or version, or holding a value no reference can
// have (a rate that is not finite and positive, a segment outside
// [2·ReferenceBands, MaxReferenceSegment], fewer than 3 segments, a level
// that is not finite, a negative spread), is an error wrapping ErrInput
// that says which, and leaves r unchanged.
func (r *HealthyReference) UnmarshalBinary(data []byte) error {
	if len(data) != referenceSize {
		return errorf(ErrInput, "healthy reference record: %d bytes, want %d", len(data), referenceSize)
	}
	if string(data[:4]) != referenceMagic {
		return errorf(ErrInput, "healthy reference record: magic %q, want %q", data[:4], referenceMagic)
	}
	if data[4] != referenceVersion {
		return errorf(ErrInput, "healthy reference record: version %d, want %d", data[4], referenceVersion)
	}
	p := data[5:]
	next := func() uint64 {
		v := binary.LittleEndian.Uint64(p)
		p = p[8:]
		return v
	}
	var t HealthyReference
	t.rate = math.Float64frombits(next())
	seg, segs := next(), next()
	if !(t.rate > 0) || math.IsInf(t.rate, 0) {
		return errorf(ErrInput, "healthy reference record: sample rate %v Hz", t.rate)
	}
	if seg < 2*ReferenceBands || seg > MaxReferenceSegment {
		return errorf(ErrInput, "healthy reference record: segment of %d samples, want %d to %d", seg, 2*ReferenceBands, MaxReferenceSegment)
	}
	if segs < minReferenceSegments || segs > math.MaxInt32 {
		return errorf(ErrInput, "healthy reference record: %d segments, want %d to %d", segs, minReferenceSegments, math.MaxInt32)
	}
	t.segment, t.segments = int(seg), int(segs)
	for b := range t.mean {
		if t.mean[b] = math.Float64frombits(next()); math.IsNaN(t.mean[b]) || math.IsInf(t.mean[b], 0) {
			return errorf(ErrInput, "healthy reference record: band %d level %v dB", b, t.mean[b])
		}
	}
	for b := range t.sd {
		if t.sd[b] = math.Float64frombits(next()); !(t.sd[b] >= 0) || math.IsInf(t.sd[b], 0) {
			return errorf(ErrInput, "healthy reference record: band %d spread %v dB", b, t.sd[b])
		}
	}
	t.win = must(fft.NewWindow(fft.Hann, t.segment, 0)).Coef
	*r = t
	return nil
}
