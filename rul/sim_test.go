package rul

import (
	"math"
	"math/rand/v2"
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

var testExpPrior = ExponentialPrior{
	Phi: 1, LogThetaMean: math.Log(0.5), LogThetaVariance: 0.04,
	BetaMean: 0.02, BetaVariance: 2.5e-5, Rho: -0.3, NoiseVariance: 0.01,
}

var testLinPrior = LinearPrior{Phi: 0.5, SlopeMean: 0.01, SlopeVariance: 4e-6, NoiseVariance: 0.0025}
