package bearing

import (
	"math"

	"github.com/spindle-pdm/spindle/fft"
)

// ReferenceBands is the number of equal bands, from 0 Hz to the Nyquist
// frequency, in which a HealthyReference holds a machine's healthy levels.
const ReferenceBands = 32

// ReferenceZ is how far a band's level may lie from the healthy reference's
// mean, in standard deviations of the reference's segments, before the
// signal is outside the healthy spread: 4, which a Gaussian level passes
// by chance in one band of ReferenceBands with probability about 2·10⁻³
// (two-sided, every band). The standard deviation is floored at
// MinReferenceSpreadDB.
const ReferenceZ = 4.0

// MinReferenceSpreadDB is the least standard deviation, dB, a reference
// band is given: segments of a steady recording can agree to a fraction of
// a decibel, closer than the same machine on another day.
const MinReferenceSpreadDB = 0.5

// minReferenceSegments is the fewest segments a HealthyReference learns
// from: a spread needs several.
const minReferenceSegments = 3

// HealthyReference is the spread of a healthy machine's vibration, learned
// from recordings of the same machine, sensor and sample rate when it was
// known to be healthy: the level (dB of mean power) of each of
// ReferenceBands equal bands in segments of a fixed length, Hann-windowed,
// and the mean and standard deviation of each band's level over the
// segments. Given in DiagnoserConfig.Reference, it lets a Healthy verdict
// rest on positive evidence: the signal's band levels within ReferenceZ
// standard deviations of the healthy ones. A signal louder in some band
// (a fault's impacts, looseness) or quieter (a loose or failed sensor)
// is Unknown instead.
//
// A HealthyReference is immutable and safe for concurrent use. It saves
// and restores its state with MarshalBinary and UnmarshalBinary.
type HealthyReference struct {
	rate     float64
	segment  int
	segments int
	mean, sd [ReferenceBands]float64 // dB
	win      []float64
}

// NewHealthyReference learns the healthy spread from recordings sampled at
// rate Hz, each cut into consecutive segments of segment samples (the
// remainder of each is left out; segment 0 means one second, rate rounded
// to an even count). It needs at least 3 segments in all. A rate that is
// not finite and positive, a segment outside [2·ReferenceBands,
// MaxReferenceSegment] samples, too few segments, or a sample that is NaN
// or ±Inf is an error wrapping ErrInput.
func NewHealthyReference(rate float64, segment int, recordings ...[]float64) (*HealthyReference, error) {
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, errorf(ErrInput, "healthy reference: sample rate %v Hz, want finite and > 0", rate)
	}
	if segment == 0 {
		segment = int(math.Round(rate/2)) * 2
	}
	if segment < 2*ReferenceBands || segment > MaxReferenceSegment {
		return nil, errorf(ErrInput, "healthy reference: segment of %d samples, want %d to %d", segment, 2*ReferenceBands, MaxReferenceSegment)
	}
	r := &HealthyReference{rate: rate, segment: segment, win: must(fft.NewWindow(fft.Hann, segment, 0)).Coef}
	var sc referenceScratch
	var sum, sum2 [ReferenceBands]float64
	for i, x := range recordings {
		for s := 0; s+segment <= len(x); s += segment {
			var lv [ReferenceBands]float64
			if err := r.levels(&lv, &sc, x[s:s+segment]); err != nil {
				return nil, errorf(ErrInput, "healthy reference: recording %d, samples %d to %d: %w", i, s, s+segment-1, err)
			}
			for b, v := range lv {
				sum[b] += v
				sum2[b] += v * v
			}
			r.segments++
		}
	}
	if r.segments < minReferenceSegments {
		return nil, errorf(ErrInput, "healthy reference: %d segments of %d samples in the recordings, want at least %d", r.segments, segment, minReferenceSegments)
	}
	n := float64(r.segments)
	for b := range sum {
		r.mean[b] = sum[b] / n
		r.sd[b] = math.Sqrt(math.Max(sum2[b]-sum[b]*sum[b]/n, 0) / (n - 1))
	}
	return r, nil
}

// SampleRate returns the sample rate, Hz, of the reference's recordings.
func (r *HealthyReference) SampleRate() float64 { return r.rate }

// Segment returns the segment length, samples.
func (r *HealthyReference) Segment() int { return r.segment }

// Segments returns the number of segments learned from.
func (r *HealthyReference) Segments() int { return r.segments }

// Level returns band b's healthy mean level and the standard deviation of
// its segments, dB, and its edges in Hz. It panics if b is not in
// [0, ReferenceBands).
func (r *HealthyReference) Level(b int) (meanDB, sdDB float64, band [2]float64) {
	return r.mean[b], r.sd[b], r.band(b)
}

