package fault

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTextRoundTrip(t *testing.T) {
	want := []string{"healthy", "outer_race", "inner_race", "ball", "cage", "unknown"}
	for i, name := range want {
		k := Kind(i)
		assert.Equal(t, name, k.String())
		b, err := k.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, name, string(b))
		var back Kind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
}

func TestInvalid(t *testing.T) {
	assert.Equal(t, "Kind(9)", Kind(9).String())
	assert.False(t, Kind(-1).Valid())
	_, err := Kind(6).MarshalText()
	assert.True(t, errors.Is(err, ErrKind))
	var k Kind
	err = k.UnmarshalText([]byte("inner race"))
	assert.True(t, errors.Is(err, ErrKind))
	assert.ErrorContains(t, err, `"inner race"`)
}

func TestComponentsAndLines(t *testing.T) {
	assert.Equal(t, []Kind{OuterRace, InnerRace, Ball, Cage}, Components())
	lines := []string{"BPFO", "BPFI", "2xBSF", "FTF"}
	for i, k := range Components() {
		assert.True(t, k.IsComponent())
		assert.Equal(t, lines[i], k.Line())
	}
	for _, k := range []Kind{Healthy, Unknown, Kind(7)} {
		assert.False(t, k.IsComponent())
		assert.Equal(t, k.String(), k.Line())
	}
}

func TestJSONMapKey(t *testing.T) {
	js, err := json.Marshal(map[Kind]Kind{Ball: Unknown})
	require.NoError(t, err)
	assert.JSONEq(t, `{"ball":"unknown"}`, string(js))
}
