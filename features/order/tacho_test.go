package order

import (
	"errors"
	"math"
	"testing"
)

func TestSpeedFromTachoRunup(t *testing.T) {
	_, tacho, truth, cfg := simRunup(t)
	res, err := SpeedFromTacho(tacho, cfg.SampleRate, TachoConfig{PulsesPerRev: 1, High: 3.5, Low: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Missing != 1 {
		t.Errorf("bridged %d pulses, want 1 (pulse 40 dropped)", res.Missing)
	}
	revs := int(truth.Angle[len(truth.Angle)-1]) + 1 // pulse 0 at 0 rev
	if len(res.Pulses) != revs {
		t.Errorf("%d pulses, want %d", len(res.Pulses), revs)
	}
	// The interval speed is the mean over one revolution, which equals the
	// speed at the interval's midpoint on a linear ramp; what remains is the
	// jitter of the edge times (0.3 V of noise on a 5 V ramp of 5 % of a
	// revolution: about 0.3 ms, 0.4 % of a revolution at 10 Hz), which a
	// moving average over 5 revolutions cuts by about √5.
	for _, c := range []struct {
		smoothing int
		tol       float64
	}{{0, 0.012}, {5, 0.004}} {
		s, err := SpeedFromTacho(tacho, cfg.SampleRate, TachoConfig{PulsesPerRev: 1, High: 3.5, Low: 1.5, Smoothing: c.smoothing})
		if err != nil {
			t.Fatal(err)
		}
		worst := 0.0
		for i, tm := range s.Speed.Time {
			want := truth.Hz[int(tm*cfg.SampleRate)]
			worst = max(worst, math.Abs(s.Speed.Hz[i]/want-1))
		}
		t.Logf("smoothing %d: worst relative speed error %.4f", c.smoothing, worst)
		if worst > c.tol {
			t.Errorf("smoothing %d: worst relative speed error %.4f, want ≤ %v", c.smoothing, worst, c.tol)
		}
	}
	// The angle through the pulses follows the true angle (offset by the
	// threshold crossing, a constant fraction of the ramp).
	off := truth.Angle[int(res.Pulses[5]*cfg.SampleRate)] - 5
	for i := 0; i < len(truth.Angle); i += 1000 {
		tm := float64(i) / cfg.SampleRate
		if tm < res.Angle.Start() || tm > res.Angle.End() {
			continue
		}
		if d := res.Angle.At(tm) + off - truth.Angle[i]; math.Abs(d) > 0.01 {
			t.Fatalf("angle at %.3f s off by %.4f rev", tm, d)
		}
	}
	rpm := res.Speed.RPM(nil)
	if math.Abs(rpm[0]/60-res.Speed.Hz[0]) > 1e-12 {
		t.Errorf("RPM %v for %v Hz", rpm[0], res.Speed.Hz[0])
	}
}

func TestPulseTimesHysteresis(t *testing.T) {
	// An edge whose noise crosses a single threshold three times counts
	// once with hysteresis.
	x := []float64{0, 0, 2.4, 2.6, 2.4, 2.6, 5, 5, 0, 0, 5}
	got, err := PulseTimes(nil, x, 10, TachoConfig{PulsesPerRev: 1, High: 2.5, Low: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.25, 0.95}
	if len(got) != 2 || math.Abs(got[0]-want[0]) > 1e-12 || math.Abs(got[1]-want[1]) > 1e-12 {
		t.Errorf("pulses %v, want %v", got, want)
	}
	got, _ = PulseTimes(got, x, 10, TachoConfig{PulsesPerRev: 1, High: 2.5, Low: 2.45})
	if len(got) != 3 {
		t.Errorf("without hysteresis %d pulses, want 3 (chatter)", len(got))
	}
}

func TestSpeedFromPulses(t *testing.T) {
	// Four pulses per revolution at 25 Hz, one missing: 100 pulses/s.
	p := []float64{0, 0.01, 0.02, 0.04, 0.05, 0.06, 0.07}
	s, err := SpeedFromPulses(p, TachoConfig{PulsesPerRev: 4})
	if err != nil {
		t.Fatal(err)
	}
	if s.Missing != 1 || len(s.Speed.Hz) != 7 {
		t.Fatalf("%d missing, %d speeds; want 1 and 7", s.Missing, len(s.Speed.Hz))
	}
	for i, f := range s.Speed.Hz {
		if math.Abs(f-25) > 1e-9 {
			t.Errorf("speed %d = %v Hz, want 25", i, f)
		}
	}
	if got := s.Angle.At(0.07); math.Abs(got-1.75) > 1e-12 {
		t.Errorf("angle at 0.07 s = %v rev, want 1.75", got)
	}
}

func TestBridgeMissing(t *testing.T) {
	p := []float64{0, 1, 2, 3, 6, 7, 8, 9.02}
	got, n, err := BridgeMissing(nil, p, 1.5)
	if err != nil || n != 2 || len(got) != 10 || got[4] != 4 || got[5] != 5 {
		t.Errorf("got %v, %d inserted, %v; want 0..9 with 2 inserted", got, n, err)
	}
}

func TestTachoErrors(t *testing.T) {
	x := []float64{0, 5, 0, 5, 0, 5, 0, 5}
	cfg := TachoConfig{PulsesPerRev: 1}
	cases := []struct {
		name string
		err  error
		call func() error
	}{
		{"rate 0", ErrSampleRate, func() error { _, err := SpeedFromTacho(x, 0, cfg); return err }},
		{"rate NaN", ErrSampleRate, func() error { _, err := PulseTimes(nil, x, math.NaN(), cfg); return err }},
		{"NaN", ErrNotFinite, func() error { _, err := SpeedFromTacho([]float64{0, math.NaN(), 1}, 1, cfg); return err }},
		{"few", ErrTooFewPulses, func() error { _, err := SpeedFromTacho(x[:4], 1, cfg); return err }},
		{"ppr", ErrConfig, func() error { _, err := SpeedFromTacho(x, 1, TachoConfig{}); return err }},
		{"thresholds", ErrConfig, func() error {
			_, err := PulseTimes(nil, x, 1, TachoConfig{PulsesPerRev: 1, High: 1, Low: 2})
			return err
		}},
		{"decreasing", ErrNotIncreasing, func() error { _, _, err := BridgeMissing(nil, []float64{0, 2, 1, 3}, 1.5); return err }},
		{"pulses decreasing", ErrNotIncreasing, func() error { _, err := SpeedFromPulses([]float64{0, 1, 0.5, 2}, cfg); return err }},
		{"pulses NaN", ErrNotFinite, func() error { _, err := SpeedFromPulses([]float64{0, 1, math.NaN(), 2}, cfg); return err }},
		{"pulses few", ErrTooFewPulses, func() error { _, err := SpeedFromPulses([]float64{0, 1}, cfg); return err }},
		{"pulses none", ErrTooFewPulses, func() error { _, err := SpeedFromPulses(nil, cfg); return err }},
		{"pulses ppr", ErrConfig, func() error { _, err := SpeedFromPulses([]float64{0, 1, 2}, TachoConfig{}); return err }},
		{"repeated", ErrNotIncreasing, func() error { _, err := NewShaftAngle([]float64{0, 1, 1}, []float64{0, 1, 2}); return err }},
		{"knots", ErrTooFewPulses, func() error { _, err := NewShaftAngle([]float64{0}, []float64{0}); return err }},
		{"inf knot", ErrNotFinite, func() error { _, err := NewShaftAngle([]float64{0, math.Inf(1)}, []float64{0, 1}); return err }},
	}
	for _, c := range cases {
		if err := c.call(); !errors.Is(err, c.err) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.err)
		}
	}
}
