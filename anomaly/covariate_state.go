package anomaly

import (
	"encoding"
	"math"
)

// maxCovariates bounds Covariates in a restored record (the m×m inverse
// covariance must fit the record anyway).
const maxCovariates = 1 << 12

// MarshalBinary saves the compensator's configuration (defaults filled
// in), coefficients, inverse covariance and sample count (see state.go for
// the format); it never fails.
func (c *CovariateCompensator) MarshalBinary() ([]byte, error) {
	e := newEncoder(tagCovariate, 8*(len(c.theta)+len(c.pm)+6))
	f := c.cfg
	e.int(f.Covariates)
	e.f64(f.Forgetting, f.Delta)
	e.int(f.Warmup, f.LearnSamples)
	e.f64(c.theta...)
	e.f64(c.pm...)
	e.int(c.n)
	return e.b, nil
}

// UnmarshalBinary restores a compensator saved by MarshalBinary,
// configuration included; it continues exactly as the saved one would
// have. The coefficients and inverse covariance are taken as saved, ±Inf
// and NaN included (finite samples large enough to overflow the fit do
// reach them, and the restored compensator goes on as the saved one
// would); the record must hold a symmetric inverse covariance, and the
// untouched state of a fresh compensator when no sample was learnt. A
// corrupt record returns an error wrapping ErrState and leaves c
// unchanged.
func (c *CovariateCompensator) UnmarshalBinary(data []byte) error {
	d := newDecoder(data, tagCovariate, "CovariateCompensator")
	var f CovariateConfig
	f.Covariates = d.int("Covariates", 1, maxCovariates)
	f.Forgetting, f.Delta = d.f64(), d.f64()
	f.Warmup = d.int("Warmup", 1, math.MaxInt)
	f.LearnSamples = d.int("LearnSamples", 0, math.MaxInt)
	m := f.Covariates + 1
	d.need(8 * (m + m*m + 1))
	if d.err != nil {
		return d.err
	}
	r, err := NewCovariateCompensator(f)
	d.config(err)
	if d.err != nil {
		return d.err
	}
	for i := range r.theta {
		r.theta[i] = d.f64()
	}
	for i := range r.pm {
		r.pm[i] = d.f64()
	}
	r.n = d.int("sample count", 0, math.MaxInt)
	if err := d.finish(); err != nil {
		return err
	}
	for i := 0; i < m && d.err == nil; i++ {
		for j := i + 1; j < m; j++ {
			a, b := r.pm[i*m+j], r.pm[j*m+i]
			if a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
				d.fail("inverse covariance not symmetric at (%d, %d)", i, j)
				break
			}
		}
	}
	if d.err == nil && r.n == 0 && !r.isFresh() {
		d.fail("coefficients or inverse covariance changed before any sample")
	}
	if d.err != nil {
		return d.err
	}
	*c = *r
	return nil
}

// isFresh reports whether c holds the state Reset leaves.
func (c *CovariateCompensator) isFresh() bool {
	for _, v := range c.theta {
		if math.Float64bits(v) != 0 {
			return false
		}
	}
	for i, v := range c.pm {
		want := 0.0
		if i%(c.m+1) == 0 {
			want = c.cfg.Delta
		}
		if math.Float64bits(v) != math.Float64bits(want) {
			return false
		}
	}
	return true
}

// MarshalBinary saves the compensator's state and the detector's (see
// state.go for the format). It returns an error wrapping ErrState when
// Comp is nil or the detector does not implement encoding.BinaryMarshaler
// (every detector of this package that saves its state does), or its
// MarshalBinary fails.
func (c *Compensated) MarshalBinary() ([]byte, error) {
	if c.Comp == nil {
		return nil, errorf(ErrState, "Compensated state: Comp is nil")
	}
	m, ok := c.Detector.(encoding.BinaryMarshaler)
	if !ok {
		return nil, errorf(ErrState, "Compensated state: detector %T cannot be saved (no MarshalBinary)", c.Detector)
	}
	det, err := m.MarshalBinary()
	if err != nil {
		return nil, stateErr("Compensated state: detector", err)
	}
	comp, _ := c.Comp.MarshalBinary()
	e := newEncoder(tagCompensated, 16+len(comp)+len(det))
	e.bytes(comp)
	e.bytes(det)
	return e.b, nil
}

// UnmarshalBinary restores a chain saved by MarshalBinary. The detector is
// not rebuilt: c.Detector must already hold a value of the saved
// detector's concrete type that implements encoding.BinaryUnmarshaler (a
// zero value such as &CUSUM{} will do), and it restores itself in place.
// The compensator is restored into *c.Comp in place, or into a new one
// when Comp is nil. A corrupt record, or a detector that cannot be
// restored, returns an error wrapping ErrState and leaves c unchanged
// (provided the detector's own UnmarshalBinary leaves it unchanged on
// error, as this package's do).
func (c *Compensated) UnmarshalBinary(data []byte) error {
	u, ok := c.Detector.(encoding.BinaryUnmarshaler)
	if !ok {
		return errorf(ErrState, "Compensated state: detector %T cannot be restored (no UnmarshalBinary)", c.Detector)
	}
	d := newDecoder(data, tagCompensated, "Compensated")
	comp, det := d.bytes(), d.bytes()
	if err := d.finish(); err != nil {
		return err
	}
	var r CovariateCompensator
	if err := r.UnmarshalBinary(comp); err != nil {
		return stateErr("Compensated state: compensator", err)
	}
	if err := u.UnmarshalBinary(det); err != nil {
		return stateErr("Compensated state: detector", err)
	}
	if c.Comp == nil {
		c.Comp = &r
	} else {
		*c.Comp = r
	}
	return nil
}

// stateErr wraps a nested save or restore error so that it wraps ErrState.
func stateErr(what string, err error) error {
	return errorf(ErrState, "%s: %w", what, err)
}
