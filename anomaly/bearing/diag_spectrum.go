package bearing

import (
	"math"
	"slices"
)

// maxDB bounds every prominence a Diagnosis reports, so that a zero floor
// (an exactly periodic or zero signal) gives a large finite number, never
// ±Inf, and the result stays JSON-serialisable.
const maxDB = 200.0

// lineSpectrum is a squared-envelope spectrum normalised by its own local
// noise floor: db[k] = 20·log10(S[k]/floor[k]) for bins 1..len(db)-1, the
// floor being the running median of S over ±half bins. Under the null
// hypothesis of a noise-like envelope the SES bins are Rayleigh distributed
// about their median, so P(db ≥ x) ≈ exp(−ln2·10^(x/10)): 6 dB is exceeded by
// 6 % of the bins, 10 dB by 0.1 %, 15 dB by 3·10⁻¹⁰. The decibel thresholds
// of DiagnoserConfig are read on that scale.
type lineSpectrum struct {
	df float64   // bin spacing, Hz
	db []float64 // prominence of every bin over the local floor, dB
}

// normalize fills s.db[0:kmax+1] from the spectrum spec (len(spec) > kmax)
// with a running median floor over ±half bins (bin 0, the mean, is left
// out of every window), using win (capacity ≥ 2·half+1) as scratch. It
// returns win for reuse.
func (s *lineSpectrum) normalize(spec []float64, df float64, kmax, half int, win []float64) []float64 {
	s.df = df
	if cap(s.db) < kmax+1 {
		s.db = make([]float64, kmax+1)
	}
	s.db = s.db[:kmax+1]
	s.db[0] = 0
	last := len(spec) - 1
	win = win[:0]
	// The window of bin k is [max(1, k-half), min(last, k+half)].
	lo, hi := 1, 0
	for k := 1; k <= kmax; k++ {
		for nlo := max(1, k-half); lo < nlo; lo++ {
			win = removeSorted(win, spec[lo])
		}
		for nhi := min(last, k+half); hi < nhi; {
			hi++
			win = insertSorted(win, spec[hi])
		}
		s.db[k] = ratioDB(spec[k], sortedMedian(win))
	}
	return win
}

// ratioDB returns 20·log10(v/floor) bounded to ±maxDB.
func ratioDB(v, floor float64) float64 {
	switch {
	case v <= 0 && floor <= 0:
		return 0
	case floor <= 0:
		return maxDB
	case v <= 0:
		return -maxDB
	}
	return max(-maxDB, min(maxDB, 20*math.Log10(v/floor)))
}

func insertSorted(w []float64, v float64) []float64 {
	return slices.Insert(w, searchSorted(w, v), v)
}

func removeSorted(w []float64, v float64) []float64 {
	i := searchSorted(w, v)
	if i == len(w) || w[i] != v { // cannot happen: v was inserted
		return w
	}
	return slices.Delete(w, i, i+1)
}

// searchSorted returns the first index i of the sorted w with w[i] ≥ v
// (len(w) if none): slices.BinarySearch for spectra, which hold no NaN,
// without its NaN-aware comparison.
func searchSorted(w []float64, v float64) int {
	lo, hi := 0, len(w)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if w[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// sortedMedian returns the median of the sorted window w (0 when empty).
func sortedMedian(w []float64) float64 {
	n := len(w)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return w[n/2]
	}
	return (w[n/2-1] + w[n/2]) / 2
}

// peakNear returns the bin of greatest prominence within ±half bins of the
// frequency f Hz, and that prominence; ok is false when the bins lie
// outside the spectrum.
func (s *lineSpectrum) peakNear(f float64, half int) (bin int, db float64, ok bool) {
	c := int(math.Round(f / s.df))
	lo, hi := max(1, c-half), min(len(s.db)-1, c+half)
	if lo > hi || c-half < 1 || c+half > len(s.db)-1 {
		return 0, 0, false
	}
	bin, db = lo, s.db[lo]
	for k := lo + 1; k <= hi; k++ {
		if s.db[k] > db {
			bin, db = k, s.db[k]
		}
	}
	return bin, db, true
}

// combFit finds the fundamental f (Hz) within f0·(1 ± tol) whose harmonic
// comb h·f, h = 1..harmonics, collects the greatest total positive
// prominence, each harmonic's contribution capped at capDB (a single huge
// line must not outweigh a series). Harmonic h is searched within ±⌈h/2⌉
// bins of h·f, which covers the fundamental's bin grid. It returns the
// fitted fundamental, or 0 when the band lies outside the spectrum.
func (s *lineSpectrum) combFit(f0, tol float64, harmonics int, capDB float64) float64 {
	k0 := int(math.Ceil(f0 * (1 - tol) / s.df))
	k1 := int(math.Floor(f0 * (1 + tol) / s.df))
	best, bestScore := 0.0, math.Inf(-1)
	for k := max(k0, 1); k <= k1; k++ {
		f := float64(k) * s.df
		if _, _, ok := s.peakNear(f, 1); !ok {
			continue
		}
		var score float64
		for h := 1; h <= harmonics; h++ {
			_, db, ok := s.peakNear(float64(h)*f, (h+1)/2)
			if !ok {
				break
			}
			score += min(max(db, 0), capDB)
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	return best
}
