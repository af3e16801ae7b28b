package anomaly

import "math"

// MarshalBinary saves the detector's configuration and state — buffers,
// drift window, peaks and fitted tail (see state.go for the format); it
// never fails.
func (s *SPOT) MarshalBinary() ([]byte, error) {
	c := s.cfg
	e := newEncoder(tagSPOT, 8*(len(s.calib)+2*len(s.win)+len(s.peaks)+24))
	e.f64(c.PFA, c.Level)
	e.int(c.Calibration, c.MaxPeaks, c.Depth, int(c.Method))
	e.bool(c.Lower, c.LearnAlarms)
	e.f64(s.calib...)
	e.int(s.nc)
	e.f64(s.win...)
	e.int(s.wn, s.wh)
	e.f64(s.wsum)
	e.f64(s.raw...)
	e.int(s.rh, s.run)
	e.f64(s.peaks...)
	e.int(s.ph, s.np)
	e.f64(s.t, s.zq, s.gamma, s.sig, s.n, s.nt, s.root)
	e.int(s.fits)
	e.int(s.fail)
	e.bool(s.ready)
	return e.b, nil
}

// UnmarshalBinary restores a detector saved by MarshalBinary,
// configuration included; it continues exactly as the saved one would
// have. A corrupt record returns an error wrapping ErrState and leaves s
// unchanged.
func (s *SPOT) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagSPOT, "SPOT")
	var c SPOTConfig
	c.PFA, c.Level = d.f64(), d.f64()
	c.Calibration = d.int("Calibration", 1, MaxSPOTBuffer)
	c.MaxPeaks = d.int("MaxPeaks", 1, MaxSPOTBuffer)
	c.Depth = d.int("Depth", 0, MaxDepth)
	c.Method = GPDMethod(d.int("Method", 0, int(GPDMoments)))
	c.Lower, c.LearnAlarms = d.bool(), d.bool()
	d.need(8 * (c.Calibration + 2*c.Depth + c.MaxPeaks))
	if d.err != nil {
		return d.err
	}
	r, err := NewSPOT(c)
	d.config(err)
	if d.err != nil {
		return d.err
	}
	d.notNaN("calibration buffer", r.calib)
	r.nc = d.int("calibration count", 0, c.Calibration-1)
	d.notNaN("drift window", r.win)
	r.wn = d.int("window count", 0, c.Depth)
	r.wh = d.int("window head", 0, max(c.Depth-1, 0))
	r.wsum = d.f64()
	d.notNaN("sample ring", r.raw)
	r.rh = d.int("sample ring head", 0, max(c.Depth-1, 0))
	r.run = d.int("alarm run", 0, max(c.Depth-1, 0))
	r.peaks = r.peaks[:c.MaxPeaks]
	d.finites("peaks", r.peaks)
	r.ph = d.int("peak head", 0, c.MaxPeaks-1)
	r.np = d.int("peak count", 0, c.MaxPeaks)
	r.t, r.zq, r.gamma, r.sig = d.finite("t"), d.finite("z_q"), d.finite("γ"), d.finite("σ")
	r.n, r.nt, r.root = d.finite("n"), d.finite("N_t"), d.finite("root")
	r.fits = d.int("fits", 0, 32)
	r.fail = d.int("calibration failure", calibOK, calibNotFinite)
	r.ready = d.bool()
	failed := r.fail != calibOK
	if err := d.finish(); err != nil {
		return err
	}
	for _, p := range r.peaks[:r.np] {
		if !(p > 0) {
			d.fail("peak %g ≤ 0", p)
		}
	}
	switch {
	case math.IsNaN(r.wsum):
		d.fail("window sum is NaN")
	case r.ph != 0 && r.np != c.MaxPeaks:
		d.fail("peak ring head %d with %d of %d peaks", r.ph, r.np, c.MaxPeaks)
	case r.wh != 0 && r.wn != c.Depth:
		d.fail("window head %d with %d of %d samples", r.wh, r.wn, c.Depth)
	case !(r.n >= 0 && r.nt >= 0 && r.nt <= r.n):
		d.fail("counts n %g, N_t %g", r.n, r.nt)
	case r.ready && (r.wn != c.Depth || r.np < 5 || failed || r.zq == r.t):
		d.fail("ready with %d window samples, %d peaks, z_q %g, t %g", r.wn, r.np, r.zq, r.t)
	case r.ready && !(math.Abs(r.t) <= 1e300 && math.Abs(r.zq) <= 1e300):
		d.fail("threshold t %g or z_q %g beyond ±1e300", r.t, r.zq)
	case r.fail == calibFewPeaks && r.np >= 5 || r.fail == calibNotFinite && r.np != 0:
		d.fail("failed calibration with %d peaks", r.np)
	}
	if d.err != nil {
		return d.err
	}
	if failed {
		r.err = r.calibrationError()
	}
	*s = *r
	return nil
}
