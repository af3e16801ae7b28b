package fft

import (
	"fmt"
	"testing"
)

// BenchmarkAfterGC runs every method that needs scratch once per
// iteration, with two garbage collections before it (outside the timer;
// see gcTwice), through the pooled method ("pool") and through its …Work
// twin ("work"); the cases are those of workCases. The pool is emptied
// every time, so its B/op is the scratch it allocates again; the Work path
// reports 0 B/op.
func BenchmarkAfterGC(b *testing.B) {
	for _, n := range []int{65536, 1 << 20} {
		for _, c := range workCases(b, n) {
			for _, r := range []struct {
				name string
				f    func()
			}{{"pool", c.plain}, {"work", c.viaWk}} {
				b.Run(fmt.Sprintf("n=%d/%s/%s", n, c.name, r.name), func(b *testing.B) {
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
}
