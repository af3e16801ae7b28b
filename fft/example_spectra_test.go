package fft_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/spindle-pdm/spindle/fft"
)

func ExampleNewWindow() {
	w, err := fft.NewWindow(fft.Hann, 8, 0)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v %.4f\n", w.Kind, w.Coef)
	fmt.Printf("coherent gain %.2f, ENBW %.2f bins\n", w.CoherentGain(), w.ENBW())
	// Output:
	// Hann [0.0000 0.1464 0.5000 0.8536 1.0000 0.8536 0.5000 0.1464]
	// coherent gain 0.50, ENBW 1.50 bins
}

func ExampleSpectrum_Amplitude() {
	// One second at 1 kHz: 0.7 g at 50 Hz and 0.2 g at 120 Hz on a 0.1 g offset.
	const fs, n = 1000.0, 1000
	x := make([]float64, n)
	for i := range x {
		t := float64(i) / fs
		x[i] = 0.1 + 0.7*math.Sin(2*math.Pi*50*t) + 0.2*math.Cos(2*math.Pi*120*t)
	}
	w, err := fft.NewWindow(fft.BlackmanHarris, n, 0)
	if err != nil {
		panic(err)
	}
	s, err := fft.NewSpectrum(w)
	if err != nil {
		panic(err)
	}
	amp := s.Amplitude(nil, x)
	freqs := fft.Freqs(nil, n, fs)
	for _, f := range []float64{0, 50, 120} {
		k := fft.Bin(f, fs, n)
		fmt.Printf("%5.1f Hz: %.3f g\n", freqs[k], amp[k])
	}
	// Output:
	//   0.0 Hz: 0.100 g
	//  50.0 Hz: 0.700 g
	// 120.0 Hz: 0.200 g
}

func ExampleWelch_PSD() {
	// Ten seconds at 1024 Hz: a 1 g tone at 100 Hz in white noise of 0.1 g RMS.
	const fs, n = 1024.0, 10240
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, n)
	for i := range x {
		x[i] = math.Sin(2*math.Pi*100*float64(i)/fs) + 0.1*rng.NormFloat64()
	}
	w, err := fft.NewWindow(fft.Hann, 256, 0)
	if err != nil {
		panic(err)
	}
	cfg := fft.WelchConfig{Window: w, Overlap: 128, Detrend: fft.ConstantDetrend}
	density, err := fft.NewWelch(cfg)
	if err != nil {
		panic(err)
	}
	psd, err := density.PSD(nil, x, fs)
	if err != nil {
		panic(err)
	}
	var ms float64 // the integral of the density is the mean square
	for _, v := range psd {
		ms += v * fs / 256
	}
	cfg.Scaling = fft.PowerSpectrum
	power, err := fft.NewWelch(cfg)
	if err != nil {
		panic(err)
	}
	ps, err := power.PSD(nil, x, fs)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d bins, %d segments\n", power.Bins(), power.Segments(n))
	fmt.Printf("mean square %.2f g²\n", ms)
	fmt.Printf("power at 100 Hz %.2f g² (a 1 g sine has 0.5)\n", ps[fft.Bin(100, fs, 256)])
	// Output:
	// 129 bins, 79 segments
	// mean square 0.51 g²
	// power at 100 Hz 0.50 g² (a 1 g sine has 0.5)
}

func ExampleHilbert_Envelope() {
	// A 1 kHz carrier, amplitude-modulated 50% at 10 Hz, sampled at 8 kHz:
	// its envelope swings between 0.5 and 1.5.
	const fs, n = 8000.0, 800
	x := make([]float64, n)
	for i := range x {
		t := float64(i) / fs
		x[i] = (1 + 0.5*math.Cos(2*math.Pi*10*t)) * math.Sin(2*math.Pi*1000*t)
	}
	h, err := fft.NewHilbert(n)
	if err != nil {
		panic(err)
	}
	env := h.Envelope(nil, x)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range env {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	fmt.Printf("envelope from %.3f to %.3f\n", lo, hi)
	// Output:
	// envelope from 0.500 to 1.500
}
