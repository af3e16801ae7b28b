package features

import (
	"math"
)

// momentsBlock is the number of samples AddSlice summarises with an exact
// two-pass computation before merging the summary into the running moments.
// 256 float64 values (2 KiB) stay in L1 cache between the two passes.
const momentsBlock = 256

// Moments accumulates, in one pass over memory (each 256-sample block is
// read twice while it sits in L1 cache), everything TimeFeatures needs: the count, the mean, the sums of squared, cubed and fourth-power
// deviations from the mean (M2, M3, M4), the minimum and maximum, and the
// sums of |x| and √|x|.
//
// Central moments are kept as deviations from the running mean and combined
// with the pairwise update formulas of Chan, Golub & LeVeque (1979) and
// Pébay (2008, Sandia report SAND2008-6212); Add applies their single-sample
// special case (Welford 1962, Terriberry 2007). No power sums of the raw
// samples are ever formed, and the mean is carried as an unevaluated sum of two float64
// values, so a large DC offset (1e9 plus a unit signal) costs no accuracy in
// the standard deviation, skewness or kurtosis.
//
// AddSlice works in blocks of 256 samples, each summarised by an exact
// two-pass computation about its own mean and then merged: as stable as a
// two-pass algorithm and several times faster than per-sample updates.
//
// The first NaN or ±Inf sample is remembered by its position (counting from
// 0 since the last Reset) and reported by Err and Features; later samples
// are counted but otherwise ignored.
//
// The zero value is an empty accumulator ready to use. A Moments must not be
// used by several goroutines at once.
type Moments struct {
	n              int64
	mean, meanC    float64 // mean = mean + meanC, meanC the compensation
	m2, m3, m4     float64
	min, max       float64
	sumAbs, sumSqr float64 // Σ|x| and Σ√|x|
	bad            int64   // 1 + position of the first non-finite sample; 0 if none
	badVal         float64
}

// Reset empties the accumulator.
func (m *Moments) Reset() { *m = Moments{} }

// Count returns the number of samples added since the last Reset, including
// any non-finite ones.
func (m *Moments) Count() int64 { return m.n }

// Err returns the error Features would report for bad input: ErrNoSamples
// when nothing was added, or an error naming the first NaN or ±Inf sample
// and its position since the last Reset. It returns nil otherwise.
func (m *Moments) Err() error {
	switch {
	case m.bad != 0:
		return errorf(ErrInput, "sample %d is %v", m.bad-1, m.badVal)
	case m.n == 0:
		return ErrNoSamples
	}
	return nil
}

// Add adds one sample.
func (m *Moments) Add(x float64) {
	if m.bad != 0 {
		m.n++
		return
	}
	if !isFinite(x) {
		m.markBad(m.n, x)
		m.n++
		return
	}
	a := math.Abs(x)
	if m.n == 0 {
		m.merge(1, x, 0, 0, 0, 0, x, x, a, math.Sqrt(a))
		return
	}
	// merge specialised to one sample (Terriberry's update): one division.
	n1 := float64(m.n)
	n := n1 + 1
	d := (x - m.mean) - m.meanC
	dn := d / n
	dn2 := dn * dn
	t := d * dn * n1
	m.m4 += t*dn2*(n*n-3*n+3) + 6*dn2*m.m2 - 4*dn*m.m3
	m.m3 += t*dn*(n-2) - 3*dn*m.m2
	m.m2 += t
	s, e := twoSum(m.mean, dn)
	m.mean, m.meanC = twoSum(s, m.meanC+e)
	m.n++
	if x < m.min {
		m.min = x
	}
	if x > m.max {
		m.max = x
	}
	m.sumAbs += a
	m.sumSqr += math.Sqrt(a)
}

// AddSlice adds the samples of x in order. The result equals that of
// calling Add for each sample, up to rounding.
func (m *Moments) AddSlice(x []float64) {
	for len(x) > 0 {
		k := min(len(x), momentsBlock)
		m.addBlock(x[:k])
		x = x[k:]
	}
}

