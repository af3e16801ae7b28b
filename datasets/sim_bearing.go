package datasets

import (
	"fmt"
	"math"
	"math/cmplx"
	"math/rand/v2"
)

// Resonance is a structural resonance that each defect impact excites: a
// decaying sinusoid g·e^(−ζωτ)·sin(ω√(1−ζ²)·τ) for τ ≥ 0 after the impact,
// ω = 2π·Freq.
type Resonance struct {
	Freq    float64 // natural frequency in Hz, below the Nyquist frequency
	Damping float64 // damping ratio ζ, in (0, 1)
	Gain    float64 // relative amplitude g (≥ 0; 0 means 1)
}

// BearingSim configures SimulateBearing: the vibration (acceleration, in
// g) of a rolling-element bearing with a localized defect. Frequencies are
// in Hz, times in seconds; the simulator knows nothing of bearing geometry,
// so pass the defect frequency you want (e.g. BPFO = 3.5848 × shaft Hz for
// the CWRU drive-end bearing).
//
// The signal is the sum of
//   - impacts at times t_k: t_0 uniform in [0, 1/DefectFreq), then
//     t_{k+1} = t_k + (1 + Jitter·N(0,1))/DefectFreq (the random slip of the
//     rolling elements; 1–2 % is typical; steps are kept ≥ 0.1/DefectFreq),
//     each exciting every Resonance with amplitude
//     A_k = ImpactAmp·(1 + ModDepth·cos(2π·ModFreq·t_k)) — amplitude
//     modulation at the shaft frequency for an inner-race defect passing
//     through the load zone, at the cage frequency (FTF) for a rolling-element
//     defect, none (ModDepth 0) for a stationary outer-race defect;
//   - shaft harmonics Σ_h ShaftHarmonics[h-1]·sin(2π·h·ShaftHz·t);
//   - white Gaussian noise at the signal-to-noise ratio SNR in dB, defined as
//     10·log10(P_s/σ²) with P_s the mean square of the noise-free signal over
//     the generated duration and σ the noise standard deviation.
type BearingSim struct {
	SampleRate float64 // sample rate in Hz
	Duration   float64 // length in seconds

	DefectFreq float64     // impact rate in Hz (BPFO, BPFI, 2×BSF, ... in Hz)
	Jitter     float64     // relative standard deviation of the impact spacing, in [0, 0.5]
	ImpactAmp  float64     // impact amplitude A in g (≥ 0)
	Resonances []Resonance // at least one

	ModFreq  float64 // amplitude-modulation frequency in Hz (0: none)
	ModDepth float64 // modulation depth in [0, 1]

	ShaftHz        float64   // shaft rotation frequency in Hz
	ShaftHarmonics []float64 // amplitudes in g of 1×, 2×, ... ShaftHz

	SNR  float64 // signal-to-noise ratio in dB; math.Inf(1) for no noise
	Seed uint64  // seed of the impact jitter and the noise
}

// BearingTruth is the ground truth of a simulated bearing signal.
type BearingTruth struct {
	ImpactTimes []float64 // impact times t_k in seconds
	ImpactAmps  []float64 // amplitudes A_k in g, after modulation
	SignalPower float64   // mean square of the noise-free signal, g²
	NoiseStd    float64   // standard deviation of the added noise, g
}

// maxSimSamples bounds the length of a simulated signal (2^28 samples, 2 GiB).
const maxSimSamples = 1 << 28

