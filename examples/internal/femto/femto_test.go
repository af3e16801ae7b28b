package femto

import (
	"math"
	"testing"
)

// A tone inside the 4-12 kHz band puts its mean square there and nowhere
// else; a tone below it adds nothing to the band. A tone amplitude-
// modulated at 100 Hz (inside the 10-500 Hz envelope band) shows its
// modulation depth, an unmodulated one almost none.
func TestSpectraMeasure(t *testing.T) {
	sp, err := newSpectra()
	if err != nil {
		t.Fatal(err)
	}
	const rate = 25600.0
	tone := func(f, am float64) []float64 {
		x := make([]float64, 2560)
		for i := range x {
			tm := float64(i) / rate
			x[i] = (1 + am*math.Cos(2*math.Pi*100*tm)) * math.Sin(2*math.Pi*f*tm)
		}
		return x
	}
	band, mod, mf, err := sp.measure(tone(8000, 0))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(band-0.5) > 0.01 { // a unit sine's mean square
		t.Errorf("band energy of an 8 kHz tone %v, want 0.5", band)
	}
	if math.Abs(mf-8000) > 100 {
		t.Errorf("mean frequency %v Hz, want 8000", mf)
	}
	if mod > 0.01 {
		t.Errorf("unmodulated tone's envelope modulation %v, want ≈ 0", mod)
	}
	if b, _, _, _ := sp.measure(tone(1000, 0)); b > 0.01 {
		t.Errorf("band energy of a 1 kHz tone %v, want ≈ 0", b)
	}
	// (1 + 0.5·cos)² = 1.125 + cos + 0.125·cos(2·): lines of 1 and 0.125
	// at 100 and 200 Hz over a mean of 1.125.
	if _, m, _, _ := sp.measure(tone(8000, 0.5)); math.Abs(m-1) > 0.05 {
		t.Errorf("modulated tone's envelope modulation %v, want 1", m)
	}
	if b, _, _, err := sp.measure(make([]float64, 256)); err != nil || !math.IsNaN(b) {
		t.Errorf("short snapshot: %v, %v; want NaN, nil", b, err)
	}
}
