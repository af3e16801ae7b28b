package datasets

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goertzelPower returns |X(f)|²/n² of x at frequency f (Hz) for rate fs.
func goertzelPower(x []float64, f, fs float64) float64 {
	w := 2 * math.Pi * f / fs
	c := 2 * math.Cos(w)
	var s1, s2 float64
	for _, v := range x {
		s1, s2 = v+c*s1-s2, s1
	}
	re := s1 - s2*math.Cos(w)
	im := s2 * math.Sin(w)
	n := float64(len(x))
	return (re*re + im*im) / (n * n)
}

// squaredEnvelope returns x² with its mean removed: its spectrum is the
// squared-envelope spectrum up to the resonance band's images.
func squaredEnvelope(x []float64) []float64 {
	e := make([]float64, len(x))
	var m float64
	for i, v := range x {
		e[i] = v * v
		m += e[i]
	}
	m /= float64(len(x))
	for i := range e {
		e[i] -= m
	}
	return e
}

// outerRace is a typical outer-race configuration: 107.4 Hz impacts
// (BPFO of a 6205 at 30 Hz), 1.5 % slip, two resonances.
func outerRace() BearingSim {
	return BearingSim{
		SampleRate: 20000, Duration: 2, DefectFreq: 107.4, Jitter: 0.015, ImpactAmp: 1,
		Resonances: []Resonance{{Freq: 3200, Damping: 0.05}, {Freq: 5100, Damping: 0.03, Gain: 0.5}},
		ShaftHz:    30, ShaftHarmonics: []float64{0.2, 0.05},
		SNR: math.Inf(1), Seed: 7,
	}
}

func TestSimulateBearingEnvelopeRate(t *testing.T) {
	cfg := outerRace()
	x, truth, err := SimulateBearing(cfg)
	require.NoError(t, err)
	require.Len(t, x, 40000)
	assert.InDelta(t, cfg.Duration*cfg.DefectFreq, float64(len(truth.ImpactTimes)), 3)
	e := squaredEnvelope(x)
	best, bestF := 0.0, 0.0
	for f := 5.0; f <= 350; f += 0.25 {
		if p := goertzelPower(e, f, cfg.SampleRate); p > best {
			best, bestF = p, f
		}
	}
	assert.InDelta(t, cfg.DefectFreq, bestF, 0.5, "the squared envelope peaks at the impact rate")
	// The peak stands far above the envelope spectrum away from harmonics.
	off := goertzelPower(e, 0.5*cfg.DefectFreq, cfg.SampleRate)
	assert.Greater(t, best, 100*off)
}

func TestSimulateBearingInnerRaceSidebands(t *testing.T) {
	cfg := outerRace()
	cfg.DefectFreq = 162.5 // BPFI of a 6205 at 30 Hz
	cfg.ModFreq, cfg.ModDepth = 30, 0.8
	cfg.ShaftHarmonics = nil
	x, truth, err := SimulateBearing(cfg)
	require.NoError(t, err)
	for i, a := range truth.ImpactAmps {
		want := cfg.ImpactAmp * (1 + 0.8*math.Cos(2*math.Pi*30*truth.ImpactTimes[i]))
		require.InDelta(t, want, a, 1e-12)
	}
	e := squaredEnvelope(x)
	peak := func(f float64) float64 { // strongest bin within ±0.5 Hz
		m := 0.0
		for d := -0.5; d <= 0.5; d += 0.25 {
			m = max(m, goertzelPower(e, f+d, cfg.SampleRate))
		}
		return m
	}
	// Amplitude modulation at the shaft rate puts sidebands at BPFI ± 30 Hz and
	// a line at 30 Hz itself, well above the floor between them.
	floor := peak(cfg.DefectFreq + 13)
	for _, f := range []float64{30, cfg.DefectFreq - 30, cfg.DefectFreq, cfg.DefectFreq + 30} {
		assert.Greater(t, peak(f), 20*floor, "line at %g Hz", f)
	}
}

func TestSimulateBearingSNR(t *testing.T) {
	for _, snr := range []float64{-10, 0, 6, 20} {
		clean := outerRace()
		clean.Duration = 5
		noisy := clean
		noisy.SNR = snr
		c, ct, err := SimulateBearing(clean)
		require.NoError(t, err)
		x, xt, err := SimulateBearing(noisy)
		require.NoError(t, err)
		assert.Equal(t, ct.ImpactTimes, xt.ImpactTimes, "noise does not disturb the impacts")
		assert.Equal(t, meanSquare(c), xt.SignalPower)
		var pn float64
		for i := range x {
			d := x[i] - c[i]
			pn += d * d
		}
		pn /= float64(len(x))
		measured := 10 * math.Log10(xt.SignalPower/pn)
		assert.InDelta(t, snr, measured, 0.05, "SNR %g dB", snr)
		assert.InDelta(t, xt.NoiseStd*xt.NoiseStd, pn, 0.02*pn)
	}
}

