package fft

import (
	"fmt"
	"testing"
)

// BenchmarkPadConv times one padded convolution of length m with a
// half-length input as padConv runs it ("split": four transforms of m/2)
// and as two transforms of m with the kernel product between ("whole"),
// the way padConv chose.
func BenchmarkPadConv(b *testing.B) {
	for _, m := range []int{4096, 16384, 65536, 131072, 196608, 262144, 327680, 524288, 655360, 1 << 20, 1310720, 1 << 21} {
		x := randComplex(m/2, 3)
		b.Run(fmt.Sprintf("m=%d/split", m), func(b *testing.B) {
			c := newPadConv(randComplex(m, 2))
			buf := make([]complex128, m)
			work := make([]complex128, c.workLen())
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				copy(buf, x)
				c.run(buf, len(x), work)
			}
		})
		b.Run(fmt.Sprintf("m=%d/whole", m), func(b *testing.B) {
			p := newPlan(m)
			kern := randComplex(m, 2)
			buf := make([]complex128, m)
			work := make([]complex128, p.work)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				copy(buf, x)
				clear(buf[len(x):])
				p.exec(buf, buf, work)
				conjProduct(buf, kern)
				p.exec(buf, buf, work)
			}
		})
	}
}
