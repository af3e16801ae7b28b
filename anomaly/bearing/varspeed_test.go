package bearing_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/features/order"
)

// runupSim is a run-up of the CWRU drive-end bearing with an outer-race
// defect from 600 to 1800 rpm in 6 s, 1 s at 1800 rpm and a coast-down to
// 900 rpm in 3 s, at the given rate, with a once-per-revolution
// tachometer that misses pulse 30.
func runupSim(t testing.TB, rate float64) datasets.RunupSim {
	orders, err := simBearing(t).Multiples()
	require.NoError(t, err)
	return datasets.RunupSim{
		SampleRate:   rate,
		Profile:      []datasets.SpeedPoint{{Time: 0, Hz: 10}, {Time: 6, Hz: 30}, {Time: 7, Hz: 30}, {Time: 10, Hz: 15}},
		DefectOrder:  orders.BPFO,
		Jitter:       0.01,
		ImpactAmp:    1,
		Resonances:   []datasets.Resonance{{Freq: 3000, Damping: 0.05}},
		ShaftOrders:  []float64{0.5, 0.2},
		PulsesPerRev: 1,
		TachoNoise:   0.2,
		DropPulses:   []int{30},
		SNR:          0,
		Seed:         3,
	}
}

// runup simulates runupSim at 12.8 kHz.
func runup(t testing.TB) (vib, tacho []float64, truth datasets.RunupTruth, cfg datasets.RunupSim) {
	t.Helper()
	cfg = runupSim(t, 12800)
	vib, tacho, truth, err := datasets.SimulateRunup(cfg)
	require.NoError(t, err)
	return vib, tacho, truth, cfg
}

func TestDiagnoseProfileRunup(t *testing.T) {
	vib, tacho, truth, cfg := runup(t)
	cd, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	b := simBearing(t)
	seconds := float64(len(vib)) / cfg.SampleRate
	meanHz := truth.Angle[len(truth.Angle)-1] / seconds

	// At one speed, the mean, the outer race's lines smear over a third
	// of the spectrum: the constant-speed diagnosis cannot name it.
	c, err := cd.Diagnose(vib, cfg.SampleRate, meanHz, b)
	require.NoError(t, err)
	assert.NotEqual(t, fault.OuterRace, c.Verdict, "constant-speed diagnosis at %.2f Hz: %s", meanHz, c.Reason)
	t.Logf("constant speed %.2f Hz: %v (%.2f) %s", meanHz, c.Verdict, c.Confidence, c.Reason)

	ts, err := order.SpeedFromTacho(tacho, cfg.SampleRate, order.TachoConfig{PulsesPerRev: 1})
	require.NoError(t, err)
	vs, err := order.SpeedFromVibration(vib, order.RidgeConfig{SampleRate: cfg.SampleRate, Order: 1, MinHz: 8, MaxHz: 35})
	require.NoError(t, err)
	prof := order.SpeedProfile{}
	for _, p := range cfg.Profile {
		prof.Time = append(prof.Time, p.Time)
		prof.Hz = append(prof.Hz, p.Hz)
	}
	for _, tc := range []struct {
		name string
		diag func() (*bearing.ProfileDiagnosis, error)
	}{
		{"tacho", func() (*bearing.ProfileDiagnosis, error) { return dg.DiagnoseAngle(vib, cfg.SampleRate, ts.Angle, b) }},
		{"tacho-profile", func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(vib, cfg.SampleRate, ts.Speed, b)
		}},
		{"vibration", func() (*bearing.ProfileDiagnosis, error) { return dg.DiagnoseAngle(vib, cfg.SampleRate, vs.Angle, b) }},
		{"knots", func() (*bearing.ProfileDiagnosis, error) { return dg.DiagnoseProfile(vib, cfg.SampleRate, prof, b) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.diag()
			require.NoError(t, err)
			t.Logf("%v (%.2f) %s; %+v", p.Verdict, p.Confidence, p.Reason, p.OrderTracking)
			assert.Equal(t, fault.OuterRace, p.Verdict, p.Reason)
			assert.True(t, p.OrderTracked)
			// The speeds are those of the simulation, within the
			// profile's resolution at its ends.
			assert.InDelta(t, 10, p.MinShaftHz, 1.5)
			assert.InDelta(t, 30, p.MaxShaftHz, 1.5)
			assert.InDelta(t, meanHz, p.MeanShaftHz, 0.03*meanHz)
			assert.InDelta(t, meanHz, p.ShaftHz, 0.03*meanHz)
			// The fitted fundamental is the defect order at the mean speed.
			e := p.Fault(fault.OuterRace)
			require.NotNil(t, e)
			assert.InDelta(t, cfg.DefectOrder, e.Fundamental/p.MeanShaftHz, 0.01*cfg.DefectOrder)
			assert.InDelta(t, cfg.DefectOrder*p.MeanShaftHz, p.Defects.BPFO, 1e-9*p.Defects.BPFO)
			assert.GreaterOrEqual(t, p.Revolutions, 0.85*p.Seconds*p.MeanShaftHz)
		})
	}
}