// SimulateBearing generates cfg.SampleRate·cfg.Duration samples of a faulty
// bearing's vibration in g (see BearingSim) and its ground truth. The same
// configuration, seed included, always gives the same signal. An invalid
// configuration is an error naming the field.
func SimulateBearing(cfg BearingSim) ([]float64, BearingTruth, error) {
	var truth BearingTruth
	n, err := cfg.validate()
	if err != nil {
		return nil, truth, err
	}
	if math.IsNaN(cfg.SNR) || math.IsInf(cfg.SNR, -1) {
		return nil, truth, fmt.Errorf("datasets: %w: BearingSim.SNR %v dB is not a number or +Inf", ErrInvalid, cfg.SNR)
	}
	x := make([]float64, n)
	impacts := rand.New(rand.NewPCG(cfg.Seed, simStreamImpacts))
	truth.ImpactTimes, truth.ImpactAmps = cfg.render(x, 1, impacts, true)
	truth.SignalPower = meanSquare(x)
	if !math.IsInf(cfg.SNR, 1) {
		if truth.SignalPower == 0 {
			return nil, truth, fmt.Errorf("datasets: %w: BearingSim: SNR is undefined for a signal of zero power (no impacts, no shaft harmonics)", ErrInvalid)
		}
		truth.NoiseStd = math.Sqrt(truth.SignalPower / math.Pow(10, cfg.SNR/10))
		addNoise(x, truth.NoiseStd, rand.New(rand.NewPCG(cfg.Seed, simStreamNoise)))
	}
	return x, truth, nil
}

// Random streams of the simulators (the PCG sequence selector).
const (
	simStreamImpacts = 0x696d7061637473 // "impacts"
	simStreamNoise   = 0x6e6f697365     // "noise"
)

// validate checks cfg and returns the number of samples.
func (cfg *BearingSim) validate() (int, error) {
	bad := func(field string, v any, want string) (int, error) {
		return 0, fmt.Errorf("datasets: %w: BearingSim.%s = %v, want %s", ErrInvalid, field, v, want)
	}
	switch {
	case !(cfg.SampleRate > 0) || math.IsInf(cfg.SampleRate, 0):
		return bad("SampleRate", cfg.SampleRate, "a positive finite rate in Hz")
	case !(cfg.Duration > 0) || math.IsInf(cfg.Duration, 0):
		return bad("Duration", cfg.Duration, "a positive finite duration in s")
	case cfg.SampleRate*cfg.Duration > maxSimSamples:
		return bad("Duration", cfg.Duration, fmt.Sprintf("at most %d samples at SampleRate", maxSimSamples))
	case !(cfg.DefectFreq > 0) || cfg.DefectFreq >= cfg.SampleRate:
		return bad("DefectFreq", cfg.DefectFreq, "a positive frequency in Hz below SampleRate")
	case !(cfg.Jitter >= 0 && cfg.Jitter <= 0.5):
		return bad("Jitter", cfg.Jitter, "a relative spread in [0, 0.5]")
	case !(cfg.ImpactAmp >= 0) || math.IsInf(cfg.ImpactAmp, 0):
		return bad("ImpactAmp", cfg.ImpactAmp, "a finite amplitude ≥ 0 in g")
	case len(cfg.Resonances) == 0:
		return bad("Resonances", "none", "at least one resonance")
	case !(cfg.ModFreq >= 0) || math.IsInf(cfg.ModFreq, 0):
		return bad("ModFreq", cfg.ModFreq, "a frequency ≥ 0 in Hz")
	case !(cfg.ModDepth >= 0 && cfg.ModDepth <= 1):
		return bad("ModDepth", cfg.ModDepth, "a depth in [0, 1]")
	case !(cfg.ShaftHz >= 0) || math.IsInf(cfg.ShaftHz, 0):
		return bad("ShaftHz", cfg.ShaftHz, "a frequency ≥ 0 in Hz")
	}
	if field, v, want, ok := resonanceProblem(cfg.Resonances, cfg.SampleRate); !ok {
		return bad(field, v, want)
	}
	nyq := cfg.SampleRate / 2
	for h, a := range cfg.ShaftHarmonics {
		switch {
		case math.IsNaN(a) || math.IsInf(a, 0):
			return bad(fmt.Sprintf("ShaftHarmonics[%d]", h), a, "a finite amplitude in g")
		case a != 0 && float64(h+1)*cfg.ShaftHz >= nyq:
			return bad(fmt.Sprintf("ShaftHarmonics[%d]", h), a, fmt.Sprintf("0 for a harmonic at or above %g Hz", nyq))
		}
	}
	return int(cfg.SampleRate * cfg.Duration), nil
}

