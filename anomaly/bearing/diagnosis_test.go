package bearing_test

import (
	"encoding/json"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/features"
)

func TestDiagnoserConfigDefaults(t *testing.T) {
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	c := dg.Config()
	assert.Equal(t, 4, c.Harmonics)
	assert.Equal(t, 2, c.SidebandHarmonics)
	assert.Equal(t, features.DefaultSlipTolerance, c.Tolerance)
	assert.Equal(t, 1.0, c.FloorOrders)
	assert.Equal(t, 8.0, c.LineDB)
	assert.Equal(t, 12.0, c.FundamentalDB)
	assert.Equal(t, 6.0, c.SidebandDB)
	assert.Equal(t, 30.0, c.CapDB)
	assert.Equal(t, 0.4, c.DominanceRatio)
	assert.Equal(t, 2, c.MinMethods)
	assert.Equal(t, bearing.DefaultMethods(), c.Methods)
	assert.Equal(t, 64, c.MEDTaps)
	assert.Equal(t, 6, c.KurtogramLevels)
	assert.Equal(t, 20.0, c.MinRevolutions)
	assert.Equal(t, 0.5, c.SaturatedMinScore)
	assert.Equal(t, 30.0, c.EmptyBandDB)
	// Config returns a copy.
	c.Methods[0] = bearing.MethodCPW
	assert.Equal(t, bearing.MethodRaw, dg.Config().Methods[0])

	one, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{Methods: []bearing.Method{bearing.MethodRaw}})
	require.NoError(t, err)
	assert.Equal(t, 1, one.Config().MinMethods, "MinMethods defaults to at most len(Methods)")
}

func TestDiagnoserConfigErrors(t *testing.T) {
	for field, c := range map[string]bearing.DiagnoserConfig{
		"Harmonics":         {Harmonics: 1},
		"SidebandHarmonics": {Harmonics: 3, SidebandHarmonics: 4},
		"Tolerance":         {Tolerance: 0.2},
		"FloorOrders":       {FloorOrders: -1},
		"LineDB":            {LineDB: -3},
		"FundamentalDB":     {LineDB: 10, FundamentalDB: 9},
		"SidebandDB":        {SidebandDB: math.NaN()},
		"CapDB":             {CapDB: 11},
		"Methods":           {Methods: []bearing.Method{}},
		"Methods[1]":        {Methods: []bearing.Method{bearing.MethodRaw, bearing.MethodRaw}},
		"Methods[0]":        {Methods: []bearing.Method{9}},
		"Methods[2]":        {Methods: []bearing.Method{bearing.MethodRaw, bearing.MethodMED, bearing.MethodMED}},
		"DominanceRatio":    {DominanceRatio: 1.5},
		"MinMethods":        {MinMethods: 4},
		"KurtogramLevels":   {KurtogramLevels: 17},
		"MEDTaps":           {MEDTaps: 1},
		"MinRevolutions":    {MinRevolutions: math.Inf(1)},
		"SaturatedMinScore": {SaturatedMinScore: 1.5},
		"EmptyBandDB":       {EmptyBandDB: 301},
		"EmptyBandDB ":      {EmptyBandDB: math.NaN()},
		"SpeedTolerance":    {SpeedTolerance: -0.1},
	} {
		_, err := bearing.NewDiagnoser(c)
		if assert.Error(t, err, field) {
			assert.Contains(t, err.Error(), "DiagnoserConfig."+strings.TrimSpace(field))
		}
	}
}

func TestDiagnoseErrors(t *testing.T) {
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	b := simBearing(t)
	good := simulate(t, fault.OuterRace, 10, 2, 1) // 24000 samples, 60 revolutions
	nan := append([]float64(nil), good...)
	nan[1234] = math.NaN()
	inf := append([]float64(nil), good...)
	inf[len(inf)-1] = math.Inf(-1)
	for name, tc := range map[string]struct {
		x       []float64
		rate    float64
		shaft   float64
		b       features.Bearing
		message string
	}{
		"NaN sample":      {nan, 12000, simShaft, b, "sample 1234 is NaN"},
		"Inf sample":      {inf, 12000, simShaft, b, "is -Inf"},
		"short":           {good[:4000], 12000, simShaft, b, "need at least 4096"},
		"few revolutions": {good[:8000], 12000, 10, b, "revolutions"},
		"zero shaft":      {good, 12000, 0, b, "shaft speed 0 Hz"},
		"negative shaft":  {good, 12000, -30, b, "shaft speed -30 Hz"},
		"NaN shaft":       {good, 12000, math.NaN(), b, "shaft speed NaN Hz"},
		"zero rate":       {good, 0, simShaft, b, "sample rate 0 Hz"},
		"Inf rate":        {good, math.Inf(1), simShaft, b, "sample rate +Inf Hz"},
		"shaft too fast":  {good, 12000, 300, b, "Nyquist"},
		"invalid bearing": {good, 12000, simShaft, features.Bearing{Name: "bad", Elements: 0, ElementDiameter: 1, PitchDiameter: 5}, "rolling elements"},
		"element too big": {good, 12000, simShaft, features.Bearing{Name: "bad", Elements: 8, ElementDiameter: 5, PitchDiameter: 5}, "not smaller"},
		"constant signal": {make([]float64, 24000), 12000, simShaft, b, "constant"},
		"empty signal":    {nil, 12000, simShaft, b, "need at least"},
	} {
		d, err := dg.Diagnose(tc.x, tc.rate, tc.shaft, tc.b)
		if assert.Error(t, err, name) {
			assert.Contains(t, err.Error(), tc.message, name)
			assert.True(t, strings.HasPrefix(err.Error(), "anomaly: "), name)
		}
		assert.Nil(t, d, name)
	}
	d, err := dg.Diagnose(good, 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, fault.OuterRace, d.Verdict)
}

