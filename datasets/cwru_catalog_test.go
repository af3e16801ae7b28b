package datasets

import (
	"testing"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCWRUCatalogShape(t *testing.T) {
	cat := CWRUCatalog()
	perTable := map[string]int{}
	seen := map[int]bool{}
	for i, c := range cat {
		require.False(t, seen[c.Number], "duplicate record %d", c.Number)
		seen[c.Number] = true
		if i > 0 {
			require.Less(t, cat[i-1].Number, c.Number, "sorted")
		}
		perTable[c.Table]++
		assert.Contains(t, []float64{1797, 1772, 1750, 1730}, c.NominalRPM)
		assert.Equal(t, []float64{1797, 1772, 1750, 1730}[c.LoadHP], c.NominalRPM)
		switch c.Table {
		case "12k_drive_end":
			assert.Equal(t, 12000.0, c.SampleRate)
			assert.Equal(t, "DE", c.End)
		case "48k_drive_end":
			assert.Equal(t, 48000.0, c.SampleRate)
			assert.Equal(t, "DE", c.End)
		case "12k_fan_end":
			assert.Equal(t, 12000.0, c.SampleRate)
			assert.Equal(t, "FE", c.End)
		case "normal":
			assert.Equal(t, 48000.0, c.SampleRate)
			assert.Equal(t, fault.Healthy, c.Fault)
			assert.Zero(t, c.DiameterIn)
			assert.Empty(t, c.End)
		default:
			t.Errorf("record %d: unknown table %q", c.Number, c.Table)
		}
		if c.Fault == fault.OuterRace {
			assert.Contains(t, []string{"@6:00", "@3:00", "@12:00"}, c.Position, c.Number)
		} else {
			assert.Empty(t, c.Position, c.Number)
		}
		if c.Fault != fault.Healthy {
			assert.Contains(t, []float64{0.007, 0.014, 0.021, 0.028}, c.DiameterIn, c.Number)
		}
	}
	assert.Equal(t, map[string]int{"12k_drive_end": 60, "48k_drive_end": 52, "12k_fan_end": 45, "normal": 4}, perTable)

	// The copy is the caller's.
	cat[0].Number = -1
	assert.NotEqual(t, -1, CWRUCatalog()[0].Number)
}

// TestCWRUCatalogEntries pins entries from each table, including the
// irregular ones (skipped numbers, single-load rows).
func TestCWRUCatalogEntries(t *testing.T) {
	cases := []CWRUInfo{
		{105, fault.InnerRace, "", 0.007, 0, 1797, 12000, "DE", "12k_drive_end"},
		{130, fault.OuterRace, "@6:00", 0.007, 0, 1797, 12000, "DE", "12k_drive_end"},
		{158, fault.OuterRace, "@12:00", 0.007, 1, 1772, 12000, "DE", "12k_drive_end"},
		{237, fault.OuterRace, "@6:00", 0.021, 3, 1730, 12000, "DE", "12k_drive_end"},
		{3008, fault.Ball, "", 0.028, 3, 1730, 12000, "DE", "12k_drive_end"},
		{109, fault.InnerRace, "", 0.007, 0, 1797, 48000, "DE", "48k_drive_end"},
		{217, fault.InnerRace, "", 0.021, 3, 1730, 48000, "DE", "48k_drive_end"},
		{265, fault.OuterRace, "@12:00", 0.021, 3, 1730, 48000, "DE", "48k_drive_end"},
		{278, fault.InnerRace, "", 0.007, 0, 1797, 12000, "FE", "12k_fan_end"},
		{305, fault.OuterRace, "@12:00", 0.007, 1, 1772, 12000, "FE", "12k_fan_end"},
		{309, fault.OuterRace, "@3:00", 0.014, 1, 1772, 12000, "FE", "12k_fan_end"},
		{313, fault.OuterRace, "@6:00", 0.014, 0, 1797, 12000, "FE", "12k_fan_end"},
		{315, fault.OuterRace, "@6:00", 0.021, 0, 1797, 12000, "FE", "12k_fan_end"},
		{318, fault.OuterRace, "@3:00", 0.021, 3, 1730, 12000, "FE", "12k_fan_end"},
		{97, fault.Healthy, "", 0, 0, 1797, 48000, "", "normal"},
		{100, fault.Healthy, "", 0, 3, 1730, 48000, "", "normal"},
	}
	for _, want := range cases {
		got, ok := LookupCWRU(want.Number)
		require.True(t, ok, want.Number)
		assert.Equal(t, want, got)
	}
	for _, missing := range []int{0, 101, 157, 216, 303, 304, 308, 314, 3009} {
		_, ok := LookupCWRU(missing)
		assert.False(t, ok, missing)
	}
}
