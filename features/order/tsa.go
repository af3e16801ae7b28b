package order

import (
	"fmt"
	"math"
)

// Averager accumulates the time-synchronous average (TSA) of a signal
// sampled in shaft angle (Braun, Acustica 32 (1975) 69-77; McFadden, MSSP
// 1 (1987) 173-183): the mean, over revolutions, of the samples at each of
// the SamplesPerRev angles of a revolution. Components synchronous with the
// shaft keep their amplitude, the rest falls as 1/√revolutions. Blocks of
// any length stream in with Add; an Averager does not allocate after
// NewAverager and is not safe for concurrent use.
type Averager struct {
	sum   []float64
	count []int
}

// NewAverager returns an Averager for samplesPerRev (≥ 1) samples per
// revolution; it panics for fewer (a programmer error).
func NewAverager(samplesPerRev int) *Averager {
	if samplesPerRev < 1 {
		panic("order: NewAverager with samplesPerRev < 1")
	}
	return &Averager{sum: make([]float64, samplesPerRev), count: make([]int, samplesPerRev)}
}

// SamplesPerRev returns the length of the average.
func (a *Averager) SamplesPerRev() int { return len(a.sum) }

// Reset clears the accumulated revolutions.
func (a *Averager) Reset() {
	clear(a.sum)
	clear(a.count)
}

// Add accumulates the angle-domain samples x, x[0] being at start
// revolutions (a multiple of 1/SamplesPerRev, as Resampler.NextAngle
// gives), so that sample i falls on the angle start + i/SamplesPerRev,
// modulo one revolution. It returns an error wrapping ErrNotFinite, and adds
// nothing, if x holds NaN or Inf.
func (a *Averager) Add(x []float64, start float64) error {
	if i := firstNonFinite(x); i >= 0 {
		return fmt.Errorf("%w: angle sample %d is %v", ErrNotFinite, i, x[i])
	}
	n := len(a.sum)
	p := int(math.Round(start*float64(n))) % n
	if p < 0 {
		p += n
	}
	for _, v := range x {
		a.sum[p] += v
		a.count[p]++
		if p++; p == n {
			p = 0
		}
	}
	return nil
}

// Revolutions returns the number of revolutions averaged at every angle
// (the smallest count over the angles).
func (a *Averager) Revolutions() int {
	m := a.count[0]
	for _, c := range a.count {
		m = min(m, c)
	}
	return m
}

// Average writes the average over one revolution, SamplesPerRev samples
// from angle 0, into dst and returns it. A nil dst is allocated; one of
// another length panics. Fewer than 2 revolutions is an error wrapping
// ErrTooFewRevolutions.
func (a *Averager) Average(dst []float64) ([]float64, error) {
	if dst == nil {
		dst = make([]float64, len(a.sum))
	}
	if len(dst) != len(a.sum) {
		panic("order: Averager.Average dst length differs from SamplesPerRev")
	}
	if r := a.Revolutions(); r < 2 {
		return dst, fmt.Errorf("%w: %d revolutions averaged, want at least 2", ErrTooFewRevolutions, r)
	}
	for i, s := range a.sum {
		dst[i] = s / float64(a.count[i])
	}
	return dst, nil
}

// TSA returns the time-synchronous average of the angle-domain signal s
// over its revolutions, SamplesPerRev samples from angle 0, into dst (nil
// allocates, another length than s.SamplesPerRev panics), and the number of
// revolutions averaged. Errors wrap ErrTooFewRevolutions (fewer than 2) or
// ErrNotFinite.
func TSA(dst []float64, s AngleSignal) ([]float64, int, error) {
	if s.SamplesPerRev < 1 {
		return dst, 0, fmt.Errorf("%w: %d samples per revolution", ErrConfig, s.SamplesPerRev)
	}
	a := NewAverager(s.SamplesPerRev)
	if err := a.Add(s.Samples, s.Start); err != nil {
		return dst, 0, err
	}
	dst, err := a.Average(dst)
	return dst, a.Revolutions(), err
}
