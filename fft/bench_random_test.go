package fft

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// nearestSmooth returns the 2,3,5-smooth length nearest to n (the smaller
// on a tie).
func nearestSmooth(n int) int {
	isSmooth := func(m int) bool {
		for _, f := range []int{2, 3, 5} {
			for m%f == 0 {
				m /= f
			}
		}
		return m == 1
	}
	for d := 0; ; d++ {
		if isSmooth(n - d) {
			return n - d
		}
		if isSmooth(n + d) {
			return n + d
		}
	}
}

// randomLengths returns count lengths drawn uniformly from [2, 2²⁰] with a
// fixed seed, for BenchmarkRandomLengths.
func randomLengths(count int) []int {
	rng := rand.New(rand.NewPCG(20, 1))
	ns := make([]int, 0, count)
	for len(ns) < count {
		ns = append(ns, 2+rng.IntN(1<<20-1))
	}
	return ns
}

// BenchmarkRandomLengths times the forward complex transform of 30
// random lengths n ≤ 2²⁰ (fixed seed) against the 2,3,5-smooth length
// nearest to each, alternating the two in every iteration so that both see
// the same load. ns/op is the time of the pair; the metric "ratio" is
// time(n)/time(smooth), which the planner aims to keep below 4.
func BenchmarkRandomLengths(b *testing.B) {
	for _, n := range randomLengths(30) {
		m := nearestSmooth(n)
		b.Run(fmt.Sprintf("n=%d/smooth=%d", n, m), func(b *testing.B) {
			pn, pm := must(NewPlan(n)), must(NewPlan(m))
			wn, wm := pn.NewWork(), pm.NewWork()
			xn, xm := randComplex(n, 1), randComplex(m, 1)
			dn, dm := make([]complex128, n), make([]complex128, m)
			b.ReportAllocs()
			b.ResetTimer()
			var tn, tm time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				pn.ForwardWork(dn, xn, wn)
				t1 := time.Now()
				pm.ForwardWork(dm, xm, wm)
				tn, tm = tn+t1.Sub(t0), tm+time.Since(t1)
			}
			b.ReportMetric(float64(tn)/float64(tm), "ratio")
		})
	}
}
