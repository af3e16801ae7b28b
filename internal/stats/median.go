// Package stats holds small order statistics shared by Spindle's packages.
// It imports only the standard library.
package stats

import "math"

// MedianInPlace returns the median of a (mean of the two middle values for
// even lengths), reordering a; expected O(len(a)).
func MedianInPlace(a []float64) float64 {
	n := len(a)
	k := n / 2
	hi := SelectKth(a, k)
	if n%2 == 1 {
		return hi
	}
	lo := a[0]
	for _, v := range a[1:k] {
		lo = math.Max(lo, v)
	}
	return lo + (hi-lo)/2
}

// SelectKth partially sorts a so that a[k] holds the k-th smallest value,
// a[:k] the smaller ones, and returns a[k] (Hoare's selection with
// median-of-three pivots).
func SelectKth(a []float64, k int) float64 {
	lo, hi := 0, len(a)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k]
		}
	}
	return a[k]
}
