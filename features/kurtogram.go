package features

import (
	"fmt"
	"math"
	"math/cmplx"
)

// MaxKurtogramLevels is the deepest fast kurtogram NewKurtogram builds.
const MaxKurtogramLevels = 16

// Kurtogram computes Antoni's fast kurtogram (J. Antoni, "Fast computation
// of the kurtogram for the detection of transient faults", MSSP 21 (2007)
// 108-124): the kurtosis of the complex envelope of the signal in every band
// of a 1/3-binary tree that splits [0, rate/2] into 2^k bands at level k and
// 3·2^(k-1) bands at the intermediate level k+log2(3)-1, k = 1, 2, ...
//
// The filter bank is Antoni's reference one: a quasi-analytic 17-tap
// low-pass prototype h (fir1(16, 0.4), Hamming window, shifted by 1/8 of the
// rate) and its 16-tap high-pass mirror g split a band in two with
// decimation by 2; a 25-tap prototype (fir1(24, 0.8/3)) modulated to three
// centres splits it in three with decimation by 3. Only the binary bands are
// split further. The kurtosis of a band is E|c−μ|⁴/(E|c−μ|²)² − 2 for its
// complex coefficients c after the filter transient (−3 for the real
// signal at level 0); negative values are set to zero, as in Antoni's code.
// Compared with his Fast_kurtogram.m (revision 12-2014) there is one
// deliberate difference: a band whose energy is below 1e-24 times the
// signal's mean square gets kurtosis 0 (his code uses the absolute
// threshold eps, which depends on the signal's unit).
//
// A Kurtogram keeps scratch buffers that grow to the longest signal seen, so
// it is not safe for concurrent use; after the first call with a given
// length, Compute with a reused result does not allocate.
type Kurtogram struct {
	levels int
	rate   float64
	depth  int // levels of the Compute in progress

	h, g, h1, h2, h3 []complex128
	bt               bankTaps // the filters' taps for the phase sums

	inr  []float64      // the signal less its mean
	u    []complex128   // zero-padded input of a split
	ur   []float64      // zero-padded real input of a split
	lo   [][]complex128 // lo[d], hi[d]: the two halves at depth d+1
	hi   [][]complex128
	tern [3][]complex128
}

// KurtogramResult is a fast kurtogram and its best band.
type KurtogramResult struct {
	// SampleRate is the sample rate in Hz.
	SampleRate float64
	// Levels holds the level of each row of the kurtogram: 0, 1,
	// 1+log2(3)-1, 2, 2+log2(3)-1, ..., L. Row r has bandwidth
	// SampleRate/2^(Levels[r]+1) Hz.
	Levels []float64
	// Kurtosis[r][j] is the kurtosis of band j of row r, which covers
	// [j·bw, (j+1)·bw] Hz with bw the row's bandwidth.
	Kurtosis [][]float64
	// Best is the band of greatest kurtosis (ties go to the lowest
	// frequency, then to the widest band, as in Antoni's code).
	Best KurtogramBand
}

// KurtogramBand is one band of a kurtogram.
type KurtogramBand struct {
	Row      int     // row of KurtogramResult.Kurtosis
	Level    float64 // decomposition level, KurtogramResult.Levels[Row]
	Index    int     // band index within the row, from 0 at 0 Hz
	Center   float64 // centre frequency, Hz
	Width    float64 // bandwidth, Hz
	Kurtosis float64 // spectral kurtosis of the band's complex envelope

	nyquist float64 // rate/2 of the kurtogram, Hz; 0 when unknown
}

// Lo returns the lower edge of the band in Hz, never below 0.
func (b KurtogramBand) Lo() float64 { return max(0, b.Center-b.Width/2) }

// Hi returns the upper edge of the band in Hz. For a band of a computed
// kurtogram it never exceeds the Nyquist frequency, so the edges can be
// passed to EnvelopeAnalyzer.SES even where rounding would otherwise put
// the top band's edge a hair above rate/2.
func (b KurtogramBand) Hi() float64 {
	hi := b.Center + b.Width/2
	if b.nyquist > 0 {
		hi = min(hi, b.nyquist)
	}
	return hi
}