// band returns the edges, Hz, of band b.
func (r *HealthyReference) band(b int) [2]float64 {
	w := r.rate / 2 / ReferenceBands
	return [2]float64{float64(b) * w, float64(b+1) * w}
}

// ReferenceCheck is how a signal compares with a HealthyReference.
type ReferenceCheck struct {
	// Checked tells that the comparison was made: a reference was given
	// and the signal spans at least one of its segments.
	Checked bool `json:"checked"`
	// Z is the signed distance of the band furthest from the reference,
	// in the reference's standard deviations (floored at
	// MinReferenceSpreadDB): above 0 louder than healthy, below quieter.
	Z float64 `json:"z"`
	// Band is that band's edges, Hz; LevelDB its level in the signal
	// (mean over the signal's segments), ReferenceDB and SpreadDB the
	// reference's mean and standard deviation there.
	Band        [2]float64 `json:"band_hz"`
	LevelDB     float64    `json:"level_db"`
	ReferenceDB float64    `json:"reference_db"`
	SpreadDB    float64    `json:"spread_db"`
}

// Within reports whether the signal lies within the healthy spread: checked,
// with every band within ReferenceZ standard deviations.
func (c ReferenceCheck) Within() bool { return c.Checked && math.Abs(c.Z) <= ReferenceZ }

// Check compares x, sampled at rate Hz, with the reference: the level of
// each band over all of x's whole segments against the reference's mean
// and spread. A signal shorter than one segment is not checked (Checked
// false). A rate other than the reference's (beyond 1 part in 10⁶, as a
// rate read from time stamps may differ), or a sample that is NaN or ±Inf,
// is an error wrapping ErrInput.
func (r *HealthyReference) Check(x []float64, rate float64) (ReferenceCheck, error) {
	var sc referenceScratch
	return r.check(x, rate, &sc)
}

// referenceScratch is the plan and buffers of the band levels of one
// segment length.
type referenceScratch struct {
	plan *fft.RealPlan
	work *fft.Work
	buf  []float64
	spec []complex128
}

// check is Check with the caller's scratch.
func (r *HealthyReference) check(x []float64, rate float64, sc *referenceScratch) (ReferenceCheck, error) {
	if !(math.Abs(rate/r.rate-1) <= 1e-6) {
		return ReferenceCheck{}, errorf(ErrInput, "signal at %v Hz, healthy reference at %v Hz", rate, r.rate)
	}
	segs := len(x) / r.segment
	if segs == 0 {
		return ReferenceCheck{}, nil
	}
	var pw [ReferenceBands]float64
	for s := 0; s < segs; s++ {
		var lv [ReferenceBands]float64
		if err := r.levels(&lv, sc, x[s*r.segment:(s+1)*r.segment]); err != nil {
			return ReferenceCheck{}, errorf(ErrInput, "samples %d to %d: %w", s*r.segment, (s+1)*r.segment-1, err)
		}
		for b, v := range lv {
			pw[b] += math.Pow(10, v/10)
		}
	}
	c := ReferenceCheck{Checked: true}
	for b, p := range pw {
		level := 10 * math.Log10(p/float64(segs))
		z := (level - r.mean[b]) / math.Max(r.sd[b], MinReferenceSpreadDB)
		if b == 0 || math.Abs(z) > math.Abs(c.Z) {
			c.Z, c.Band, c.LevelDB, c.ReferenceDB, c.SpreadDB = z, r.band(b), level, r.mean[b], r.sd[b]
		}
	}
	return c, nil
}

// levels writes the band levels, dB, of one segment into lv.
func (r *HealthyReference) levels(lv *[ReferenceBands]float64, sc *referenceScratch, seg []float64) error {
	if sc.plan == nil || sc.plan.Len() != r.segment {
		sc.plan = must(fft.NewRealPlan(r.segment))
		sc.work = sc.plan.NewWork()
		sc.buf = make([]float64, r.segment)
		sc.spec = make([]complex128, r.segment/2+1)
	}
	for i, v := range seg {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errorf(ErrInput, "sample %d is %v", i, v)
		}
		sc.buf[i] = v * r.win[i]
	}
	X := sc.plan.ForwardWork(sc.spec, sc.buf, sc.work)
	nb := len(X) - 1 // bins 1..nb; the zero-frequency bin is left out
	for b := range lv {
		k0, k1 := b*nb/ReferenceBands+1, (b+1)*nb/ReferenceBands
		var sum float64
		for k := k0; k <= k1; k++ {
			sum += real(X[k])*real(X[k]) + imag(X[k])*imag(X[k])
		}
		// The tiny floor keeps an all-zero band finite (-3000 dB).
		lv[b] = 10 * math.Log10(sum/float64(k1-k0+1)+1e-300)
	}
	return nil
}
