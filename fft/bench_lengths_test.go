package fft

import (
	"fmt"
	"testing"
)

// BenchmarkLargePrimeFactor times forward complex transforms of lengths
// with a large prime factor beside a 5-smooth length next to them:
// 65537 (prime; Rader on 2¹⁶) by 65536, 120003 (3·13·17·181; Rader on
// 180) by 120000, and the primes 40009 and 80018 = 2·40009, whose p-1 =
// 8·3·1667 is rough, so they use Bluestein, by 40000 and 80000.
func BenchmarkLargePrimeFactor(b *testing.B) {
	benchForward(b, 65536, 65537, 120000, 120003, 40000, 40009, 80000, 80018)
}

// BenchmarkSevenFactor times forward complex transforms of lengths with a
// factor 7 (44 100 = 2²·3²·5²·7², a second of audio at 44.1 kHz; 4410;
// 49000 = 2³·5³·7²; 28672 = 7·2¹²) beside 5-smooth lengths near them.
func BenchmarkSevenFactor(b *testing.B) {
	benchForward(b, 4410, 4500, 28672, 28800, 44100, 45000, 49000, 48000)
}

// benchForward times the forward complex transform of each length in a
// sub-benchmark of its own.
func benchForward(b *testing.B, ns ...int) {
	for _, n := range ns {
		x := randComplex(n, 1)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			p := must(NewPlan(n))
			w := p.NewWork()
			dst := make([]complex128, n)
			b.ReportAllocs()
			b.SetBytes(int64(16 * n))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				p.ForwardWork(dst, x, w)
			}
		})
	}
}