// NewKurtogram returns a fast kurtogram of the given number of levels for
// signals sampled at sampleRate Hz. Signals must hold at least
// 2^(levels+7) samples (Antoni's limit). It returns an error wrapping
// ErrConfig if levels is outside [1, MaxKurtogramLevels], or ErrInput if
// sampleRate is not a finite positive number.
func NewKurtogram(levels int, sampleRate float64) (*Kurtogram, error) {
	if levels < 1 || levels > MaxKurtogramLevels {
		return nil, errorf(ErrConfig, "kurtogram levels %d outside [1, %d]", levels, MaxKurtogramLevels)
	}
	if !(sampleRate > 0) || math.IsInf(sampleRate, 0) {
		return nil, errorf(ErrInput, "invalid sample rate %v Hz", sampleRate)
	}
	k := &Kurtogram{levels: levels, rate: sampleRate}
	k.h, k.g, k.h1, k.h2, k.h3 = kurtogramFilters()
	k.bt = newBankTaps()
	return k, nil
}

// Levels returns the number of levels.
func (k *Kurtogram) Levels() int { return k.levels }

// MinLen returns the shortest signal Compute accepts, 2^(levels+7) samples.
func (k *Kurtogram) MinLen() int { return 1 << (k.levels + 7) }

// Compute returns the fast kurtogram of x. A nil dst allocates a result; a
// dst from an earlier call of a Kurtogram with the same levels is reused
// (its slices are overwritten). It returns an error if x is shorter than
// MinLen or holds a NaN or ±Inf sample.
func (k *Kurtogram) Compute(dst *KurtogramResult, x []float64) (*KurtogramResult, error) {
	return k.ComputeLevels(dst, x, k.levels)
}

// ComputeLevels is Compute stopped after the first levels levels (1 ≤
// levels ≤ Levels(), or it panics): the result is the kurtogram of that
// many levels, its rows equal to the first 2·levels rows of Compute's.
// The cost is about proportional to levels, so a caller that will read
// only bands at least some width wide (KurtogramResult.BestBand's
// minWidth) need not pay for the narrower levels. A dst from a Compute or
// ComputeLevels of any depth is reused without allocating.
func (k *Kurtogram) ComputeLevels(dst *KurtogramResult, x []float64, levels int) (*KurtogramResult, error) {
	if levels < 1 || levels > k.levels {
		panic(fmt.Sprintf("features: kurtogram depth %d outside [1, %d]", levels, k.levels))
	}
	if len(x) < k.MinLen() {
		return dst, errorf(ErrInput, "kurtogram of %d levels needs at least %d samples, got %d", k.levels, k.MinLen(), len(x))
	}
	if err := requireFinite(x, "signal"); err != nil {
		return dst, err
	}
	k.depth = levels
	dst = k.prepare(dst)
	k.grow(len(x))

	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	inr := k.inr[:len(x)]
	var ms float64
	for i, v := range x {
		v -= mean
		inr[i] = v
		ms += v * v
	}
	ms /= float64(len(x))
	floor := 1e-24 * ms

	// Level 0: the real signal itself.
	dst.Kurtosis[0][0] = kurtosisReal(inr, floor)
	// Ternary split of the signal: row of level log2(3).
	if k.depth > 1 {
		k.ternary(dst.Kurtosis[2], 0, nil, inr, floor)
	}
	k.descend(dst, nil, inr, 0, 0, floor)

	for _, row := range dst.Kurtosis {
		for j, v := range row {
			if !(v > 0) {
				row[j] = 0
			}
		}
	}
	dst.Best = dst.BestBand(0, 0)
	return dst, nil
}

