package spindlemqtt

import (
	"math"

	"github.com/spindle-pdm/spindle/anomaly"
)

// alarmRule watches a sensor's window RMS with anomaly.CUSUM on ln RMS. The
// CUSUM learns the healthy mean μ and deviation σ of ln RMS from its
// warm-up windows; its input is clipped at μ + clip·σ, so that one impulsive
// window adds at most clip − K to the upper sum and an alarm needs a
// sustained rise (⌈H/(clip − K)⌉ windows: 3 with the defaults). The rule
// fires on a CUSUM alarm in a window whose health RMS/e^μ is at least
// ratio: the CUSUM says the level has moved, the ratio that it has moved
// enough to matter (a 1 % drift is statistically real but no fault).
type alarmRule struct {
	cusum       *anomaly.CUSUM
	ratio, clip float64
}

// observe scores one window's RMS (> 0) at time t and reports whether the
// rule fires, with the window's health, z-score of ln RMS and CUSUM score
// (all zero while the baseline is learned).
func (r *alarmRule) observe(t, rms float64) (fire bool, health, z, score float64) {
	l := math.Log(rms)
	x := l
	if mu, sigma := r.cusum.Baseline(); sigma > 0 {
		x = min(l, mu+r.clip*sigma)
	}
	res := r.cusum.Update(t, x)
	if res.Status == anomaly.DriftWarmup {
		return false, 0, 0, 0
	}
	mu, sigma := r.cusum.Baseline()
	health = math.Exp(l - mu)
	return res.Alarm && health >= r.ratio, health, (l - mu) / sigma, res.Score
}

// baselineRMS returns e^μ, the geometric-mean RMS of the baseline, in g.
func (r *alarmRule) baselineRMS() float64 {
	mu, _ := r.cusum.Baseline()
	return math.Exp(mu)
}

// logVariance returns σ², the variance of ln RMS over the baseline.
func (r *alarmRule) logVariance() float64 {
	_, sigma := r.cusum.Baseline()
	return sigma * sigma
}
