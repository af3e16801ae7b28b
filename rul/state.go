package rul

import (
	"encoding/binary"
	"math"
)

// Model state is serialised as a little-endian binary record:
//
//	"SPRL" | model tag (1 byte) | format version (1 byte) | fields ...
//
// where every float64 is stored as its IEEE-754 bits (so a restored model is
// bit-for-bit identical), integers as uint64, and slices as a uint64 length
// followed by their elements. Decoding checks the magic, tag, version and
// every length against the bytes present, so a corrupt or hostile record
// returns ErrState and never allocates more than its own size.
//
// Versions. Version 1 is the original format of every model. Version 2
// (LinearModel and ExponentialModel only) adds the NoiseConfig and the
// forgotten, lag-paired sufficient statistics that its options need; a
// model with the classical (zero) NoiseConfig is still written as version
// 1, so its records read and write exactly as before, and version-1 records
// keep decoding.

const (
	stateMagic   = "SPRL"
	stateVersion = 1 // the version newEncoder writes

	tagLinear      = 'L'
	tagExponential = 'E'
	tagSimilarity  = 'S'
	tagWeibull     = 'W'
	tagWeibullPH   = 'P'
)

type encoder struct{ b []byte }

func newEncoder(tag byte, sizeHint int) *encoder {
	return newVersionEncoder(tag, stateVersion, sizeHint)
}

// newVersionEncoder starts a record of the given format version.
func newVersionEncoder(tag, version byte, sizeHint int) *encoder {
	e := &encoder{b: make([]byte, 0, 6+sizeHint)}
	e.b = append(e.b, stateMagic...)
	e.b = append(e.b, tag, version)
	return e
}

// maxStateVersion is the newest format version of a model tag.
func maxStateVersion(tag byte) byte {
	if tag == tagLinear || tag == tagExponential {
		return 2
	}
	return 1
}

func (e *encoder) f64(v float64) { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v)) }
func (e *encoder) u64(v uint64)  { e.b = binary.LittleEndian.AppendUint64(e.b, v) }
func (e *encoder) int(v int)     { e.u64(uint64(v)) }
func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}
func (e *encoder) f64s(v []float64) {
	e.int(len(v))
	for _, x := range v {
		e.f64(x)
	}
}

type decoder struct {
	b       []byte
	err     error
	version byte // the record's format version
}

func newDecoder(data []byte, tag byte, model string) *decoder {
	d := &decoder{b: data}
	if len(data) < 6 || string(data[:4]) != stateMagic {
		d.err = errorf(ErrState, "%s state: missing %q header", model, stateMagic)
		return d
	}
	if data[4] != tag {
		d.err = errorf(ErrState, "%s state: record is of model tag %q", model, data[4])
		return d
	}
	if data[5] < 1 || data[5] > maxStateVersion(tag) {
		d.err = errorf(ErrState, "%s state: unsupported version %d", model, data[5])
		return d
	}
	d.version = data[5]
	d.b = data[6:]
	return d
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = errorf(ErrState, "truncated or corrupt record at %s", what)
	}
}

func (d *decoder) u64(what string) uint64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 8 {
		d.fail(what)
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *decoder) f64(what string) float64 { return math.Float64frombits(d.u64(what)) }

// int decodes a non-negative count no larger than max.
func (d *decoder) int(what string, max int) int {
	v := d.u64(what)
	if d.err == nil && v > uint64(max) {
		d.fail(what)
		return 0
	}
	return int(v)
}

func (d *decoder) bool(what string) bool {
	if d.err != nil {
		return false
	}
	if len(d.b) < 1 || d.b[0] > 1 {
		d.fail(what)
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *decoder) f64s(what string) []float64 {
	n := int(min(d.u64(what), uint64(len(d.b)/8+1)))
	if d.err == nil && n > len(d.b)/8 {
		d.fail(what)
	}
	if d.err != nil {
		return nil
	}
	v := make([]float64, n)
	for i := range v {
		v[i] = d.f64(what)
	}
	return v
}

// finish reports trailing bytes as corruption and returns the first error.
func (d *decoder) finish() error {
	if d.err == nil && len(d.b) != 0 {
		d.err = errorf(ErrState, "%d trailing bytes", len(d.b))
	}
	return d.err
}
