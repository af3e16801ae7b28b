package order

import (
	"math"
	"testing"
	"time"
)

// benchRate is the channel of the benchmarks: 25.6 kHz, in blocks of 1 s.
const benchRate = 25600

// reportRealTime reports how many seconds of signal one core processes per
// second, one op being one 1 s block: x_realtime by the wall clock and
// x_realtime_cpu by the process's CPU time since cpu0 (the two differ when
// other work shares the cores).
func reportRealTime(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "x_realtime")
	if cpu := processCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "x_realtime_cpu")
	}
}

// benchAngle is a shaft at 20 Hz ± 10 % (0.5 Hz swing) through one knot per
// revolution, as a tachometer gives, covering seconds s.
func benchAngle(b *testing.B, seconds int) *ShaftAngle {
	n := 20 * seconds
	tm, rev := make([]float64, n+1), make([]float64, n+1)
	for k := range tm {
		tm[k] = float64(k) / 20
		rev[k] = float64(k) + 2*math.Sin(math.Pi*tm[k])/(20*math.Pi)
	}
	a, err := NewShaftAngle(tm, rev)
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// BenchmarkResampler resamples 1 s blocks of a 25.6 kHz channel to 256
// samples per revolution (anti-alias cutoff 0.4·256·10 Hz = 1024 Hz, 165
// taps) at about 20 Hz.
func BenchmarkResampler(b *testing.B) {
	r, err := NewResampler(ResamplerConfig{SampleRate: benchRate, SamplesPerRev: 256, MinSpeedHz: 10})
	if err != nil {
		b.Fatal(err)
	}
	x := make([]float64, benchRate)
	for i := range x {
		x[i] = math.Sin(float64(i) * 0.1)
	}
	rev := make([]float64, benchRate)
	dst := make([]float64, 0, 8192)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for i := range b.N {
		for j := range rev {
			rev[j] = 20 * float64(i*benchRate+j) / benchRate
		}
		dst, _ = r.Push(dst, x, rev)
	}
	reportRealTime(b, cpu0)
	b.ReportMetric(float64(r.Config().Taps), "taps")
}

// BenchmarkOrderTracking is the steady-state pipeline per 1 s block: the
// shaft angle at each sample from tachometer knots (ShaftAngle.Sample),
// angular resampling and time-synchronous averaging.
func BenchmarkOrderTracking(b *testing.B) {
	const seconds = 64
	angle := benchAngle(b, seconds+1)
	r, err := NewResampler(ResamplerConfig{SampleRate: benchRate, SamplesPerRev: 256, MinSpeedHz: 10})
	if err != nil {
		b.Fatal(err)
	}
	avg := NewAverager(256)
	x := make([]float64, benchRate)
	for i := range x {
		x[i] = math.Sin(float64(i) * 0.1)
	}
	rev := make([]float64, benchRate)
	dst := make([]float64, 0, 8192)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for i := range b.N {
		if i%seconds == 0 && i > 0 {
			r.Reset() // a new record; Reset keeps the buffers
		}
		angle.Sample(rev, float64(i%seconds), benchRate)
		start := r.NextAngle()
		var err error
		if dst, err = r.Push(dst, x, rev); err != nil {
			b.Fatal(err)
		}
		if i%seconds != 0 {
			_ = avg.Add(dst, start)
		}
	}
	reportRealTime(b, cpu0)
}

// BenchmarkAverager adds 1 s of angle-domain samples (20 Hz × 256 samples
// per revolution) to a time-synchronous average.
func BenchmarkAverager(b *testing.B) {
	avg := NewAverager(256)
	x := make([]float64, 20*256)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := processCPU()
	for range b.N {
		_ = avg.Add(x, 0)
	}
	reportRealTime(b, cpu0)
}

// BenchmarkGearIndicators computes the indicators of one 256-sample TSA.
func BenchmarkGearIndicators(b *testing.B) {
	g, err := NewGearAnalyzer(256, GearConfig{Teeth: 19})
	if err != nil {
		b.Fatal(err)
	}
	tsa := make([]float64, 256)
	for i := range tsa {
		tsa[i] = math.Cos(2*math.Pi*19*float64(i)/256) + 0.1*math.Sin(float64(i*i))
	}
	var trend GearTrend
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := g.Indicators(tsa, &trend); err != nil {
			b.Fatal(err)
		}
	}
}