// descend splits x, the band of index pos at depth (at depth 0 x is nil
// and xr the real signal), in two, records the
// kurtosis of both halves (and of their ternary splits) and recurses.
func (k *Kurtogram) descend(r *KurtogramResult, x []complex128, xr []float64, depth, pos int, floor float64) {
	n := (len(x) + len(xr)) / 2
	a, d := k.lo[depth][:n], k.hi[depth][:n]
	if xr != nil {
		splitBinaryReal(a, d, xr, k.ur, &k.bt)
	} else {
		splitBinary(a, d, x, k.u, &k.bt)
	}
	// Shift the high band down to [0, rate/2] of the decimated rate.
	for j := 0; j < n; j += 2 {
		d[j] = -d[j]
	}
	D := depth + 1
	row := r.Kurtosis[2*D-1]
	row[2*pos] = kurtosisComplex(a, len(k.h)-1, floor)
	row[2*pos+1] = kurtosisComplex(d, len(k.g)-1, floor)
	if D <= k.depth-2 {
		trow := r.Kurtosis[2*(D+1)]
		k.ternary(trow, 3*(2*pos), a, nil, floor)
		k.ternary(trow, 3*(2*pos+1), d, nil, floor)
	}
	if D < k.depth {
		k.descend(r, a, nil, D, 2*pos, floor)
		k.descend(r, d, nil, D, 2*pos+1, floor)
	}
}

// ternary writes the kurtosis of the three-band split of the band x, or
// of the real signal xr when x is nil, into row[at:at+3].
func (k *Kurtogram) ternary(row []float64, at int, x []complex128, xr []float64, floor float64) {
	n := (len(x) + len(xr)) / 3
	t := [3][]complex128{k.tern[0][:n], k.tern[1][:n], k.tern[2][:n]}
	if xr != nil {
		splitTernaryReal(t[0], t[1], t[2], xr, k.ur, &k.bt)
	} else {
		splitTernary(t[0], t[1], t[2], x, k.u, &k.bt)
	}
	for b, c := range t {
		// Antoni's code drops len(h)-1 samples here too.
		row[at+b] = kurtosisComplex(c, len(k.h)-1, floor)
	}
}

// BestBand returns the band of greatest kurtosis among the bands whose
// width w satisfies minWidth ≤ w ≤ maxWidth Hz (maxWidth ≤ 0: no upper
// limit); BestBand(0, 0) is Best. Narrow bands are poor carriers for
// envelope analysis (a band should span a few multiples of the highest
// fault frequency sought, to hold its sidebands), and a maxWidth below
// SampleRate/2 leaves out the raw signal (level 0), whose real-signal kurtosis
// (excess over 3) is not comparable with the complex-envelope kurtosis
// (excess over 2) of the bands. The kurtogram is scanned as Antoni's max_IJ
// scans his replicated matrix: from 0 Hz up, the widest band first, keeping
// the first maximum. If no row qualifies, the level-0 band (the whole
// signal) is returned.
func (r *KurtogramResult) BestBand(minWidth, maxWidth float64) KurtogramBand {
	cols := 3 * len(r.Kurtosis[len(r.Kurtosis)-1])
	bi, bj, bv := 0, 0, math.Inf(-1)
	for c := 0; c < cols; c++ {
		for i, row := range r.Kurtosis {
			w := r.SampleRate / 2 / float64(len(row))
			if narrower(w, minWidth) || (maxWidth > 0 && w > maxWidth*(1+1e-12)) {
				continue
			}
			j := c * len(row) / cols
			if v := row[j]; v > bv {
				bi, bj, bv = i, j, v
			}
		}
	}
	return r.band(bi, bj)
}

// narrower reports whether a band w Hz wide is narrower than minWidth Hz
// for BestBand (with a relative tolerance of 1e-12 for rounding).
func narrower(w, minWidth float64) bool { return w < minWidth*(1-1e-12) }