func TestDiagnoseProfileJSON(t *testing.T) {
	vib, tacho, _, cfg := runup(t)
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	ts, err := order.SpeedFromTacho(tacho, cfg.SampleRate, order.TachoConfig{PulsesPerRev: 1})
	require.NoError(t, err)
	p, err := dg.DiagnoseAngle(vib, cfg.SampleRate, ts.Angle, simBearing(t))
	require.NoError(t, err)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	assert.Equal(t, true, m["order_tracked"])
	assert.Equal(t, "outer_race", m["verdict"])
	assert.InDelta(t, p.MeanShaftHz, m["mean_shaft_hz"], 1e-9)
	var back bearing.ProfileDiagnosis
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, p.OrderTracking, back.OrderTracking)
	assert.Equal(t, p.Verdict, back.Verdict)
	assert.InDelta(t, p.Defects.BPFO, back.Defects.BPFO, 1e-9)
}

func TestDiagnoseProfileErrors(t *testing.T) {
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	b := simBearing(t)
	const rate = 12800
	x := simulate(t, fault.OuterRace, 10, 2, 1)
	steady := func(hz ...float64) order.SpeedProfile {
		p := order.SpeedProfile{}
		for i, f := range hz {
			p.Time = append(p.Time, float64(i))
			p.Hz = append(p.Hz, f)
		}
		return p
	}
	nan := append([]float64(nil), x...)
	nan[100] = math.NaN()
	short, err := order.NewShaftAngle([]float64{0, 0.1}, []float64{0, 3})
	require.NoError(t, err)
	late, err := order.NewShaftAngle([]float64{5, 6}, []float64{0, 30})
	require.NoError(t, err)
	bad := b
	bad.Elements = 0
	for _, tc := range []struct {
		name string
		err  error
		diag func() (*bearing.ProfileDiagnosis, error)
	}{
		{"zero speed", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(x, rate, steady(30, 0, 30), b)
		}},
		{"negative speed", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(x, rate, steady(-30, 30), b)
		}},
		{"NaN speed", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(x, rate, steady(30, math.NaN()), b)
		}},
		{"mismatched lengths", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			p := steady(30, 30)
			p.Time = append(p.Time, 3)
			return dg.DiagnoseProfile(x, rate, p, b)
		}},
		{"mismatched uncertainty", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			p := steady(30, 30)
			p.Uncertainty = []float64{1}
			return dg.DiagnoseProfile(x, rate, p, b)
		}},
		{"one point", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(x, rate, steady(30), b)
		}},
		{"times not increasing", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			p := steady(30, 30, 30)
			p.Time[2] = 1
			return dg.DiagnoseProfile(x, rate, p, b)
		}},
		{"too few revolutions", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(x, rate, steady(2, 2, 2), b)
		}},
		{"profile shorter than needed", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseAngle(x, rate, short, b)
		}},
		{"profile after the signal", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseAngle(x, rate, late, b)
		}},
		{"nil angle", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseAngle(x, rate, nil, b)
		}},
		{"zero rate", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(x, 0, steady(30, 30, 30), b)
		}},
		{"NaN sample", bearing.ErrInput, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(nan, rate, steady(30, 30, 30), b)
		}},
		{"bad bearing", bearing.ErrConfig, func() (*bearing.ProfileDiagnosis, error) {
			return dg.DiagnoseProfile(x, rate, steady(30, 30, 30), bad)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.diag()
			require.Error(t, err)
			assert.Nil(t, p)
			assert.True(t, errors.Is(err, tc.err), "%v does not wrap %v", err, tc.err)
		})
	}
}

// A steady speed given as a profile gives the diagnosis Diagnose gives at
// that speed.
func TestDiagnoseProfileSteady(t *testing.T) {
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	b := simBearing(t)
	for _, v := range []fault.Kind{fault.OuterRace, fault.InnerRace} {
		x := simulate(t, v, 0, 4, 2)
		p, err := dg.DiagnoseProfile(x, 12000, order.SpeedProfile{Time: []float64{0, 4}, Hz: []float64{simShaft, simShaft}}, b)
		require.NoError(t, err)
		assert.Equal(t, v, p.Verdict, p.Reason)
		assert.InDelta(t, simShaft, p.MeanShaftHz, 1e-6)
		assert.InDelta(t, simShaft, p.MinShaftHz, 1e-6)
	}
}

