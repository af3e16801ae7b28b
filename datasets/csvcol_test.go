package datasets

import (
	"math"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureAccel is the accel_g column the fixture generator writes:
// sin(2π·50·i/1000) rounded to 6 decimals.
func fixtureAccel(i int) float64 {
	return math.Round(math.Sin(2*math.Pi*50*float64(i)/1000)*1e6) / 1e6
}

func TestCSVColumnFixtures(t *testing.T) {
	fsys := os.DirFS("testdata/csv")

	vals, rate, err := LoadCSVColumn(fsys, "comma_header.csv", ColumnNamed("accel_g"), &CSVOptions{Time: ColumnNamed("time_s")})
	require.NoError(t, err)
	assert.InDelta(t, 1000, rate, 1e-9)
	require.Len(t, vals, 100)
	for i, v := range vals {
		require.InDelta(t, fixtureAccel(i), v, 1e-12, "row %d", i)
	}

	temps, rate, err := LoadCSVColumn(fsys, "comma_header.csv", ColumnAt(2), &CSVOptions{SampleRate: 1000})
	require.NoError(t, err)
	assert.Equal(t, 1000.0, rate)
	assert.Equal(t, 40.0, temps[0])
	assert.Equal(t, 40.99, temps[99])

	semi, _, err := LoadCSVColumn(fsys, "semicolon.csv", ColumnAt(0), &CSVOptions{SampleRate: 1000})
	require.NoError(t, err)
	assert.Equal(t, vals, semi, "';' detected, no header")

	tab, _, err := LoadCSVColumn(fsys, "tab.tsv", ColumnNamed("value"), &CSVOptions{SampleRate: 1.0 / 60})
	require.NoError(t, err, "tab, CRLF, non-numeric first column")
	assert.Equal(t, temps, tab)

	right, _, err := LoadCSVColumn(fsys, "quoted.csv", ColumnNamed("sensor, right"), &CSVOptions{SampleRate: 1000})
	require.NoError(t, err)
	for i := range right {
		require.Equal(t, -vals[i], right[i])
	}
}

func TestCSVColumnOptionsAndErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"gap.csv":    {Data: []byte("t,x\n0,1\n0.001,2\n0.002,3\n0.004,4\n0.005,5\n")},
		"back.csv":   {Data: []byte("t,x\n0.002,1\n0.001,2\n0,3\n")},
		"one.csv":    {Data: []byte("t,x\n0,1\n")},
		"bad.csv":    {Data: []byte("t,x\n0,1\n0.001,oops\n")},
		"nan.csv":    {Data: []byte("a;b\n1;2\n3;NaN\n")},
		"ragged.csv": {Data: []byte("a,b\n1,2\n3\n")},
		"bom.csv":    {Data: []byte("\ufeffx,y\n1,2\n3,4\n")},
		"empty.csv":  {Data: []byte("\n\n")},
		"hdr.csv":    {Data: []byte("x,y\n")},
		"nums.csv":   {Data: []byte("1,2\n3,4\n")},
		"quote.csv":  {Data: []byte("a,b\n1,\"2\n")},
		"decim.csv":  {Data: []byte("a;b\n1,5;2,5\n")},
		"blank.csv":  {Data: []byte("a,b\n1,\n")},
	}
	rate1k := &CSVOptions{SampleRate: 1000}
	cases := []struct {
		file      string
		col       CSVColumn
		opts      *CSVOptions
		line, clm int
		msg       string
	}{
		{"gap.csv", ColumnAt(1), &CSVOptions{Time: ColumnAt(0)}, 5, 1, "deviates from the median step"},
		{"back.csv", ColumnAt(1), &CSVOptions{Time: ColumnNamed("t")}, 4, 1, "does not increase"},
		{"one.csv", ColumnAt(1), &CSVOptions{Time: ColumnNamed("t")}, 0, 1, "at least two"},
		{"bad.csv", ColumnNamed("x"), rate1k, 3, 2, `invalid number "oops"`},
		{"nan.csv", ColumnNamed("b"), rate1k, 3, 2, "non-finite"},
		{"ragged.csv", ColumnAt(0), rate1k, 3, 0, "wrong number of fields"},
		{"empty.csv", ColumnAt(0), rate1k, 0, 0, "no records"},
		{"hdr.csv", ColumnAt(0), rate1k, 0, 0, "no data records"},
		{"nums.csv", ColumnNamed("x"), rate1k, 1, 0, "has no header"},
		{"nums.csv", ColumnAt(2), rate1k, 1, 0, "column 3 requested, the file has 2"},
		{"bom.csv", ColumnNamed("z"), rate1k, 1, 0, `column "z" not found among ["x" "y"]`},
		{"quote.csv", ColumnAt(0), rate1k, 2, 0, "quote"},
		{"decim.csv", ColumnAt(0), rate1k, 2, 1, `invalid number "1,5"`},
		{"blank.csv", ColumnAt(1), rate1k, 2, 2, "empty field"},
		{"nums.csv", ColumnAt(0), nil, 0, 0, "no sample rate"},
		{"nums.csv", CSVColumn{}, rate1k, 0, 0, "no column selected"},
		{"nums.csv", ColumnAt(0), &CSVOptions{SampleRate: math.NaN()}, 0, 0, "invalid rate"},
		{"nums.csv", ColumnAt(0), &CSVOptions{SampleRate: 1, Sep: '|'}, 0, 0, "unsupported separator"},
	}
	for _, c := range cases {
		_, _, err := LoadCSVColumn(fsys, c.file, c.col, c.opts)
		var te *TextError
		require.ErrorAs(t, err, &te, "%s %v", c.file, c.col)
		assert.Equal(t, c.file, te.File)
		assert.Equal(t, c.line, te.Line, "%s: %v", c.file, err)
		assert.Equal(t, c.clm, te.Column, "%s: %v", c.file, err)
		assert.ErrorContains(t, err, c.msg)
	}

	// Options that make the failing files load.
	v, rate, err := LoadCSVColumn(fsys, "gap.csv", ColumnAt(1), &CSVOptions{Time: ColumnAt(0), TimeStepTolerance: 1.01})
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 2, 3, 4, 5}, v)
	assert.InDelta(t, 800, rate, 1e-9)
	v, _, err = LoadCSVColumn(fsys, "nan.csv", ColumnNamed("b"), &CSVOptions{SampleRate: 1, AllowNonFinite: true})
	require.NoError(t, err)
	assert.True(t, math.IsNaN(v[1]))
	v, _, err = LoadCSVColumn(fsys, "bom.csv", ColumnNamed("x"), rate1k)
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 3}, v)
	v, _, err = LoadCSVColumn(fsys, "nums.csv", ColumnAt(1), &CSVOptions{SampleRate: 1, Header: HeaderPresent})
	require.NoError(t, err)
	assert.Equal(t, []float64{4}, v)
	_, _, err = LoadCSVColumn(fsys, "bom.csv", ColumnAt(0), &CSVOptions{SampleRate: 1, Header: HeaderAbsent})
	assert.ErrorContains(t, err, `bom.csv:1: column 1: invalid number "x"`)
	_, _, err = LoadCSVColumn(fsys, "nums.csv", ColumnAt(0), &CSVOptions{SampleRate: 1, MaxFileBytes: 4})
	assert.ErrorIs(t, err, ErrTooLarge)
	_, _, err = LoadCSVColumn(fsys, "missing.csv", ColumnAt(0), rate1k)
	assert.Error(t, err)

	assert.Panics(t, func() { ColumnAt(-1) })
	assert.Equal(t, "no column", CSVColumn{}.String())
	assert.False(t, CSVColumn{}.IsSet())
}

func TestSniffSeparator(t *testing.T) {
	cases := map[string]rune{
		"a,b\n1,2\n":                ',',
		"a;b\n1;2\n":                ';',
		"a\tb\n1\t2\n":              '\t',
		"x\n1\n2\n":                 ',',
		"1,5;2,5\n3,5;4,5\n":        ';',
		"\"a;b\",c\n\"1;2\",3\n":    ',',
		"a,b;c\n1,2;3\n4,5,6;7\n":   ';',
		"\n\n  a\tb, c\n1\t2, 3\n":  '\t',
		"a,b\n1,2\n3,4,5\n":         ',',
		"":                          ',',
		"only one line, two cols\n": ',',
	}
	for text, want := range cases {
		assert.Equal(t, string(want), string(sniffSeparator([]byte(text))), "%q", text)
	}
}
