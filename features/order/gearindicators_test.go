package order

import (
	"math"
	"slices"
	"testing"
)

// TestGearIndicatorsKnownAnswers builds a TSA from known orders: mesh 10
// (amplitude 1) and its second harmonic (0.5), first-order sidebands 9 and
// 11 (0.1 each), shaft order 1 (0.3) and an irregular order 37 (0.05),
// whose difference signal is the pure order 37.
func TestGearIndicatorsKnownAnswers(t *testing.T) {
	const n = 128
	tsa := make([]float64, n)
	res := make([]float64, n)
	for i := range tsa {
		th := 2 * math.Pi * float64(i) / n
		tsa[i] = math.Cos(10*th) + 0.5*math.Cos(20*th) + 0.1*math.Cos(9*th) + 0.1*math.Cos(11*th) +
			0.3*math.Sin(th) + 0.05*math.Cos(37*th)
		res[i] = 0.1*math.Cos(9*th) + 0.1*math.Cos(11*th) + 0.05*math.Cos(37*th)
	}
	g, err := NewGearAnalyzer(n, GearConfig{Teeth: 10, MeshHarmonics: 2})
	if err != nil {
		t.Fatal(err)
	}
	ind, err := g.Indicators(tsa, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, v := centralSums(tsa)
	std := math.Sqrt(v / n)
	_, r2 := centralSums(res)
	_, r4, _, _ := moments(res)
	regularRMS := math.Sqrt((1 + 0.25 + 0.01 + 0.01 + 0.09) / 2)
	want := GearIndicators{
		FM0: (slices.Max(tsa) - slices.Min(tsa)) / 1.5,
		FM4: 1.5,   // E[cos⁴]/E[cos²]² of a sinusoid
		M6A: 2.5,   // (5/16)/(1/8)
		M8A: 4.375, // (35/128)/(1/16)
		NA4: n * r4 / (r2 * r2),
		SLF: 0.2 / std,
		ER:  (0.05 / math.Sqrt2) / regularRMS,
	}
	check := func(name string, got, want float64) {
		if math.Abs(got-want) > 1e-9*max(1, math.Abs(want)) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("FM0", ind.FM0, want.FM0)
	check("FM4", ind.FM4, want.FM4)
	check("M6A", ind.M6A, want.M6A)
	check("M8A", ind.M8A, want.M8A)
	check("NA4", ind.NA4, want.NA4)
	check("SLF", ind.SLF, want.SLF)
	check("ER", ind.ER, want.ER)

	// The signals themselves.
	d := g.Difference(nil, tsa)
	r := g.Residual(nil, tsa)
	reg := g.Regular(nil, tsa)
	for i := range d {
		th := 2 * math.Pi * float64(i) / n
		if e := d[i] - 0.05*math.Cos(37*th); math.Abs(e) > 1e-12 {
			t.Fatalf("difference[%d] off by %v", i, e)
		}
		if e := r[i] - res[i]; math.Abs(e) > 1e-12 {
			t.Fatalf("residual[%d] off by %v", i, e)
		}
		if e := reg[i] + d[i] - tsa[i]; math.Abs(e) > 1e-12 {
			t.Fatalf("regular + difference ≠ TSA at %d by %v", i, e)
		}
	}

	// NA4 trended: a second record whose residual has twice the amplitude
	// is normalized by the mean variance of both records, (1 + 4)/2 of the
	// first's, so NA4 = kurtosis·(4/2.5)².
	var trend GearTrend
	if _, err := g.Indicators(tsa, &trend); err != nil {
		t.Fatal(err)
	}
	tsa2 := make([]float64, n)
	for i := range tsa2 {
		tsa2[i] = tsa[i] + res[i]
	}
	ind2, err := g.Indicators(tsa2, &trend)
	if err != nil {
		t.Fatal(err)
	}
	check("trended NA4", ind2.NA4, want.NA4*(4/2.5)*(4/2.5))
}
