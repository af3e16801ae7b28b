package anomaly_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/spindle-pdm/spindle/anomaly"
)

func TestVerdictText(t *testing.T) {
	want := map[anomaly.Verdict]string{
		anomaly.Healthy: "healthy", anomaly.OuterRace: "outer_race", anomaly.InnerRace: "inner_race",
		anomaly.Ball: "ball", anomaly.Cage: "cage", anomaly.Unknown: "unknown",
	}
	for v, s := range want {
		assert.Equal(t, s, v.String())
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, s, string(b))
		var back anomaly.Verdict
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, v, back)
	}
	assert.Equal(t, "Verdict(9)", anomaly.Verdict(9).String())
	_, err := anomaly.Verdict(-1).MarshalText()
	assert.Error(t, err)
	var v anomaly.Verdict
	assert.ErrorContains(t, v.UnmarshalText([]byte("Outer_Race")), "unknown verdict")
	assert.Equal(t, []anomaly.Verdict{anomaly.OuterRace, anomaly.InnerRace, anomaly.Ball, anomaly.Cage}, anomaly.Faults())

	// As a JSON value and map key.
	js, err := json.Marshal(map[anomaly.Verdict]anomaly.Verdict{anomaly.Ball: anomaly.Unknown})
	require.NoError(t, err)
	assert.JSONEq(t, `{"ball":"unknown"}`, string(js))
}

func TestMethodText(t *testing.T) {
	for _, m := range anomaly.Methods() {
		b, err := m.MarshalText()
		require.NoError(t, err)
		var back anomaly.Method
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, m, back)
		assert.Equal(t, m.String(), string(b))
	}
	assert.Equal(t, []string{"raw", "kurtogram", "cpw", "med"}, []string{anomaly.MethodRaw.String(), anomaly.MethodKurtogram.String(), anomaly.MethodCPW.String(), anomaly.MethodMED.String()})
	assert.Equal(t, anomaly.Methods()[:3], anomaly.DefaultMethods())
	_, err := anomaly.Method(7).MarshalText()
	assert.Error(t, err)
	var m anomaly.Method
	assert.Error(t, m.UnmarshalText([]byte("envelope")))
}
