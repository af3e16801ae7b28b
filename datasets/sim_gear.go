package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// GearSim configures SimulateGear: the vibration (in g) of a gear pair
// measured near the gear under test, on an input shaft whose speed swings
// slowly about its mean, and the input shaft's tachometer (as RunupSim's,
// once per revolution).
//
// With θ(t) the input shaft angle in revolutions and N = Teeth, the signal
// synchronous with the input shaft is
//
//	g(θ) = Σ_h MeshHarmonics[h-1]·(1 + Crack·b(θ))·cos(2π·h·N·θ + Crack·b(θ))
//	     + Σ_h ShaftOrders[h-1]·sin(2π·h·θ),
//
// where b(θ) is a raised-cosine bump one tooth pitch (1/N rev) wide centred
// on the cracked tooth at CrackAt revolutions: the localized amplitude and
// phase modulation of the mesh that a tooth crack's loss of stiffness
// causes (McFadden, J. Vib. Acoust. Stress Reliab. Des. 108 (1986) 165-170).
// Crack 0 is a healthy gear. The mating shaft, turning at N/MateTeeth of
// the input speed, adds MateAmp·sin(2π·θ·N/MateTeeth), which is not
// synchronous with the input shaft when MateTeeth does not divide N. White
// Gaussian noise of standard deviation NoiseRatio × RMS(g) is added.
//
// The speed is ShaftHz·(1 + Swing·sin(2π·SwingHz·t)).
type GearSim struct {
	SampleRate float64 // sample rate in Hz
	Duration   float64 // s

	ShaftHz float64 // mean input shaft speed in Hz
	Swing   float64 // relative speed swing, in [0, 0.5)
	SwingHz float64 // frequency of the swing in Hz (≥ 0)

	Teeth         int       // teeth on the gear under test (input shaft), ≥ 2
	MateTeeth     int       // teeth on the mating gear, ≥ 2
	MeshHarmonics []float64 // amplitudes in g of the mesh order harmonics, at least one
	ShaftOrders   []float64 // amplitudes in g of the input shaft orders 1, 2, ...
	MateAmp       float64   // amplitude in g of the mating shaft's first order

	Crack   float64 // crack severity: depth of the localized modulation, in [0, 1]
	CrackAt float64 // angle of the cracked tooth, in revolutions, in [0, 1)

	NoiseRatio float64 // noise standard deviation over the RMS of g (≥ 0)
	Seed       uint64  // seed of the noise
}

// GearTruth is the ground truth of a simulated gear signal.
type GearTruth struct {
	Angle    []float64 // input shaft angle in revolutions at each sample
	Hz       []float64 // input shaft speed in Hz at each sample
	GearRMS  float64   // RMS of the synchronous signal g over the record, g
	NoiseStd float64   // standard deviation of the added noise, g
}

// SimulateGear generates cfg.Rate·cfg.Duration samples of a gear pair's
// vibration in g and the input shaft's tachometer signal in V (see
// GearSim), and the ground truth. An invalid configuration is an error
// naming the field.
func SimulateGear(cfg GearSim) (vib, tacho []float64, truth GearTruth, err error) {
	n, err := cfg.validate()
	if err != nil {
		return nil, nil, truth, err
	}
	truth.Angle, truth.Hz = make([]float64, n), make([]float64, n)
	vib = make([]float64, n)
	w := 2 * math.Pi * cfg.SwingHz
	var ms float64
	for i := range n {
		t := float64(i) / cfg.SampleRate
		th := cfg.ShaftHz * t
		if cfg.Swing != 0 && cfg.SwingHz > 0 {
			th += cfg.ShaftHz * cfg.Swing * (1 - math.Cos(w*t)) / w
		}
		truth.Angle[i] = th
		truth.Hz[i] = cfg.ShaftHz * (1 + cfg.Swing*math.Sin(w*t))
		g := cfg.Synchronous(th)
		ms += g * g
		vib[i] = g + cfg.MateAmp*math.Sin(2*math.Pi*th*float64(cfg.Teeth)/float64(cfg.MateTeeth))
	}
	truth.GearRMS = math.Sqrt(ms / float64(n))
	truth.NoiseStd = cfg.NoiseRatio * truth.GearRMS
	addNoise(vib, truth.NoiseStd, rand.New(rand.NewPCG(cfg.Seed, simStreamNoise)))
	tacho = renderTacho(truth.Angle, 1, nil)
	return vib, tacho, truth, nil
}

