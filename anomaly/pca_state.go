package anomaly

import (
	"math"
	"slices"
)

// MarshalBinary saves the fitted model: scaling, loadings, eigenvalues,
// residual projector, limits and healthy statistics (see state.go for the
// format); it never fails.
func (p *PCA) MarshalBinary() ([]byte, error) {
	d, k := p.d, p.k
	e := newEncoder(tagPCA, 8*(8+2*d+k*d+d+d*d+3*len(p.healthy)))
	e.int(d, k)
	e.f64(p.mean...)
	e.f64(p.invStd...)
	e.f64(p.loadT...)
	e.f64(p.lambda...)
	e.f64(p.resid...)
	e.f64(p.t2Lim, p.speLim, p.alpha)
	for _, h := range []healthyScores{p.healthy, p.hT2, p.hSPE} {
		e.int(len(h))
		e.f64(h...)
	}
	return e.b, nil
}

// UnmarshalBinary restores a model saved by MarshalBinary; the restored
// model scores bit-for-bit as the saved one. Every value must be finite
// and within ±1e100 (so that a score cannot turn NaN), eigenvalues and
// limits positive, healthy statistics ascending; otherwise an error
// wrapping ErrState is returned and p is left unchanged.
func (p *PCA) UnmarshalBinary(data []byte) error {
	dec := newDecoder(data, tagPCA, "PCA")
	d := dec.int("dimension", 2, maxRestoredDim)
	k := dec.int("components", 1, max(d-1, 1))
	dec.need(8 * (2*d + k*d + d + d*d))
	if dec.err != nil {
		return dec.err
	}
	r := &PCA{d: d, k: k, mean: make([]float64, d), invStd: make([]float64, d),
		loadT: make([]float64, k*d), lambda: make([]float64, d), resid: make([]float64, d*d)}
	for _, x := range [][]float64{r.mean, r.invStd, r.loadT, r.lambda, r.resid} {
		dec.finites("model value", x)
	}
	r.t2Lim, r.speLim, r.alpha = dec.finite("T² limit"), dec.finite("SPE limit"), dec.finite("α")
	var hs [3]healthyScores
	for i := range hs {
		n := dec.int("healthy count", 0, len(dec.b)/8)
		if dec.err == nil && n > 0 {
			hs[i] = make(healthyScores, n)
			dec.finites("healthy statistic", hs[i])
		}
	}
	r.healthy, r.hT2, r.hSPE = hs[0], hs[1], hs[2]
	if err := dec.finish(); err != nil {
		return err
	}
	for _, x := range [][]float64{r.mean, r.invStd, r.loadT, r.lambda, r.resid} {
		for _, v := range x {
			if !(math.Abs(v) <= 1e100) {
				dec.fail("model value %g beyond ±1e100", v)
				return dec.err
			}
		}
	}
	for _, v := range r.lambda[:k] {
		if !(v > 0) {
			dec.fail("retained eigenvalue %g ≤ 0", v)
			return dec.err
		}
	}
	switch {
	case !(r.t2Lim > 0 && r.speLim > 0 && r.alpha > 0 && r.alpha < 1):
		dec.fail("limits T² %g, SPE %g at α %g", r.t2Lim, r.speLim, r.alpha)
	case !slices.IsSorted(r.healthy) || !slices.IsSorted(r.hT2) || !slices.IsSorted(r.hSPE):
		dec.fail("healthy statistics not ascending")
	}
	if dec.err != nil {
		return dec.err
	}
	*p = *r
	return nil
}
