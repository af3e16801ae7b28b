package bearing_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"
)

// BenchmarkDiagnose times one diagnosis (raw, kurtogram and CPW envelope
// methods, four fault types) of a simulated inner-race signal at 12 kHz,
// reusing the result (DiagnoseTo) as a service logging every window would.
func BenchmarkDiagnose(b *testing.B) {
	for _, n := range []int{30000, 120000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			x := simulate(b, fault.InnerRace, 0, float64(n)/12000, 1)
			dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
			if err != nil {
				b.Fatal(err)
			}
			br := simBearing(b)
			d, err := dg.DiagnoseTo(nil, x, 12000, simShaft, br)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.SetBytes(int64(8 * n))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := dg.DiagnoseTo(d, x, 12000, simShaft, br); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDiagnoseAfterGC is BenchmarkDiagnose at 30 000 samples with a
// garbage collection forced before every op, outside the timer: the
// Diagnoser's analyzers own their FFT scratch and survive GCs, so a
// steady stream of diagnoses allocates nothing (B/op must be 0).
func BenchmarkDiagnoseAfterGC(b *testing.B) {
	const n = 30000
	x := simulate(b, fault.InnerRace, 0, float64(n)/12000, 1)
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	if err != nil {
		b.Fatal(err)
	}
	br := simBearing(b)
	d, err := dg.DiagnoseTo(nil, x, 12000, simShaft, br)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		if _, err := dg.DiagnoseTo(d, x, 12000, simShaft, br); err != nil {
			b.Fatal(err)
		}
	}
}
