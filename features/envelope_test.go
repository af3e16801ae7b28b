package features

import (
	"encoding/json"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// envelopeGolden holds the vectors of testdata/gen_envelope_golden.py.
type envelopeGolden struct {
	SES []struct {
		Rate, Lo, Hi float64
		X, Want      []float64
	}
	CPW struct{ X, Want []float64 }
	SK  struct {
		NFFT, Hop int
		X, Want   []float64
	}
	Kurtogram struct {
		Levels                  int
		Rate                    float64
		X                       []float64
		Rows                    [][]float64
		LevelW                  []float64 `json:"level_w"`
		Center, Bandwidth, KMax float64
	}
}

func loadEnvelopeGolden(t *testing.T) *envelopeGolden {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "envelope_golden.json"))
	require.NoError(t, err)
	var g envelopeGolden
	require.NoError(t, json.Unmarshal(b, &g))
	return &g
}

func TestSESGoldenScipy(t *testing.T) {
	g := loadEnvelopeGolden(t)
	require.Len(t, g.SES, 4)
	for i, c := range g.SES {
		a := must(NewEnvelopeAnalyzer(len(c.X), c.Rate))
		got, err := a.SES(nil, c.X, c.Lo, c.Hi)
		require.NoError(t, err, "case %d", i)
		require.Len(t, got, len(c.Want))
		for k := range got {
			assert.InDelta(t, c.Want[k], got[k], 1e-12, "case %d bin %d", i, k)
		}
	}
}

// An amplitude-modulated carrier (1 + m·cos 2πf_m t)·cos 2πf_c t has the
// squared envelope 1 + m²/2 + 2m·cos 2πf_m t + (m²/2)·cos 4πf_m t: SES lines
// of 2m at f_m and m²/2 at 2f_m, nothing else.
func TestSESAmplitudeModulation(t *testing.T) {
	const (
		n    = 1024
		rate = 1024.0 // 1 Hz bins
		fc   = 300.0
		fm   = 25.0
		m    = 0.4
	)
	x := make([]float64, n)
	for i := range x {
		tt := float64(i) / rate
		x[i] = (1 + m*math.Cos(2*math.Pi*fm*tt)) * math.Cos(2*math.Pi*fc*tt)
	}
	a := must(NewEnvelopeAnalyzer(n, rate))
	assert.Equal(t, 1.0, a.Resolution())
	for _, band := range [][2]float64{{0, rate / 2}, {fc - 60, fc + 60}} {
		s, err := a.SES(nil, x, band[0], band[1])
		require.NoError(t, err)
		for k, v := range s {
			want := 0.0
			switch float64(k) {
			case fm:
				want = 2 * m
			case 2 * fm:
				want = m * m / 2
			}
			require.InDelta(t, want, v, 1e-12, "band %v bin %d", band, k)
		}
	}
	// A band that cuts the sidebands off leaves a flat envelope.
	s, err := a.SES(nil, x, fc-10, fc+10)
	require.NoError(t, err)
	for k, v := range s {
		require.InDelta(t, 0, v, 1e-12, "bin %d", k)
	}
}

// Impulses every P samples exciting a resonance give a squared envelope of
// period P samples, whose spectrum lives only at multiples of rate/P: the
// SES peaks at the impulse rate and its harmonics and is zero in between.
func TestSESImpulseTrainResonance(t *testing.T) {
	const (
		n    = 4096
		rate = 8192.0
		p    = 64 // impulse period in samples: 128 Hz
		fres = 2500.0
	)
	x := make([]float64, n)
	for s := 0; s < n; s += p {
		for j := 0; j < n; j++ {
			// Circular so that the signal is exactly periodic.
			tt := float64(j) / rate
			x[(s+j)%n] += math.Exp(-tt*600) * math.Sin(2*math.Pi*fres*tt)
		}
	}
	a := must(NewEnvelopeAnalyzer(n, rate))
	for _, band := range [][2]float64{{0, rate / 2}, {fres - 1000, fres + 1000}} {
		s, err := a.SES(nil, x, band[0], band[1])
		require.NoError(t, err)
		step := n / p // bins between harmonics of 128 Hz
		var peak float64
		for k := 1; k < len(s); k++ {
			if k%step != 0 {
				require.InDelta(t, 0, s[k], 1e-9, "band %v: off-harmonic bin %d", band, k)
			}
			peak = math.Max(peak, s[k])
		}
		assert.Equal(t, 128.0, float64(step)*a.Resolution())
		assert.Greater(t, s[step], 0.1*peak, "the impulse rate carries a strong line")
		assert.Greater(t, s[2*step], 0.0)
	}
}

func TestSquaredEnvelopeFullBandIsHilbert(t *testing.T) {
	// |hilbert(cos 2πft)|² = 1 for a bin-centred tone.
	const n = 128
	x := make([]float64, n)
	for i := range x {
		x[i] = 3 * math.Cos(2*math.Pi*float64(10*i)/n+0.3)
	}
	a := must(NewEnvelopeAnalyzer(n, 1))
	e, err := a.SquaredEnvelope(nil, x, 0, 0.5)
	require.NoError(t, err)
	for i, v := range e {
		require.InDelta(t, 9, v, 1e-12, "sample %d", i)
	}
}

func TestSESBadInput(t *testing.T) {
	a := must(NewEnvelopeAnalyzer(64, 1000))
	x := make([]float64, 64)
	for _, c := range []struct {
		lo, hi float64
		msg    string
	}{
		{100, 600, "above the Nyquist"},
		{300, 200, "inverted"},
		{200, 200, "inverted"},
		{-1, 200, "below 0"},
		{math.NaN(), 200, "not a number"},
		{101, 109, "holds no frequency bin"},
	} {
		_, err := a.SES(nil, x, c.lo, c.hi)
		require.Error(t, err, "band [%v, %v]", c.lo, c.hi)
		assert.Contains(t, err.Error(), c.msg)
	}
	x[17] = math.NaN()
	_, err := a.SES(nil, x, 0, 500)
	require.ErrorContains(t, err, "sample 17 is NaN")
	x[17] = math.Inf(-1)
	_, err = a.SquaredEnvelope(nil, x, 0, 500)
	require.ErrorContains(t, err, "sample 17 is -Inf")

	_, err = SquaredEnvelopeSpectrum(make([]float64, 8), 1000, 0, 500)
	require.ErrorContains(t, err, "too short")
	_, err = SquaredEnvelopeSpectrum(make([]float64, 64), 0, 0, 500)
	require.ErrorContains(t, err, "sample rate")

	_, err = NewEnvelopeAnalyzer(8, 1000)
	assert.ErrorIs(t, err, ErrInput)
	_, err = NewEnvelopeAnalyzer(64, math.Inf(1))
	assert.ErrorIs(t, err, ErrInput)
	assert.Panics(t, func() { _, _ = a.SES(nil, make([]float64, 63), 0, 500) })
	assert.Panics(t, func() { _, _ = a.SES(make([]float64, 32), make([]float64, 64), 0, 500) })
}

func TestSESZeroAllocs(t *testing.T) {
	const n = 4096
	rng := rand.New(rand.NewSource(1))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	a := must(NewEnvelopeAnalyzer(n, 12000))
	dst := make([]float64, a.Bins())
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := a.SES(dst, x, 1000, 4000); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
}
