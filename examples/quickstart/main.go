// Command quickstart is Spindle's first run: it synthesises one second of
// bearing vibration (shaft harmonics and an outer-race fault tone in
// noise), computes its Hann-windowed amplitude spectrum and names the
// peaks it finds.
package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/spindle-pdm/spindle/fft"
)

const (
	fs    = 12000.0 // sample rate, Hz
	n     = 12000   // one second: 1 Hz bins
	shaft = 29.95   // shaft speed, Hz (1797 rpm)
)

// tone is a sinusoidal component of the simulated vibration.
type tone struct {
	name string
	f, a float64 // frequency in Hz, amplitude in g
}

var tones = []tone{
	{"1x shaft", shaft, 0.20},
	{"2x shaft", 2 * shaft, 0.08},
	{"3x shaft", 3 * shaft, 0.04},
	{"outer-race fault (BPFO, 3.5848x shaft)", 3.5848 * shaft, 0.05},
}

func main() {
	// Simulate: the tones plus 0.02 g RMS of white noise, seeded.
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, n)
	for i := range x {
		t := float64(i) / fs
		for _, tn := range tones {
			x[i] += tn.a * math.Sin(2*math.Pi*tn.f*t)
		}
		x[i] += 0.02 * rng.NormFloat64()
	}

	// Analyse: a Hann-windowed amplitude spectrum reads a tone's amplitude
	// in g (up to 15% low for a tone half-way between bins).
	w, err := fft.NewWindow(fft.Hann, n, 0)
	if err != nil {
		panic(err)
	}
	amp := fft.NewSpectrum(w).Amplitude(nil, x)
	freqs := fft.Freqs(nil, n, fs)

	// Report: the five largest local maxima above 0.01 g, named by the
	// tone whose nearest bin they are.
	var peaks []int
	for k := 1; k+1 < len(amp); k++ {
		if amp[k] > 0.01 && amp[k] > amp[k-1] && amp[k] >= amp[k+1] {
			peaks = append(peaks, k)
		}
	}
	sort.Slice(peaks, func(i, j int) bool { return amp[peaks[i]] > amp[peaks[j]] })
	peaks = peaks[:min(len(peaks), 5)]
	fmt.Printf("Top peaks in 1 s of simulated vibration at %.0f Hz (Hann window, %.0f Hz bins):\n", fs, fs/n)
	for _, k := range peaks {
		name := "unknown"
		for _, tn := range tones {
			if fft.Bin(tn.f, fs, n) == k {
				name = tn.name
			}
		}
		fmt.Printf("  %8.2f Hz  %.3f g  %s\n", freqs[k], amp[k], name)
	}
}
