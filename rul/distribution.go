package rul

import (
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mathext"
)

// Distribution is a remaining-useful-life forecast: the probability
// distribution of the time left until failure, in the time unit of the data
// that produced it (cycles, hours, seconds ...). Every model in this package
// returns one.
//
// A Distribution is either empirical — a sorted set of samples, optionally
// weighted (degradation models sample their posterior; the similarity model
// weights the remaining lives of its nearest histories) — or parametric (the
// conditional Weibull residual life of a WeibullModel, whose quantiles and
// mean are closed forms).
//
// Empirical quantiles interpolate linearly between the mid-points of the
// samples' cumulative weights (with equal weights this is Hyndman & Fan's
// definition 5). Samples may be +Inf: a sampled degradation path that never
// reaches the threshold. Quantiles above the finite mass then are +Inf and
// so is the Mean; no method returns NaN for a non-empty Distribution.
//
// The zero value is an empty Distribution; its methods return NaN.
// A Distribution may be reused as the dst of a model's Predict method, which
// then reuses its sample storage.
type Distribution struct {
	samples []float64 // ascending
	weights []float64 // nil (equal weights) or len(samples), positive
	cum     []float64 // mid-point cumulative weight positions in (0,1), when weights != nil
	wsum    float64

	// Parametric conditional Weibull residual life, used when weibull is true.
	weibull bool
	shape   float64 // k
	scale   float64 // λ
	age     float64 // t, survival age conditioned on
}

// NewSampleDistribution returns an empirical Distribution over a copy of
// samples. weights may be nil (equal weights) or have len(samples) positive
// finite entries with a finite sum. It panics on a length mismatch; NaN samples or invalid
// weights are returned as an error.
func NewSampleDistribution(samples, weights []float64) (*Distribution, error) {
	d := &Distribution{}
	if err := d.setSamples(samples, weights); err != nil {
		return nil, err
	}
	return d, nil
}

// setSamples copies samples (and weights) into d's storage and sorts them.
func (d *Distribution) setSamples(samples, weights []float64) error {
	if weights != nil && len(weights) != len(samples) {
		panic("rul: len(weights) != len(samples)")
	}
	if len(samples) == 0 {
		return errorf(ErrTooFewPoints, "distribution needs at least one sample")
	}
	for i, v := range samples {
		if math.IsNaN(v) {
			return errorf(ErrNaN, "sample %d is NaN", i)
		}
		if weights != nil && (!(weights[i] > 0) || math.IsInf(weights[i], 0)) {
			return errorf(ErrBadInput, "weight %d = %g is not positive and finite", i, weights[i])
		}
	}
	if weights != nil {
		sum := 0.0
		for _, w := range weights {
			sum += w
		}
		if math.IsInf(sum, 0) {
			return errorf(ErrBadInput, "weights sum to +Inf; scale them down")
		}
	}
	d.weibull = false
	d.samples = append(d.samples[:0], samples...)
	if weights == nil {
		d.weights = nil
		slices.Sort(d.samples)
		return nil
	}
	d.weights = append(d.weights[:0], weights...)
	sort.Sort(byValue{d.samples, d.weights})
	d.finishWeights()
	return nil
}

// finishWeights computes the mid-point cumulative positions of the weights.
func (d *Distribution) finishWeights() {
	d.wsum = 0
	for _, w := range d.weights {
		d.wsum += w
	}
	d.cum = slices.Grow(d.cum[:0], len(d.weights))[:len(d.weights)]
	c := 0.0
	for i, w := range d.weights {
		d.cum[i] = (c + w/2) / d.wsum
		c += w
	}
}

// resetSamples prepares d to receive n unweighted samples written in place by
// a model; the caller fills the returned slice and then calls sortSamples.
func (d *Distribution) resetSamples(n int) []float64 {
	d.weibull = false
	d.weights = nil
	d.samples = slices.Grow(d.samples[:0], n)[:n]
	return d.samples
}

func (d *Distribution) sortSamples() { slices.Sort(d.samples) }

// setWeibull makes d the residual life of a Weibull(shape k, scale λ)
// lifetime given survival to age.
func (d *Distribution) setWeibull(k, lambda, age float64) {
	d.samples = d.samples[:0]
	d.weights = nil
	d.weibull = true
	d.shape, d.scale, d.age = k, lambda, age
}

type byValue struct{ v, w []float64 }

func (b byValue) Len() int           { return len(b.v) }
func (b byValue) Less(i, j int) bool { return b.v[i] < b.v[j] }
func (b byValue) Swap(i, j int) {
	b.v[i], b.v[j] = b.v[j], b.v[i]
	b.w[i], b.w[j] = b.w[j], b.w[i]
}

// IsParametric reports whether d is a closed-form (Weibull) distribution
// rather than a set of samples.
func (d *Distribution) IsParametric() bool { return d.weibull }

// Len returns the number of samples (0 for a parametric Distribution).
func (d *Distribution) Len() int { return len(d.samples) }

// Samples copies the ascending samples into dst (grown as needed) and
// returns it. A parametric Distribution has no samples and returns dst[:0].
func (d *Distribution) Samples(dst []float64) []float64 {
	return append(dst[:0], d.samples...)
}

