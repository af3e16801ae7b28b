package features_test

import (
	"fmt"
	"math"
	"math/rand"
	"sort"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/fft"
)

// outerRaceSignal simulates n samples at rate Hz of a bearing with an
// outer-race defect: an impact every 1/bpfo seconds ringing a 3 kHz
// structural resonance, under a strong shaft tone and white noise.
func outerRaceSignal(n int, rate, shaft, bpfo float64) []float64 {
	rng := rand.New(rand.NewSource(42))
	x := make([]float64, n)
	for i := range x {
		t := float64(i) / rate
		x[i] = 0.5*math.Sin(2*math.Pi*shaft*t) + 0.2*rng.NormFloat64()
	}
	for t0 := 0.0; ; t0 += 1 / bpfo {
		s := int(t0 * rate)
		if s+120 >= n {
			break
		}
		for j := 0; j < 120; j++ {
			t := float64(j) / rate
			x[s+j] += math.Exp(-t*900) * math.Sin(2*math.Pi*3000*t)
		}
	}
	return x
}

// Diagnose a simulated outer-race fault: choose the band with the fast
// kurtogram, take the squared-envelope spectrum of that band and measure
// the fault bands of the bearing's kinematic frequencies.
func Example_envelopeDiagnosis() {
	const (
		rate = 12000.0
		n    = 1 << 16
	)
	b, _ := features.LookupBearing("6205-2RS")
	d, _ := b.DefectFrequencies(1797.0 / 60)
	x := outerRaceSignal(n, rate, d.ShaftHz, d.BPFO)

	kg, err := features.FastKurtogram(x, rate, 5)
	if err != nil {
		panic(err)
	}
	band := kg.BestBand(500, rate/4) // wide enough for sidebands, not the raw signal
	fmt.Printf("kurtogram band: %.0f-%.0f Hz\n", band.Lo(), band.Hi())

	a, err := features.NewEnvelopeAnalyzer(n, rate)
	if err != nil {
		panic(err)
	}
	ses, err := a.SES(nil, x, band.Lo(), band.Hi())
	if err != nil {
		panic(err)
	}
	bands, err := features.FaultBands(d, features.BandConfig{Harmonics: 1})
	if err != nil {
		panic(err)
	}
	for _, fb := range bands {
		m, err := features.MeasureBand(ses, a.Resolution(), fb, features.FloorConfig{})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-5v expected %6.2f Hz, peak %6.2f Hz, %5.1f dB over floor, found %v\n",
			fb.Fault.Line(), fb.Center, m.PeakFreq, m.Prominence, math.Abs(m.Error) < 0.01 && m.Prominence >= 10)
	}
	// Output:
	// kurtogram band: 2000-4000 Hz
	// BPFO  expected 107.36 Hz, peak 107.30 Hz,  37.8 dB over floor, found true
	// BPFI  expected 162.19 Hz, peak 164.25 Hz,   7.6 dB over floor, found false
	// 2xBSF expected 141.17 Hz, peak 139.53 Hz,   6.2 dB over floor, found false
	// FTF   expected  11.93 Hz, peak  11.90 Hz,   3.5 dB over floor, found false
}

// An amplitude-modulated carrier has a squared envelope with a line of
// twice the modulation depth at the modulation frequency.
func ExampleEnvelopeAnalyzer_SES() {
	const (
		n    = 4096
		rate = 4096.0 // 1 Hz bins
	)
	x := make([]float64, n)
	for i := range x {
		t := float64(i) / rate
		x[i] = (1 + 0.3*math.Cos(2*math.Pi*40*t)) * math.Cos(2*math.Pi*1000*t)
	}
	a, err := features.NewEnvelopeAnalyzer(n, rate)
	if err != nil {
		panic(err)
	}
	ses := make([]float64, a.Bins()) // reused: no allocation per call
	if _, err := a.SES(ses, x, 800, 1200); err != nil {
		panic(err)
	}
	fmt.Printf("40 Hz: %.3f, 80 Hz: %.3f, 60 Hz: %.3f\n", ses[40], ses[80], ses[60])
	// Output:
	// 40 Hz: 0.600, 80 Hz: 0.045, 60 Hz: 0.000
}

