package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// SpeedPoint is a knot of a piecewise-linear shaft speed profile.
type SpeedPoint struct {
	Time float64 // s
	Hz   float64 // shaft speed in Hz (revolutions per second), > 0
}

// RunupSim configures SimulateRunup: the vibration (in g) of a bearing with
// a localized defect on a shaft whose speed changes — a run-up, a coast-down
// — and the shaft's tachometer signal (in V). The simulator knows nothing of
// bearing geometry: the defect is given as an order, impacts per shaft
// revolution (e.g. BPFO = 3.5848 for the CWRU drive-end bearing), so that
// the impact rate follows the speed.
//
// The shaft angle θ(t) in revolutions is the integral of the speed, which is
// linear between the Profile knots (θ(0) = 0). The vibration is the sum of
//   - impacts at the angles θ_k = (u + k + Jitter·Σ N(0,1))/DefectOrder, u
//     uniform in [0, 1) (the slip accumulates like a random walk, as in
//     SimulateBearing), each exciting every Resonance with ImpactAmp;
//   - shaft orders Σ_h ShaftOrders[h-1]·sin(2π·h·θ(t));
//   - white Gaussian noise at SNR dB (as BearingSim.SNR).
//
// The tachometer is a trapezoidal pulse train of 5 V, PulsesPerRev pulses
// per revolution: pulse k rises linearly from 0 to 5 V while the angle goes
// from k/PulsesPerRev to (k + TachoRamp)/PulsesPerRev, stays at 5 V to
// (k + 0.5)/PulsesPerRev and falls as it rose; pulses listed in DropPulses
// are left out (a missed mark), and white Gaussian noise of standard
// deviation TachoNoise V is added.
type RunupSim struct {
	SampleRate float64      // sample rate in Hz
	Profile    []SpeedPoint // ≥ 2 knots, Profile[0].Time = 0, times increasing; the last time is the duration

	DefectOrder float64     // impacts per revolution (> 0)
	Jitter      float64     // relative standard deviation of the impact spacing, in [0, 0.5]
	ImpactAmp   float64     // impact amplitude in g (≥ 0)
	Resonances  []Resonance // at least one
	ShaftOrders []float64   // amplitudes in g of shaft orders 1, 2, ...

	PulsesPerRev int     // tachometer pulses per revolution (≥ 1)
	TachoNoise   float64 // standard deviation of the tachometer noise in V (≥ 0)
	DropPulses   []int   // indices of tachometer pulses left out

	SNR  float64 // vibration signal-to-noise ratio in dB; math.Inf(1) for none
	Seed uint64  // seed of the jitter and the noise
}

// TachoRamp is the rise (and fall) of a simulated tachometer pulse, as a
// fraction of the pulse spacing.
const TachoRamp = 0.05

// TachoVolts is the height of a simulated tachometer pulse, in V.
const TachoVolts = 5.0

// RunupTruth is the ground truth of a simulated run-up.
type RunupTruth struct {
	Angle       []float64 // shaft angle θ in revolutions at each sample
	Hz          []float64 // shaft speed in Hz at each sample
	ImpactTimes []float64 // impact times in s
	SignalPower float64   // mean square of the noise-free vibration, g²
	NoiseStd    float64   // standard deviation of the added vibration noise, g
}

// SimulateRunup generates the vibration in g and the tachometer signal in V
// of a run-up (see RunupSim) and its ground truth. The same configuration,
// seed included, always gives the same signals. An invalid configuration is
// an error naming the field.
func SimulateRunup(cfg RunupSim) (vib, tacho []float64, truth RunupTruth, err error) {
	n, err := cfg.validate()
	if err != nil {
		return nil, nil, truth, err
	}
	truth.Angle, truth.Hz = cfg.kinematics(n)
	vib = make([]float64, n)
	rng := rand.New(rand.NewPCG(cfg.Seed, simStreamImpacts))
	truth.ImpactTimes = cfg.impacts(vib, truth.Angle, rng)
	for h, a := range cfg.ShaftOrders {
		for i, th := range truth.Angle {
			vib[i] += a * math.Sin(2*math.Pi*float64(h+1)*th)
		}
	}
	truth.SignalPower = meanSquare(vib)
	if !math.IsInf(cfg.SNR, 1) {
		if truth.SignalPower == 0 {
			return nil, nil, truth, fmt.Errorf("datasets: %w: RunupSim: SNR is undefined for a signal of zero power", ErrInvalid)
		}
		truth.NoiseStd = math.Sqrt(truth.SignalPower / math.Pow(10, cfg.SNR/10))
		addNoise(vib, truth.NoiseStd, rand.New(rand.NewPCG(cfg.Seed, simStreamNoise)))
	}
	tacho = renderTacho(truth.Angle, cfg.PulsesPerRev, cfg.DropPulses)
	addNoise(tacho, cfg.TachoNoise, rand.New(rand.NewPCG(cfg.Seed, simStreamTacho)))
	return vib, tacho, truth, nil
}

// simStreamTacho is the PCG sequence selector of the tachometer noise.
const simStreamTacho = 0x746163686f // "tacho"

// kinematics returns the angle (rev) and speed (Hz) at each of n samples,
// integrating the piecewise-linear speed exactly.
func (cfg *RunupSim) kinematics(n int) (angle, hz []float64) {
	angle, hz = make([]float64, n), make([]float64, n)
	p := cfg.Profile
	seg, base := 0, 0.0 // base: angle at p[seg].Time
	for i := range n {
		t := float64(i) / cfg.SampleRate
		for seg < len(p)-2 && t >= p[seg+1].Time {
			base += segmentAngle(p[seg], p[seg+1], p[seg+1].Time)
			seg++
		}
		angle[i] = base + segmentAngle(p[seg], p[seg+1], t)
		hz[i] = p[seg].Hz + (p[seg+1].Hz-p[seg].Hz)*(t-p[seg].Time)/(p[seg+1].Time-p[seg].Time)
	}
	return angle, hz
}

