package fft

import (
	"fmt"
	"strings"
	"testing"
)

// realPlanWith returns the real plan of length n with its half-length
// complex plan built from the given radices instead of factorize's.
func realPlanWith(n int, radices []int) *RealPlan {
	p := newRealPlan(n)
	m := n / 2
	h := &Plan{n: m, work: m, stages: newStages(m, radices)}
	p.half, p.work = h, m+h.work
	p.pool.nc = p.work
	return p
}

// BenchmarkFactorOrders times real transforms whose half-length plans use
// factorize's radices (listed first) against the alternatives it was
// chosen over: 8·4^a against 8·8·4^a·8 for odd powers of two, 8·2 against
// 4·4 for a factor 2⁴ beside odd factors. 262144 and 20000 were not used
// to choose.
func BenchmarkFactorOrders(b *testing.B) {
	for _, c := range []struct {
		n       int
		radices [][]int
	}{
		{4096, [][]int{{8, 4, 4, 4, 4}, {8, 8, 4, 8}}},
		{65536, [][]int{{8, 4, 4, 4, 4, 4, 4}, {8, 8, 4, 4, 4, 8}}},
		{262144, [][]int{{8, 4, 4, 4, 4, 4, 4, 4}, {8, 8, 4, 4, 4, 4, 8}}},
		{12000, [][]int{{8, 2, 3, 5, 5, 5}, {4, 4, 3, 5, 5, 5}}},
		{20000, [][]int{{8, 2, 5, 5, 5, 5}, {4, 4, 5, 5, 5, 5}}},
	} {
		x := randReal(c.n, 1)
		for _, r := range c.radices {
			b.Run(orderName(c.n, r), func(b *testing.B) {
				p := realPlanWith(c.n, r)
				w, dst := p.NewWork(), make([]complex128, p.Bins())
				b.ReportAllocs()
				b.SetBytes(int64(8 * c.n))
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					p.ForwardWork(dst, x, w)
				}
			})
		}
	}
}

// orderName names a sub-benchmark of BenchmarkFactorOrders.
func orderName(n int, radices []int) string {
	return fmt.Sprintf("n=%d/radices=%s", n, strings.Trim(strings.ReplaceAll(fmt.Sprint(radices), " ", "."), "[]"))
}

// BenchmarkFactorOrdersComplex times complex transforms of factorize's
// radices (listed first) against 8·4^a·8 for the even powers of two it
// turns into radix 4 only; 102400 and 49152 were not used to choose.
func BenchmarkFactorOrdersComplex(b *testing.B) {
	for _, c := range []struct {
		n       int
		radices [][]int
	}{
		{4096, [][]int{{4, 4, 4, 4, 4, 4}, {8, 4, 4, 4, 8}}},
		{65536, [][]int{{4, 4, 4, 4, 4, 4, 4, 4}, {8, 4, 4, 4, 4, 4, 8}}},
		{20480, [][]int{{4, 4, 4, 4, 4, 4, 5}, {8, 4, 4, 4, 8, 5}}},
		{102400, [][]int{{4, 4, 4, 4, 4, 4, 5, 5}, {8, 4, 4, 4, 8, 5, 5}}},
		{49152, [][]int{{4, 4, 4, 4, 4, 4, 4, 3}, {8, 4, 4, 4, 4, 8, 3}}},
	} {
		x := randComplex(c.n, 1)
		for _, r := range c.radices {
			b.Run(orderName(c.n, r), func(b *testing.B) {
				p := &Plan{n: c.n, work: c.n, stages: newStages(c.n, r)}
				p.pool.nc = p.work
				w, dst := p.NewWork(), make([]complex128, c.n)
				b.ReportAllocs()
				b.SetBytes(int64(16 * c.n))
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					p.ForwardWork(dst, x, w)
				}
			})
		}
	}
}

// TestFactorOrdersAgree checks that the plans of BenchmarkFactorOrders
// compute the same transform, so that the benchmark compares like with
// like.
func TestFactorOrdersAgree(t *testing.T) {
	for _, c := range []struct {
		n       int
		radices []int
	}{{4096, []int{8, 8, 4, 8}}, {65536, []int{8, 8, 4, 4, 4, 8}}, {12000, []int{4, 4, 3, 5, 5, 5}}} {
		x := randReal(c.n, 2)
		want := must(NewRealPlan(c.n)).Forward(nil, x)
		got := realPlanWith(c.n, c.radices).Forward(nil, x)
		if d := maxAbsDiff(got, want); d > 1e-12*maxAbs(want) {
			t.Errorf("n=%d radices %v: differs by %g", c.n, c.radices, d)
		}
	}
}
