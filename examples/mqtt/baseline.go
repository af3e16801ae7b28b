package spindlemqtt

import "math"

// baselineRule learns the healthy level of a sensor's window RMS and flags
// windows that leave it: the first `need` windows give the mean μ and
// standard deviation σ of ln RMS (Welford); afterwards a window is
// "high" when health = RMS/e^μ ≥ ratio and (ln RMS − μ)/σ ≥ z, and the rule
// fires on the `run`-th consecutive high window.
type baselineRule struct {
	need, run int
	ratio, z  float64

	n        int     // baseline windows seen
	mu, m2   float64 // running mean and sum of squared deviations of ln RMS
	sigma    float64 // set when the baseline is complete
	highs    int     // consecutive high windows
	complete bool
}

// minLogSigma floors σ of ln RMS (0.1 %) so that a synthetic, noise-free
// baseline does not turn every later wiggle into a huge z-score.
const minLogSigma = 1e-3

// observe adds one window's RMS (> 0) and reports whether the rule fires on
// it, with the window's health and z-score (zero while learning).
func (b *baselineRule) observe(rms float64) (fire bool, health, z float64) {
	l := math.Log(rms)
	if !b.complete {
		b.n++
		d := l - b.mu
		b.mu += d / float64(b.n)
		b.m2 += d * (l - b.mu)
		if b.n == b.need {
			b.complete = true
			b.sigma = max(minLogSigma, math.Sqrt(b.m2/float64(max(1, b.n-1))))
		}
		return false, 0, 0
	}
	health = math.Exp(l - b.mu)
	z = (l - b.mu) / b.sigma
	if health >= b.ratio && z >= b.z {
		b.highs++
	} else {
		b.highs = 0
	}
	return b.highs == b.run, health, z
}

// baselineRMS returns e^μ, the geometric-mean RMS of the baseline, in g.
func (b *baselineRule) baselineRMS() float64 { return math.Exp(b.mu) }

// logVariance returns σ², the variance of ln RMS over the baseline.
func (b *baselineRule) logVariance() float64 { return b.sigma * b.sigma }
