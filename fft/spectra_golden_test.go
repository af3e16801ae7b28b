package fft

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// goldenTol is the agreement demanded with scipy, relative to the largest
// magnitude in the expected vector.
const goldenTol = 1e-10

type goldenComplex struct {
	Re, Im []float64
}

// spectraGolden is testdata/spectra_golden.json, written by
// testdata/gen_spectra_golden.py.
type spectraGolden struct {
	Scipy   string
	FS      float64
	X       []float64
	Windows []struct {
		Kind     string
		Param    float64
		N        int
		Periodic bool
		Coef     []float64
	}
	Periodograms []struct {
		Kind  string
		Param float64
		N     int
		Power []float64
	}
	Welch []struct {
		Kind    string
		Param   float64
		Nperseg int
		Overlap int
		Scaling string
		Detrend string
		PSD     []float64
	}
	Spectrograms []struct {
		Kind    string
		Param   float64
		Nperseg int
		Hop     int
		N       int
		Frames  int
		Sxx     []float64
	}
	Hilbert []struct {
		N        int
		Analytic goldenComplex
	}
}

var (
	goldenOnce sync.Once
	golden     spectraGolden
	goldenErr  error
)

func loadGolden(t *testing.T) *spectraGolden {
	t.Helper()
	goldenOnce.Do(func() {
		b, err := os.ReadFile(filepath.Join("testdata", "spectra_golden.json"))
		if err != nil {
			goldenErr = err
			return
		}
		goldenErr = json.Unmarshal(b, &golden)
	})
	require.NoError(t, goldenErr)
	return &golden
}

// kindByName maps the generator's names to WindowKind.
func kindByName(t *testing.T, name string) WindowKind {
	t.Helper()
	for k := Rectangular; k <= Tukey; k++ {
		if k.String() == name {
			return k
		}
	}
	t.Fatalf("unknown window kind %q in golden file", name)
	return 0
}

// requireClose checks got against want to goldenTol·max|want|.
func requireClose(t *testing.T, want, got []float64, msg string) {
	t.Helper()
	requireCloseScaled(t, want, got, maxAbsReal(want), msg)
}

// requireCloseScaled checks got against want to goldenTol·scale.
func requireCloseScaled(t *testing.T, want, got []float64, scale float64, msg string) {
	t.Helper()
	require.Len(t, got, len(want), msg)
	require.Greater(t, scale, 0.0, msg)
	tol := goldenTol * scale
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol {
			require.Failf(t, "mismatch", "%s: [%d] got %.17g, want %.17g (tol %.3g)", msg, i, got[i], want[i], tol)
		}
	}
}

func TestGoldenWindows(t *testing.T) {
	g := loadGolden(t)
	require.NotEmpty(t, g.Windows)
	for _, c := range g.Windows {
		kind := kindByName(t, c.Kind)
		name := fmt.Sprintf("%v(%g)/n=%d/periodic=%v", kind, c.Param, c.N, c.Periodic)
		newW := NewSymmetricWindow
		if c.Periodic {
			newW = NewWindow
		}
		w, err := newW(kind, c.N, c.Param)
		require.NoError(t, err, name)
		requireClose(t, c.Coef, w.Coef, name)
	}
}

func TestGoldenPeriodogram(t *testing.T) {
	g := loadGolden(t)
	require.NotEmpty(t, g.Periodograms)
	for _, c := range g.Periodograms {
		w, err := NewWindow(kindByName(t, c.Kind), c.N, c.Param)
		require.NoError(t, err)
		got := must(NewSpectrum(w)).Power(nil, g.X[:c.N])
		requireClose(t, c.Power, got, fmt.Sprintf("periodogram %s n=%d", c.Kind, c.N))
	}
}

func TestGoldenWelch(t *testing.T) {
	g := loadGolden(t)
	require.NotEmpty(t, g.Welch)
	scalings := map[string]Scaling{"density": Density, "spectrum": PowerSpectrum}
	detrends := map[string]Detrend{"none": NoDetrend, "constant": ConstantDetrend, "linear": LinearDetrend}
	for _, c := range g.Welch {
		name := fmt.Sprintf("welch %s(%g) L=%d overlap=%d %s detrend=%s", c.Kind, c.Param, c.Nperseg, c.Overlap, c.Scaling, c.Detrend)
		w, err := NewWindow(kindByName(t, c.Kind), c.Nperseg, c.Param)
		require.NoError(t, err, name)
		sc, ok := scalings[c.Scaling]
		require.True(t, ok, name)
		dt, ok := detrends[c.Detrend]
		require.True(t, ok, name)
		wl, err := NewWelch(WelchConfig{Window: w, Overlap: c.Overlap, Scaling: sc, Detrend: dt})
		require.NoError(t, err, name)
		got, err := wl.PSD(nil, g.X, g.FS)
		require.NoError(t, err, name)
		requireClose(t, c.PSD, got, name)
	}
}

func TestGoldenSpectrogram(t *testing.T) {
	g := loadGolden(t)
	require.NotEmpty(t, g.Spectrograms)
	for _, c := range g.Spectrograms {
		name := fmt.Sprintf("spectrogram %s L=%d hop=%d n=%d", c.Kind, c.Nperseg, c.Hop, c.N)
		w, err := NewWindow(kindByName(t, c.Kind), c.Nperseg, c.Param)
		require.NoError(t, err, name)
		s, err := NewSTFT(w, c.Hop)
		require.NoError(t, err, name)
		require.Equal(t, c.Frames, s.Frames(c.N), name)
		got, err := s.Spectrogram(nil, g.X[:c.N], g.FS)
		require.NoError(t, err, name)
		requireClose(t, c.Sxx, got, name)
	}
}

func TestGoldenHilbert(t *testing.T) {
	g := loadGolden(t)
	require.NotEmpty(t, g.Hilbert)
	for _, c := range g.Hilbert {
		name := fmt.Sprintf("hilbert n=%d", c.N)
		a := must(NewHilbert(c.N)).Analytic(nil, g.X[:c.N])
		re, im := make([]float64, c.N), make([]float64, c.N)
		for i, v := range a {
			re[i], im[i] = real(v), imag(v)
		}
		// The imaginary part is exactly zero for n ≤ 2: judge both parts on
		// the scale of the whole signal.
		scale := math.Max(maxAbsReal(c.Analytic.Re), maxAbsReal(c.Analytic.Im))
		requireCloseScaled(t, c.Analytic.Re, re, scale, name+" real")
		requireCloseScaled(t, c.Analytic.Im, im, scale, name+" imag")
	}
}

func maxAbsReal(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return m
}