// LevelsFor returns the fewest levels, at most Levels(), whose kurtogram
// holds every band at least minWidth Hz wide: BestBand(minWidth, ·) of
// ComputeLevels(·, ·, LevelsFor(minWidth)) is that of Compute, since the
// rows of the further levels are all narrower (row widths decrease down
// the kurtogram).
func (k *Kurtogram) LevelsFor(minWidth float64) int {
	l := 1
	// Row 2l, the first one a kurtogram of l levels lacks, is the ternary
	// split of level l−1, with 3·2^(l−1) bands.
	for l < k.levels && !narrower(k.rate/2/float64(int(3)<<(l-1)), minWidth) {
		l++
	}
	return l
}

// band describes band j of row i.
func (r *KurtogramResult) band(i, j int) KurtogramBand {
	w := r.SampleRate / 2 / float64(len(r.Kurtosis[i]))
	return KurtogramBand{
		Row:      i,
		Level:    r.Levels[i],
		Index:    j,
		Center:   (float64(j) + 0.5) * w,
		Width:    w,
		Kurtosis: r.Kurtosis[i][j],
		nyquist:  r.SampleRate / 2,
	}
}

// Band returns band j of row i of the kurtogram. It panics if i or j is out
// of range.
func (r *KurtogramResult) Band(i, j int) KurtogramBand {
	if i < 0 || i >= len(r.Kurtosis) || j < 0 || j >= len(r.Kurtosis[i]) {
		panic(fmt.Sprintf("features: kurtogram band (%d, %d) out of range", i, j))
	}
	return r.band(i, j)
}

// prepare returns dst shaped for k.depth levels, allocating what it
// lacks. Row i's shape does not depend on the depth, so a dst deeper
// than needed is resliced.
func (k *Kurtogram) prepare(dst *KurtogramResult) *KurtogramResult {
	rows := 2 * k.depth
	if dst == nil {
		dst = &KurtogramResult{}
	}
	dst.SampleRate = k.rate
	if cap(dst.Levels) < rows || cap(dst.Kurtosis) < rows {
		dst.Levels = make([]float64, rows)
		dst.Kurtosis = make([][]float64, rows)
	}
	dst.Levels, dst.Kurtosis = dst.Levels[:rows], dst.Kurtosis[:rows]
	for i := range dst.Levels {
		var lev float64
		var bands int
		switch {
		case i == 0:
			lev, bands = 0, 1
		case i%2 == 1: // binary level (i+1)/2
			l := (i + 1) / 2
			lev, bands = float64(l), 1<<l
		default: // ternary split of binary level i/2-1
			l := i / 2
			lev, bands = float64(l)+math.Log2(3)-1, 3<<(l-1)
		}
		dst.Levels[i] = lev
		if len(dst.Kurtosis[i]) != bands {
			dst.Kurtosis[i] = make([]float64, bands)
		}
	}
	return dst
}

// grow sizes the scratch buffers for signals of n samples.
func (k *Kurtogram) grow(n int) {
	if len(k.inr) >= n {
		return
	}
	k.inr = make([]float64, n)
	k.u = make([]complex128, n+binaryPad)
	k.ur = make([]float64, n+binaryPad)
	k.lo = make([][]complex128, k.levels)
	k.hi = make([][]complex128, k.levels)
	m := n
	for d := range k.lo {
		m /= 2
		k.lo[d] = make([]complex128, m)
		k.hi[d] = make([]complex128, m)
	}
	for b := range k.tern {
		k.tern[b] = make([]complex128, n/3)
	}
}

// FastKurtogram is a one-off fast kurtogram of x sampled at sampleRate Hz
// with the given number of levels; see Kurtogram. It returns an error for
// an invalid levels or sample rate, a signal shorter than 2^(levels+7) samples or a
// non-finite sample.
func FastKurtogram(x []float64, sampleRate float64, levels int) (*KurtogramResult, error) {
	k, err := NewKurtogram(levels, sampleRate)
	if err != nil {
		return nil, err
	}
	return k.Compute(nil, x)
}

// binaryCutoff is the cutoff of the binary prototype, fir1(16, 0.4).
const binaryCutoff = 0.4

// ternaryCutoff is the cutoff of the ternary prototype, fir1(24, 0.8/3).
const ternaryCutoff = 2 * binaryCutoff / 3

