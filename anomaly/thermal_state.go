package anomaly

// MarshalBinary saves the detector's configuration, sample ring and its
// two SPOT thresholds (see state.go for the format); it never fails.
func (d *ThermalDetector) MarshalBinary() ([]byte, error) {
	c := d.cfg
	level, _ := d.level.MarshalBinary()
	spike, _ := d.spike.MarshalBinary()
	e := newEncoder(tagThermal, 8*(len(d.ring)+12)+len(level)+len(spike))
	e.int(c.Baseline, c.Relearn, c.Short)
	e.f64(c.MinZ, c.PFA)
	e.int(c.Calibration)
	e.f64(d.ring...)
	e.int(d.head, d.n)
	e.f64(d.lastLevel, d.lastSpike)
	e.bytes(level)
	e.bytes(spike)
	return e.b, nil
}

// UnmarshalBinary restores a detector saved by MarshalBinary,
// configuration included; it continues exactly as the saved one would
// have. A corrupt record returns an error wrapping ErrState and leaves d
// unchanged.
func (d *ThermalDetector) UnmarshalBinary(data []byte) error {
	dec := newDecoder(data, tagThermal, "ThermalDetector")
	var c ThermalConfig
	c.Baseline = dec.int("Baseline", 1, MaxSPOTBuffer)
	c.Relearn = dec.int("Relearn", 1, MaxSPOTBuffer)
	c.Short = dec.int("Short", 1, MaxSPOTBuffer)
	c.MinZ, c.PFA = dec.f64(), dec.f64()
	c.Calibration = dec.int("Calibration", 1, MaxSPOTBuffer)
	// The ring and both SPOT calibration buffers are in the record.
	dec.need(8 * (c.Baseline + c.Short + 2*c.Calibration))
	if dec.err != nil {
		return dec.err
	}
	r, err := NewThermalDetector(c)
	dec.config(err)
	if dec.err != nil {
		return dec.err
	}
	m := len(r.ring)
	dec.finites("ring", r.ring)
	r.head = dec.int("ring head", 0, m-1)
	r.n = dec.int("ring count", 0, m)
	r.lastLevel, r.lastSpike = dec.finite("level z"), dec.finite("spike z")
	level, spike := dec.bytes(), dec.bytes()
	if err := dec.finish(); err != nil {
		return err
	}
	if !(r.lastLevel >= 0 && r.lastSpike >= 0) {
		dec.fail("negative scores %g, %g", r.lastLevel, r.lastSpike)
		return dec.err
	}
	for _, s := range []struct {
		spot *SPOT
		rec  []byte
	}{{r.level, level}, {r.spike, spike}} {
		cfg := s.spot.cfg
		if err := s.spot.UnmarshalBinary(s.rec); err != nil {
			dec.fail("%v", err)
			return dec.err
		}
		if s.spot.cfg != cfg {
			dec.fail("SPOT configuration differs from the detector's")
			return dec.err
		}
	}
	*d = *r
	return nil
}