// The same run-up without a defect, over Gaussian noise, is Healthy.
func TestDiagnoseProfileHealthyRunup(t *testing.T) {
	cfg := runupSim(t, 12800)
	cfg.ImpactAmp = 0
	cfg.SNR = math.Inf(1)
	vib, tacho, _, err := datasets.SimulateRunup(cfg)
	require.NoError(t, err)
	noise := simulate(t, fault.Healthy, 0, float64(len(vib))/12000, 4) // Gaussian background
	for i := range vib {
		vib[i] += noise[i%len(noise)]
	}
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	ts, err := order.SpeedFromTacho(tacho, cfg.SampleRate, order.TachoConfig{PulsesPerRev: 1})
	require.NoError(t, err)
	p, err := dg.DiagnoseAngle(vib, cfg.SampleRate, ts.Angle, simBearing(t))
	require.NoError(t, err)
	// Measured in the angle domain, the kurtogram reads the orders that
	// hold signal only at the lowest speed as impacts (kurtosis ≈ 900 here):
	// health is measured in time, where this signal's most impulsive band
	// reads 0.55, just above the default HealthyKurtosis (0.5, chosen on
	// constant-speed data). The verdict is Healthy or, for want of earned
	// health, Unknown: never a fault.
	t.Logf("%v (%.2f): %s; health %+v", p.Verdict, p.Confidence, p.Reason, p.Health)
	assert.Contains(t, []fault.Kind{fault.Healthy, fault.Unknown}, p.Verdict)
	assert.Less(t, p.Health.Kurtosis, 2*dg.Config().HealthyKurtosis, "health measured on the recorded signal")
	loose := bearing.DiagnoserConfig{HealthyKurtosis: 1}
	dl, err := bearing.NewProfileDiagnoser(loose)
	require.NoError(t, err)
	pl, err := dl.DiagnoseAngle(vib, cfg.SampleRate, ts.Angle, simBearing(t))
	require.NoError(t, err)
	assert.Equal(t, fault.Healthy, pl.Verdict, "with HealthyKurtosis 1: %s", pl.Reason)
	for _, e := range p.Evidence {
		assert.False(t, e.Qualified, "%v qualifies", e.Fault)
	}
}

// BenchmarkDiagnoseProfile times the order-tracked diagnosis of a 10 s
// run-up at 25.6 kHz with its tachometer angle, reusing the result
// (DiagnoseAngleTo) as a service diagnosing every run-up would.
func BenchmarkDiagnoseProfile(b *testing.B) {
	cfg := runupSim(b, 25600)
	vib, tacho, _, err := datasets.SimulateRunup(cfg)
	require.NoError(b, err)
	ts, err := order.SpeedFromTacho(tacho, cfg.SampleRate, order.TachoConfig{PulsesPerRev: 1})
	require.NoError(b, err)
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(b, err)
	br := simBearing(b)
	p, err := dg.DiagnoseAngle(vib, cfg.SampleRate, ts.Angle, br)
	require.NoError(b, err)
	require.Equal(b, fault.OuterRace, p.Verdict, p.Reason)
	b.ReportAllocs()
	b.SetBytes(int64(8 * len(vib)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := dg.DiagnoseAngleTo(p, vib, cfg.SampleRate, ts.Angle, br); err != nil {
			b.Fatal(err)
		}
	}
}

// DiagnoseAngleTo reuses dst and gives what DiagnoseAngle gives; a failed
// call leaves dst as it was.
func TestDiagnoseAngleTo(t *testing.T) {
	vib, tacho, _, cfg := runup(t)
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	ts, err := order.SpeedFromTacho(tacho, cfg.SampleRate, order.TachoConfig{PulsesPerRev: 1})
	require.NoError(t, err)
	b := simBearing(t)
	want, err := dg.DiagnoseAngle(vib, cfg.SampleRate, ts.Angle, b)
	require.NoError(t, err)
	dst, err := dg.DiagnoseAngle(vib[:len(vib)/2], cfg.SampleRate, ts.Angle, b)
	require.NoError(t, err)
	keep := dst.Diagnosis
	got, err := dg.DiagnoseAngleTo(dst, vib, cfg.SampleRate, ts.Angle, b)
	require.NoError(t, err)
	assert.Same(t, dst, got)
	assert.Same(t, keep, got.Diagnosis)
	wj, err := json.Marshal(want)
	require.NoError(t, err)
	gj, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(wj), string(gj))

	before := string(gj)
	got, err = dg.DiagnoseAngleTo(dst, vib, 0, ts.Angle, b)
	require.ErrorIs(t, err, bearing.ErrInput)
	assert.Same(t, dst, got)
	after, err := json.Marshal(dst)
	require.NoError(t, err)
	assert.JSONEq(t, before, string(after))
}

