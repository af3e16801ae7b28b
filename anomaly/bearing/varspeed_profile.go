package bearing

import (
	"math"

	"github.com/spindle-pdm/spindle/features/order"
)

// knotsPerRev is the number of knots per revolution of the angle curve
// DiagnoseProfile builds, enough for its cubic pieces to follow the
// quadratic angle of a speed that changes linearly.
const knotsPerRev = 4

// profileAngle integrates a speed profile, linear between its points, into
// the shaft angle, 0 revolutions at the first point, with knotsPerRev knots
// per revolution.
func profileAngle(p order.SpeedProfile) (*order.ShaftAngle, error) {
	switch {
	case len(p.Time) != len(p.Hz):
		return nil, errorf(ErrInput, "speed profile of %d times and %d speeds, need as many of each", len(p.Time), len(p.Hz))
	case p.Uncertainty != nil && len(p.Uncertainty) != len(p.Hz):
		return nil, errorf(ErrInput, "speed profile of %d speeds and %d uncertainties, need none or as many", len(p.Hz), len(p.Uncertainty))
	case len(p.Hz) < 2:
		return nil, errorf(ErrInput, "speed profile of %d points, need at least 2", len(p.Hz))
	}
	knots := 1
	for i, f := range p.Hz {
		if !(f > 0) || math.IsInf(f, 0) {
			return nil, errorf(ErrInput, "speed profile point %d is %v Hz, need a finite speed > 0", i, f)
		}
		if t := p.Time[i]; math.IsNaN(t) || math.IsInf(t, 0) || i > 0 && !(t > p.Time[i-1]) {
			return nil, errorf(ErrInput, "speed profile time %d is %v s, need finite times that increase", i, t)
		}
		if i > 0 {
			knots += pieces(p, i)
		}
	}
	if knots > maxProfileKnots {
		return nil, errorf(ErrInput, "speed profile of %.3g revolutions, need at most %d", float64(knots)/knotsPerRev, maxProfileKnots/knotsPerRev)
	}
	time, rev := make([]float64, 1, knots), make([]float64, 1, knots)
	time[0] = p.Time[0]
	for i := 1; i < len(p.Hz); i++ {
		t0, f0, dt := p.Time[i-1], p.Hz[i-1], p.Time[i]-p.Time[i-1]
		slope, base := (p.Hz[i]-f0)/dt, rev[len(rev)-1]
		n := pieces(p, i)
		for k := 1; k <= n; k++ {
			tau := dt * float64(k) / float64(n)
			time = append(time, t0+tau)
			rev = append(rev, base+f0*tau+slope*tau*tau/2)
		}
	}
	a, err := order.NewShaftAngle(time, rev)
	if err != nil {
		return nil, errorf(ErrInput, "speed profile: %w", err)
	}
	return a, nil
}

// maxProfileKnots bounds the knots of the angle curve of a speed profile.
const maxProfileKnots = 1 << 26

// pieceChange is the largest change of the speed within one piece of the
// angle curve of DiagnoseProfile, relative to the lower speed at the
// piece's ends: the monotone cubic's slope at a knot lies between the mean
// speeds of the pieces on either side, so the speed at a point of the
// profile is followed within about that.
const pieceChange = 0.02

// pieces is the number of pieces into which profileAngle cuts the interval
// before point i of p: knotsPerRev per revolution, and enough that the
// speed changes by at most pieceChange of the lower speed in each.
func pieces(p order.SpeedProfile, i int) int {
	f0, f1 := p.Hz[i-1], p.Hz[i]
	revs := (p.Time[i] - p.Time[i-1]) * (f0 + f1) / 2
	n := max(revs*knotsPerRev, math.Abs(f1-f0)/(pieceChange*min(f0, f1)))
	return max(1, int(min(math.Ceil(n), maxProfileKnots)))
}
