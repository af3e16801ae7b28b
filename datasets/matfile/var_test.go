package matfile

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func vec(name string, dims []int, x ...float64) *Var {
	return &Var{Name: name, Class: ClassDouble, Dims: dims, Real: x}
}

func TestLookup(t *testing.T) {
	f := &File{Vars: []*Var{vec("X056_DE_time", []int{3, 1}, 1, 2, 3), vec("X056RPM", []int{1, 1}, 1797)}}
	v, err := f.Lookup("X3001_DE_time", "_DE_time")
	require.NoError(t, err)
	assert.Equal(t, "X056_DE_time", v.Name, "the only variable with the suffix")
	v, err = f.Lookup("X056RPM", "RPM")
	require.NoError(t, err)
	assert.Equal(t, "X056RPM", v.Name)
	v, err = f.Lookup("X056_FE_time", "_FE_time")
	require.NoError(t, err)
	assert.Nil(t, v)

	f.Vars = append(f.Vars, vec("X057_DE_time", []int{1, 2}, 4, 5))
	_, err = f.Lookup("X3001_DE_time", "_DE_time")
	assert.ErrorContains(t, err, `"X056_DE_time" and "X057_DE_time" both end in "_DE_time" and neither is X3001_DE_time`)
	v, err = f.Lookup("X057_DE_time", "_DE_time")
	require.NoError(t, err)
	assert.Equal(t, "X057_DE_time", v.Name, "an exact name wins over ambiguity")
}

func TestVector(t *testing.T) {
	for _, dims := range [][]int{{1, 3}, {3, 1}} {
		x, err := vec("x", dims, 1, math.NaN(), 3).Vector()
		require.NoError(t, err)
		assert.Len(t, x, 3)
	}
	for name, v := range map[string]*Var{
		"not a real numeric vector": {Name: "s", Class: ClassChar, Dims: []int{1, 3}, Text: "abc"},
		"not a non-empty vector":    vec("m", []int{2, 2}, 1, 2, 3, 4),
	} {
		_, err := v.Vector()
		assert.ErrorContains(t, err, name)
	}
	c := vec("c", []int{1, 1}, 1)
	c.Complex, c.Imag = true, []float64{1}
	_, err := c.Vector()
	assert.ErrorContains(t, err, "not a real numeric vector")
	_, err = vec("e", []int{0, 0}).Vector()
	assert.ErrorContains(t, err, "not a non-empty vector")
}

func TestPositive(t *testing.T) {
	x, err := vec("rpm", []int{1, 1}, 1797).Positive()
	require.NoError(t, err)
	assert.Equal(t, 1797.0, x)
	for _, bad := range []float64{0, -1, math.Inf(1), math.NaN()} {
		_, err := vec("rpm", []int{1, 1}, bad).Positive()
		assert.ErrorContains(t, err, "not a positive number", "%v", bad)
	}
	_, err = vec("rpm", []int{1, 2}, 1, 2).Positive()
	assert.ErrorContains(t, err, "not 1")
}
