package anomaly

import "math"

// MarshalBinary saves the CUSUM's configuration and state (see state.go
// for the format); it never fails.
func (c *CUSUM) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagCUSUM, 128)
	f := c.cfg
	e.f64(f.K, f.H, f.Mean, f.Sigma)
	e.int(f.Warmup)
	e.bool(f.Relearn)
	c.base.encode(e)
	e.f64(c.hi, c.lo)
	return e.b, nil
}

// UnmarshalBinary restores a CUSUM saved by MarshalBinary, configuration
// included; it continues exactly as the saved one would have. A corrupt
// record returns an error wrapping ErrState and leaves c unchanged.
func (c *CUSUM) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagCUSUM, "CUSUM")
	var f CUSUMConfig
	f.K, f.H, f.Mean, f.Sigma = d.f64(), d.f64(), d.f64(), d.f64()
	f.Warmup = d.int("Warmup", 0, math.MaxInt)
	f.Relearn = d.bool()
	if d.err != nil {
		return d.err
	}
	r, err := NewCUSUM(f)
	d.config(err)
	if d.err != nil {
		return d.err
	}
	r.base.decode(d)
	r.hi, r.lo = d.finite("S⁺"), d.finite("S⁻")
	if d.err == nil && !(r.hi >= 0 && r.lo >= 0 && r.hi <= r.cfg.H && r.lo <= r.cfg.H) {
		d.fail("sums S⁺ %g, S⁻ %g outside [0, H]", r.hi, r.lo)
	}
	if d.err == nil && !r.base.ready && (r.hi != 0 || r.lo != 0) {
		d.fail("sums before the baseline is set")
	}
	if err := d.finish(); err != nil {
		return err
	}
	*c = *r
	return nil
}

// MarshalBinary saves the EWMA chart's configuration and state (see
// state.go for the format); it never fails.
func (e *EWMA) MarshalBinary() ([]byte, error) {
	en := newEncoder(tagEWMA, 128)
	f := e.cfg
	en.f64(f.Lambda, f.L, f.Mean, f.Sigma)
	en.int(f.Warmup)
	en.bool(f.Relearn)
	e.base.encode(en)
	en.f64(e.z, e.decay, e.lim)
	return en.b, nil
}

// UnmarshalBinary restores an EWMA chart saved by MarshalBinary,
// configuration included; it continues exactly as the saved one would
// have. A corrupt record returns an error wrapping ErrState and leaves e
// unchanged.
func (e *EWMA) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagEWMA, "EWMA")
	var f EWMAConfig
	f.Lambda, f.L, f.Mean, f.Sigma = d.f64(), d.f64(), d.f64(), d.f64()
	f.Warmup = d.int("Warmup", 0, math.MaxInt)
	f.Relearn = d.bool()
	if d.err != nil {
		return d.err
	}
	r, err := NewEWMA(f)
	d.config(err)
	if d.err != nil {
		return d.err
	}
	r.base.decode(d)
	r.z, r.decay, r.lim = d.finite("statistic"), d.finite("decay"), d.finite("limit")
	if d.err == nil && !(r.decay >= 0 && r.decay <= 1 && r.lim >= 0) {
		d.fail("decay %g outside [0, 1] or limit %g < 0", r.decay, r.lim)
	}
	if err := d.finish(); err != nil {
		return err
	}
	*e = *r
	return nil
}

// MarshalBinary saves the Page–Hinkley detector's configuration and state
// (see state.go for the format); it never fails.
func (p *PageHinkley) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagPageHinkley, 96)
	e.f64(p.cfg.Delta, p.cfg.Lambda)
	e.int(p.cfg.MinSamples, p.n)
	e.f64(p.mean, p.up, p.upMin, p.down, p.downMax)
	return e.b, nil
}

// UnmarshalBinary restores a Page–Hinkley detector saved by MarshalBinary,
// configuration included; it continues exactly as the saved one would
// have. A corrupt record returns an error wrapping ErrState and leaves p
// unchanged.
func (p *PageHinkley) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagPageHinkley, "PageHinkley")
	var f PageHinkleyConfig
	f.Delta, f.Lambda = d.f64(), d.f64()
	f.MinSamples = d.int("MinSamples", 0, math.MaxInt)
	if d.err != nil {
		return d.err
	}
	r, err := NewPageHinkley(f)
	d.config(err)
	if d.err != nil {
		return d.err
	}
	r.n = d.int("count", 0, math.MaxInt)
	r.mean = d.finite("mean")
	r.up, r.upMin = d.finite("m"), d.finite("min m")
	r.down, r.downMax = d.finite("n"), d.finite("max n")
	if d.err == nil && !(r.upMin <= 0 && r.upMin <= r.up && r.downMax >= 0 && r.downMax >= r.down) {
		d.fail("extremes (min m %g, m %g, max n %g, n %g) out of order", r.upMin, r.up, r.downMax, r.down)
	}
	if err := d.finish(); err != nil {
		return err
	}
	*p = *r
	return nil
}