// Weights copies the samples' weights into dst and returns it; nil weights
// (all equal) are returned as dst[:0].
func (d *Distribution) Weights(dst []float64) []float64 {
	return append(dst[:0], d.weights...)
}

// Median returns the 0.5 quantile.
func (d *Distribution) Median() float64 { return d.Quantile(0.5) }

// Interval returns the equal-tailed interval holding probability level
// (0 < level < 1): the (1-level)/2 and (1+level)/2 quantiles. It panics if
// level is outside (0, 1).
func (d *Distribution) Interval(level float64) (lo, hi float64) {
	if !(level > 0 && level < 1) {
		panic("rul: interval level outside (0, 1)")
	}
	a := (1 - level) / 2
	return d.Quantile(a), d.Quantile(1 - a)
}

// Quantile returns the p-quantile of the remaining life, 0 ≤ p ≤ 1. It panics
// if p is outside [0, 1].
//
// For the conditional Weibull residual life of a unit of age t the quantile
// is the closed form λ((t/λ)^k − ln(1−p))^(1/k) − t.
func (d *Distribution) Quantile(p float64) float64 {
	if !(p >= 0 && p <= 1) {
		panic("rul: quantile probability outside [0, 1]")
	}
	if d.weibull {
		if p == 1 {
			return math.Inf(1)
		}
		x := math.Pow(d.age/d.scale, d.shape) - math.Log1p(-p)
		return math.Max(0, d.scale*math.Pow(x, 1/d.shape)-d.age)
	}
	n := len(d.samples)
	if n == 0 {
		return math.NaN()
	}
	if n == 1 {
		return d.samples[0]
	}
	var pos float64 // fractional index into samples
	if d.weights == nil {
		pos = p*float64(n) - 0.5
	} else {
		c := d.cum
		switch {
		case p <= c[0]:
			pos = 0
		case p >= c[n-1]:
			pos = float64(n - 1)
		default:
			i := sort.SearchFloat64s(c, p) // c[i-1] < p <= c[i]
			pos = float64(i-1) + (p-c[i-1])/(c[i]-c[i-1])
		}
	}
	if pos <= 0 {
		return d.samples[0]
	}
	if pos >= float64(n-1) {
		return d.samples[n-1]
	}
	i := int(pos)
	f := pos - float64(i)
	a, b := d.samples[i], d.samples[i+1]
	if f == 0 || a == b {
		return a
	}
	if math.IsInf(b, 1) {
		return b
	}
	return a + f*(b-a)
}

// Mean returns the expected remaining life: the (weighted) sample mean, or
// for the conditional Weibull residual life
// λ·Γ(1+1/k)·Q(1+1/k, x)·e^x − t with x = (t/λ)^k and Q the regularised upper
// incomplete gamma function. It is +Inf when any sample is +Inf.
func (d *Distribution) Mean() float64 {
	if d.weibull {
		k, l, t := d.shape, d.scale, d.age
		x := math.Pow(t/l, k)
		a := 1 + 1/k
		g, _ := math.Lgamma(a)
		q := mathext.GammaIncRegComp(a, x)
		if q == 0 { // far tail: residual life ≈ λ^k t^(1-k)/k
			return l / k * math.Pow(t/l, 1-k)
		}
		return math.Max(0, l*math.Exp(g+math.Log(q)+x)-t)
	}
	n := len(d.samples)
	if n == 0 {
		return math.NaN()
	}
	if math.IsInf(d.samples[n-1], 1) {
		return math.Inf(1)
	}
	s := 0.0
	if d.weights == nil {
		for _, v := range d.samples {
			s += v
		}
		return s / float64(n)
	}
	for i, v := range d.samples {
		s += d.weights[i] * v
	}
	return s / d.wsum
}

// CDF returns P(RUL ≤ x): the weighted fraction of samples ≤ x, or for the
// conditional Weibull 1 − exp((t/λ)^k − ((t+x)/λ)^k).
func (d *Distribution) CDF(x float64) float64 {
	if d.weibull {
		if x <= 0 {
			return 0
		}
		k, l, t := d.shape, d.scale, d.age
		return -math.Expm1(math.Pow(t/l, k) - math.Pow((t+x)/l, k))
	}
	n := len(d.samples)
	if n == 0 {
		return math.NaN()
	}
	i := sort.Search(n, func(i int) bool { return d.samples[i] > x })
	if d.weights == nil {
		return float64(i) / float64(n)
	}
	s := 0.0
	for _, w := range d.weights[:i] {
		s += w
	}
	return s / d.wsum
}

// setWeightedNoCheck copies valid samples and positive weights into d and
// sorts them together without allocating once d's storage has grown.
func (d *Distribution) setWeightedNoCheck(samples, weights []float64) {
	d.weibull = false
	d.samples = append(d.samples[:0], samples...)
	d.weights = append(d.weights[:0], weights...)
	// Insertion sort: the neighbour sets are small.
	for i := 1; i < len(d.samples); i++ {
		for j := i; j > 0 && d.samples[j] < d.samples[j-1]; j-- {
			d.samples[j], d.samples[j-1] = d.samples[j-1], d.samples[j]
			d.weights[j], d.weights[j-1] = d.weights[j-1], d.weights[j]
		}
	}
	d.finishWeights()
}
