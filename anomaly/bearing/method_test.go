package bearing_test

import (
	"testing"

	"github.com/spindle-pdm/spindle/anomaly/bearing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMethodText(t *testing.T) {
	for _, m := range bearing.Methods() {
		b, err := m.MarshalText()
		require.NoError(t, err)
		var back bearing.Method
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, m, back)
		assert.Equal(t, m.String(), string(b))
	}
	assert.Equal(t, []string{"raw", "kurtogram", "cpw", "med"}, []string{bearing.MethodRaw.String(), bearing.MethodKurtogram.String(), bearing.MethodCPW.String(), bearing.MethodMED.String()})
	assert.Equal(t, bearing.Methods()[:3], bearing.DefaultMethods())
	_, err := bearing.Method(7).MarshalText()
	assert.Error(t, err)
	var m bearing.Method
	assert.Error(t, m.UnmarshalText([]byte("envelope")))
}
