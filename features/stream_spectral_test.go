package features

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/fft"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outerRaceSignal simulates a bearing with an outer-race defect: a decaying
// 3 kHz resonance struck at BPFO, a shaft tone and noise.
func outerRaceSignal(n int, fs, shaftHz float64, seed uint64) []float64 {
	b, _ := LookupBearing("6205-2RS")
	d, _ := b.DefectFrequencies(shaftHz)
	r := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n)
	period := fs / d.BPFO
	for i := range x {
		t := float64(i) / fs
		x[i] = 0.2*math.Sin(2*math.Pi*shaftHz*t) + 0.05*r.NormFloat64()
	}
	for s := 0.0; s < float64(n); s += period {
		for j := int(s); j < min(n, int(s)+200); j++ {
			tt := (float64(j) - s) / fs
			x[j] += math.Exp(-800*tt) * math.Sin(2*math.Pi*3000*tt)
		}
	}
	return x
}

func spectralTestConfig() SpectralConfig {
	b, _ := LookupBearing("6205-2RS")
	return SpectralConfig{
		Taper:   fft.Hann,
		Detrend: fft.ConstantDetrend,
		Bands:   []Band{{"shaft", 20, 40}, {"resonance", 2000, 4000}, {"all", 0, 6000}},
		Bearing: &b,
		ShaftHz: 29.95,
	}
}

// batchSpectrum is the reference: the batch functions on one window.
func batchSpectrum(t *testing.T, x []float64, fs float64, cfg SpectralConfig) WindowSpectrum {
	t.Helper()
	win, err := fft.NewWindow(cfg.Taper, len(x), cfg.TaperParam)
	require.NoError(t, err)
	w, err := fft.NewWelch(fft.WelchConfig{Window: win, Scaling: fft.Density, Detrend: cfg.Detrend})
	require.NoError(t, err)
	psd, err := w.PSD(nil, x, fs)
	require.NoError(t, err)
	df := fs / float64(len(x))
	want := WindowSpectrum{Resolution: df, PSD: psd}
	want.Features, err = ComputeSpectralFeatures(psd, df)
	require.NoError(t, err)
	for _, b := range cfg.Bands {
		p, err := BandPower(psd, df, b.Lo, b.Hi)
		require.NoError(t, err)
		want.BandPowers = append(want.BandPowers, p)
	}
	want.SES, err = SquaredEnvelopeSpectrum(x, fs, 0, fs/2)
	require.NoError(t, err)
	d, err := cfg.Bearing.DefectFrequencies(cfg.ShaftHz)
	require.NoError(t, err)
	all, err := FaultBands(d, cfg.FaultBands)
	require.NoError(t, err)
	for _, b := range all {
		m, err := MeasureBand(want.SES, df, b, cfg.Floor)
		if b.Hi > fs/2 {
			require.ErrorIs(t, err, ErrInput) // left out of the stream
			continue
		}
		require.NoError(t, err)
		want.Faults = append(want.Faults, m)
	}
	return want
}

// TestExtractorSpectralMatchesBatch: for overlapping windows written in
// random chunks, every window's spectrum equals, bit for bit, the batch
// functions on the same samples.
func TestExtractorSpectralMatchesBatch(t *testing.T) {
	const fs, win, hop = 12_000.0, 2048, 1000
	x := outerRaceSignal(10_000, fs, 29.95, 3)
	cfg := spectralTestConfig()
	e, err := NewExtractor(ExtractorConfig{SampleRate: fs, Window: win, Hop: hop, Spectral: &cfg})
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(5, 6))
	var got int
	emit := func(w *Window) {
		require.NotNil(t, w.Spectrum)
		require.NoError(t, w.Spectrum.Err)
		want := batchSpectrum(t, x[w.Start:w.Start+win], fs, cfg)
		assert.Equal(t, want, *w.Spectrum, "window at %d", w.Start)
		got++
	}
	for rest := x; len(rest) > 0; {
		k := min(len(rest), 1+r.IntN(3000))
		e.Write(rest[:k], emit)
		rest = rest[k:]
	}
	assert.Equal(t, (len(x)-win)/hop+1, got)
}

