package datasets

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestXJTUFixture(t *testing.T) {
	fsys := os.DirFS("testdata/xjtu")
	name := "35Hz12kN/Bearing1_1/10.csv"
	s, err := LoadXJTUSnapshot(fsys, name)
	require.NoError(t, err)
	assert.Equal(t, name, s.Name)
	assert.Equal(t, 10, s.Index)
	assert.Equal(t, float64(XJTURate), s.SampleRate)
	assert.True(t, s.Time.IsZero())
	require.Len(t, s.Channels, 2)
	assert.Equal(t, 256, s.Len())
	data, err := fs.ReadFile(fsys, name)
	require.NoError(t, err)
	requireBitExactVsStrconv(t, name, data, ',', 1, s.Channels, func(k int) int { return k })
}

func TestXJTURunNumericOrder(t *testing.T) {
	fsys := os.DirFS("testdata/xjtu")
	dir := "35Hz12kN/Bearing1_1"
	names, err := XJTUFiles(fsys, dir)
	require.NoError(t, err)
	assert.Equal(t, []string{dir + "/1.csv", dir + "/2.csv", dir + "/10.csv"}, names)
	var idx []int
	var means []float64
	for s, err := range XJTURun(fsys, dir) {
		require.NoError(t, err)
		idx = append(idx, s.Index)
		var m float64
		for _, v := range s.Channels[0] {
			m += v
		}
		means = append(means, m/float64(s.Len()))
	}
	assert.Equal(t, []int{1, 2, 10}, idx)
	// The fixture offsets file k by 0.1*k (noise std 0.5/sqrt(256) ≈ 0.03).
	assert.InDelta(t, 0.1, means[0], 0.15)
	assert.InDelta(t, 1.0, means[2], 0.15)
}

func TestXJTUDecodeVariants(t *testing.T) {
	var d XJTUDecoder
	var s Snapshot
	require.NoError(t, d.Decode(&s, "3.csv", []byte("0.5,-0.25\r\n1,2\r\n")))
	assert.Equal(t, [][]float64{{0.5, 1}, {-0.25, 2}}, s.Channels, "header is optional")
	assert.Equal(t, 3, s.Index)

	cases := []struct {
		text      string
		line, col int
		msg       string
	}{
		{"Horizontal_vibration_signals,Vertical_vibration_signals\n0.1,0.2\n0.3\n", 3, 1, "row has 1 fields, want 2"},
		{"Horizontal_vibration_signals,Vertical_vibration_signals\n0.1,inf\n", 2, 2, "non-finite"},
		{"a,b,c\n1,2,3\n", 1, 0, "does not name two columns"},
		{"Horizontal_vibration_signals,Vertical_vibration_signals\n", 0, 0, "no data rows"},
		{"1,2\n3;4\n", 2, 1, `invalid number "3;4"`},
	}
	for _, c := range cases {
		err := d.Decode(&s, "x.csv", []byte(c.text))
		var te *TextError
		require.ErrorAs(t, err, &te, c.text)
		assert.Equal(t, c.line, te.Line, c.text)
		assert.Equal(t, c.col, te.Column, c.text)
		assert.ErrorContains(t, err, c.msg)
	}
}

func TestXJTURunErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"b/1.csv":     {Data: []byte("h,v\n1,2\n")},
		"b/2.csv":     {Data: []byte("h,v\n1,x\n")},
		"b/notes.txt": {Data: []byte("ignored")},
		"b/a.csv":     {Data: []byte("ignored: not numbered")},
	}
	var ok, bad int
	for s, err := range XJTURun(fsys, "b") {
		if err != nil {
			bad++
			assert.ErrorContains(t, err, "b/2.csv:2: column 2")
			continue
		}
		ok++
		assert.Equal(t, 1, s.Index)
	}
	assert.Equal(t, 1, ok)
	assert.Equal(t, 1, bad)
	for _, err := range XJTURun(fsys, "none") {
		assert.Error(t, err)
	}
}
