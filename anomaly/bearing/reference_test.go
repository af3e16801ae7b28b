package bearing_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/anomaly/bearing"
	"github.com/spindle-pdm/spindle/features/fault"
)

// noise returns n samples of Gaussian noise of standard deviation sd.
func noise(n int, sd float64, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, 7))
	x := make([]float64, n)
	for i := range x {
		x[i] = sd * r.NormFloat64()
	}
	return x
}

func TestHealthyReferenceCheck(t *testing.T) {
	const rate, seg = 12000.0, 1200
	ref, err := bearing.NewHealthyReference(rate, seg, noise(10*seg, 1, 1), noise(5*seg+7, 1, 2))
	require.NoError(t, err)
	assert.Equal(t, 15, ref.Segments())
	assert.Equal(t, seg, ref.Segment())
	assert.Equal(t, rate, ref.SampleRate())
	// White noise of variance 1 through a Hann window: every band's mean
	// power per bin is Σw² = 3·seg/8. A band of 18 bins, about 12
	// independent ones through the window, varies by about 1.3 dB from
	// segment to segment, the mean of 15 segments by about 0.35 dB.
	for b := 0; b < bearing.ReferenceBands; b++ {
		m, sd, band := ref.Level(b)
		assert.InDelta(t, 10*math.Log10(3*seg/8.0), m, 1.2, "band %d", b)
		assert.InDelta(t, 1.4, sd, 0.8, "band %d", b)
		assert.InDelta(t, float64(b)*rate/2/bearing.ReferenceBands, band[0], 1e-9)
	}

	same, err := ref.Check(noise(4*seg, 1, 3), rate)
	require.NoError(t, err)
	assert.True(t, same.Within(), "fresh noise of the same level: %+v", same)

	// A sine of amplitude 1 at 2 kHz puts about seg/4 of power into one bin,
	// far above its band's noise.
	tone := noise(4*seg, 1, 4)
	for i := range tone {
		tone[i] += math.Sin(2 * math.Pi * 2000 * float64(i) / rate)
	}
	c, err := ref.Check(tone, rate)
	require.NoError(t, err)
	assert.False(t, c.Within())
	assert.Greater(t, c.Z, bearing.ReferenceZ)
	assert.True(t, c.Band[0] <= 2000 && 2000 <= c.Band[1], "band %v", c.Band)

	quiet, err := ref.Check(noise(4*seg, 0.1, 5), rate) // a sensor come loose
	require.NoError(t, err)
	assert.False(t, quiet.Within())
	assert.Less(t, quiet.Z, -bearing.ReferenceZ)
	assert.InDelta(t, -20, quiet.LevelDB-quiet.ReferenceDB, 1)

	short, err := ref.Check(noise(seg-1, 1, 6), rate)
	require.NoError(t, err)
	assert.False(t, short.Checked)
	assert.False(t, short.Within())
}

func TestHealthyReferenceErrors(t *testing.T) {
	x := noise(6000, 1, 1)
	for name, f := range map[string]func() error{
		"rate":    func() error { _, err := bearing.NewHealthyReference(math.NaN(), 1000, x); return err },
		"segment": func() error { _, err := bearing.NewHealthyReference(12000, 10, x); return err },
		"long segment": func() error {
			_, err := bearing.NewHealthyReference(12000, bearing.MaxReferenceSegment+1, x)
			return err
		},
		"segments": func() error { _, err := bearing.NewHealthyReference(12000, 3000, x); return err },
		"nan": func() error {
			y := append([]float64(nil), x...)
			y[4321] = math.NaN()
			_, err := bearing.NewHealthyReference(12000, 1000, y)
			return err
		},
		"check rate": func() error {
			ref, err := bearing.NewHealthyReference(12000, 1000, x)
			require.NoError(t, err)
			_, err = ref.Check(x, 48000)
			return err
		},
	} {
		err := f()
		assert.ErrorIs(t, err, bearing.ErrInput, name)
	}
	_, err := bearing.NewHealthyReference(12000, 1000, x[:2999], x[:999])
	assert.ErrorContains(t, err, "2 segments")
	y := append([]float64(nil), x...)
	y[4321] = math.Inf(1)
	_, err = bearing.NewHealthyReference(12000, 1000, x[:3000], y)
	assert.ErrorContains(t, err, "recording 1, samples 4000 to 4999: anomaly: sample 321 is +Inf")
}

