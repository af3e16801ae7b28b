package features

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBearingCWRUMultiples checks the drive-end bearing against the
// multiples of running speed published by the CWRU Bearing Data Center.
func TestBearingCWRUMultiples(t *testing.T) {
	b, ok := LookupBearing("6205-2RS")
	require.True(t, ok)
	m, err := b.Multiples()
	require.NoError(t, err)
	assert.Equal(t, 1.0, m.ShaftHz)
	// Published to 4 decimals: half a unit in the last place.
	assert.InDelta(t, 5.4152, m.BPFI, 0.5e-4)
	assert.InDelta(t, 3.5848, m.BPFO, 0.5e-4)
	assert.InDelta(t, 2.357, m.BSF, 0.5e-3)
	// CWRU's "rolling element" 4.7135 is 2×BSF; the formula gives 4.71344,
	// one unit below in the last published place, and the cage value
	// 0.39828 is 3e-5 below the FTF = BPFO/n = 3.5848/9 = 0.398311 that
	// the published BPFO itself implies. Those two agree to 1e-4.
	assert.InDelta(t, 4.7135, 2*m.BSF, 1e-4)
	assert.InDelta(t, 0.39828, m.FTF, 5e-5)
	assert.InDelta(t, m.BPFO/9, m.FTF, 1e-15)
}

// TestBearingPublishedFrequencies checks the other catalogued bearings
// against the defect frequencies their data sets' publishers give, to the
// published rounding.
func TestBearingPublishedFrequencies(t *testing.T) {
	// MFPT at 25 Hz: BPFO 81.125 Hz, BPFI 118.875 Hz (MFPT data description
	// and MATLAB's MFPT envelope example).
	mfpt, ok := LookupBearing("mfpt")
	require.True(t, ok)
	f, err := mfpt.DefectFrequencies(25)
	require.NoError(t, err)
	assert.InDelta(t, 81.125, f.BPFO, 1e-3)
	assert.InDelta(t, 118.875, f.BPFI, 1e-3)

	// IMS at 2000 rpm (Qiu et al. 2006): BPFO 236.4, BPFI 296.9, BSF 139.9,
	// FTF 14.8 Hz.
	ims, ok := LookupBearing("Rexnord ZA-2115")
	require.True(t, ok)
	f, err = ims.DefectFrequencies(2000.0 / 60)
	require.NoError(t, err)
	assert.InDelta(t, 236.4, f.BPFO, 0.05)
	assert.InDelta(t, 296.9, f.BPFI, 0.05)
	assert.InDelta(t, 139.9, f.BSF, 0.05)
	assert.InDelta(t, 14.8, f.FTF, 0.05)

	// XJTU-SY at 2100 rpm (Wang et al. 2020): FTF 13.49, BPFO 107.91,
	// BPFI 172.09, BSF 72.33 Hz.
	xj, ok := LookupBearing("UER204")
	require.True(t, ok)
	f, err = xj.DefectFrequencies(35)
	require.NoError(t, err)
	assert.InDelta(t, 13.49, f.FTF, 0.005)
	assert.InDelta(t, 107.91, f.BPFO, 0.005)
	assert.InDelta(t, 172.09, f.BPFI, 0.005)
	assert.InDelta(t, 72.33, f.BSF, 0.005)
}

