package rul

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// simExponential simulates one unit of the exponential degradation model
// with (ln θ', β) drawn from prior, observed every dt until the noiseless
// path crosses threshold. It returns the observations and the true
// crossing time of the noiseless path.
func simExponential(rng *rand.Rand, p ExponentialPrior, threshold, dt float64) (h History, tFail float64) {
	sa, sb := math.Sqrt(p.LogThetaVariance), math.Sqrt(p.BetaVariance)
	u, v := rng.NormFloat64(), rng.NormFloat64()
	a := p.LogThetaMean + sa*u
	b := p.BetaMean + sb*(p.Rho*u+math.Sqrt(1-p.Rho*p.Rho)*v)
	if b <= 0.2*p.BetaMean {
		b = 0.2 * p.BetaMean // keep every simulated unit failing
	}
	tFail = (math.Log(threshold-p.Phi) - a) / b
	for t := dt; t < tFail; t += dt {
		eps := math.Sqrt(p.NoiseVariance) * rng.NormFloat64()
		h.Time = append(h.Time, t)
		h.Value = append(h.Value, p.Phi+math.Exp(a+b*t+eps))
	}
	return h, tFail
}

// simLinear simulates one unit of the linear model with θ from the prior.
func simLinear(rng *rand.Rand, p LinearPrior, threshold, dt float64) (h History, tFail float64) {
	theta := p.SlopeMean + math.Sqrt(p.SlopeVariance)*rng.NormFloat64()
	if theta <= 0.2*p.SlopeMean {
		theta = 0.2 * p.SlopeMean
	}
	tFail = (threshold - p.Phi) / theta
	for t := dt; t < tFail; t += dt {
		h.Time = append(h.Time, t)
		h.Value = append(h.Value, p.Phi+theta*t+math.Sqrt(p.NoiseVariance)*rng.NormFloat64())
	}
	return h, tFail
}

// prefix returns the observations of h up to fraction frac of its length.
func prefix(h History, frac float64) History {
	n := max(1, int(frac*float64(len(h.Time))))
	return History{Time: h.Time[:n], Value: h.Value[:n]}
}

// halfLifeCoverage forecasts units units simulated by sim (observations and
// true failure time) from the first half of their observations, each with
// a fresh model of seed u, and returns the fraction of 90 % intervals that
// cover the true remaining life and the mean |relative error| of the
// median.
func halfLifeCoverage(t *testing.T, units int, threshold float64, sim func() (History, float64),
	model func(seed uint64) (thresholdModel, error)) (rate, relErr float64) {
	t.Helper()
	covered := 0
	var dist *Distribution
	for u := 0; u < units; u++ {
		h, tFail := sim()
		obs := prefix(h, 0.5)
		m, err := model(uint64(u))
		require.NoError(t, err)
		require.NoError(t, m.UpdateBatch(obs.Time, obs.Value))
		dist, err = m.Predict(dist, threshold)
		require.NoError(t, err)
		truth := tFail - obs.Time[len(obs.Time)-1]
		if lo, hi := dist.Interval(0.9); lo <= truth && truth <= hi {
			covered++
		}
		relErr += math.Abs(dist.Median()-truth) / truth
	}
	return float64(covered) / float64(units), relErr / float64(units)
}

var testExpPrior = ExponentialPrior{
	Phi: 1, LogThetaMean: math.Log(0.5), LogThetaVariance: 0.04,
	BetaMean: 0.02, BetaVariance: 2.5e-5, Rho: -0.3, NoiseVariance: 0.01,
}

var testLinPrior = LinearPrior{Phi: 0.5, SlopeMean: 0.01, SlopeVariance: 4e-6, NoiseVariance: 0.0025}

// simScenario describes a simulated degradation signal for coverage tests:
// the exponential model's path with log-space noise that is AR(1) with
// lag-1 correlation rho (0: i.i.d.) and marginal variance
// p.NoiseVariance, observed every dt, optionally smoothed by a trailing
// moving average of smooth readings (as real health indicators are).
type simScenario struct {
	name   string
	rho    float64
	smooth int
}

// simUnit is one simulated unit: its observed indicator h and two failure
// times, the noiseless path's threshold crossing and the first time the
// observed indicator reaches the threshold (the history ends there, or at
// twice the noiseless crossing if it never does).
type simUnit struct {
	h                  History
	tPath, tObs        float64
	theta, beta, sigma float64
}

