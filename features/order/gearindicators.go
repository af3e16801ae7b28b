package order

import (
	"fmt"
	"math"
	"math/cmplx"
	"slices"
)

// GearIndicators are condition indicators of a gear computed from the
// time-synchronous average (TSA) of its shaft, as defined by Zakrajsek,
// Townsend & Decker (NASA TM-105950, 1993) and reviewed by Lebold et al.
// (Proc. 54th MFPT Society Meeting, 2000). With N samples per revolution,
// d the difference signal, r the residual signal, s the envelope of the
// TSA band-passed about the mesh order and bars for means:
//
//	FM0 = (max − min of the TSA) / Σ_h A(h·Teeth)
//	FM4 = N·Σ(d−d̄)⁴ / (Σ(d−d̄)²)²
//	M6A = N²·Σ(d−d̄)⁶ / (Σ(d−d̄)²)³
//	M8A = N³·Σ(d−d̄)⁸ / (Σ(d−d̄)²)⁴
//	NA4 = N·Σ(r−r̄)⁴ / ((1/M)·Σ_j Σ(r_j−r̄_j)²)²
//	NB4 = N·Σ(s−s̄)⁴ / ((1/M)·Σ_j Σ(s_j−s̄_j)²)²
//	SLF = (A(Teeth−1) + A(Teeth+1)) / std(TSA)
//	ER  = RMS(d) / RMS(regular signal)
//
// A(o) is the amplitude of order o; for NA4 and NB4 the sums over j run over
// the M records trended so far, this one included (GearTrend), so that the
// growth of the residual's variance as damage spreads does not hide it.
//
// FM4, NA4 and NB4 are normalized kurtoses: 3 for a Gaussian signal, the
// nominal value of a healthy gear, rising above 3 as a localized fault (a
// cracked or pitted tooth) puts peaks into the difference or residual
// signal; M6A and M8A (15 and 105 for a Gaussian) weigh peaks more. FM0
// detects major changes of the meshing pattern, SLF (sideband level factor)
// a bent or eccentric shaft, ER (energy ratio) heavy wear spread over many
// teeth.
type GearIndicators struct {
	FM0, FM4, M6A, M8A, NA4, NB4, SLF, ER float64
}

// GearTrend carries the variances of the residual and mesh-band envelope
// signals of the records seen so far, which normalize NA4 and NB4. The zero
// value is an empty trend.
type GearTrend struct {
	residualVar, envelopeVar float64 // sums over records of Σ(x−x̄)²
	records                  int
}

// Records returns the number of records trended.
func (t *GearTrend) Records() int { return t.records }

// Indicators computes the GearIndicators of the time-synchronous average
// tsa (SamplesPerRev samples). It adds the record to trend, which may be
// nil for a single record (M = 1, where NA4 and NB4 are plain kurtoses).
// A tsa of another length panics; a constant or non-finite one is an error
// wrapping ErrNotFinite or ErrConfig.
func (g *GearAnalyzer) Indicators(tsa []float64, trend *GearTrend) (GearIndicators, error) {
	var ind GearIndicators
	if len(tsa) != g.n {
		panic("order: GearAnalyzer.Indicators: tsa length differs from SamplesPerRev")
	}
	if i := firstNonFinite(tsa); i >= 0 {
		return ind, fmt.Errorf("%w: TSA sample %d is %v", ErrNotFinite, i, tsa[i])
	}
	nf := float64(g.n)
	_, tsaVar := centralSums(tsa)
	if tsaVar == 0 {
		return ind, fmt.Errorf("%w: the TSA is constant", ErrConfig)
	}

	// keep leaves the TSA's spectrum in g.spec for the amplitudes.
	_, regVar := centralSums(g.Regular(g.bufA, tsa))
	amp := func(k int) float64 { return 2 * cmplx.Abs(g.spec[k]) / nf }
	var meshAmp float64
	for h := 1; h <= g.cfg.MeshHarmonics; h++ {
		meshAmp += amp(h * g.cfg.Teeth)
	}
	ind.FM0 = (slices.Max(tsa) - slices.Min(tsa)) / meshAmp
	ind.SLF = (amp(g.cfg.Teeth-1) + amp(g.cfg.Teeth+1)) / math.Sqrt(tsaVar/nf)

	d := g.Difference(g.bufA, tsa)
	m2, m4, m6, m8 := moments(d)
	ind.FM4 = nf * m4 / (m2 * m2)
	ind.M6A = nf * nf * m6 / (m2 * m2 * m2)
	ind.M8A = nf * nf * nf * m8 / (m2 * m2 * m2 * m2)
	ind.ER = math.Sqrt(m2 / regVar)

	r := g.Residual(g.bufA, tsa)
	_, r2 := centralSums(r)
	_, r4, _, _ := moments(r)
	s := g.meshEnvelope(g.bufB, tsa)
	_, s2 := centralSums(s)
	_, s4, _, _ := moments(s)
	if trend == nil {
		trend = &GearTrend{}
	}
	trend.residualVar += r2
	trend.envelopeVar += s2
	trend.records++
	mr := trend.residualVar / float64(trend.records)
	ms := trend.envelopeVar / float64(trend.records)
	ind.NA4 = nf * r4 / (mr * mr)
	ind.NB4 = nf * s4 / (ms * ms)
	return ind, nil
}

// meshEnvelope writes into dst the envelope of tsa band-passed to the
// orders Teeth ± NB4HalfWidth.
func (g *GearAnalyzer) meshEnvelope(dst, tsa []float64) []float64 {
	lo, hi := g.cfg.Teeth-g.cfg.NB4HalfWidth, g.cfg.Teeth+g.cfg.NB4HalfWidth
	g.plan.Forward(g.spec, tsa)
	for k := range g.work {
		if k >= lo && k <= hi {
			g.work[k] = g.spec[k]
		} else {
			g.work[k] = 0
		}
	}
	band := g.plan.Inverse(dst, g.work)
	return g.hilbert.Envelope(band, band)
}

// centralSums returns the mean of x and Σ(x−x̄)².
func centralSums(x []float64) (mean, sum2 float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		sum2 += (v - mean) * (v - mean)
	}
	return mean, sum2
}

// moments returns Σ(x−x̄)^p for p = 2, 4, 6, 8.
func moments(x []float64) (m2, m4, m6, m8 float64) {
	mean, _ := centralSums(x)
	for _, v := range x {
		d2 := (v - mean) * (v - mean)
		m2 += d2
		m4 += d2 * d2
		m6 += d2 * d2 * d2
		m8 += d2 * d2 * d2 * d2
	}
	return m2, m4, m6, m8
}