// kurtogramFilters returns Antoni's analysis filters h, g (binary split)
// and h1, h2, h3 (ternary split).
func kurtogramFilters() (h, g, h1, h2, h3 []complex128) {
	b := fir1(16, binaryCutoff)
	h = make([]complex128, len(b))
	for m, v := range b {
		h[m] = complex(v, 0) * cmplx.Exp(complex(0, 2*math.Pi*float64(m)*0.125))
	}
	// g[j] = (-1)^(j+1) h[15-j], j = 0..15 (h's last tap is dropped, as in
	// Antoni's h(1+mod(1-n,N)).*(-1).^(1-n), n = 2..N+1).
	g = make([]complex128, 16)
	for j := range g {
		s := complex(1, 0)
		if j%2 == 0 {
			s = -1
		}
		g[j] = s * h[15-j]
	}
	b1 := fir1(24, ternaryCutoff)
	h1 = make([]complex128, len(b1))
	h2 = make([]complex128, len(b1))
	h3 = make([]complex128, len(b1))
	for m, v := range b1 {
		t := float64(m)
		h1[m] = complex(v, 0) * cmplx.Exp(complex(0, 2*math.Pi*t*0.25/3))
		h2[m] = h1[m] * cmplx.Exp(complex(0, 2*math.Pi*t/6))
		h3[m] = h1[m] * cmplx.Exp(complex(0, 2*math.Pi*t/3))
	}
	return h, g, h1, h2, h3
}

// fir1 returns MATLAB's fir1(order, wc): the order+1 taps of a
// Hamming-windowed sinc low-pass filter with cutoff wc (a fraction of the
// Nyquist frequency), scaled to unit gain at 0 Hz (scipy.signal.firwin).
func fir1(order int, wc float64) []float64 {
	b := make([]float64, order+1)
	var sum float64
	for m := range b {
		t := float64(m) - float64(order)/2
		v := wc
		if t != 0 {
			v = math.Sin(math.Pi*wc*t) / (math.Pi * t)
		}
		v *= 0.54 - 0.46*math.Cos(2*math.Pi*float64(m)/float64(order))
		b[m] = v
		sum += v
	}
	for m := range b {
		b[m] /= sum
	}
	return b
}

// kurtosisComplex returns E|c−μ|⁴/(E|c−μ|²)² − 2 over x[skip:], or 0 when
// that is empty or its variance is at most floor.
func kurtosisComplex(x []complex128, skip int, floor float64) float64 {
	if skip >= len(x) {
		return 0
	}
	x = x[skip:]
	var mr, mi float64
	for _, v := range x {
		mr += real(v)
		mi += imag(v)
	}
	inv := 1 / float64(len(x))
	mr *= inv
	mi *= inv
	var m2, m4 float64
	for _, v := range x {
		dr, di := real(v)-mr, imag(v)-mi
		p := dr*dr + di*di
		m2 += p
		m4 += p * p
	}
	return momentRatio(m2, m4, inv, floor)
}

// momentRatio returns m4/m2² − 2 of the mean fourth and second powers
// m4·inv and m2·inv, or 0 when the mean square is at most floor.
func momentRatio(m2, m4, inv, floor float64) float64 {
	m2 *= inv
	m4 *= inv
	if m2 <= floor {
		return 0
	}
	return m4/(m2*m2) - 2
}

// kurtosisReal returns E(x−μ)⁴/(E(x−μ)²)² − 3, or 0 when the variance is
// at most floor: kurtosisComplex of x as complex values less 1, with the
// same arithmetic (the imaginary parts, all zero, add exact zeros).
func kurtosisReal(x []float64, floor float64) float64 {
	var mr float64
	for _, v := range x {
		mr += v
	}
	inv := 1 / float64(len(x))
	mr *= inv
	var m2, m4 float64
	for _, v := range x {
		d := v - mr
		p := d * d
		m2 += p
		m4 += p * p
	}
	k := momentRatio(m2, m4, inv, floor)
	if k == 0 {
		return 0
	}
	return k - 1
}
