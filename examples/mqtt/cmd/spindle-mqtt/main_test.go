package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemo(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, demo(context.Background(), &out, 120))
	s := out.String()
	assert.Contains(t, s, "ALARM bearing1 at ")
	assert.NotContains(t, s, "ALARM bearing2")
	assert.Contains(t, s, `spindle/bearing1/rul {"sensor":"bearing1"`)
	assert.Contains(t, s, "Frames:240 BadFrames:0")
	t.Log(s)
}