func TestSimulateBearingSingleImpactClosedForm(t *testing.T) {
	r := Resonance{Freq: 2500, Damping: 0.02, Gain: 1.5}
	cfg := BearingSim{SampleRate: 25600, Duration: 1, DefectFreq: 1, ImpactAmp: 2,
		Resonances: []Resonance{r}, SNR: math.Inf(1), Seed: 3}
	x, truth, err := SimulateBearing(cfg)
	require.NoError(t, err)
	require.Len(t, truth.ImpactTimes, 1)
	t0 := truth.ImpactTimes[0]
	w := 2 * math.Pi * r.Freq
	wd := w * math.Sqrt(1-r.Damping*r.Damping)
	for i, v := range x {
		tau := float64(i)/cfg.SampleRate - t0
		want := 0.0
		if tau >= 0 {
			want = 3 * math.Exp(-r.Damping*w*tau) * math.Sin(wd*tau)
		}
		// Exact to rounding while it rings; cut once its envelope is below
		// 1e-7 of the amplitude 3.
		tol := 1e-10
		if 3*math.Exp(-r.Damping*w*tau) < 1e-6 {
			tol = 3.01e-7
		}
		require.InDelta(t, want, v, tol, "sample %d", i)
	}
}

func TestSimulateBearingShaftHarmonics(t *testing.T) {
	cfg := BearingSim{SampleRate: 1000, Duration: 1, DefectFreq: 10, ImpactAmp: 0,
		Resonances: []Resonance{{Freq: 200, Damping: 0.1}},
		ShaftHz:    12.5, ShaftHarmonics: []float64{1, 0, 0.25}, SNR: 20, Seed: 1}
	x, truth, err := SimulateBearing(cfg)
	require.NoError(t, err)
	want := 0.5 + 0.25*0.25/2 // mean squares of the two sines
	assert.InDelta(t, want, truth.SignalPower, 1e-9)
	clean := cfg
	clean.SNR = math.Inf(1)
	c, _, err := SimulateBearing(clean)
	require.NoError(t, err)
	for i, v := range c {
		tt := float64(i) / 1000
		require.InDelta(t, math.Sin(2*math.Pi*12.5*tt)+0.25*math.Sin(2*math.Pi*37.5*tt), v, 1e-9)
	}
	assert.NotEqual(t, c, x)
}

func TestSimulateBearingDeterminism(t *testing.T) {
	cfg := outerRace()
	cfg.SNR = 10
	a, _, err := SimulateBearing(cfg)
	require.NoError(t, err)
	b, _, err := SimulateBearing(cfg)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	cfg.Seed++
	c, _, err := SimulateBearing(cfg)
	require.NoError(t, err)
	assert.NotEqual(t, a, c)
}

func TestSimulateBearingJitterStatistics(t *testing.T) {
	cfg := outerRace()
	cfg.Duration = 20
	cfg.Jitter = 0.02
	_, truth, err := SimulateBearing(cfg)
	require.NoError(t, err)
	var m, m2 float64
	n := float64(len(truth.ImpactTimes) - 1)
	for i := 1; i < len(truth.ImpactTimes); i++ {
		d := truth.ImpactTimes[i] - truth.ImpactTimes[i-1]
		m += d
		m2 += d * d
	}
	m /= n
	sd := math.Sqrt(m2/n - m*m)
	T := 1 / cfg.DefectFreq
	assert.InDelta(t, T, m, 0.002*T)
	assert.InDelta(t, 0.02*T, sd, 0.002*T)
}

func TestSimulateBearingInvalid(t *testing.T) {
	mod := []func(*BearingSim){
		func(c *BearingSim) { c.SampleRate = 0 },
		func(c *BearingSim) { c.SampleRate = math.NaN() },
		func(c *BearingSim) { c.Duration = -1 },
		func(c *BearingSim) { c.Duration = 1e9 },
		func(c *BearingSim) { c.DefectFreq = 0 },
		func(c *BearingSim) { c.Jitter = 0.7 },
		func(c *BearingSim) { c.ImpactAmp = math.Inf(1) },
		func(c *BearingSim) { c.Resonances = nil },
		func(c *BearingSim) { c.Resonances[0].Freq = 10000 },
		func(c *BearingSim) { c.Resonances[1].Damping = 1 },
		func(c *BearingSim) { c.Resonances[1].Gain = -1 },
		func(c *BearingSim) { c.ModDepth = 1.5 },
		func(c *BearingSim) { c.ModFreq = -1 },
		func(c *BearingSim) { c.ShaftHz = math.NaN() },
		func(c *BearingSim) { c.ShaftHarmonics = []float64{0, math.NaN()} },
		func(c *BearingSim) { c.ShaftHz = 6000; c.ShaftHarmonics = []float64{0, 1} },
		func(c *BearingSim) { c.SNR = math.NaN() },
		func(c *BearingSim) { c.SNR = 10; c.ImpactAmp = 0; c.ShaftHarmonics = nil },
	}
	for i, m := range mod {
		cfg := outerRace()
		cfg.Resonances = append([]Resonance(nil), cfg.Resonances...)
		m(&cfg)
		x, _, err := SimulateBearing(cfg)
		assert.Error(t, err, "case %d", i)
		assert.Nil(t, x)
	}
}