// Synchronous returns g(θ), the signal synchronous with the input shaft at
// the angle θ in revolutions (see GearSim), in g.
func (cfg GearSim) Synchronous(theta float64) float64 {
	n := float64(cfg.Teeth)
	var b float64
	if cfg.Crack != 0 {
		d := theta - cfg.CrackAt
		d -= math.Round(d) // nearest revolution
		if math.Abs(d) < 0.5/n {
			b = 0.5 * (1 + math.Cos(2*math.Pi*d*n))
		}
	}
	var g float64
	for h, a := range cfg.MeshHarmonics {
		g += a * (1 + cfg.Crack*b) * math.Cos(2*math.Pi*float64(h+1)*n*theta+cfg.Crack*b)
	}
	for h, a := range cfg.ShaftOrders {
		g += a * math.Sin(2*math.Pi*float64(h+1)*theta)
	}
	return g
}

// validate checks cfg and returns the number of samples.
func (cfg *GearSim) validate() (int, error) {
	bad := func(field string, v any, want string) (int, error) {
		return 0, fmt.Errorf("datasets: %w: GearSim.%s = %v, want %s", ErrInvalid, field, v, want)
	}
	fin := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !(cfg.SampleRate > 0) || !fin(cfg.SampleRate):
		return bad("Rate", cfg.SampleRate, "a positive finite rate in Hz")
	case !(cfg.Duration > 0) || !fin(cfg.Duration) || cfg.SampleRate*cfg.Duration > maxSimSamples:
		return bad("Duration", cfg.Duration, fmt.Sprintf("a positive duration in s of at most %d samples", maxSimSamples))
	case !(cfg.ShaftHz > 0) || !fin(cfg.ShaftHz):
		return bad("ShaftHz", cfg.ShaftHz, "a positive finite speed in Hz")
	case !(cfg.Swing >= 0 && cfg.Swing < 0.5):
		return bad("Swing", cfg.Swing, "a relative swing in [0, 0.5)")
	case !(cfg.SwingHz >= 0) || !fin(cfg.SwingHz):
		return bad("SwingHz", cfg.SwingHz, "a frequency ≥ 0 in Hz")
	case cfg.Teeth < 2:
		return bad("Teeth", cfg.Teeth, "≥ 2")
	case cfg.MateTeeth < 2:
		return bad("MateTeeth", cfg.MateTeeth, "≥ 2")
	case len(cfg.MeshHarmonics) == 0:
		return bad("MeshHarmonics", "none", "at least one amplitude")
	case !(cfg.Crack >= 0 && cfg.Crack <= 1):
		return bad("Crack", cfg.Crack, "a severity in [0, 1]")
	case !(cfg.CrackAt >= 0 && cfg.CrackAt < 1):
		return bad("CrackAt", cfg.CrackAt, "an angle in [0, 1) rev")
	case !(cfg.NoiseRatio >= 0) || !fin(cfg.NoiseRatio):
		return bad("NoiseRatio", cfg.NoiseRatio, "a finite ratio ≥ 0")
	case !fin(cfg.MateAmp):
		return bad("MateAmp", cfg.MateAmp, "a finite amplitude in g")
	}
	top := cfg.ShaftHz * (1 + cfg.Swing) * float64(cfg.Teeth*len(cfg.MeshHarmonics)+1)
	if top >= cfg.SampleRate/2 {
		return bad("MeshHarmonics", len(cfg.MeshHarmonics), fmt.Sprintf("harmonics below the Nyquist frequency %g Hz (the last reaches %g Hz)", cfg.SampleRate/2, top))
	}
	for _, a := range append(append([]float64(nil), cfg.MeshHarmonics...), cfg.ShaftOrders...) {
		if !fin(a) {
			return bad("MeshHarmonics/ShaftOrders", a, "finite amplitudes in g")
		}
	}
	return int(cfg.SampleRate * cfg.Duration), nil
}