// TestBearingIdentities checks relations that hold for every geometry.
func TestBearingIdentities(t *testing.T) {
	for _, b := range Bearings() {
		require.NoError(t, b.Validate(), b.Name)
		m, err := b.Multiples()
		require.NoError(t, err)
		f, err := b.DefectFrequencies(29.95)
		require.NoError(t, err)
		n := float64(b.Elements)
		assert.InDelta(t, n, m.BPFO+m.BPFI, 1e-12, b.Name)    // BPFO + BPFI = n·fr
		assert.InDelta(t, m.BPFO, n*m.FTF, 1e-12, b.Name)     // BPFO = n·FTF
		assert.InDelta(t, 29.95*m.BPFI, f.BPFI, 1e-9, b.Name) // linear in shaft rate
		assert.InDelta(t, 29.95*m.BSF, f.BSF, 1e-9, b.Name)   // linear in shaft rate
		assert.Less(t, m.FTF, 0.5, b.Name)                    // cage slower than half shaft speed
		assert.Greater(t, m.BPFI, m.BPFO, b.Name)             // inner race passes faster
		assert.InDelta(t, 29.95, f.ShaftHz, 0, b.Name)
	}
	// Contact angle: cos φ scales d/D; at 60° r halves.
	b := Bearing{Name: "x", Elements: 10, ElementDiameter: 1, PitchDiameter: 5, ContactAngle: 60}
	m, err := b.Multiples()
	require.NoError(t, err)
	assert.InDelta(t, 0.5*(1-0.1), m.FTF, 1e-12)
	assert.InDelta(t, 2.5*(1-0.01), m.BSF, 1e-12)
}

func TestBearingCatalogLookup(t *testing.T) {
	for _, name := range []string{"6205-2RS", "6205-2rs", " SKF 6205-2RS JEM ", "cwru-de"} {
		b, ok := LookupBearing(name)
		require.True(t, ok, name)
		assert.Equal(t, "6205-2RS", b.Name)
		assert.Equal(t, 9, b.Elements)
	}
	b, ok := LookupBearing("6203-2RS")
	require.True(t, ok)
	assert.Equal(t, Bearing{Name: "6203-2RS", Elements: 8, ElementDiameter: 0.2656, PitchDiameter: 1.122}, b)
	b, ok = LookupBearing("za-2115")
	require.True(t, ok)
	assert.Equal(t, 16, b.Elements)
	assert.Equal(t, 15.17, b.ContactAngle)
	_, ok = LookupBearing("6206")
	assert.False(t, ok)
	_, ok = LookupBearing("")
	assert.False(t, ok)

	b, ok = LookupBearing("FEMTO")
	require.True(t, ok)
	assert.Equal(t, Bearing{Name: "PRONOSTIA", Elements: 13, ElementDiameter: 3.5, PitchDiameter: 25.6}, b)

	all := Bearings()
	require.Len(t, all, 6)
	all[0].Elements = 99 // a copy: the catalogue is unchanged
	b, _ = LookupBearing("6205-2RS")
	assert.Equal(t, 9, b.Elements)
}

func TestBearingInvalid(t *testing.T) {
	good := Bearing{Name: "g", Elements: 9, ElementDiameter: 0.3, PitchDiameter: 1.5}
	cases := []struct {
		name string
		edit func(*Bearing)
		msg  string
	}{
		{"no elements", func(b *Bearing) { b.Elements = 0 }, "rolling elements"},
		{"zero element", func(b *Bearing) { b.ElementDiameter = 0 }, "element diameter"},
		{"NaN element", func(b *Bearing) { b.ElementDiameter = math.NaN() }, "element diameter"},
		{"negative pitch", func(b *Bearing) { b.PitchDiameter = -1 }, "pitch diameter"},
		{"Inf pitch", func(b *Bearing) { b.PitchDiameter = math.Inf(1) }, "pitch diameter"},
		{"element ≥ pitch", func(b *Bearing) { b.ElementDiameter = 1.5 }, "not smaller"},
		{"negative angle", func(b *Bearing) { b.ContactAngle = -1 }, "contact angle"},
		{"90° angle", func(b *Bearing) { b.ContactAngle = 90 }, "contact angle"},
		{"NaN angle", func(b *Bearing) { b.ContactAngle = math.NaN() }, "contact angle"},
	}
	for _, c := range cases {
		b := good
		c.edit(&b)
		err := b.Validate()
		require.Error(t, err, c.name)
		assert.Contains(t, err.Error(), c.msg, c.name)
		_, err = b.DefectFrequencies(30)
		assert.Error(t, err, c.name)
		_, err = b.Multiples()
		assert.Error(t, err, c.name)
	}
	for _, fr := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		_, err := good.DefectFrequencies(fr)
		require.Error(t, err, fr)
		assert.Contains(t, err.Error(), "shaft rate")
	}
}
