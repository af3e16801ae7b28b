package anomaly

import (
	"encoding/binary"
	"math"
)

// Detector state is saved (MarshalBinary) as a little-endian record:
//
//	"SPAN" | type tag (1 byte) | format version (1 byte) | fields ...
//
// The fields are the detector's configuration (defaults filled in) and
// then its running state, each float64 as its IEEE-754 bits (so a restored
// detector is bit-for-bit the saved one), each integer as a uint64, each
// bool as one byte 0 or 1, and every buffer in full at the length its
// configuration fixes. UnmarshalBinary rebuilds the detector from the
// configuration with its constructor (so an invalid configuration is
// rejected as a fresh one would be), reads the state and checks it against
// the detector's invariants; any failure returns an error wrapping
// ErrState and leaves the receiver unchanged. A record of n bytes never
// makes restore allocate more than a small multiple of n.
//
// Version 1 is the only format of every tag so far.
const (
	stateMagic   = "SPAN"
	stateVersion = 1

	tagCUSUM       = 'C'
	tagEWMA        = 'E'
	tagPageHinkley = 'P'
	tagBOCPD       = 'B'
	tagSPOT        = 'S'
	tagThermal     = 'T'
	tagHealth      = 'H'
	tagPersistence = 'K'
	tagKPI         = 'N'
	tagMahalanobis = 'M'
	tagRig         = 'R'
	tagIForest     = 'I'
	tagPCA         = 'A'
	tagCovariate   = 'V'
	tagCompensated = 'W'
	tagTrend       = 'D'
)

type encoder struct{ b []byte }

func newEncoder(tag byte, sizeHint int) *encoder {
	e := &encoder{b: make([]byte, 0, 6+sizeHint)}
	e.b = append(e.b, stateMagic...)
	e.b = append(e.b, tag, stateVersion)
	return e
}

func (e *encoder) f64(v ...float64) {
	for _, x := range v {
		e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(x))
	}
}

func (e *encoder) int(v ...int) {
	for _, x := range v {
		e.b = binary.LittleEndian.AppendUint64(e.b, uint64(x))
	}
}

// u64 appends 64-bit words as they are (int(w) would drop the high half
// of a uint64 or int64 on 32-bit CPUs).
func (e *encoder) u64(v ...uint64) {
	for _, x := range v {
		e.b = binary.LittleEndian.AppendUint64(e.b, x)
	}
}

// bytes appends a length-prefixed nested record.
func (e *encoder) bytes(v []byte) {
	e.int(len(v))
	e.b = append(e.b, v...)
}

func (e *encoder) bool(v ...bool) {
	for _, x := range v {
		if x {
			e.b = append(e.b, 1)
		} else {
			e.b = append(e.b, 0)
		}
	}
}

// decoder reads a record; the first problem sticks in err and later reads
// return zeros.
type decoder struct {
	b    []byte
	what string // the detector, for messages
	err  error
}

func newDecoder(data []byte, tag byte, what string) *decoder {
	d := &decoder{b: data, what: what}
	switch {
	case len(data) < 6 || string(data[:4]) != stateMagic:
		d.err = errorf(ErrState, "%s state: missing %q header", what, stateMagic)
	case data[4] != tag:
		d.err = errorf(ErrState, "%s state: record is of type tag %q", what, data[4])
	case data[5] != stateVersion:
		d.err = errorf(ErrState, "%s state: unsupported version %d", what, data[5])
	default:
		d.b = data[6:]
	}
	return d
}

// fail records a corrupt field.
func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = errorf(ErrState, d.what+" state: "+format, args...)
	}
}

func (d *decoder) u64() uint64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 8 {
		d.fail("truncated record")
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *decoder) f64() float64 { return math.Float64frombits(d.u64()) }

// finite decodes a float64 that must be finite.
func (d *decoder) finite(what string) float64 {
	v := d.f64()
	if math.IsNaN(v) || math.IsInf(v, 0) {
		d.fail("%s is %v", what, v)
	}
	return v
}

// int decodes an integer in [lo, hi].
func (d *decoder) int(what string, lo, hi int) int {
	v := d.u64()
	if d.err == nil && (int64(v) < int64(lo) || int64(v) > int64(hi)) {
		d.fail("%s = %d outside [%d, %d]", what, int64(v), lo, hi)
		return lo
	}
	return int(int64(v))
}

func (d *decoder) bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.b) < 1 || d.b[0] > 1 {
		d.fail("corrupt flag")
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

// need fails unless at least n more bytes remain: checked before a
// configuration is turned into buffers, so that a forged size cannot
// allocate more than the record holds.
func (d *decoder) need(n int) {
	if d.err == nil && (n < 0 || len(d.b) < n) {
		d.fail("record too short for its configuration")
	}
}

// notNaN decodes len(dst) floats that are not NaN (±Inf allowed) into dst.
func (d *decoder) notNaN(what string, dst []float64) {
	for i := range dst {
		if dst[i] = d.f64(); math.IsNaN(dst[i]) {
			d.fail("%s holds NaN", what)
		}
	}
}

// finites decodes len(dst) finite floats into dst.
func (d *decoder) finites(what string, dst []float64) {
	for i := range dst {
		dst[i] = d.finite(what)
	}
}

// bytes decodes a length-prefixed nested record.
func (d *decoder) bytes() []byte {
	n := d.u64()
	if d.err == nil && n > uint64(len(d.b)) {
		d.fail("nested record of %d bytes in %d", n, len(d.b))
	}
	if d.err != nil {
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

// finish reports trailing bytes and returns the first error.
func (d *decoder) finish() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail("%d trailing bytes", len(d.b))
	}
	return d.err
}

// config wraps a constructor's configuration error as a state error.
func (d *decoder) config(err error) {
	if err != nil {
		d.fail("invalid configuration (%v)", err)
	}
}

// encode appends the baseline's running state (its configuration is the
// detector's).
func (b *driftBaseline) encode(e *encoder) {
	e.int(b.n)
	e.f64(b.mean, b.m2, b.mu, b.sigma)
	e.bool(b.ready, b.flat)
}

// decode reads the running state encode wrote into b, which was built
// from the detector's configuration, and checks it.
func (b *driftBaseline) decode(d *decoder) {
	b.n = d.int("baseline count", 0, max(b.warmup, 0))
	b.mean, b.m2 = d.finite("baseline mean"), d.finite("baseline m2")
	b.mu, b.sigma = d.finite("baseline μ"), d.finite("baseline σ")
	b.ready, b.flat = d.bool(), d.bool()
	fixed := b.warmup == 0
	switch {
	case d.err != nil:
	case b.m2 < 0:
		d.fail("baseline m2 %g < 0", b.m2)
	case fixed && (!b.ready || b.flat || b.mu != b.fixedMu || b.sigma != b.fixedSigma):
		d.fail("fixed baseline altered")
	case b.ready && !(b.sigma > 0):
		d.fail("baseline σ %g ≤ 0 when ready", b.sigma)
	case !fixed && b.ready != (b.n == b.warmup):
		d.fail("baseline count %d against warm-up %d (ready %v)", b.n, b.warmup, b.ready)
	case !b.ready && b.flat:
		d.fail("flat baseline before warm-up ended")
	}
}
