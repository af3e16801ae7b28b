package filter

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// golden holds the scipy references written by testdata/gen_golden.py.
type golden struct {
	Scipy  string    `json:"scipy"`
	FS     float64   `json:"fs"`
	X      []float64 `json:"x"`
	Butter []struct {
		Kind        string       `json:"kind"`
		Order       int          `json:"order"`
		Cutoff      []float64    `json:"cutoff"`
		SOS         [][6]float64 `json:"sos"`
		SOSFilt     []float64    `json:"sosfilt"`
		SOSFiltFilt []float64    `json:"sosfiltfilt"`
	} `json:"butter"`
	Resample []struct {
		Up   int       `json:"up"`
		Down int       `json:"down"`
		Y    []float64 `json:"y"`
	} `json:"resample_poly"`
	Decimate []struct {
		Q int       `json:"q"`
		Y []float64 `json:"y"`
	} `json:"decimate"`
	DecimateIIR []struct {
		Q   int          `json:"q"`
		SOS [][6]float64 `json:"sos"`
		Y   []float64    `json:"y"`
	} `json:"decimate_iir"`
}

func loadGolden(t *testing.T) *golden {
	t.Helper()
	b, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return &g
}

// maxAbsDiff returns max |a−b| relative to max(1, max |b|); it fails
// the test on a length mismatch.
func maxAbsDiff(t *testing.T, what string, a, b []float64) float64 {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%s: %d values, scipy %d", what, len(a), len(b))
	}
	var d, s float64 = 0, 1
	for i := range a {
		d = math.Max(d, math.Abs(a[i]-b[i]))
		s = math.Max(s, math.Abs(b[i]))
	}
	worst[what] = math.Max(worst[what], d/s)
	return d / s
}

// worst records the largest difference from scipy per comparison, logged
// with -v.
var worst = map[string]float64{}

func TestMain(m *testing.M) {
	code := m.Run()
	for k, v := range worst {
		println("largest difference from scipy,", k+":", v)
	}
	os.Exit(code)
}

func TestGoldenButter(t *testing.T) {
	g := loadGolden(t)
	const tol = 1e-10
	for _, c := range g.Butter {
		var sos SOS
		var err error
		switch c.Kind {
		case "lowpass":
			sos, err = ButterLowpass(c.Order, c.Cutoff[0], g.FS)
		case "highpass":
			sos, err = ButterHighpass(c.Order, c.Cutoff[0], g.FS)
		case "bandpass":
			sos, err = ButterBandpass(c.Order, c.Cutoff[0], c.Cutoff[1], g.FS)
		}
		if err != nil {
			t.Fatal(err)
		}
		name := c.Kind
		var flat, want []float64
		if len(sos) != len(c.SOS) {
			t.Errorf("%s %v: %d sections, scipy %d", name, c.Cutoff, len(sos), len(c.SOS))
			continue
		}
		for i := range sos {
			flat = append(flat, sos[i][:]...)
			want = append(want, c.SOS[i][:]...)
		}
		if d := maxAbsDiff(t, name, flat, want); d > tol {
			t.Errorf("%s order %d %v: sos differs from scipy by %.3g\n got %v\nwant %v", name, c.Order, c.Cutoff, d, sos, c.SOS)
		}
		y, err := sos.Apply(nil, g.X)
		if err != nil {
			t.Fatal(err)
		}
		if d := maxAbsDiff(t, "sosfilt", y, c.SOSFilt); d > tol {
			t.Errorf("%s %v: sosfilt differs by %.3g", name, c.Cutoff, d)
		}
		y, err = FiltFilt(nil, g.X, sos)
		if err != nil {
			t.Fatal(err)
		}
		if d := maxAbsDiff(t, "sosfiltfilt", y, c.SOSFiltFilt); d > tol {
			t.Errorf("%s %v: sosfiltfilt differs by %.3g", name, c.Cutoff, d)
		}
	}
}

func TestGoldenResample(t *testing.T) {
	g := loadGolden(t)
	const tol = 1e-10
	for _, c := range g.Resample {
		r, err := NewResampler(c.Up, c.Down)
		if err != nil {
			t.Fatal(err)
		}
		y, err := r.Resample(nil, g.X)
		if err != nil {
			t.Fatal(err)
		}
		if d := maxAbsDiff(t, "resample", y, c.Y); d > tol {
			t.Errorf("resample_poly %d/%d differs by %.3g", c.Up, c.Down, d)
		}
	}
	for _, c := range g.Decimate {
		r, err := NewDecimator(c.Q)
		if err != nil {
			t.Fatal(err)
		}
		y, err := r.Resample(nil, g.X)
		if err != nil {
			t.Fatal(err)
		}
		if d := maxAbsDiff(t, "decimate", y, c.Y); d > tol {
			t.Errorf("decimate by %d differs by %.3g", c.Q, d)
		}
	}
	for _, c := range g.DecimateIIR {
		sos := cheby1Lowpass(8, 0.05, 0.8/float64(c.Q))
		var flat, want []float64
		for i := range sos {
			flat = append(flat, sos[i][:]...)
		}
		for i := range c.SOS {
			want = append(want, c.SOS[i][:]...)
		}
		if d := maxAbsDiff(t, "cheby1", flat, want); d > tol {
			t.Errorf("cheby1 for q=%d differs by %.3g\n got %v\nwant %v", c.Q, d, sos, c.SOS)
		}
		y, err := Decimate(nil, g.X, c.Q)
		if err != nil {
			t.Fatal(err)
		}
		if d := maxAbsDiff(t, "decimate iir", y, c.Y); d > tol {
			t.Errorf("decimate (iir) by %d differs by %.3g", c.Q, d)
		}
	}
}
