package anomaly

import (
	"encoding"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// savable is a streaming detector that saves and restores its state.
type savable interface {
	DriftDetector
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

type savableCase struct {
	name  string
	make  func() (savable, error)
	fresh func() savable // a zero value to restore into
}

func savableCases() []savableCase {
	small := SPOTConfig{PFA: 1e-3, Level: 0.9, Calibration: 200, MaxPeaks: 50}
	return []savableCase{
		{"CUSUM", func() (savable, error) { return NewCUSUM(CUSUMConfig{}) }, func() savable { return &CUSUM{} }},
		{"CUSUM relearn", func() (savable, error) { return NewCUSUM(CUSUMConfig{Relearn: true, Warmup: 30}) }, func() savable { return &CUSUM{} }},
		{"CUSUM fixed", func() (savable, error) { return NewCUSUM(CUSUMConfig{Mean: 20, Sigma: 1}) }, func() savable { return &CUSUM{} }},
		{"EWMA", func() (savable, error) { return NewEWMA(EWMAConfig{Relearn: true}) }, func() savable { return &EWMA{} }},
		{"PageHinkley", func() (savable, error) { return NewPageHinkley(PageHinkleyConfig{Lambda: 20}) }, func() savable { return &PageHinkley{} }},
		{"BOCPD", func() (savable, error) {
			return NewBOCPD(BOCPDConfig{MaxRunLength: 100, Mu0: 20, Hazard: 0.01})
		}, func() savable { return &BOCPD{} }},
		{"SPOT", func() (savable, error) { return NewSPOT(small) }, func() savable { return &SPOT{} }},
		{"DSPOT", func() (savable, error) { c := small; c.Depth = 7; return NewSPOT(c) }, func() savable { return &SPOT{} }},
		{"ThermalDetector", func() (savable, error) {
			return NewThermalDetector(ThermalConfig{Baseline: 60, Relearn: 20, Short: 6, Calibration: 500})
		}, func() savable { return &ThermalDetector{} }},
		{"SensorHealth", func() (savable, error) {
			h, err := NewSensorHealth(SensorHealthConfig{Nominal: 1, Tolerance: 0.1, SpikeZ: 6, SpikeWindow: 16})
			return healthAdapter{h}, err
		}, func() savable { return healthAdapter{&SensorHealth{}} }},
		{"SensorHealth fixed rails", func() (savable, error) {
			h, err := NewSensorHealth(SensorHealthConfig{Min: 0, Max: 22, FlatRun: 5})
			return healthAdapter{h}, err
		}, func() savable { return healthAdapter{&SensorHealth{}} }},
		{"Persistence", func() (savable, error) { return persistenceAdapter{&Persistence{K: 3}}, nil },
			func() savable { return persistenceAdapter{&Persistence{}} }},
		{"KPIDetector", func() (savable, error) {
			c := DefaultKPIConfig()
			c.Warmup, c.Rest = 50, 20
			return NewKPIDetector(c)
		}, func() savable { return &KPIDetector{} }},
		{"RigMonitor", func() (savable, error) {
			m, err := NewRigMonitor(3, RigMonitorConfig{Skip: 5, Baseline: 100, Smooth: 4, K: 2})
			return rigAdapter{m}, err
		}, func() savable { return rigAdapter{&RigMonitor{}} }},
		{"DSPOT lower moments learn", func() (savable, error) {
			c := small
			c.Depth, c.Lower, c.Method, c.LearnAlarms = 5, true, GPDMoments, true
			return NewSPOT(c)
		}, func() savable { return &SPOT{} }},
		{"Trend", func() (savable, error) { return NewTrend(TrendConfig{Window: 40, Alpha: 0.01}) }, func() savable { return &Trend{} }},
		{"CovariateCompensator", func() (savable, error) {
			c, err := NewCovariateCompensator(CovariateConfig{Covariates: 2, Forgetting: 0.995})
			return covAdapter{c}, err
		}, func() savable { return covAdapter{&CovariateCompensator{}} }},
		{"CovariateCompensator frozen", func() (savable, error) {
			c, err := NewCovariateCompensator(CovariateConfig{Covariates: 2, LearnSamples: 300})
			return covAdapter{c}, err
		}, func() savable { return covAdapter{&CovariateCompensator{}} }},
		{"Compensated", func() (savable, error) {
			c, err := NewCovariateCompensator(CovariateConfig{Covariates: 2, Forgetting: 0.999})
			if err != nil {
				return nil, err
			}
			d, err := NewCUSUM(CUSUMConfig{Warmup: 50})
			return compAdapter{&Compensated{Comp: c, Detector: d}}, err
		}, func() savable { return compAdapter{&Compensated{Detector: &CUSUM{}}} }},
	}
}

// healthAdapter makes a SensorHealth savable: Score is its flags.
type healthAdapter struct{ *SensorHealth }

func (a healthAdapter) Update(t, x float64) DriftResult {
	f := a.SensorHealth.Update(t, x)
	return DriftResult{Score: float64(f), Alarm: f != 0}
}

// persistenceAdapter makes a Persistence savable: a sample above 21 is a
// per-sample alarm, Alarm the latch and Score its run.
type persistenceAdapter struct{ *Persistence }

func (a persistenceAdapter) Update(_, x float64) DriftResult {
	on := a.Persistence.Update(x > 21)
	if x < 19 {
		a.Reset() // exercise the latch's release
	}
	return DriftResult{Score: float64(a.run), Alarm: on}
}

// rigAdapter makes a RigMonitor savable: bearing 0's level is x/20, the
// others wobble deterministically with t; Score is bearing 0's z.
type rigAdapter struct{ *RigMonitor }

func (a rigAdapter) Update(t, x float64) DriftResult {
	levels := []float64{x / 20, 1 + 0.05*math.Sin(t), 1 + 0.05*math.Cos(1.3*t)}
	dst, err := a.RigMonitor.Update(nil, levels)
	if err != nil {
		return DriftResult{Status: DriftInvalid}
	}
	return DriftResult{Score: dst[0].Z, Alarm: dst[0].Alarm}
}

// stateStream is healthy N(20, 1) data with a level shift, a frozen stretch
// and glitches (zeros, ±1e308, NaN), so that saves fall in every phase.
func stateStream(seed uint64, n int) []float64 {
	sim := newDriftSim(seed)
	x := sim.noise(n, 20, 1)
	for i := n / 2; i < n; i++ {
		x[i] += 3
	}
	for i := n / 3; i < n/3+40; i++ {
		x[i] = 21
	}
	for _, g := range []struct {
		at int
		v  float64
	}{{n / 5, 0}, {n/5 + 1, 0}, {n / 4, 1e308}, {n/4 + 7, -1e308}, {2 * n / 3, math.NaN()}} {
		x[g.at] = g.v
	}
	return x
}

func sameResult(t *testing.T, want, got DriftResult, what string, i int) {
	t.Helper()
	if math.Float64bits(want.Score) != math.Float64bits(got.Score) || want.Alarm != got.Alarm || want.Status != got.Status {
		t.Fatalf("%s: sample %d: restored %+v, uninterrupted %+v", what, i, got, want)
	}
}

// TestStateContinuesBitExact: a stream split at random points, with a
// save and restore (into a zero value) at each, gives bit-for-bit the
// results and the final state of the uninterrupted stream.
func TestStateContinuesBitExact(t *testing.T) {
	const n = 2500
	rng := rand.New(rand.NewPCG(5, 5))
	for _, c := range savableCases() {
		x := stateStream(91, n)
		ref, err := c.make()
		require.NoError(t, err)
		want := make([]DriftResult, n)
		for i, v := range x {
			want[i] = ref.Update(float64(i), v)
		}
		wantState, err := ref.MarshalBinary()
		require.NoError(t, err)
		for trial := 0; trial < 6; trial++ {
			cuts := map[int]bool{0: true, rng.IntN(n): true, rng.IntN(n): true, rng.IntN(n): true}
			d, err := c.make()
			require.NoError(t, err)
			var cur savable = d
			for i, v := range x {
				if cuts[i] {
					b, err := cur.MarshalBinary()
					require.NoError(t, err)
					next := c.fresh()
					require.NoError(t, next.UnmarshalBinary(b), "%s at %d", c.name, i)
					b2, err := next.MarshalBinary()
					require.NoError(t, err)
					require.Equal(t, b, b2, "%s: re-encoding at %d", c.name, i)
					cur = next
				}
				sameResult(t, want[i], cur.Update(float64(i), v), c.name, i)
			}
			got, err := cur.MarshalBinary()
			require.NoError(t, err)
			require.Equal(t, wantState, got, c.name)
		}
	}
}

// exerciseRestored feeds a restored detector samples of every kind and
// checks that it neither panics nor scores NaN, and that it saves again.
func exerciseRestored(t *testing.T, d savable) {
	t.Helper()
	for i, v := range []float64{20, 0, 1e308, -1e308, math.NaN(), 21, 19, 20, 20.5} {
		r := d.Update(float64(i), v)
		require.False(t, math.IsNaN(r.Score), "%T: NaN score on %g", d, v)
	}
	_, err := d.MarshalBinary()
	require.NoError(t, err)
	d.Reset()
	d.Update(0, 20)
}

// TestStateRejectsCorruption: every truncation, a wrong tag or version,
// and every single-bit flip of real records are rejected with ErrState or
// restore a detector that works (exerciseRestored); a rejected restore
// leaves the receiver as it was.
func TestStateRejectsCorruption(t *testing.T) {
	for _, c := range savableCases() {
		d, err := c.make()
		require.NoError(t, err)
		for i, v := range stateStream(92, 700) {
			d.Update(float64(i), v)
		}
		b, err := d.MarshalBinary()
		require.NoError(t, err)
		for i := 0; i < len(b); i++ {
			require.ErrorIs(t, c.fresh().UnmarshalBinary(b[:i]), ErrState, "%s truncated at %d", c.name, i)
		}
		for _, pos := range []int{0, 4, 5} {
			bad := append([]byte(nil), b...)
			bad[pos] ^= 0x40
			require.ErrorIs(t, c.fresh().UnmarshalBinary(bad), ErrState)
		}
		require.ErrorIs(t, c.fresh().UnmarshalBinary(append(b, 0)), ErrState, "trailing byte")
		// Every bit of small records; of large ones every bit of the
		// header and configuration and a stride through the rest.
		accepted, step := 0, max(1, 8*len(b)/6000)
		for i := 0; i < 8*len(b); i++ {
			if i >= 8*64 && i%step != 0 {
				continue
			}
			bad := append([]byte(nil), b...)
			bad[i/8] ^= 1 << (i % 8)
			r := c.fresh()
			if err := r.UnmarshalBinary(bad); err != nil {
				require.ErrorIs(t, err, ErrState, "%s bit %d", c.name, i)
				continue
			}
			accepted++
			exerciseRestored(t, r)
		}
		// A failed restore leaves the receiver unchanged.
		r, err := c.make()
		require.NoError(t, err)
		require.NoError(t, r.UnmarshalBinary(b))
		require.Error(t, r.UnmarshalBinary(b[:len(b)-1]))
		b2, err := r.MarshalBinary()
		require.NoError(t, err)
		require.Equal(t, b, b2)
		t.Logf("%s: %d-byte record, %d single-bit flips accepted (every %d-th bit past byte 64)", c.name, len(b), accepted, step)
	}
}

// TestStateBounds: a forged configuration cannot make restore allocate
// beyond what the record holds.
func TestStateBounds(t *testing.T) {
	b, err := NewBOCPD(BOCPDConfig{MaxRunLength: 10})
	require.NoError(t, err)
	rec, _ := b.MarshalBinary()
	forged := append([]byte(nil), rec...)
	forged[6+8] = 0xff // MaxRunLength low byte → 255, record too short
	assert.ErrorIs(t, (&BOCPD{}).UnmarshalBinary(forged), ErrState)
	s, err := NewSPOT(SPOTConfig{PFA: 1e-3, Level: 0.9, Calibration: 200, MaxPeaks: 50})
	require.NoError(t, err)
	rec, _ = s.MarshalBinary()
	forged = append([]byte(nil), rec...)
	forged[6+16+2] = 0xff // Calibration ≈ 16 M: needs 128 MiB of record
	assert.ErrorIs(t, (&SPOT{}).UnmarshalBinary(forged), ErrState)
}

// fuzzDetectorState fuzzes one detector's UnmarshalBinary, seeded with its
// real records, and exercises whatever it accepts.
func fuzzDetectorState(f *testing.F, names ...string) {
	var fresh func() savable
	for _, c := range savableCases() {
		for _, name := range names {
			if c.name != name {
				continue
			}
			fresh = c.fresh
			d, err := c.make()
			require.NoError(f, err)
			for i, v := range stateStream(93, 900) {
				d.Update(float64(i), v)
				if i%300 == 0 {
					b, _ := d.MarshalBinary()
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := fresh()
		if err := r.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrState) {
				t.Fatalf("error %v does not wrap ErrState", err)
			}
			return
		}
		exerciseRestored(t, r)
	})
}

func FuzzCUSUMState(f *testing.F)       { fuzzDetectorState(f, "CUSUM", "CUSUM relearn", "CUSUM fixed") }
func FuzzEWMAState(f *testing.F)        { fuzzDetectorState(f, "EWMA") }
func FuzzPageHinkleyState(f *testing.F) { fuzzDetectorState(f, "PageHinkley") }
func FuzzBOCPDState(f *testing.F)       { fuzzDetectorState(f, "BOCPD") }
func FuzzThermalState(f *testing.F)     { fuzzDetectorState(f, "ThermalDetector") }
func FuzzSPOTState(f *testing.F) {
	fuzzDetectorState(f, "SPOT", "DSPOT", "DSPOT lower moments learn")
}

// BenchmarkState saves and restores each detector after 900 samples.
func BenchmarkState(b *testing.B) {
	for _, c := range savableCases() {
		d, err := c.make()
		require.NoError(b, err)
		for i, v := range stateStream(94, 900) {
			d.Update(float64(i), v)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			r := c.fresh()
			for range b.N {
				rec, _ := d.MarshalBinary()
				if err := r.UnmarshalBinary(rec); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func FuzzSensorHealthState(f *testing.F) {
	fuzzDetectorState(f, "SensorHealth", "SensorHealth fixed rails")
}
func FuzzPersistenceState(f *testing.F) { fuzzDetectorState(f, "Persistence") }
func FuzzKPIState(f *testing.F)         { fuzzDetectorState(f, "KPIDetector") }
func FuzzRigMonitorState(f *testing.F)  { fuzzDetectorState(f, "RigMonitor") }
func FuzzTrendState(f *testing.F)       { fuzzDetectorState(f, "Trend") }
func FuzzCovariateState(f *testing.F) {
	fuzzDetectorState(f, "CovariateCompensator", "CovariateCompensator frozen")
}
func FuzzCompensatedState(f *testing.F) { fuzzDetectorState(f, "Compensated") }
