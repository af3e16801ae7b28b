package alarm

import (
	"encoding/binary"
	"math"
)

// Saved-state layout, version 1, little-endian:
//
//	magic "SPAL" | version u8 | flags u8 (bit0 Latch) | MaxGap f64
//	3 × (Set, Clear, SetDelay, ClearDelay f64)
//	hasT u8 | lastT f64
//	3 × (flags u8 (bit0 active, bit1 pending, bit2 clearing), setSince f64, clearSince f64)
//	latched u8 | Active u8 | Shown u8 | status flags u8 (bit0 Unacked, bit1 Changed) | Since f64
const (
	stateMagic   = "SPAL"
	stateVersion = 1
	stateLen     = 4 + 1 + 1 + 8 + numLevels*4*8 + 1 + 8 + numLevels*(1+8+8) + 4 + 8
)

// MarshalBinary saves the alarm's configuration and state in a versioned
// binary form (encoding.BinaryMarshaler). Floats are stored bit for bit,
// so an Alarm restored with UnmarshalBinary continues exactly as the
// original would have.
func (a *Alarm) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, stateLen)
	b = append(b, stateMagic...)
	b = append(b, stateVersion, boolByte(a.cfg.Latch))
	b = appendF(b, a.cfg.MaxGap)
	for _, th := range a.th {
		b = appendF(b, th.Set)
		b = appendF(b, th.Clear)
		b = appendF(b, th.SetDelay)
		b = appendF(b, th.ClearDelay)
	}
	b = append(b, boolByte(a.hasT))
	b = appendF(b, a.lastT)
	for _, s := range a.lv {
		b = append(b, boolByte(s.active)|boolByte(s.pending)<<1|boolByte(s.clearing)<<2)
		b = appendF(b, s.setSince)
		b = appendF(b, s.clearSince)
	}
	st := a.status
	b = append(b, byte(a.latched), byte(st.Active), byte(st.Shown), boolByte(st.Unacked)|boolByte(st.Changed)<<1)
	b = appendF(b, st.Since)
	return b, nil
}

// UnmarshalBinary restores an alarm saved by MarshalBinary, configuration
// included, into a (which may be the zero Alarm). It returns an error
// wrapping ErrState, and leaves a unchanged, if data has the wrong length,
// magic or version, holds an invalid configuration, or holds a state that
// no sequence of updates could have produced.
func (a *Alarm) UnmarshalBinary(data []byte) error {
	if len(data) != stateLen {
		return errorf(ErrState, "saved state of %d bytes, want %d", len(data), stateLen)
	}
	if string(data[:4]) != stateMagic {
		return errorf(ErrState, "saved state does not start with %q", stateMagic)
	}
	if data[4] != stateVersion {
		return errorf(ErrState, "saved state version %d, this build reads %d", data[4], stateVersion)
	}
	r := reader{b: data[5:]}
	var n Alarm
	latch, ok := r.bool()
	n.cfg.Latch = latch
	n.cfg.MaxGap = r.f64()
	for i := 0; i < numLevels; i++ {
		th := Threshold{Set: r.f64(), Clear: r.f64(), SetDelay: r.f64(), ClearDelay: r.f64()}
		switch i {
		case 0:
			n.cfg.Advisory = th
		case 1:
			n.cfg.Warning = th
		default:
			n.cfg.Danger = th
		}
	}
	if !ok {
		return errorf(ErrState, "bad Latch flag")
	}
	if err := n.cfg.validate(); err != nil {
		return errorf(ErrState, "saved configuration: %w", err)
	}
	n.setConfig()
	n.hasT, ok = r.bool()
	n.lastT = r.f64()
	if !ok || !finite(n.lastT) || (!n.hasT && n.lastT != 0) {
		return errorf(ErrState, "bad last update time")
	}
	active := None
	for i := range n.lv {
		f := r.u8()
		s := levelState{active: f&1 != 0, pending: f&2 != 0, clearing: f&4 != 0, setSince: r.f64(), clearSince: r.f64()}
		switch {
		case f > 7, s.active && s.pending, !s.active && s.clearing,
			(s.pending || s.clearing) && !n.hasT,
			!n.th[i].enabled() && f != 0,
			!finite(s.setSince), !finite(s.clearSince),
			!s.pending && s.setSince != 0, !s.clearing && s.clearSince != 0,
			s.pending && s.setSince > n.lastT, s.clearing && s.clearSince > n.lastT:
			return errorf(ErrState, "bad state of level %v", Level(i+1))
		}
		if s.active {
			active = Level(i + 1)
		}
		n.lv[i] = s
	}
	n.latched = Level(r.u8())
	n.status.Active = Level(r.u8())
	n.status.Shown = Level(r.u8())
	f := r.u8()
	n.status.Unacked, n.status.Changed = f&1 != 0, f&2 != 0
	n.status.Since = r.f64()
	st := n.status
	switch {
	case f > 3, st.Active != active, n.latched > Danger, st.Shown > Danger,
		!n.cfg.Latch && (n.latched != None || st.Shown != st.Active),
		n.cfg.Latch && st.Shown != max(n.latched, st.Active),
		st.Shown == None && st.Unacked,
		!finite(st.Since):
		return errorf(ErrState, "bad alarm status")
	}
	*a = n
	return nil
}

// boolByte returns 1 for true and 0 for false.
func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// appendF appends the IEEE-754 bits of x, little-endian.
func appendF(b []byte, x float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
}

// reader reads a saved state whose length has been checked.
type reader struct{ b []byte }

func (r *reader) u8() byte {
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *reader) f64() float64 {
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

// bool reads a byte that must be 0 or 1.
func (r *reader) bool() (v, ok bool) {
	c := r.u8()
	return c == 1, c <= 1
}
