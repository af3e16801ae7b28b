package anomaly

import "math"

// MarshalBinary saves the monitor's configuration, smoothing rings,
// baseline and learnt limits (see state.go for the format); it never
// fails.
func (m *RigMonitor) MarshalBinary() ([]byte, error) {
	c := m.cfg
	nb := len(m.rel)
	e := newEncoder(tagRig, 8*(8+nb*(c.Smooth+c.Baseline+6)))
	e.int(nb, c.Skip, c.Baseline, c.Smooth)
	e.f64(c.PFA, c.Margin)
	e.int(c.K, m.n)
	e.bool(m.ready)
	for b := 0; b < nb; b++ {
		e.f64(m.ring[b]...)
		e.int(len(m.base[b]))
		e.f64(m.base[b]...)
		e.f64(m.med[b], m.mad[b], m.thr[b])
		e.int(m.persist[b].run)
		e.bool(m.persist[b].on)
	}
	return e.b, nil
}

// UnmarshalBinary restores a monitor saved by MarshalBinary, configuration
// included; it continues exactly as the saved one would have. A corrupt
// record returns an error wrapping ErrState and leaves m unchanged.
func (m *RigMonitor) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagRig, "RigMonitor")
	nb := d.int("bearings", 2, 1<<20)
	var c RigMonitorConfig
	c.Skip = d.int("Skip", 0, math.MaxInt32)
	c.Baseline = d.int("Baseline", 10, MaxSPOTBuffer)
	c.Smooth = d.int("Smooth", 1, MaxSPOTBuffer)
	c.PFA, c.Margin = d.f64(), d.f64()
	c.K = d.int("K", 1, math.MaxInt)
	d.need(8 * nb * (c.Smooth + 5))
	if d.err != nil {
		return d.err
	}
	r, err := NewRigMonitor(nb, c)
	d.config(err)
	if d.err != nil {
		return d.err
	}
	r.n = d.int("snapshots", 0, math.MaxInt)
	r.ready = d.bool()
	want := min(max(r.n-c.Skip, 0), c.Baseline) // baseline values collected
	for b := 0; b < nb && d.err == nil; b++ {
		d.finites("ring", r.ring[b])
		if nbase := d.int("baseline length", want, want); d.err == nil {
			d.need(8 * nbase)
			if d.err == nil {
				r.base[b] = r.base[b][:nbase]
				d.finites("baseline", r.base[b])
			}
		}
		r.med[b], r.mad[b], r.thr[b] = d.finite("median"), d.finite("MAD"), d.finite("threshold")
		r.persist[b].run = d.int("persistence run", 0, math.MaxInt)
		r.persist[b].on = d.bool()
		if d.err == nil && r.ready && !(r.mad[b] > 0) {
			d.fail("bearing %d MAD %g ≤ 0", b, r.mad[b])
		}
		if d.err == nil && r.persist[b].run >= c.K && !r.persist[b].on {
			d.fail("bearing %d run %d ≥ K without the latch", b, r.persist[b].run)
		}
	}
	if err := d.finish(); err != nil {
		return err
	}
	if r.ready && r.n < c.Skip+c.Baseline {
		d.fail("ready after %d snapshots", r.n)
		return d.err
	}
	*m = *r
	return nil
}
