package anomaly

import "math"

// MarshalBinary saves the detector's configuration and state, its
// 32 KiB context table included (see state.go for the format); it never
// fails.
func (d *KPIDetector) MarshalBinary() ([]byte, error) {
	c := d.cfg
	e := newEncoder(tagKPI, 8*(len(d.seen)+2*(KPIMaxShort+20)+24))
	e.f64(c.LongAlpha)
	e.int(c.Short, c.Warmup)
	e.f64(c.SpatialTolerance, c.AlarmLevel)
	e.int(c.Rest, c.Bins, c.Context, c.Coarse)
	e.int(d.n)
	e.f64(d.lastT, d.lo, d.hi, d.binLo, d.binW)
	e.u64(d.seen...)
	for _, s := range []*kpiScale{&d.fine, &d.coarse} {
		for _, v := range s.ctx {
			e.u64(uint64(v))
		}
		e.int(s.steps)
		e.f64(s.flags.buf[:]...)
		e.int(s.flags.n, s.flags.head)
		e.bool(s.flags.full)
		e.f64(s.flags.sum, s.nov, s.stat.mean, s.stat.vr)
	}
	e.f64(d.sum)
	e.int(d.inStep)
	e.f64(d.coarseZ)
	e.int(d.rest)
	e.f64(d.fused)
	return e.b, nil
}

// UnmarshalBinary restores a detector saved by MarshalBinary,
// configuration included; it continues exactly as the saved one would
// have. A corrupt record returns an error wrapping ErrState and leaves d
// unchanged.
func (d *KPIDetector) UnmarshalBinary(data []byte) error {
	dec := newDecoder(data, tagKPI, "KPIDetector")
	var c KPIConfig
	c.LongAlpha = dec.f64()
	c.Short, c.Warmup = dec.int("Short", 0, KPIMaxShort), dec.int("Warmup", 0, math.MaxInt)
	c.SpatialTolerance, c.AlarmLevel = dec.f64(), dec.f64()
	c.Rest, c.Bins = dec.int("Rest", 0, math.MaxInt), dec.int("Bins", 0, math.MaxInt)
	c.Context, c.Coarse = dec.int("Context", 0, 8), dec.int("Coarse", 0, math.MaxInt)
	if dec.err != nil {
		return dec.err
	}
	r, err := NewKPIDetector(c)
	dec.config(err)
	if dec.err != nil {
		return dec.err
	}
	r.n = dec.int("count", 0, math.MaxInt)
	r.lastT = dec.f64()
	r.lo, r.hi = dec.finite("range"), dec.finite("range")
	r.binLo, r.binW = dec.finite("bin origin"), dec.finite("bin width")
	for i := range r.seen {
		r.seen[i] = dec.u64()
	}
	for _, s := range []*kpiScale{&r.fine, &r.coarse} {
		for i := range s.ctx {
			s.ctx[i] = int64(dec.u64())
		}
		s.steps = dec.int("steps", 0, math.MaxInt)
		dec.finites("flags", s.flags.buf[:])
		s.flags.n = dec.int("flag window", c.Short, c.Short)
		s.flags.head = dec.int("flag head", 0, c.Short-1)
		s.flags.full = dec.bool()
		s.flags.sum, s.nov = dec.finite("flag sum"), dec.finite("novelty")
		s.stat.mean, s.stat.vr = dec.finite("long-run mean"), dec.finite("long-run variance")
		if dec.err == nil && !(s.stat.vr >= 0 && s.nov >= 0 && s.nov <= 1) {
			dec.fail("long-run variance %g or novelty %g out of range", s.stat.vr, s.nov)
		}
	}
	r.sum = dec.finite("coarse sum")
	r.inStep = dec.int("coarse count", 0, max(c.Coarse-1, 0))
	r.coarseZ = dec.finite("coarse z")
	r.rest = dec.int("rest", 0, c.Rest)
	r.fused = dec.finite("fused score")
	if err := dec.finish(); err != nil {
		return err
	}
	switch {
	case math.IsNaN(r.lastT) || math.IsInf(r.lastT, 1) || r.n > 0 && math.IsInf(r.lastT, -1):
		dec.fail("last time %g", r.lastT)
	case r.n > 0 && r.lo > r.hi:
		dec.fail("range [%g, %g]", r.lo, r.hi)
	case r.n >= c.Warmup && !(r.binW > 0):
		dec.fail("bin width %g", r.binW)
	case !(r.fused >= 0 && r.fused <= 1):
		dec.fail("fused score %g", r.fused)
	}
	if dec.err != nil {
		return dec.err
	}
	*d = *r
	return nil
}
