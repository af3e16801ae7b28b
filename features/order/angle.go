package order

import (
	"fmt"
	"math"
)

// ShaftAngle is the angle of a shaft, in revolutions, as a function of time,
// in seconds: a monotone piecewise-cubic Hermite interpolant (PCHIP, Fritsch
// & Carlson, SIAM J. Numer. Anal. 17 (1980) 238-246) through knots
// (Time[k], Rev[k]), with the derivatives of scipy.interpolate.PchipInterpolator,
// so that the angle never runs backwards between knots. Before the first and
// after the last knot the angle is extrapolated linearly at the end speed.
//
// Its derivative is the shaft speed in Hz (revolutions per second). A
// ShaftAngle is immutable and safe for concurrent use.
type ShaftAngle struct {
	time, rev, slope []float64
}

// NewShaftAngle builds the angle curve through at least two knots: times in
// seconds, strictly increasing, and angles in revolutions, strictly
// increasing. The slices are copied. Errors wrap ErrNotFinite,
// ErrNotIncreasing or ErrTooFewPulses.
func NewShaftAngle(time, rev []float64) (*ShaftAngle, error) {
	if len(time) != len(rev) {
		return nil, fmt.Errorf("%w: %d times but %d angles", ErrConfig, len(time), len(rev))
	}
	if len(time) < 2 {
		return nil, fmt.Errorf("%w: %d angle knots, want at least 2", ErrTooFewPulses, len(time))
	}
	for i := range time {
		if !finite(time[i]) || !finite(rev[i]) {
			return nil, fmt.Errorf("%w: knot %d is (%v s, %v rev)", ErrNotFinite, i, time[i], rev[i])
		}
		if i > 0 && (time[i] <= time[i-1] || rev[i] <= rev[i-1]) {
			return nil, fmt.Errorf("%w: knot %d (%v s, %v rev) after (%v s, %v rev)",
				ErrNotIncreasing, i, time[i], rev[i], time[i-1], rev[i-1])
		}
	}
	a := &ShaftAngle{
		time: append([]float64(nil), time...),
		rev:  append([]float64(nil), rev...),
	}
	a.slope = pchipSlopes(make([]float64, len(time)), a.time, a.rev)
	return a, nil
}

// Geared returns the angle of a shaft turning ratio (> 0) times as fast as
// this one, e.g. teeth1/teeth2 for the shaft of a gear of teeth2 teeth
// driven by one of teeth1 on this shaft, so that a tachometer on one shaft
// serves the time-synchronous average of another. Angles are scaled about
// the first knot. An invalid ratio is an error wrapping ErrSpeed.
func (a *ShaftAngle) Geared(ratio float64) (*ShaftAngle, error) {
	if !(ratio > 0) || math.IsInf(ratio, 0) {
		return nil, fmt.Errorf("%w: gear ratio %v", ErrSpeed, ratio)
	}
	b := &ShaftAngle{
		time:  a.time,
		rev:   make([]float64, len(a.rev)),
		slope: make([]float64, len(a.slope)),
	}
	for i := range a.rev {
		b.rev[i] = a.rev[0] + ratio*(a.rev[i]-a.rev[0])
		b.slope[i] = ratio * a.slope[i]
	}
	return b, nil
}

// Knots returns the number of knots.
func (a *ShaftAngle) Knots() int { return len(a.time) }

// Start returns the time of the first knot, in seconds.
func (a *ShaftAngle) Start() float64 { return a.time[0] }

// End returns the time of the last knot, in seconds.
func (a *ShaftAngle) End() float64 { return a.time[len(a.time)-1] }

// At returns the angle in revolutions at time t in seconds.
func (a *ShaftAngle) At(t float64) float64 {
	v, _ := a.eval(t, a.interval(t))
	return v
}

// SpeedAt returns the shaft speed in Hz (revolutions per second) at time t
// in seconds: the derivative of the angle.
func (a *ShaftAngle) SpeedAt(t float64) float64 {
	_, d := a.eval(t, a.interval(t))
	return d
}

