package features

import (
	"runtime"
	"testing"

	"github.com/spindle-pdm/spindle/fft"
)

// BenchmarkAfterGC runs each steady-state analysis once per op with a
// garbage collection forced before every op, outside the timer: the FFT
// users own their scratch (fft.Work) rather than drawing it from the
// plans' sync.Pools, which a GC empties, so B/op must stay 0.
func BenchmarkAfterGC(b *testing.B) {
	const n, rate = 30000, 12000
	x := benchSignal(n)
	env := must(NewEnvelopeAnalyzer(n, rate))
	ses := make([]float64, env.Bins())
	cpw := must(NewCepstrumWhitener(n))
	wx := make([]float64, n)
	kg := must(NewKurtogram(6, rate))
	kr := must(kg.Compute(nil, x))
	med := must(NewMEDFilter(n, 64, 30))
	mx := make([]float64, n)
	win := must(fft.NewWindow(fft.Hann, 256, 0))
	sk := must(NewSpectralKurtosis(win, 64))
	skd := make([]float64, sk.Bins())
	cases := []struct {
		name string
		run  func() error
	}{
		{"SES", func() error { _, err := env.SES(ses, x, 2000, 4000); return err }},
		{"SquaredEnvelope", func() error { _, err := env.SquaredEnvelope(wx, x, 2000, 4000); return err }},
		{"CepstrumWhiten", func() error { _, err := cpw.Whiten(wx, x); return err }},
		{"RealCepstrum", func() error { _, err := cpw.RealCepstrum(wx, x); return err }},
		{"Kurtogram", func() error { _, err := kg.Compute(kr, x); return err }},
		{"MED", func() error { _, err := med.Deconvolve(mx, x); return err }},
		{"SpectralKurtosis", func() error { _, err := sk.Compute(skd, x); return err }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			if err := c.run(); err != nil { // warm
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				runtime.GC()
				b.StartTimer()
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
