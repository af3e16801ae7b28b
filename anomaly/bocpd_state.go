package anomaly

import "math"

// MarshalBinary saves the detector's configuration and run-length
// posterior (see state.go for the format); it never fails.
func (b *BOCPD) MarshalBinary() ([]byte, error) {
	c := b.cfg
	e := newEncoder(tagBOCPD, 8*(3*len(b.logp)+12))
	e.f64(c.Hazard)
	e.int(c.MaxRunLength)
	e.f64(c.Mu0, c.Kappa0, c.Alpha0, c.Beta0)
	e.int(c.Lag)
	e.f64(c.Threshold)
	e.int(b.n, b.nr)
	e.f64(b.logp...)
	e.f64(b.mu...)
	e.f64(b.beta...)
	e.bool(b.above)
	e.f64(b.score)
	return e.b, nil
}

// UnmarshalBinary restores a detector saved by MarshalBinary,
// configuration included; it continues exactly as the saved one would
// have. A corrupt record (among others a run-length posterior that does
// not sum to 1) returns an error wrapping ErrState and leaves b unchanged.
func (b *BOCPD) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagBOCPD, "BOCPD")
	var c BOCPDConfig
	c.Hazard = d.f64()
	c.MaxRunLength = d.int("MaxRunLength", 1, MaxBOCPDRunLength)
	c.Mu0, c.Kappa0, c.Alpha0, c.Beta0 = d.f64(), d.f64(), d.f64(), d.f64()
	c.Lag = d.int("Lag", 0, math.MaxInt)
	c.Threshold = d.f64()
	d.need(24 * (c.MaxRunLength + 1))
	if d.err != nil {
		return d.err
	}
	r, err := NewBOCPD(c)
	d.config(err)
	if d.err != nil {
		return d.err
	}
	r.n = d.int("count", 0, math.MaxInt)
	r.nr = d.int("run lengths", 1, c.MaxRunLength+1)
	for _, x := range [][]float64{r.logp, r.mu, r.beta} {
		for i := range x {
			x[i] = d.f64()
		}
	}
	r.above = d.bool()
	r.score = d.finite("score")
	if err := d.finish(); err != nil {
		return err
	}
	sum := 0.0
	for i := 0; i < r.nr; i++ {
		// μ is a weighted mean of the prior's and samples within
		// ±MaxBOCPDValue; β grows by at most 2·MaxBOCPDValue² per sample.
		if math.IsNaN(r.logp[i]) || r.logp[i] > 1e-9 || !(math.Abs(r.mu[i]) <= MaxBOCPDValue) ||
			!(r.beta[i] > 0 && r.beta[i] <= 1e300) {
			d.fail("run length %d: log P %g, μ %g, β %g", i, r.logp[i], r.mu[i], r.beta[i])
			return d.err
		}
		sum += math.Exp(r.logp[i])
	}
	switch {
	case math.Abs(sum-1) > 1e-6:
		d.fail("run-length posterior sums to %g", sum)
	case r.nr != min(r.n, c.MaxRunLength)+1:
		d.fail("%d run lengths after %d samples", r.nr, r.n)
	case !(r.score >= 0 && r.score <= 1):
		d.fail("score %g outside [0, 1]", r.score)
	}
	if d.err != nil {
		return d.err
	}
	*b = *r
	return nil
}
