package order

import (
	"fmt"
	"math"
)

// GearBand is a band of orders, of the first shaft of a gear pair, in which
// a line of the gear mesh is expected.
type GearBand struct {
	Harmonic int     // mesh harmonic h ≥ 1
	Shaft    int     // 0 for the mesh harmonic itself; 1 or 2 for a sideband spaced by that shaft's order
	Sideband int     // 0 for the harmonic, ±s for h·mesh ± s·(shaft order)
	Center   float64 // expected order of the line
	Lo, Hi   float64 // band edges, orders
}

// GearBandConfig chooses the bands of GearMeshFaultBands.
type GearBandConfig struct {
	Harmonics int     // mesh harmonics 1..Harmonics; 0 means 3
	Sidebands int     // sideband orders ±1..±Sidebands about each harmonic, for each shaft; negative means none, 0 means 1
	HalfWidth float64 // half-width of every band in orders; 0 means 0.1
}

// GearMeshFaultBands returns the bands, in orders of shaft 1, of the mesh
// of a gear with teeth1 teeth on shaft 1 and a gear with teeth2 teeth on
// shaft 2: the mesh order teeth1 and its harmonics, each with sidebands at
// the orders of shaft 1 (1) and of shaft 2 (teeth1/teeth2), like MATLAB's
// gearMeshFaultBands in its order domain. A fault on a tooth of one gear
// modulates the mesh once per turn of its shaft, so its sidebands grow at
// that shaft's spacing. Multiply the orders by the speed of shaft 1 in Hz
// for frequencies. Errors wrap ErrConfig.
func GearMeshFaultBands(teeth1, teeth2 int, cfg GearBandConfig) ([]GearBand, error) {
	if teeth1 < 1 || teeth2 < 1 {
		return nil, fmt.Errorf("%w: teeth %d and %d, want ≥ 1", ErrConfig, teeth1, teeth2)
	}
	if cfg.Harmonics == 0 {
		cfg.Harmonics = 3
	}
	if cfg.Sidebands == 0 {
		cfg.Sidebands = 1
	}
	if cfg.HalfWidth == 0 {
		cfg.HalfWidth = 0.1
	}
	if cfg.Harmonics < 0 || !(cfg.HalfWidth > 0) || math.IsInf(cfg.HalfWidth, 0) {
		return nil, fmt.Errorf("%w: %+v", ErrConfig, cfg)
	}
	mesh := float64(teeth1)
	spacing := [3]float64{0, 1, float64(teeth1) / float64(teeth2)}
	var bands []GearBand
	add := func(h, shaft, s int) {
		c := float64(h)*mesh + float64(s)*spacing[shaft]
		if c > 0 {
			bands = append(bands, GearBand{Harmonic: h, Shaft: shaft, Sideband: s, Center: c, Lo: c - cfg.HalfWidth, Hi: c + cfg.HalfWidth})
		}
	}
	for h := 1; h <= cfg.Harmonics; h++ {
		add(h, 0, 0)
		for shaft := 1; shaft <= 2; shaft++ {
			for s := 1; s <= cfg.Sidebands; s++ {
				add(h, shaft, -s)
				add(h, shaft, s)
			}
		}
	}
	return bands, nil
}