// render adds the noise-free signal, with impact amplitudes scaled by
// scale, to x (whose length sets the duration). With record it returns the
// impact times and amplitudes.
func (cfg *BearingSim) render(x []float64, scale float64, rng *rand.Rand, record bool) (times, amps []float64) {
	fs := cfg.SampleRate
	dur := float64(len(x)) / fs
	period := 1 / cfg.DefectFreq
	t := period * rng.Float64()
	for ; t < dur; t += period * max(0.1, 1+cfg.Jitter*rng.NormFloat64()) {
		a := scale * cfg.ImpactAmp * (1 + cfg.ModDepth*math.Cos(2*math.Pi*cfg.ModFreq*t))
		if record {
			times = append(times, t)
			amps = append(amps, a)
		}
		if a == 0 {
			continue
		}
		for _, r := range cfg.Resonances {
			addRinging(x, fs, t, a*gainOr1(r.Gain), r)
		}
	}
	for h, amp := range cfg.ShaftHarmonics {
		if amp == 0 {
			continue
		}
		w := 2 * math.Pi * float64(h+1) * cfg.ShaftHz / fs
		for i := range x {
			x[i] += amp * math.Sin(w*float64(i))
		}
	}
	return times, amps
}

// gainOr1 maps a zero gain to 1.
func gainOr1(g float64) float64 {
	if g == 0 {
		return 1
	}
	return g
}

// addRinging adds a·e^(−ζωτ)·sin(ω_d·τ), τ = i/fs − t0 ≥ 0, to x, until the
// envelope has decayed by 10^−7, by complex rotation from sample to sample.
func addRinging(x []float64, fs, t0, a float64, r Resonance) {
	w := 2 * math.Pi * r.Freq
	sigma := r.Damping * w
	wd := w * math.Sqrt(1-r.Damping*r.Damping)
	first := int(math.Ceil(t0 * fs))
	last := len(x)
	if span := 16.2 / sigma * fs; span < float64(len(x)) { // e^−16.2 ≈ 1e−7
		last = min(len(x), first+int(span)+2)
	}
	s := complex(-sigma, wd)
	z := complex(a, 0) * cmplx.Exp(s*complex(float64(first)/fs-t0, 0))
	step := cmplx.Exp(s / complex(fs, 0))
	for i := first; i < last; i++ {
		x[i] += imag(z)
		z *= step
	}
}

// addNoise adds white Gaussian noise of standard deviation std to x.
func addNoise(x []float64, std float64, rng *rand.Rand) {
	if std == 0 {
		return
	}
	for i := range x {
		x[i] += std * rng.NormFloat64()
	}
}

// meanSquare returns the mean of x².
func meanSquare(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v * v
	}
	return s / float64(len(x))
}

// resonanceProblem checks the resonances of a simulator sampled at
// sampleRate Hz; for the first bad one it returns the field, its value and
// what it should be, with ok false.
func resonanceProblem(rs []Resonance, sampleRate float64) (field string, v any, want string, ok bool) {
	nyq := sampleRate / 2
	for i, r := range rs {
		switch {
		case !(r.Freq > 0 && r.Freq < nyq):
			return fmt.Sprintf("Resonances[%d].Freq", i), r.Freq, fmt.Sprintf("a frequency in (0, %g) Hz", nyq), false
		case !(r.Damping > 0 && r.Damping < 1):
			return fmt.Sprintf("Resonances[%d].Damping", i), r.Damping, "a damping ratio in (0, 1)", false
		case !(r.Gain >= 0) || math.IsInf(r.Gain, 0):
			return fmt.Sprintf("Resonances[%d].Gain", i), r.Gain, "a finite gain ≥ 0", false
		}
	}
	return "", nil, "", true
}