// Sample writes the angle in revolutions at times t0 + i/rate (s) into dst,
// i = 0..len(dst)−1, and returns dst. It walks the knots once, in time
// linear in len(dst) + Knots(), and does not allocate. rate must be positive
// (a programmer error otherwise: it panics).
func (a *ShaftAngle) Sample(dst []float64, t0, rate float64) []float64 {
	if !(rate > 0) {
		panic("order: ShaftAngle.Sample with a rate ≤ 0")
	}
	k := a.interval(t0)
	for i := range dst {
		t := t0 + float64(i)/rate
		for k < len(a.time)-2 && t >= a.time[k+1] {
			k++
		}
		dst[i], _ = a.eval(t, k)
	}
	return dst
}

// interval returns the index k of the knot interval [time[k], time[k+1]]
// holding t, clamped to the first and last intervals.
func (a *ShaftAngle) interval(t float64) int {
	lo, hi := 0, len(a.time)-2
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if a.time[mid] <= t {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// eval returns the angle and its derivative at t using interval k;
// outside the knots it extrapolates linearly.
func (a *ShaftAngle) eval(t float64, k int) (v, d float64) {
	n := len(a.time)
	switch {
	case t <= a.time[0]:
		return a.rev[0] + a.slope[0]*(t-a.time[0]), a.slope[0]
	case t >= a.time[n-1]:
		return a.rev[n-1] + a.slope[n-1]*(t-a.time[n-1]), a.slope[n-1]
	}
	return hermite(a.time[k], a.time[k+1], a.rev[k], a.rev[k+1], a.slope[k], a.slope[k+1], t)
}

// hermite evaluates the cubic Hermite polynomial through (x0, y0), (x1, y1)
// with end slopes d0, d1 at x, and its derivative.
func hermite(x0, x1, y0, y1, d0, d1, x float64) (v, d float64) {
	h := x1 - x0
	s := (x - x0) / h
	s2, s3 := s*s, s*s*s
	h00 := 2*s3 - 3*s2 + 1
	h10 := s3 - 2*s2 + s
	h01 := -2*s3 + 3*s2
	h11 := s3 - s2
	v = h00*y0 + h10*h*d0 + h01*y1 + h11*h*d1
	dy := (6*s2 - 6*s) * (y0 - y1) / h
	d = dy + (3*s2-4*s+1)*d0 + (3*s2-2*s)*d1
	return v, d
}

// pchipSlopes writes the knot derivatives of scipy's PchipInterpolator into
// dst: the weighted harmonic mean of the neighbouring secant slopes (zero at
// a local extremum) inside, a one-sided three-point estimate at the ends.
func pchipSlopes(dst, x, y []float64) []float64 {
	n := len(x)
	if n == 2 {
		m := (y[1] - y[0]) / (x[1] - x[0])
		dst[0], dst[1] = m, m
		return dst
	}
	secant := func(k int) float64 { return (y[k+1] - y[k]) / (x[k+1] - x[k]) }
	for k := 1; k < n-1; k++ {
		h0, h1 := x[k]-x[k-1], x[k+1]-x[k]
		m0, m1 := secant(k-1), secant(k)
		if m0*m1 <= 0 {
			dst[k] = 0
			continue
		}
		w1, w2 := 2*h1+h0, h1+2*h0
		dst[k] = (w1 + w2) / (w1/m0 + w2/m1)
	}
	dst[0] = pchipEdge(x[1]-x[0], x[2]-x[1], secant(0), secant(1))
	dst[n-1] = pchipEdge(x[n-1]-x[n-2], x[n-2]-x[n-3], secant(n-2), secant(n-3))
	return dst
}

// pchipEdge is scipy's one-sided end derivative of PCHIP.
func pchipEdge(h0, h1, m0, m1 float64) float64 {
	d := ((2*h0+h1)*m0 - h0*m1) / (h0 + h1)
	switch {
	case math.Signbit(d) != math.Signbit(m0) || d == 0:
		return 0
	case math.Signbit(m0) != math.Signbit(m1) && math.Abs(d) > 3*math.Abs(m0):
		return 3 * m0
	}
	return d
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
