package anomaly

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// MarshalBinary saves the fitted model: location, covariance, shrinkage,
// support and healthy scores (see state.go for the format); it never
// fails.
func (m *Mahalanobis) MarshalBinary() ([]byte, error) {
	d := m.d
	e := newEncoder(tagMahalanobis, 8*(2+d+d*d+len(m.est.Support)+len(m.healthy)+3))
	e.int(d)
	e.f64(m.est.Mean...)
	for i := 0; i < d; i++ {
		for j := 0; j < d; j++ {
			e.f64(m.est.Cov.At(i, j))
		}
	}
	e.f64(m.est.Shrinkage)
	e.int(len(m.est.Support))
	e.int(m.est.Support...)
	e.int(len(m.healthy))
	e.f64(m.healthy...)
	return e.b, nil
}

// UnmarshalBinary restores a model saved by MarshalBinary; the restored
// model scores bit-for-bit as the saved one. A corrupt record (a
// covariance that is not symmetric positive definite, unsorted healthy
// scores, ...) returns an error wrapping ErrState and leaves m unchanged.
func (m *Mahalanobis) UnmarshalBinary(data []byte) error {
	dec := newDecoder(data, tagMahalanobis, "Mahalanobis")
	d := dec.int("dimension", 1, maxRestoredDim)
	dec.need(8 * (d + d*d))
	if dec.err != nil {
		return dec.err
	}
	est := CovEstimate{Mean: make([]float64, d)}
	dec.finites("mean", est.Mean)
	raw := make([]float64, d*d)
	dec.finites("covariance", raw)
	est.Shrinkage = dec.finite("shrinkage")
	ns := dec.int("support size", 0, len(dec.b)/8)
	if dec.err == nil && ns > 0 {
		est.Support = make([]int, ns)
		for i := range est.Support {
			est.Support[i] = dec.int("support index", 0, math.MaxInt32)
		}
	}
	nh := dec.int("healthy scores", 0, len(dec.b)/8)
	var healthy healthyScores
	if dec.err == nil && nh > 0 {
		healthy = make(healthyScores, nh)
		dec.finites("healthy score", healthy)
	}
	if err := dec.finish(); err != nil {
		return err
	}
	for i := 0; i < d; i++ {
		for j := 0; j < i; j++ {
			if raw[i*d+j] != raw[j*d+i] {
				dec.fail("covariance not symmetric at (%d, %d)", i, j)
				return dec.err
			}
		}
	}
	switch {
	case !(est.Shrinkage >= 0 && est.Shrinkage <= 1):
		dec.fail("shrinkage %g outside [0, 1]", est.Shrinkage)
	case !slices.IsSorted(healthy) || nh > 0 && healthy[0] < 0:
		dec.fail("healthy scores not ascending and ≥ 0")
	case !slices.IsSorted(est.Support) || ns > 0 && est.Support[ns-1] >= max(nh, 1) && nh > 0:
		dec.fail("support indices not ascending below %d", nh)
	}
	if dec.err != nil {
		return dec.err
	}
	est.Cov = mat.NewSymDense(d, raw)
	r, err := newMahalanobis(est, nil, 0, d)
	if err != nil {
		dec.fail("%v", err)
		return dec.err
	}
	r.healthy = healthy
	*m = *r
	return nil
}
