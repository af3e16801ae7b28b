package rul

// centredMoments returns the means of the equal-length series a and b and
// their centred sums of squares and cross-products Σ(a−ā)², Σ(a−ā)(b−b̄),
// Σ(b−b̄)².
func centredMoments(a, b []float64) (ma, mb, saa, sab, sbb float64) {
	n := float64(len(a))
	for i := range a {
		ma += a[i]
		mb += b[i]
	}
	ma /= n
	mb /= n
	for i := range a {
		da, db := a[i]-ma, b[i]-mb
		saa += da * da
		sab += da * db
		sbb += db * db
	}
	return ma, mb, saa, sab, sbb
}
