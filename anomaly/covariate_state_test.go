package anomaly

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stateCovariates returns p covariates that vary deterministically with
// t, and x with their effect added (1.5·c₁ − 0.7·c₂ + 0.1·c₃ + …): p is
// the compensator's, which a fuzzed record may set to other than 2.
func stateCovariates(t, x float64, p int) (float64, []float64) {
	cov := make([]float64, p)
	for i := range cov {
		cov[i] = math.Sin(t/float64(37-4*(i%8)) + float64(i))
	}
	cov[0] *= 2
	x += 1.5 * cov[0]
	for i := 1; i < p; i++ {
		w := 0.1
		if i == 1 {
			w = -0.7
		}
		x += w * cov[i]
	}
	return x, cov
}

// covAdapter makes a CovariateCompensator savable: Score is the residual
// (−1 for a NaN residual, which a fit driven to overflow returns).
type covAdapter struct{ *CovariateCompensator }

func (a covAdapter) Update(t, x float64) DriftResult {
	x, cov := stateCovariates(t, x, a.m-1)
	e, st := a.CovariateCompensator.Update(x, cov)
	if math.IsNaN(e) {
		e = -1
	}
	return DriftResult{Score: e, Status: st}
}

// compAdapter makes a Compensated savable with stateCovariates.
type compAdapter struct{ *Compensated }

func (a compAdapter) Update(t, x float64) DriftResult {
	x, cov := stateCovariates(t, x, a.Comp.m-1)
	return a.Compensated.Update(t, x, cov)
}

// noSave is a detector that cannot be saved.
type noSave struct{ DriftDetector }

// TestCompensatedStateDetector: a detector without MarshalBinary or
// UnmarshalBinary, or of another type than the saved one, is an ErrState
// error, and a failed restore leaves the chain unchanged.
func TestCompensatedStateDetector(t *testing.T) {
	comp, err := NewCovariateCompensator(CovariateConfig{Covariates: 2})
	require.NoError(t, err)
	cu, err := NewCUSUM(CUSUMConfig{Warmup: 50})
	require.NoError(t, err)
	c := &Compensated{Comp: comp, Detector: cu}
	for i, v := range stateStream(95, 400) {
		compAdapter{c}.Update(float64(i), v)
	}
	rec, err := c.MarshalBinary()
	require.NoError(t, err)

	_, err = (&Compensated{Comp: comp, Detector: noSave{cu}}).MarshalBinary()
	assert.ErrorIs(t, err, ErrState)
	_, err = (&Compensated{Detector: cu}).MarshalBinary()
	assert.ErrorIs(t, err, ErrState, "nil Comp")
	assert.ErrorIs(t, (&Compensated{Detector: noSave{cu}}).UnmarshalBinary(rec), ErrState)
	assert.ErrorIs(t, (&Compensated{}).UnmarshalBinary(rec), ErrState, "nil Detector")

	// Restoring into an EWMA fails on the detector's record after the
	// compensator's succeeded: neither part changes.
	fresh, err := NewCovariateCompensator(CovariateConfig{Covariates: 2})
	require.NoError(t, err)
	ew, err := NewEWMA(EWMAConfig{})
	require.NoError(t, err)
	wrong := &Compensated{Comp: fresh, Detector: ew}
	before, err := wrong.MarshalBinary()
	require.NoError(t, err)
	assert.ErrorIs(t, wrong.UnmarshalBinary(rec), ErrState)
	after, err := wrong.MarshalBinary()
	require.NoError(t, err)
	assert.Equal(t, before, after)
	assert.Same(t, fresh, wrong.Comp)

	// Into a chain with a Comp, in place.
	into := &Compensated{Comp: fresh, Detector: &CUSUM{}}
	require.NoError(t, into.UnmarshalBinary(rec))
	assert.Same(t, fresh, into.Comp)
	again, err := into.MarshalBinary()
	require.NoError(t, err)
	assert.Equal(t, rec, again)
}

// TestCovariateStateBounds: a forged Covariates cannot make restore
// allocate beyond the record, and an asymmetric or non-fresh-at-zero
// inverse covariance is rejected.
func TestCovariateStateBounds(t *testing.T) {
	c, err := NewCovariateCompensator(CovariateConfig{Covariates: 2})
	require.NoError(t, err)
	rec, _ := c.MarshalBinary()
	forged := append([]byte(nil), rec...)
	forged[6] = 0xff // Covariates 255: a 256×256 matrix the record lacks
	assert.ErrorIs(t, (&CovariateCompensator{}).UnmarshalBinary(forged), ErrState)

	forged = append([]byte(nil), rec...)
	forged[6+5*8+3*8+7] ^= 0x01 // P[0][0] altered with no sample learnt
	assert.ErrorIs(t, (&CovariateCompensator{}).UnmarshalBinary(forged), ErrState)

	for i := 0; i < 20; i++ {
		x, cov := stateCovariates(float64(i), 20, 2)
		c.Update(x, cov)
	}
	rec, _ = c.MarshalBinary()
	forged = append([]byte(nil), rec...)
	forged[6+5*8+3*8+1*8] ^= 0x01 // P[0][1] ≠ P[1][0]
	assert.ErrorIs(t, (&CovariateCompensator{}).UnmarshalBinary(forged), ErrState)
	require.NoError(t, (&CovariateCompensator{}).UnmarshalBinary(rec))
}
