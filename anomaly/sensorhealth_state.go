package anomaly

import "math"

// MarshalBinary saves the monitor's configuration, recent values and
// report (see state.go for the format); it never fails.
func (h *SensorHealth) MarshalBinary() ([]byte, error) {
	c := h.cfg
	e := newEncoder(tagHealth, 8*(healthRailWindow+len(h.diffs)+40))
	e.f64(c.Nominal, c.Tolerance)
	e.int(c.FlatRun, c.ClipRun)
	e.f64(c.Min, c.Max, c.SpikeZ)
	e.int(c.SpikeWindow)
	e.f64(h.lo, h.hi, h.prevX, h.prevT)
	e.bool(h.havePrev, h.haveT)
	e.int(h.run, h.clip, h.gap)
	e.f64(h.vals[:]...)
	e.int(h.vh, h.vn)
	e.f64(h.diffs...)
	e.int(h.dh, h.dn)
	r := h.rep
	e.int(r.Samples, r.Flatline, r.Clipped, r.Spikes, r.Gaps, r.Irregular, r.BadTime, r.LongestFlatline, r.LongestClip, r.LongestGap)
	return e.b, nil
}

// UnmarshalBinary restores a monitor saved by MarshalBinary, configuration
// included; it continues exactly as the saved one would have. A corrupt
// record returns an error wrapping ErrState and leaves h unchanged.
func (h *SensorHealth) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagHealth, "SensorHealth")
	var c SensorHealthConfig
	c.Nominal, c.Tolerance = d.f64(), d.f64()
	c.FlatRun = d.int("FlatRun", math.MinInt, math.MaxInt)
	c.ClipRun = d.int("ClipRun", math.MinInt, math.MaxInt)
	c.Min, c.Max, c.SpikeZ = d.f64(), d.f64(), d.f64()
	c.SpikeWindow = d.int("SpikeWindow", 0, MaxSPOTBuffer)
	if c.SpikeZ > 0 {
		d.need(8 * c.SpikeWindow)
	}
	if d.err != nil {
		return d.err
	}
	r, err := NewSensorHealth(c)
	d.config(err)
	if d.err != nil {
		return d.err
	}
	r.lo, r.hi = d.finite("rail"), d.finite("rail")
	r.prevX, r.prevT = d.finite("previous value"), d.finite("previous time")
	r.havePrev, r.haveT = d.bool(), d.bool()
	const big = math.MaxInt
	r.run, r.clip, r.gap = d.int("run", 0, big), d.int("clip run", 0, big), d.int("gap", 0, big)
	d.finites("recent values", r.vals[:])
	r.vh = d.int("value head", 0, healthRailWindow-1)
	r.vn = d.int("value count", 0, healthRailWindow)
	d.notNaN("differences", r.diffs)
	w := len(r.diffs)
	r.dh = d.int("difference head", 0, max(w-1, 0))
	r.dn = d.int("difference count", 0, w)
	rep := &r.rep
	for _, f := range []*int{&rep.Samples, &rep.Flatline, &rep.Clipped, &rep.Spikes, &rep.Gaps, &rep.Irregular, &rep.BadTime,
		&rep.LongestFlatline, &rep.LongestClip, &rep.LongestGap} {
		*f = d.int("report count", 0, big)
	}
	if err := d.finish(); err != nil {
		return err
	}
	switch {
	case r.vh != 0 && r.vn != healthRailWindow || r.dh != 0 && r.dn != w:
		d.fail("ring heads %d, %d with %d, %d values", r.vh, r.dh, r.vn, r.dn)
	case r.fixedRails && (r.lo != c.Min || r.hi != c.Max) || r.lo > r.hi:
		d.fail("rails [%g, %g]", r.lo, r.hi)
	case max(rep.Flatline, rep.Clipped, rep.Spikes, rep.Gaps, rep.Irregular, rep.BadTime) > rep.Samples:
		d.fail("more flags than samples")
	}
	if d.err != nil {
		return d.err
	}
	*h = *r
	return nil
}

// MarshalBinary saves K, the run and the latch (see state.go for the
// format); it never fails.
func (p *Persistence) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagPersistence, 17)
	e.int(p.K, p.run)
	e.bool(p.on)
	return e.b, nil
}

// UnmarshalBinary restores a Persistence saved by MarshalBinary. A
// corrupt record returns an error wrapping ErrState and leaves p
// unchanged.
func (p *Persistence) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagPersistence, "Persistence")
	k := d.int("K", math.MinInt, math.MaxInt)
	run := d.int("run", 0, math.MaxInt)
	on := d.bool()
	if err := d.finish(); err != nil {
		return err
	}
	if run >= max(k, 1) && !on {
		d.fail("run %d ≥ K %d without the latch", run, k)
		return d.err
	}
	*p = Persistence{K: k, run: run, on: on}
	return nil
}
