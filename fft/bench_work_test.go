package fft

import (
	"fmt"
	"testing"
)

// BenchmarkAfterGC runs one forward transform per iteration with two
// garbage collections before it (outside the timer; see gcTwice), through
// the pooled method and through the …Work method. The pool is emptied
// every time, so its B/op is the scratch it allocates again; the Work path
// must report 0 B/op.
func BenchmarkAfterGC(b *testing.B) {
	for _, n := range []int{65536, 1 << 20} {
		x, xr := randComplex(n, 1), randReal(n, 1)
		p, rp := must(NewPlan(n)), must(NewRealPlan(n))
		pw, rw := p.NewWork(), rp.NewWork()
		dst := make([]complex128, n)
		bins := dst[:rp.Bins()]
		runs := []struct {
			name string
			f    func()
		}{
			{"Plan/pool", func() { p.Forward(dst, x) }},
			{"Plan/work", func() { p.ForwardWork(dst, x, pw) }},
			{"RealPlan/pool", func() { rp.Forward(bins, xr) }},
			{"RealPlan/work", func() { rp.ForwardWork(bins, xr, rw) }},
		}
		for _, r := range runs {
			b.Run(fmt.Sprintf("n=%d/%s", n, r.name), func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					gcTwice()
					b.StartTimer()
					r.f()
				}
			})
		}
	}
}