// Merge adds the samples accumulated in o to m, as if they had been added
// to m after its own. o is unchanged. Merging per-thread or per-segment
// accumulators gives the moments of the concatenated data.
func (m *Moments) Merge(o *Moments) {
	switch {
	case o.n == 0:
		return
	case m.bad != 0:
		m.n += o.n
		return
	case o.bad != 0:
		m.markBad(m.n+o.bad-1, o.badVal)
		m.n += o.n
		return
	}
	m.merge(o.n, o.mean, o.meanC, o.m2, o.m3, o.m4, o.min, o.max, o.sumAbs, o.sumSqr)
}

// addBlock summarises up to momentsBlock samples exactly (two passes over
// cached data) and merges the summary into m.
func (m *Moments) addBlock(x []float64) {
	if m.bad != 0 {
		m.n += int64(len(x))
		return
	}
	// Pass 1: the block mean, with four partial sums for speed.
	var s0, s1, s2, s3 float64
	y := x
	for ; len(y) >= 4; y = y[4:] {
		s0 += y[0]
		s1 += y[1]
		s2 += y[2]
		s3 += y[3]
	}
	for _, v := range y {
		s0 += v
	}
	sum := (s0 + s1) + (s2 + s3)
	if !isFinite(sum) {
		for j, v := range x {
			if !isFinite(v) {
				m.markBad(m.n+int64(j), v)
				m.n += int64(len(x))
				return
			}
		}
		// Finite samples whose sum overflows: per-sample updates never
		// form the sum.
		for _, v := range x {
			m.Add(v)
		}
		return
	}
	nb := float64(len(x))
	mb := sum / nb
	// Pass 2: power sums of the deviations from mb, extremes and absolute
	// sums. x−mb is exact whenever x and mb are within a factor of two.
	var q1, q2, q3, q4, sa, sq float64
	lo, hi := x[0], x[0]
	for _, v := range x {
		d := v - mb
		d2 := d * d
		q1 += d
		q2 += d2
		q3 += d2 * d
		q4 += d2 * d2
		a := math.Abs(v)
		sa += a
		sq += math.Sqrt(a)
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	// mb carries the rounding of sum/nb; the exact block mean is mb+c with
	// c = Σ(x−mb)/nb, tiny. Shift the moments from mb to mb+c.
	c := q1 / nb
	c2 := c * c
	m2 := q2 - nb*c2
	m3 := q3 - 3*c*q2 + 2*nb*c2*c
	m4 := q4 - 4*c*q3 + 6*c2*q2 - 3*nb*c2*c2
	m.merge(int64(len(x)), mb, c, m2, m3, m4, lo, hi, sa, sq)
}

// merge combines the summary of nbi finite samples (mean mb+mbC, central
// sums m2b, m3b, m4b) into m: Pébay (2008) eqs. 3.1 and its M3, M4
// generalisations.
func (m *Moments) merge(nbi int64, mb, mbC, m2b, m3b, m4b, lo, hi, sa, sq float64) {
	if m.n == 0 {
		m.n, m.mean, m.meanC = nbi, mb, mbC
		m.m2, m.m3, m.m4 = m2b, m3b, m4b
		m.min, m.max, m.sumAbs, m.sumSqr = lo, hi, sa, sq
		return
	}
	na, nb := float64(m.n), float64(nbi)
	n := na + nb
	d := (mb - m.mean) + (mbC - m.meanC)
	dn := d / n
	m2a, m3a := m.m2, m.m3
	m.m4 += m4b + d*dn*dn*dn*na*nb*(na*na-na*nb+nb*nb) +
		6*dn*dn*(na*na*m2b+nb*nb*m2a) + 4*dn*(na*m3b-nb*m3a)
	m.m3 += m3b + d*dn*dn*na*nb*(na-nb) + 3*dn*(na*m2b-nb*m2a)
	m.m2 += m2b + d*dn*na*nb
	s, e := twoSum(m.mean, dn*nb)
	m.mean, m.meanC = twoSum(s, m.meanC+e)
	m.n += nbi
	if lo < m.min {
		m.min = lo
	}
	if hi > m.max {
		m.max = hi
	}
	m.sumAbs += sa
	m.sumSqr += sq
}

func (m *Moments) markBad(pos int64, v float64) {
	m.bad = pos + 1
	m.badVal = v
}

// twoSum returns s = fl(a+b) and the rounding error e, a+b = s+e exactly
// (Knuth).
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

func isFinite(x float64) bool { return x-x == 0 }