// Fault bands of the CWRU drive-end bearing at 1797 rpm: three harmonics of
// BPFI with the ±shaft-speed sidebands.
func ExampleFaultBands() {
	b, _ := features.LookupBearing("6205-2RS")
	d, _ := b.DefectFrequencies(1797.0 / 60)
	bands, err := features.FaultBands(d, features.BandConfig{
		Harmonics: 2, Sidebands: 1, Tolerance: 0.01, Faults: []fault.Kind{fault.InnerRace},
	})
	if err != nil {
		panic(err)
	}
	for _, fb := range bands {
		fmt.Println(fb)
	}
	// Output:
	// BPFI h1-1 [130.9, 133.6] Hz
	// BPFI h1 [160.6, 163.8] Hz
	// BPFI h1+1 [190.2, 194.1] Hz
	// BPFI h2-1 [291.5, 297.4] Hz
	// BPFI h2 [321.1, 327.6] Hz
	// BPFI h2+1 [350.8, 357.9] Hz
}

// Cepstrum pre-whitening flattens the spectrum: a strong tone no longer
// dominates, and the envelope of the impacts comes forward.
func ExampleCepstrumWhitener() {
	const (
		rate = 12000.0
		n    = 1 << 15
	)
	x := outerRaceSignal(n, rate, 29.95, 107.37)
	w, err := features.NewCepstrumWhitener(n)
	if err != nil {
		panic(err)
	}
	xw, err := w.Whiten(nil, x)
	if err != nil {
		panic(err)
	}
	spec, err := fft.NewSpectrum(mustWindow(fft.Rectangular, n))
	if err != nil {
		panic(err)
	}
	before, after := spec.Amplitude(nil, x), spec.Amplitude(nil, xw)
	k := int(math.Round(29.95 * n / rate))
	fmt.Printf("shaft tone over the median bin: %.0f dB\n", 20*math.Log10(before[k]/medianOf(before)))
	flat, med := true, medianOf(after)
	for _, v := range after[1 : len(after)-1] {
		flat = flat && math.Abs(v/med-1) < 1e-9
	}
	fmt.Println("after whitening, every bin equals the median:", flat)
	// Output:
	// shaft tone over the median bin: 48 dB
	// after whitening, every bin equals the median: true
}

// Spectral kurtosis locates the band where impacts ring. The window must be
// shorter than the interval between impacts (here 32 samples, 2.7 ms,
// against 9.3 ms), or every frame holds an impact and SK drops.
func ExampleSpectralKurtosis() {
	const (
		rate = 12000.0
		l    = 32
	)
	x := outerRaceSignal(1<<16, rate, 29.95, 107.37)
	s, err := features.NewSpectralKurtosis(mustWindow(fft.Hann, l, 0), l/4)
	if err != nil {
		panic(err)
	}
	sk, err := s.Compute(nil, x)
	if err != nil {
		panic(err)
	}
	best := 2 // away from DC and Nyquist, where SK is biased (see SpectralKurtosis)
	for k := 2; k < len(sk)-2; k++ {
		if sk[k] > sk[best] {
			best = k
		}
	}
	fmt.Printf("SK peaks at %.0f Hz: %.1f\n", float64(best)*rate/l, sk[best])
	// Output:
	// SK peaks at 3000 Hz: 1.6
}

func mustWindow(kind fft.WindowKind, n int, param ...float64) *fft.Window {
	p := 0.0
	if len(param) > 0 {
		p = param[0]
	}
	w, err := fft.NewWindow(kind, n, p)
	if err != nil {
		panic(err)
	}
	return w
}

func medianOf(x []float64) float64 {
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	return s[len(s)/2]
}
