package features

import (
	"fmt"
	"math"
	"sort"
)

// Peak is a local maximum of a sequence, as found by FindPeaks.
type Peak struct {
	Index      int     // sample index (the middle sample of a flat top, rounded down)
	Value      float64 // x[Index]
	Prominence float64 // height above the higher of the two bases
	LeftBase   int     // index of the lowest sample between the peak and the nearest higher sample (or window edge) on the left
	RightBase  int     // as LeftBase, on the right
}

// PeakOptions are the conditions a local maximum must meet to be returned
// by FindPeaks; they mirror the arguments of scipy.signal.find_peaks. The
// zero value imposes none.
type PeakOptions struct {
	// Height, when UseHeight is set, is the smallest peak value kept.
	Height    float64
	UseHeight bool
	// MinProminence is the smallest prominence kept; 0 keeps every peak.
	MinProminence float64
	// MinDistance is the smallest spacing in samples between kept peaks:
	// peaks are taken in order of decreasing value and each removes the
	// lower peaks closer than MinDistance (scipy's `distance`). 0 or 1
	// keeps every peak.
	MinDistance int
	// Wlen limits the prominence search to the samples within Index ±
	// Wlen/2 (integer division), as scipy's `wlen` does. 0 means the whole
	// sequence.
	Wlen int
}

func (o PeakOptions) check() {
	switch {
	case o.UseHeight && math.IsNaN(o.Height):
		panic("features: PeakOptions.Height is NaN")
	case !(o.MinProminence >= 0):
		panic(fmt.Sprintf("features: PeakOptions.MinProminence %v, need ≥ 0", o.MinProminence))
	case o.MinDistance < 0:
		panic(fmt.Sprintf("features: PeakOptions.MinDistance %d, need ≥ 0", o.MinDistance))
	case o.Wlen < 0 || o.Wlen == 1:
		panic(fmt.Sprintf("features: PeakOptions.Wlen %d, need 0 or ≥ 2", o.Wlen))
	}
}

// FindPeaks returns the local maxima of x that meet opts, in increasing
// index order, with the same results as scipy.signal.find_peaks(x,
// height=, distance=, prominence=, wlen=) (scipy 1.10): a peak is a sample
// greater than its left neighbour and not less than its right, a flat top
// counting once at its middle sample; the first and last samples are never
// peaks. Conditions apply in scipy's order: height, then distance, then
// prominence. Prominence follows scipy.signal.peak_prominences: from the
// peak, extend left and right until a higher sample or the end of the
// window; the bases are the lowest points on each side, and the prominence
// is the peak value minus the higher base.
//
// NaN samples are never peaks, nor are their neighbours, and a NaN ends a
// prominence search like a higher sample, all as in scipy. FindPeaks panics if opts is invalid (negative MinDistance or
// MinProminence, Wlen of 1 or negative, NaN Height).
func FindPeaks(x []float64, opts PeakOptions) []Peak {
	opts.check()
	var peaks []Peak
	for i := 1; i < len(x)-1; {
		if !(x[i-1] < x[i]) {
			i++
			continue
		}
		ahead := i + 1
		for ahead < len(x)-1 && x[ahead] == x[i] {
			ahead++
		}
		if x[ahead] < x[i] {
			peaks = append(peaks, Peak{Index: (i + ahead - 1) / 2, Value: x[i]})
			i = ahead
		} else {
			i++
		}
	}
	if opts.UseHeight {
		peaks = filterPeaks(peaks, func(p *Peak) bool { return p.Value >= opts.Height })
	}
	if opts.MinDistance > 1 && len(peaks) > 1 {
		peaks = selectByDistance(peaks, opts.MinDistance)
	}
	for k := range peaks {
		prominence(x, &peaks[k], opts.Wlen)
	}
	if opts.MinProminence > 0 {
		peaks = filterPeaks(peaks, func(p *Peak) bool { return p.Prominence >= opts.MinProminence })
	}
	return peaks
}

// TopPeaks returns the k highest local maxima of x at least minDistance
// samples apart, highest first (ties: lower index first). It is FindPeaks
// with MinDistance, sorted by value and truncated: the tool for picking the
// k strongest spectral lines without counting one line's shoulders twice.
// It panics if k < 0 or minDistance < 0.
func TopPeaks(x []float64, k, minDistance int) []Peak {
	if k < 0 {
		panic(fmt.Sprintf("features: TopPeaks k = %d, need ≥ 0", k))
	}
	p := FindPeaks(x, PeakOptions{MinDistance: minDistance})
	sort.SliceStable(p, func(i, j int) bool { return p[i].Value > p[j].Value })
	if len(p) > k {
		p = p[:k:k]
	}
	return p
}

func filterPeaks(p []Peak, keep func(*Peak) bool) []Peak {
	out := p[:0]
	for i := range p {
		if keep(&p[i]) {
			out = append(out, p[i])
		}
	}
	return out
}

// selectByDistance is scipy's _select_by_peak_distance: visit peaks from the
// highest down (ties: the later peak first, as scipy's argsort ordering
// gives) and remove every lower-priority neighbour closer than d.
func selectByDistance(p []Peak, d int) []Peak {
	order := make([]int, len(p))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]].Value < p[order[b]].Value })
	removed := make([]bool, len(p))
	for i := len(order) - 1; i >= 0; i-- {
		j := order[i]
		if removed[j] {
			continue
		}
		for k := j - 1; k >= 0 && p[j].Index-p[k].Index < d; k-- {
			removed[k] = true
		}
		for k := j + 1; k < len(p) && p[k].Index-p[j].Index < d; k++ {
			removed[k] = true
		}
	}
	out := p[:0]
	for i := range p {
		if !removed[i] {
			out = append(out, p[i])
		}
	}
	return out
}

// prominence fills the prominence and bases of pk, searching x within
// pk.Index ± wlen/2 when wlen > 0 (scipy's _peak_prominences).
func prominence(x []float64, pk *Peak, wlen int) {
	lo, hi := 0, len(x)-1
	if wlen >= 2 {
		lo = max(pk.Index-wlen/2, 0)
		hi = min(pk.Index+wlen/2, hi)
	}
	v := x[pk.Index]
	pk.LeftBase, pk.RightBase = pk.Index, pk.Index
	leftMin, rightMin := v, v
	for i := pk.Index; i >= lo && x[i] <= v; i-- {
		if x[i] < leftMin {
			leftMin, pk.LeftBase = x[i], i
		}
	}
	for i := pk.Index; i <= hi && x[i] <= v; i++ {
		if x[i] < rightMin {
			rightMin, pk.RightBase = x[i], i
		}
	}
	pk.Prominence = v - max(leftMin, rightMin)
}