// segmentAngle is the angle turned from a.Time to t at the speed that
// changes linearly from a.Hz to b.Hz.
func segmentAngle(a, b SpeedPoint, t float64) float64 {
	tau := t - a.Time
	slope := (b.Hz - a.Hz) / (b.Time - a.Time)
	return a.Hz*tau + slope*tau*tau/2
}

// impacts adds the defect impacts to x and returns their times.
func (cfg *RunupSim) impacts(x, angle []float64, rng *rand.Rand) []float64 {
	var times []float64
	end := angle[len(angle)-1]
	th := rng.Float64() / cfg.DefectOrder
	i := 0
	for th < end {
		for angle[i+1] < th {
			i++
		}
		t := (float64(i) + (th-angle[i])/(angle[i+1]-angle[i])) / cfg.SampleRate
		times = append(times, t)
		for _, r := range cfg.Resonances {
			addRinging(x, cfg.SampleRate, t, cfg.ImpactAmp*gainOr1(r.Gain), r)
		}
		th += max(0.1, 1+cfg.Jitter*rng.NormFloat64()) / cfg.DefectOrder
	}
	return times
}

// renderTacho returns the noise-free trapezoidal tachometer signal (see
// RunupSim) of a shaft at the given angles (rev), with the pulses whose
// indices are in drop left out.
func renderTacho(angle []float64, pulsesPerRev int, drop []int) []float64 {
	dropped := make(map[int]bool, len(drop))
	for _, k := range drop {
		dropped[k] = true
	}
	v := make([]float64, len(angle))
	ppr := float64(pulsesPerRev)
	for i, th := range angle {
		k, u := math.Modf(th * ppr)
		if dropped[int(k)] {
			continue
		}
		switch {
		case u < TachoRamp:
			v[i] = TachoVolts * u / TachoRamp
		case u < 0.5:
			v[i] = TachoVolts
		case u < 0.5+TachoRamp:
			v[i] = TachoVolts * (0.5 + TachoRamp - u) / TachoRamp
		}
	}
	return v
}

// validate checks cfg and returns the number of samples.
func (cfg *RunupSim) validate() (int, error) {
	bad := func(field string, v any, want string) (int, error) {
		return 0, fmt.Errorf("datasets: %w: RunupSim.%s = %v, want %s", ErrInvalid, field, v, want)
	}
	switch {
	case !(cfg.SampleRate > 0) || math.IsInf(cfg.SampleRate, 0):
		return bad("Rate", cfg.SampleRate, "a positive finite rate in Hz")
	case len(cfg.Profile) < 2:
		return bad("Profile", len(cfg.Profile), "at least 2 knots")
	case cfg.Profile[0].Time != 0:
		return bad("Profile[0].Time", cfg.Profile[0].Time, "0 s")
	case !(cfg.DefectOrder > 0) || math.IsInf(cfg.DefectOrder, 0):
		return bad("DefectOrder", cfg.DefectOrder, "a positive finite order")
	case !(cfg.Jitter >= 0 && cfg.Jitter <= 0.5):
		return bad("Jitter", cfg.Jitter, "a relative spread in [0, 0.5]")
	case !(cfg.ImpactAmp >= 0) || math.IsInf(cfg.ImpactAmp, 0):
		return bad("ImpactAmp", cfg.ImpactAmp, "a finite amplitude ≥ 0 in g")
	case len(cfg.Resonances) == 0:
		return bad("Resonances", "none", "at least one resonance")
	case cfg.PulsesPerRev < 1:
		return bad("PulsesPerRev", cfg.PulsesPerRev, "≥ 1")
	case !(cfg.TachoNoise >= 0) || math.IsInf(cfg.TachoNoise, 0):
		return bad("TachoNoise", cfg.TachoNoise, "a finite standard deviation ≥ 0 in V")
	case math.IsNaN(cfg.SNR) || math.IsInf(cfg.SNR, -1):
		return bad("SNR", cfg.SNR, "a number of dB or +Inf")
	}
	for i, p := range cfg.Profile {
		if !(p.Hz > 0) || math.IsInf(p.Hz, 0) {
			return bad(fmt.Sprintf("Profile[%d].Hz", i), p.Hz, "a positive finite speed in Hz")
		}
		if i > 0 && !(p.Time > cfg.Profile[i-1].Time) || math.IsInf(p.Time, 0) {
			return bad(fmt.Sprintf("Profile[%d].Time", i), p.Time, "a finite time after the previous knot's")
		}
	}
	if field, v, want, ok := resonanceProblem(cfg.Resonances, cfg.SampleRate); !ok {
		return bad(field, v, want)
	}
	for h, a := range cfg.ShaftOrders {
		if !(a >= -math.MaxFloat64 && a <= math.MaxFloat64) {
			return bad(fmt.Sprintf("ShaftOrders[%d]", h), a, "a finite amplitude in g")
		}
	}
	dur := cfg.Profile[len(cfg.Profile)-1].Time
	if cfg.SampleRate*dur > maxSimSamples || cfg.SampleRate*dur < 2 {
		return bad("Profile", dur, fmt.Sprintf("a duration of 2 to %d samples at Rate", maxSimSamples))
	}
	return int(cfg.SampleRate * dur), nil
}