// TestSpectralKnownAnswers checks the physics, not only the agreement with
// the batch code: a sine of amplitude A centred on a bin has its peak there
// and a band power of A²/2 under a rectangular taper, and an outer-race
// defect makes BPFO the most prominent fault line of the envelope spectrum.
func TestSpectralAnalyzerKnownAnswers(t *testing.T) {
	const fs, n = 8192.0, 8192 // 1 Hz bins
	x := make([]float64, n)
	for i := range x {
		x[i] = 2 * math.Sin(2*math.Pi*100*float64(i)/fs)
	}
	a, err := NewSpectralAnalyzer(n, fs, SpectralConfig{Bands: []Band{{"tone", 90, 110}, {"above", 200, 4096}}})
	require.NoError(t, err)
	s := a.Analyze(x)
	require.NoError(t, s.Err)
	assert.Equal(t, 100.0, s.Features.PeakFrequency)
	assert.InDelta(t, 2.0, s.BandPowers[0], 1e-9) // A²/2 with A = 2
	assert.Less(t, s.BandPowers[1], 1e-20)
	assert.Nil(t, s.SES)

	const fs2 = 12_000.0
	cfg := spectralTestConfig()
	y := outerRaceSignal(12_000, fs2, 29.95, 9)
	b, err := NewSpectralAnalyzer(len(y), fs2, cfg)
	require.NoError(t, err)
	s = b.Analyze(y)
	require.NoError(t, s.Err)
	// Compare the fundamentals (h1, no sideband): BPFO's third harmonic
	// falls in BPFI's second-harmonic band on this bearing.
	var best BandMetrics
	best.Prominence = math.Inf(-1)
	for _, m := range s.Faults {
		if m.Band.Harmonic == 1 && m.Band.Sideband == 0 && m.Prominence > best.Prominence {
			best = m
		}
	}
	assert.Equal(t, fault.OuterRace, best.Band.Fault, "most prominent: %v", best.Band)
	assert.Greater(t, best.Prominence, 10.0)
	assert.Less(t, math.Abs(best.Error), 0.01)
	assert.Greater(t, s.BandPowers[1], s.BandPowers[0], "resonance band above shaft band")
}

func TestSpectralAnalyzerErrors(t *testing.T) {
	cfg := spectralTestConfig()
	cfg.ShaftHz = 0
	_, err := NewExtractor(ExtractorConfig{SampleRate: 1000, Window: 256, Spectral: &cfg})
	assert.ErrorIs(t, err, ErrInput)
	for _, b := range []Band{{"above", 10, 600}, {"inverted", 50, 40}, {"nan", math.NaN(), 10}} {
		_, err = NewSpectralAnalyzer(256, 1000, SpectralConfig{Bands: []Band{b}})
		assert.ErrorIs(t, err, ErrInput, b.Name)
	}
	_, err = NewSpectralAnalyzer(256, 1000, SpectralConfig{Taper: fft.Kaiser, TaperParam: -1})
	assert.ErrorIs(t, err, ErrConfig)

	// A NaN sample and a silent window are reported per window, and the
	// next good window is analysed again.
	a, err := NewSpectralAnalyzer(64, 1000, SpectralConfig{})
	require.NoError(t, err)
	x := make([]float64, 64)
	assert.ErrorIs(t, a.Analyze(x).Err, ErrInput) // no power
	x[3] = math.NaN()
	s := a.Analyze(x)
	assert.ErrorIs(t, s.Err, ErrInput)
	assert.Zero(t, s.Features)
	x[3] = 1
	assert.NoError(t, a.Analyze(x).Err)
}

// TestExtractorSpectralAllocs: the spectral path allocates nothing per
// window in steady state.
func TestExtractorSpectralAllocs(t *testing.T) {
	const fs = 12_000.0
	x := outerRaceSignal(4096, fs, 29.95, 4)
	cfg := spectralTestConfig()
	e, err := NewExtractor(ExtractorConfig{SampleRate: fs, Window: 2048, Hop: 1024, Spectral: &cfg})
	require.NoError(t, err)
	var windows int
	emit := func(w *Window) { windows++ }
	e.Write(x, emit) // warm up
	allocs := testing.AllocsPerRun(5, func() { e.Write(x, emit) })
	assert.Zero(t, allocs)
	assert.Greater(t, windows, 10)
}

