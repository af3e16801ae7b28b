package asset

import (
	"encoding/binary"
	"math"

	"github.com/spindle-pdm/spindle/rul"
)

// A Tracker's state is a little-endian binary record:
//
//	"SPAT" | 'T' | version (1 byte) | configuration | state | model
//
// Floats are stored as their IEEE-754 bits (so a restored tracker is
// bit-for-bit identical), integers as uint64, booleans as one byte 0 or 1,
// slices as a uint64 length and their elements, and the forecast model as
// a uint64 length and rul.ExponentialModel's own record (absent without a
// prior). The prior, noise configuration and draws per forecast are read
// back from the model's record. Decoding checks every length against the
// bytes present (a record never allocates more than its own size) and
// every field against the invariants of a live Tracker.
//
// Version 1 is the only version.

const (
	stateMagic   = "SPAT"
	stateTag     = 'T'
	stateVersion = 1
)

type encoder struct{ b []byte }

func (e *encoder) u64(v uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, v) }
func (e *encoder) f64(v float64) {
	e.u64(math.Float64bits(v))
}
func (e *encoder) int(v int) { e.u64(uint64(v)) }
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
func (e *encoder) bytes(v []byte) {
	e.int(len(v))
	e.b = append(e.b, v...)
}

type decoder struct {
	b   []byte
	err error
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

// int decodes a count in [lo, hi].
func (d *decoder) int(what string, lo, hi int) int {
	v := d.u64(what)
	if d.err == nil && (v < uint64(lo) || v > uint64(hi)) {
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

// f64s decodes a slice of at most max finite elements.
func (d *decoder) f64s(what string, max int) []float64 {
	n := d.u64(what)
	if d.err == nil && (n > uint64(max) || n > uint64(len(d.b)/8)) {
		d.fail(what)
	}
	if d.err != nil {
		return nil
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = d.f64(what)
		if !finite(out[i]) {
			d.fail(what)
			return nil
		}
	}
	return out
}

func (d *decoder) bytes(what string) []byte {
	n := d.u64(what)
	if d.err == nil && n > uint64(len(d.b)) {
		d.fail(what)
	}
	if d.err != nil {
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// maxCount bounds the value counter of a restored Tracker: the largest int
// (a state counted past 2^31 on a 64-bit machine does not restore on a
// 32-bit one).
const maxCount = math.MaxInt

// MarshalBinary encodes the tracker's complete state — configuration,
// smoothing window, baseline, alarm, forecast model and the model's
// random-stream position — so that UnmarshalBinary restores a tracker
// that continues bit-for-bit as this one would have. It never fails.
func (t *Tracker) MarshalBinary() ([]byte, error) {
	e := &encoder{b: make([]byte, 0, 256+8*(len(t.ring)+len(t.base)+2*len(t.runT)))}
	e.b = append(e.b, stateMagic...)
	e.b = append(e.b, stateTag, stateVersion)
	c := t.cfg
	e.int(c.Smooth)
	e.int(c.Baseline)
	e.f64(c.Sigmas)
	e.f64(c.PFA)
	e.int(c.Run)
	e.f64(c.Failure)
	e.f64s(t.ring)
	e.int(t.n)
	e.f64(t.sum)
	e.f64s(t.base)
	e.f64(t.mu)
	e.f64(t.sd)
	e.f64(t.level)
	e.f64s(t.runT)
	e.f64s(t.runV)
	e.bool(t.alarmed)
	e.f64(t.origin)
	e.f64(t.alarmAt)
	e.int(t.skipped)
	s := t.last
	e.f64(s.Time)
	e.f64(s.Raw)
	e.f64(s.HI)
	e.bool(s.Learning)
	e.f64(s.Level)
	e.bool(s.Alarm)
	e.bool(s.Raised)
	e.bool(t.model != nil)
	if t.model != nil {
		mb, err := t.model.MarshalBinary()
		if err != nil {
			return nil, wrap(ErrState, err, "forecast model")
		}
		e.bytes(mb)
	}
	return e.b, nil
}

// UnmarshalBinary restores a state saved by MarshalBinary into t,
// replacing whatever t held. A record that is truncated, corrupt, of
// another version or inconsistent (a configuration NewTracker would
// reject, a non-finite or out-of-range field) is an error wrapping
// ErrState, and t is left unchanged.
func (t *Tracker) UnmarshalBinary(data []byte) error {
	if len(data) < 6 || string(data[:4]) != stateMagic || data[4] != stateTag {
		return errorf(ErrState, "missing %q tracker header", stateMagic)
	}
	if data[5] != stateVersion {
		return errorf(ErrState, "unsupported tracker state version %d", data[5])
	}
	d := &decoder{b: data[6:]}
	var c TrackerConfig
	c.Smooth = d.int("smooth", 1, math.MaxInt32)
	c.Baseline = d.int("baseline", 2, math.MaxInt32)
	c.Sigmas = d.f64("sigmas")
	c.PFA = d.f64("pfa")
	c.Run = d.int("run", 1, math.MaxInt32)
	c.Failure = d.f64("failure")
	r := Tracker{}
	r.ring = d.f64s("ring", c.Smooth)
	r.n = d.int("count", 0, maxCount)
	r.sum = d.f64("sum")
	r.base = d.f64s("baseline values", c.Baseline)
	r.mu = d.f64("mean")
	r.sd = d.f64("sd")
	r.level = d.f64("level")
	r.runT = d.f64s("run times", c.Run)
	r.runV = d.f64s("run values", c.Run)
	r.alarmed = d.bool("alarmed")
	r.origin = d.f64("origin")
	r.alarmAt = d.f64("alarm time")
	r.skipped = d.int("skipped", 0, maxCount)
	s := &r.last
	s.Time = d.f64("last")
	s.Raw = d.f64("last")
	s.HI = d.f64("last")
	s.Learning = d.bool("last")
	s.Level = d.f64("last")
	s.Alarm = d.bool("last")
	s.Raised = d.bool("last")
	var mb []byte
	if d.bool("model") {
		mb = d.bytes("model")
		if mb == nil && d.err == nil {
			mb = []byte{}
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail("end (trailing bytes)")
	}
	if d.err != nil {
		return d.err
	}
	if mb != nil {
		m := new(rul.ExponentialModel)
		if err := m.UnmarshalBinary(mb); err != nil {
			return wrap(ErrState, err, "forecast model")
		}
		p := m.Prior()
		c.Prior, c.Noise, c.Samples = &p, m.NoiseConfig(), m.Samples()
		r.model = m
	} else {
		c.Samples = defaultSamples // unused without a model
	}
	cc, err := c.withDefaults()
	if err != nil || cc != c {
		return errorf(ErrState, "tracker state holds an invalid configuration (%v)", err)
	}
	if err := r.check(); err != nil {
		return err
	}
	r.cfg = c
	*t = r
	return nil
}

// check validates the restored fields of r (cfg not yet set).
func (r *Tracker) check() error {
	bad := func(what string) error { return errorf(ErrState, "tracker state: %s", what) }
	if len(r.ring) == 0 {
		return bad("empty smoothing window")
	}
	for _, v := range []float64{r.sum, r.mu, r.sd, r.level, r.origin, r.alarmAt, r.last.Time, r.last.Raw} {
		if !finite(v) {
			return bad("non-finite field")
		}
	}
	learning := r.level == 0
	if !learning && !(r.level > 0 && r.mu > 0 && r.sd >= 0) {
		return bad("alarm level or baseline out of range")
	}
	if learning && (r.alarmed || r.mu != 0 || r.sd != 0) {
		return bad("alarm or baseline before the baseline is learned")
	}
	if len(r.runT) != len(r.runV) {
		return bad("exceedance times and values differ in length")
	}
	if r.model != nil && r.model.N() > 0 && !r.alarmed {
		return bad("forecast model updated before an alarm")
	}
	return nil
}