// The converter is read on the signal as recorded: a clipped run-up keeps
// a fault verdict as strong as SaturatedMinScore and loses a weaker one,
// as in Diagnose.
func TestDiagnoseProfileSaturation(t *testing.T) {
	vib, tacho, _, cfg := runup(t)
	ts, err := order.SpeedFromTacho(tacho, cfg.SampleRate, order.TachoConfig{PulsesPerRev: 1})
	require.NoError(t, err)
	peak := 0.0
	for _, v := range vib {
		peak = math.Max(peak, math.Abs(v))
	}
	b := simBearing(t)
	for _, full := range []float64{2 * peak, 0.9 * peak} {
		x := digitise(vib, full)
		for _, minScore := range []float64{0.3, 1} {
			dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{SaturatedMinScore: minScore})
			require.NoError(t, err)
			p, err := dg.DiagnoseAngle(x, cfg.SampleRate, ts.Angle, b)
			require.NoError(t, err)
			assert.Equal(t, 14, p.Saturation.Bits, "full scale %g", full)
			clipped := full < peak
			assert.Equal(t, clipped, p.Saturation.Saturated(), "full scale %g", full)
			want := fault.OuterRace
			if clipped && minScore == 1 {
				want = fault.Unknown
			}
			assert.Equal(t, want, p.Verdict, "full scale %g, SaturatedMinScore %g: %s", full, minScore, p.Reason)
			if want == fault.Unknown {
				assert.Contains(t, p.Reason, "full scale")
				assert.Equal(t, p.Fault(fault.OuterRace).Score, p.Confidence)
				assert.Equal(t, "raw", p.Method)
			}
		}
	}
}

// A speed that dips low would call for an angular sampling that multiplies
// the samples; it is held to MaxOrderTrackingGrowth times them. (The
// signal does not follow the profile: only the resampling is checked.)
func TestDiagnoseProfileGrowth(t *testing.T) {
	x := simulate(t, fault.OuterRace, 10, 4, 1)
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	// 1 Hz for a moment: 12000/1 = 12000 samples per revolution would
	// give about 12000·30/12000 = 30 times the samples.
	prof := order.SpeedProfile{Time: []float64{0, 1, 1.05, 1.1, 4}, Hz: []float64{simShaft, simShaft, 1, simShaft, simShaft}}
	p, err := dg.DiagnoseProfile(x, 12000, prof, simBearing(t))
	require.NoError(t, err)
	assert.InDelta(t, 1, p.MinShaftHz, 0.05)
	assert.LessOrEqual(t, float64(p.SamplesPerRev)*p.Revolutions, bearing.MaxOrderTrackingGrowth*float64(len(x)))
	assert.Greater(t, float64(p.SamplesPerRev)*p.Revolutions, bearing.MaxOrderTrackingGrowth/2*float64(len(x)))
}

// Calls running at once on one ProfileDiagnoser, each with its own
// buffers, give the same diagnosis as one alone.
func TestDiagnoseProfileConcurrent(t *testing.T) {
	vib, tacho, _, cfg := runup(t)
	dg, err := bearing.NewProfileDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	ts, err := order.SpeedFromTacho(tacho, cfg.SampleRate, order.TachoConfig{PulsesPerRev: 1})
	require.NoError(t, err)
	b := simBearing(t)
	want, err := dg.DiagnoseAngle(vib, cfg.SampleRate, ts.Angle, b)
	require.NoError(t, err)
	wj, err := json.Marshal(want)
	require.NoError(t, err)
	const n = 3
	got := make(chan []byte, n)
	for range n {
		go func() {
			p, err := dg.DiagnoseAngle(vib, cfg.SampleRate, ts.Angle, b)
			if err != nil {
				got <- []byte(err.Error())
				return
			}
			j, _ := json.Marshal(p)
			got <- j
		}()
	}
	for range n {
		assert.JSONEq(t, string(wj), string(<-got))
	}
}
