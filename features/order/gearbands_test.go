package order

import (
	"errors"
	"math"
	"testing"
)

func TestGearMeshFaultBands(t *testing.T) {
	b, err := GearMeshFaultBands(19, 43, GearBandConfig{Harmonics: 2, Sidebands: 2, HalfWidth: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 2*(1+2*2*2) {
		t.Fatalf("%d bands, want 18", len(b))
	}
	want := map[[3]int]float64{
		{1, 0, 0}:  19,
		{1, 1, -2}: 17,
		{1, 2, 1}:  19 + 19.0/43,
		{2, 2, -2}: 38 - 2*19.0/43,
		{2, 1, 1}:  39,
	}
	for _, band := range b {
		if c, ok := want[[3]int{band.Harmonic, band.Shaft, band.Sideband}]; ok {
			if math.Abs(band.Center-c) > 1e-12 || math.Abs(band.Hi-band.Lo-0.1) > 1e-12 {
				t.Errorf("band %+v: want centre %v, width 0.1", band, c)
			}
			delete(want, [3]int{band.Harmonic, band.Shaft, band.Sideband})
		}
	}
	if len(want) != 0 {
		t.Errorf("missing bands %v", want)
	}
	if _, err := GearMeshFaultBands(0, 43, GearBandConfig{}); !errors.Is(err, ErrConfig) {
		t.Errorf("0 teeth: %v", err)
	}
}

// TestGearBandsFindCrackSidebands: a cracked pinion tooth raises the
// sidebands of the mesh spaced by the pinion's order, which the bands of
// GearMeshFaultBands pick out of the order spectrum (noise-free here, so
// that the sidebands of the localized modulation, each a few hundredths of
// the mesh amplitude, stand out).
func TestGearBandsFindCrackSidebands(t *testing.T) {
	bands, _ := GearMeshFaultBands(19, 43, GearBandConfig{Sidebands: 3})
	sidebands := func(crack float64) (pinion, mate float64) {
		cfg := gearConfig(crack, 10, 5)
		cfg.NoiseRatio = 0
		spec, err := OrderSpectrumOf(gearAngle(t, cfg))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bands {
			_, a := spec.Peak(b.Lo, b.Hi)
			switch b.Shaft {
			case 1:
				pinion += a
			case 2:
				mate += a
			}
		}
		return pinion, mate
	}
	hp, hm := sidebands(0)
	cp, cm := sidebands(0.8)
	t.Logf("pinion-spaced sidebands: healthy %.4f g, cracked %.4f g; gear-spaced: %.4f g, %.4f g", hp, cp, hm, cm)
	if cp < 10*hp {
		t.Errorf("cracked pinion sidebands %.4f g, want ≥ 10× the healthy %.4f g", cp, hp)
	}
	if cm > 2*hm+0.01 {
		t.Errorf("gear-spaced sidebands grew from %.4f g to %.4f g with a pinion crack", hm, cm)
	}
}