// Every number of a Diagnosis is finite and it survives a JSON round trip
// with snake_case keys.
func TestDiagnosisJSON(t *testing.T) {
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	x := simulate(t, fault.InnerRace, 5, 5, 7)
	d, err := dg.Diagnose(x, 12000, simShaft, simBearing(t))
	require.NoError(t, err)
	require.Equal(t, fault.InnerRace, d.Verdict)
	js, err := json.Marshal(d)
	require.NoError(t, err)
	var back bearing.Diagnosis
	require.NoError(t, json.Unmarshal(js, &back))
	assert.Equal(t, d.Verdict, back.Verdict)
	assert.Equal(t, d.Defects, back.Defects)
	js2, err := json.Marshal(&back)
	require.NoError(t, err)
	assert.JSONEq(t, string(js), string(js2))

	var m map[string]any
	require.NoError(t, json.Unmarshal(js, &m))
	for _, k := range []string{"verdict", "confidence", "shaft_hz", "defects", "evidence", "method", "band_hz", "reason"} {
		assert.Contains(t, m, k)
	}
	assert.Equal(t, "inner_race", m["verdict"])
	assert.Contains(t, m["defects"], "bpfi_hz")
	ev := m["evidence"].([]any)
	require.Len(t, ev, 4)
	inner := ev[1].(map[string]any)
	assert.Equal(t, "inner_race", inner["fault"])
	for _, k := range []string{"score", "qualified", "method", "band_hz", "fundamental_hz", "harmonics", "sidebands", "harmonics_found", "sidebands_found", "methods"} {
		assert.Contains(t, inner, k)
	}
	h := inner["harmonics"].([]any)[0].(map[string]any)
	for _, k := range []string{"harmonic", "freq_hz", "expected_freq_hz", "error_pct", "prominence_db", "present", "explained"} {
		assert.Contains(t, h, k)
	}
	assert.NotContains(t, ev[0].(map[string]any), "sidebands", "outer race has no sidebands")
}

// A zero signal segment makes floors of zero: prominences stay finite.
func TestDiagnoseFinite(t *testing.T) {
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	x := make([]float64, 24000)
	for i := 0; i < len(x); i += 400 { // a pure impulse train at 30 Hz
		x[i] = 1
	}
	d, err := dg.Diagnose(x, 12000, simShaft, simBearing(t))
	require.NoError(t, err)
	_, err = json.Marshal(d)
	require.NoError(t, err, "no NaN or Inf in the result")
	assert.False(t, math.IsNaN(d.Confidence))
}

// Concurrent calls (run with -race) give the results of serial calls.
func TestDiagnoseConcurrent(t *testing.T) {
	for name, cfg := range diagConfigs() {
		t.Run(name, func(t *testing.T) { testDiagnoseConcurrent(t, cfg) })
	}
}

func testDiagnoseConcurrent(t *testing.T, cfg bearing.DiagnoserConfig) {
	dg, err := bearing.NewDiagnoser(cfg)
	require.NoError(t, err)
	b := simBearing(t)
	kinds := []fault.Kind{fault.OuterRace, fault.InnerRace, fault.Ball, fault.Healthy}
	var signals [][]float64
	var want []*bearing.Diagnosis
	for i, v := range kinds {
		x := simulate(t, v, 5, 3, uint64(i))
		d, err := dg.Diagnose(x, 12000, simShaft, b)
		require.NoError(t, err)
		signals, want = append(signals, x), append(want, d)
	}
	var wg sync.WaitGroup
	got := make([]*bearing.Diagnosis, 4*len(kinds))
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[g], _ = dg.Diagnose(signals[g%len(kinds)], 12000, simShaft, b)
		}()
	}
	wg.Wait()
	for g, d := range got {
		require.NotNil(t, d)
		assert.Equal(t, want[g%len(kinds)], d, "goroutine %d", g)
	}
}

// DiagnoseTo reuses its destination: no allocation in steady state.
func TestDiagnoseToAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	for name, cfg := range diagConfigs() {
		t.Run(name, func(t *testing.T) { testDiagnoseToAllocs(t, cfg) })
	}
	// The speed read and the reduction of an oversampled signal reuse
	// their buffers too.
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{SpeedTolerance: 0.05})
	require.NoError(t, err)
	b := simBearing(t)
	for _, rate := range []float64{12000, 48000} {
		x := simulate(t, fault.OuterRace, 5, 2, 1)
		if rate > 12000 {
			x = upsample(t, x, 4)
		}
		d, err := dg.DiagnoseTo(nil, x, rate, simShaft*1.02, b)
		require.NoError(t, err)
		allocs := testing.AllocsPerRun(5, func() {
			if _, err := dg.DiagnoseTo(d, x, rate, simShaft*1.02, b); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, allocs, "%g Hz", rate)
		assert.True(t, d.SpeedRead)
		assert.Equal(t, 12000.0, d.AnalysisRate)
		assert.Equal(t, fault.OuterRace, d.Verdict)
	}
}

func testDiagnoseToAllocs(t *testing.T, cfg bearing.DiagnoserConfig) {
	dg, err := bearing.NewDiagnoser(cfg)
	require.NoError(t, err)
	x := simulate(t, fault.OuterRace, 5, 2, 1)
	b := simBearing(t)
	d, err := dg.DiagnoseTo(nil, x, 12000, simShaft, b)
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := dg.DiagnoseTo(d, x, 12000, simShaft, b); err != nil {
			t.Fatal(err)
		}
	})
	assert.Zero(t, allocs)
	assert.Equal(t, fault.OuterRace, d.Verdict)
}