// BenchmarkExtractorSpectral streams a 25.6 kHz channel in 1 s windows
// with the full spectral path (Hann PSD, features, 3 bands, SES and 12
// fault bands); xRealTime is seconds of signal analysed per second of wall
// time, xRealTime/cpu per second of the process's CPU time.
func BenchmarkExtractorSpectral(b *testing.B) {
	const fs = 25_600
	cfg := spectralTestConfig()
	x := outerRaceSignal(fs, fs, 29.95, 4)
	e, err := NewExtractor(ExtractorConfig{SampleRate: fs, Window: fs, Spectral: &cfg})
	if err != nil {
		b.Fatal(err)
	}
	emit := func(w *Window) {}
	e.Write(x, emit)
	b.ReportAllocs()
	b.ResetTimer()
	c0, ok := cpuTime()
	for i := 0; i < b.N; i++ {
		e.Write(x, emit)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "xRealTime")
	if c1, ok1 := cpuTime(); ok && ok1 {
		// Seconds of signal per CPU second: real time per core, whatever
		// else the machine runs.
		b.ReportMetric(float64(b.N)/(c1-c0).Seconds(), "xRealTime/cpu")
	}
}

// TestSpectralAnalyzerDropsUnmeasurableBands: fault bands above the
// Nyquist frequency or without room for the noise floor are left out, so
// that no window fails on them; an invalid floor setting is an error.
func TestSpectralAnalyzerDropsUnmeasurableBands(t *testing.T) {
	cfg := spectralTestConfig()
	cfg.FaultBands = BandConfig{Harmonics: 10}
	cfg.Bands = nil
	// 1000 Hz: Nyquist 500 Hz; BPFO 107 Hz has harmonics up to 1074 Hz.
	a, err := NewSpectralAnalyzer(1000, 1000, cfg)
	require.NoError(t, err)
	kept := a.FaultBands()
	require.NotEmpty(t, kept)
	for _, b := range kept {
		assert.Less(t, b.Hi, 500.0)
	}
	x := outerRaceSignal(1000, 1000, 29.95, 2)
	s := a.Analyze(x)
	require.NoError(t, s.Err)
	assert.Len(t, s.Faults, len(kept))

	cfg.Floor.Width = -1
	_, err = NewSpectralAnalyzer(1000, 1000, cfg)
	assert.ErrorIs(t, err, ErrConfig)
}

// TestExtractorSpectralRestore: a spectral Extractor saved and restored
// between chunks (into one built with the same configuration) gives every
// window's spectrum as the batch functions do; restoring into a spectral
// Extractor of another window is refused.
func TestExtractorSpectralRestore(t *testing.T) {
	const fs, win, hop = 12_000.0, 2048, 1000
	x := outerRaceSignal(10_000, fs, 29.95, 3)
	cfg := spectralTestConfig()
	ecfg := ExtractorConfig{SampleRate: fs, Window: win, Hop: hop, Spectral: &cfg}
	e, err := NewExtractor(ecfg)
	require.NoError(t, err)
	var got int
	emit := func(w *Window) {
		require.NotNil(t, w.Spectrum)
		assert.Equal(t, batchSpectrum(t, x[w.Start:w.Start+win], fs, cfg), *w.Spectrum, "window at %d", w.Start)
		got++
	}
	r := rand.New(rand.NewPCG(7, 8))
	for rest := x; len(rest) > 0; {
		k := min(len(rest), 1+r.IntN(3000))
		e.Write(rest[:k], emit)
		rest = rest[k:]
		state, err := e.MarshalBinary()
		require.NoError(t, err)
		if e, err = NewExtractor(ecfg); err != nil {
			t.Fatal(err)
		}
		require.NoError(t, e.UnmarshalBinary(state))
	}
	assert.Equal(t, (len(x)-win)/hop+1, got)

	state, err := e.MarshalBinary()
	require.NoError(t, err)
	other, err := NewExtractor(ExtractorConfig{SampleRate: fs, Window: win / 2, Spectral: &cfg})
	require.NoError(t, err)
	assert.ErrorIs(t, other.UnmarshalBinary(state), ErrState)
}