func (sc simScenario) unit(rng *rand.Rand, p ExponentialPrior, threshold, dt float64) simUnit {
	sa, sb := math.Sqrt(p.LogThetaVariance), math.Sqrt(p.BetaVariance)
	u, v := rng.NormFloat64(), rng.NormFloat64()
	a := p.LogThetaMean + sa*u
	b := p.BetaMean + sb*(p.Rho*u+math.Sqrt(1-p.Rho*p.Rho)*v)
	if b <= 0.2*p.BetaMean {
		b = 0.2 * p.BetaMean // keep every simulated unit failing
	}
	sd := math.Sqrt(p.NoiseVariance)
	su := simUnit{tPath: (math.Log(threshold-p.Phi) - a) / b, tObs: math.NaN(), theta: a, beta: b, sigma: sd}
	eps := sd * rng.NormFloat64() // stationary start
	win := max(1, sc.smooth)
	ring := make([]float64, win)
	var sum float64
	for i := 0; ; i++ {
		t := dt * float64(i+1)
		if i > 0 {
			eps = sc.rho*eps + sd*math.Sqrt(1-sc.rho*sc.rho)*rng.NormFloat64()
		}
		s := p.Phi + math.Exp(a+b*t+eps)
		if i >= win {
			sum -= ring[i%win]
		}
		ring[i%win] = s
		sum += s
		hi := sum / float64(min(i+1, win))
		if hi >= threshold {
			su.tObs = t
			break
		}
		if t > 2*su.tPath {
			break
		}
		su.h.Time = append(su.h.Time, t)
		su.h.Value = append(su.h.Value, hi)
	}
	return su
}

// coverage is the result of forecasting simulated units at one point of
// their life.
type coverage struct {
	rate, width, relErr float64 // coverage of the 90 % interval, mean width / truth, mean |median − truth| / truth
	units               int
}

// simPrior fits the model's prior the way it is done for real data: by
// FitExponentialPrior over a library of units run to failure, here 30
// simulated from sc (so the prior's noise variance is that of sc's
// indicator, smoothing included).
func simPrior(sc simScenario, threshold float64, seed uint64) ExponentialPrior {
	rng := rand.New(rand.NewPCG(seed, 78))
	var lib []History
	for range 30 {
		lib = append(lib, sc.unit(rng, testExpPrior, threshold, 1).h)
	}
	p, err := FitExponentialPrior(lib, testExpPrior.Phi)
	if err != nil {
		panic(err)
	}
	return p
}

// simCoverage forecasts, for units simulated from sc, the remaining life at
// fraction frac of each unit's life with an ExponentialModel holding the
// prior fitted to a library of sc's units (simPrior) and noise
// configuration cfg, and measures the 90 % interval's coverage of the true
// remaining life (to the observed crossing when observed, else to the
// noiseless path's crossing).
func simCoverage(sc simScenario, cfg NoiseConfig, units int, frac float64, observed bool, seed uint64) coverage {
	const threshold = 5.0
	p := simPrior(sc, threshold, seed)
	rng := rand.New(rand.NewPCG(seed, 77))
	var c coverage
	var d *Distribution
	for u := 0; u < units; u++ {
		su := sc.unit(rng, testExpPrior, threshold, 1)
		end := su.tPath
		if observed {
			end = su.tObs
		}
		if math.IsNaN(end) {
			continue // never observed crossing (only with observed)
		}
		k := 0
		for k+1 < len(su.h.Time) && su.h.Time[k+1] <= frac*end {
			k++
		}
		if k >= len(su.h.Time) || su.h.Time[k] >= end {
			continue
		}
		m, err := NewExponentialModel(p, SamplingConfig{Samples: 1000, Seed: uint64(u), Noise: cfg})
		if err != nil {
			panic(err)
		}
		if err := m.UpdateBatch(su.h.Time[:k+1], su.h.Value[:k+1]); err != nil {
			panic(err)
		}
		d, err = m.Predict(d, threshold)
		if err != nil {
			continue // an observation above threshold before the end (noiseless truth)
		}
		truth := end - su.h.Time[k]
		lo, hi := d.Interval(0.9)
		if lo <= truth && truth <= hi {
			c.rate++
		}
		c.width += (hi - lo) / truth
		c.relErr += math.Abs(d.Median()-truth) / truth
		c.units++
	}
	n := float64(c.units)
	c.rate /= n
	c.width /= n
	c.relErr /= n
	return c
}