func TestHealthyReferenceState(t *testing.T) {
	ref, err := bearing.NewHealthyReference(12000, 0, noise(36000, 1, 1))
	require.NoError(t, err)
	assert.Equal(t, 12000, ref.Segment(), "default segment: one second")
	blob, err := ref.MarshalBinary()
	require.NoError(t, err)
	var back bearing.HealthyReference
	require.NoError(t, back.UnmarshalBinary(blob))
	x := noise(30000, 1.5, 9)
	want, err := ref.Check(x, 12000)
	require.NoError(t, err)
	got, err := back.Check(x, 12000)
	require.NoError(t, err)
	assert.Equal(t, want, got)

	// Every truncation, and every field made impossible, is an error that
	// leaves the reference as it was.
	for n := range blob {
		assert.ErrorIs(t, back.UnmarshalBinary(blob[:n]), bearing.ErrInput, "%d bytes", n)
	}
	field := func(off int, v uint64) []byte {
		b := append([]byte(nil), blob...)
		for i := range 8 {
			b[off+i] = byte(v >> (8 * i))
		}
		return b
	}
	for name, b := range map[string][]byte{
		"magic":    append([]byte("XPHR"), blob[4:]...),
		"version":  append(append(append([]byte(nil), blob[:4]...), 9), blob[5:]...),
		"rate":     field(5, math.Float64bits(-1)),
		"segment":  field(13, 1<<40),
		"segments": field(21, 2),
		"level":    field(29, math.Float64bits(math.Inf(1))),
		"spread":   field(29+8*bearing.ReferenceBands, math.Float64bits(-0.1)),
	} {
		err := back.UnmarshalBinary(b)
		assert.ErrorIs(t, err, bearing.ErrInput, name)
	}
	got, err = back.Check(x, 12000)
	require.NoError(t, err)
	assert.Equal(t, want, got, "a failed restore changed the reference")
}

func FuzzHealthyReferenceUnmarshal(f *testing.F) {
	ref, err := bearing.NewHealthyReference(12000, 256, noise(2048, 1, 1))
	require.NoError(f, err)
	blob, err := ref.MarshalBinary()
	require.NoError(f, err)
	f.Add(blob)
	f.Add(blob[:40])
	f.Add([]byte("SPHR"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var r bearing.HealthyReference
		if r.UnmarshalBinary(b) != nil {
			return
		}
		c, err := r.Check(noise(r.Segment(), 1, 2), r.SampleRate())
		require.NoError(t, err)
		assert.False(t, math.IsNaN(c.Z))
	})
}

// TestDiagnoseWithReference: given a reference learned from a simulated
// healthy bearing, a healthy signal of the same machine stays Healthy and
// one 10 dB louder in every band is Unknown, outside the reference.
func TestDiagnoseWithReference(t *testing.T) {
	healthy := simulate(t, fault.Healthy, 10, 8, 1)
	ref, err := bearing.NewHealthyReference(12000, 0, healthy)
	require.NoError(t, err)
	dg, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{Reference: ref})
	require.NoError(t, err)
	b := simBearing(t)

	d, err := dg.Diagnose(simulate(t, fault.Healthy, 10, 4, 2), 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, fault.Healthy, d.Verdict, d.Reason)
	assert.True(t, d.Health.Reference.Within(), "%+v", d.Health.Reference)

	loud := simulate(t, fault.Healthy, 10, 4, 3)
	for i := range loud {
		loud[i] *= math.Sqrt(10)
	}
	d, err = dg.Diagnose(loud, 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, fault.Unknown, d.Verdict)
	assert.Contains(t, d.Reason, "outside the healthy reference")
	assert.InDelta(t, 10, d.Health.Reference.LevelDB-d.Health.Reference.ReferenceDB, 0.5)

	// Without a reference the same signal is Healthy: the level is the
	// only thing that differs.
	plain, err := bearing.NewDiagnoser(bearing.DiagnoserConfig{})
	require.NoError(t, err)
	d, err = plain.Diagnose(loud, 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, fault.Healthy, d.Verdict, d.Reason)
	assert.False(t, d.Health.Reference.Checked)

	// Once warm, a diagnosis with the reference allocates nothing.
	x := simulate(t, fault.Healthy, 10, 4, 5)
	dst, err := dg.DiagnoseTo(nil, x, 12000, simShaft, b)
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(3, func() {
		_, err := dg.DiagnoseTo(dst, x, 12000, simShaft, b)
		require.NoError(t, err)
	})
	if !raceEnabled {
		assert.Zero(t, allocs)
	}
	_, err = dg.Diagnose(healthy, 12000*(1+1e-9), simShaft, b)
	assert.NoError(t, err, "a rate within 1e-6 of the reference's")

	// A fault verdict does not depend on the reference.
	d, err = dg.Diagnose(simulate(t, fault.OuterRace, 0, 4, 4), 12000, simShaft, b)
	require.NoError(t, err)
	assert.Equal(t, fault.OuterRace, d.Verdict, d.Reason)

	_, err = dg.Diagnose(healthy, 24000, simShaft, b)
	assert.ErrorIs(t, err, bearing.ErrInput)
	_, err = bearing.NewDiagnoser(bearing.DiagnoserConfig{Reference: &bearing.HealthyReference{}})
	assert.ErrorIs(t, err, bearing.ErrConfig)
}
