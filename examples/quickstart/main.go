// Command quickstart is Spindle's first run: it synthesises a vibration
// signal (shaft harmonics plus a bearing tone in noise), computes its
// amplitude spectrum and names the peaks it finds.
package main

import (
	"fmt"
	"math"
	"math/rand"
	"os"
	"sort"

	"github.com/spindle-pdm/spindle/fft"
)

func main() {
	const (
		fs    = 12000.0 // sample rate, Hz
		n     = 12000   // one second
		shaft = 29.95   // shaft speed, Hz (1797 rpm)
	)
	tones := []struct {
		name string
		f, a float64 // Hz, g
	}{
		{"1x shaft", shaft, 0.20},
		{"2x shaft", 2 * shaft, 0.08},
		{"outer-race tone (3.5848x shaft)", 3.5848 * shaft, 0.05},
	}
	rng := rand.New(rand.NewSource(1))
	x := make([]float64, n)
	for i := range x {
		t := float64(i) / fs
		for _, tn := range tones {
			x[i] += tn.a * math.Sin(2*math.Pi*tn.f*t)
		}
		x[i] += 0.01 * rng.NormFloat64()
	}
	p := fft.NewRealPlan(n)
	bins := p.Forward(nil, x)
	amp := make([]float64, len(bins))
	for k, c := range bins {
		amp[k] = 2 * math.Hypot(real(c), imag(c)) / n
	}
	type peak struct {
		f, a float64
	}
	var peaks []peak
	for k := 1; k+1 < len(amp); k++ {
		if amp[k] > amp[k-1] && amp[k] >= amp[k+1] && amp[k] > 0.02 {
			peaks = append(peaks, peak{float64(k) * fs / n, amp[k]})
		}
	}
	sort.Slice(peaks, func(i, j int) bool { return peaks[i].a > peaks[j].a })
	fmt.Fprintf(os.Stdout, "Spectrum of 1 s of simulated vibration at %.0f Hz:\n", fs)
	for _, pk := range peaks {
		name := "unknown"
		for _, tn := range tones {
			if math.Abs(tn.f-pk.f) <= fs/n {
				name = tn.name
			}
		}
		fmt.Printf("  %8.2f Hz  %.3f g  %s\n", pk.f, pk.a, name)
	}
}
