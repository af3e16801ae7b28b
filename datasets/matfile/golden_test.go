package matfile

import (
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goldenVar is scipy.io.loadmat's reading of one value (see
// testdata/gen_fixtures.py).
type goldenVar struct {
	Kind   string            `json:"kind"`
	Dims   []int             `json:"dims"`
	Dtype  string            `json:"dtype"`
	Real   []float64         `json:"real"`
	Imag   []float64         `json:"imag"`
	Text   string            `json:"text"`
	Fields []string          `json:"fields"`
	Elems  []json.RawMessage `json:"elems"`
}

var dtypeClass = map[string]Class{
	"float64": ClassDouble, "complex128": ClassDouble, "float32": ClassSingle,
	"int8": ClassInt8, "uint8": ClassUint8, "int16": ClassInt16, "uint16": ClassUint16,
	"int32": ClassInt32, "uint32": ClassUint32, "int64": ClassInt64, "uint64": ClassUint64,
}

func TestDecodeMatchesScipy(t *testing.T) {
	raw, err := os.ReadFile("testdata/golden.json")
	require.NoError(t, err)
	var gold map[string]map[string]goldenVar
	require.NoError(t, json.Unmarshal(raw, &gold))
	require.Len(t, gold, 2)
	for name, vars := range gold {
		t.Run(name, func(t *testing.T) {
			f, err := Open(os.DirFS("testdata"), name)
			require.NoError(t, err)
			assert.Contains(t, f.Header, "MATLAB 5.0 MAT-file")
			assert.False(t, f.BigEndian)
			var got, want []string
			for _, v := range f.Vars {
				got = append(got, v.Name)
			}
			for k := range vars {
				want = append(want, k)
			}
			sort.Strings(got)
			sort.Strings(want)
			require.Equal(t, want, got)
			for k, g := range vars {
				v, ok := f.Var(k)
				require.True(t, ok, k)
				compareGolden(t, k, g, v)
			}
		})
	}
}

func compareGolden(t *testing.T, path string, g goldenVar, v *Var) {
	t.Helper()
	switch g.Kind {
	case "numeric":
		require.Equal(t, dtypeClass[g.Dtype], v.Class, path)
		require.Equal(t, g.Dims, v.Dims, path)
		require.Equal(t, len(g.Real), v.Len(), path)
		if len(g.Real) == 0 {
			assert.Empty(t, v.Real, path)
		} else {
			assert.Equal(t, g.Real, v.Real, path)
		}
		assert.Equal(t, g.Imag != nil, v.Complex, path)
		if g.Imag != nil {
			assert.Equal(t, g.Imag, v.Imag, path)
		}
	case "char":
		require.Equal(t, ClassChar, v.Class, path)
		assert.Equal(t, g.Text, v.Text, path)
	case "struct":
		require.Equal(t, ClassStruct, v.Class, path)
		require.Equal(t, g.Dims, v.Dims, path)
		require.Equal(t, g.Fields, v.FieldNames, path)
		require.Len(t, g.Elems, v.Len(), path)
		for i, raw := range g.Elems {
			var fields map[string]goldenVar
			require.NoError(t, json.Unmarshal(raw, &fields))
			for fname, fg := range fields {
				require.Len(t, v.Fields[fname], v.Len(), path)
				compareGolden(t, path+"."+fname, fg, v.Fields[fname][i])
			}
		}
	case "cell":
		require.Equal(t, ClassCell, v.Class, path)
		require.Equal(t, g.Dims, v.Dims, path)
		require.Len(t, v.Cells, len(g.Elems), path)
		for i, raw := range g.Elems {
			var eg goldenVar
			require.NoError(t, json.Unmarshal(raw, &eg))
			compareGolden(t, path+"{}", eg, v.Cells[i])
		}
	default:
		t.Fatalf("%s: unknown golden kind %q", path, g.Kind)
	}
}

// TestFixtureDetails pins facts the generic comparison does not: flags,
// struct access, scalars, and that both fixtures decode to the same values.
func TestFixtureDetails(t *testing.T) {
	v5, err := Open(os.DirFS("testdata"), "v5_mixed.mat")
	require.NoError(t, err)
	v7, err := Open(os.DirFS("testdata"), "v7z_mixed.mat")
	require.NoError(t, err)
	require.Equal(t, len(v5.Vars), len(v7.Vars))
	for i := range v5.Vars {
		assert.Equal(t, v5.Vars[i], v7.Vars[i], v5.Vars[i].Name)
	}

	flag, _ := v5.Var("flag")
	assert.True(t, flag.Logical)
	assert.Equal(t, ClassUint8, flag.Class)
	assert.Equal(t, []float64{1, 0, 1}, flag.Real)

	s, _ := v5.Var("scalar")
	x, err := s.Scalar()
	require.NoError(t, err)
	assert.Equal(t, 1797.0, x)

	st, _ := v5.Var("st")
	rate, ok := st.Field("rate")
	require.True(t, ok)
	x, err = rate.Scalar()
	require.NoError(t, err)
	assert.Equal(t, 48828.0, x)
	inner, ok := st.Field("inner")
	require.True(t, ok)
	label, ok := inner.Field("label")
	require.True(t, ok)
	assert.Equal(t, "deep", label.Text)
	assert.Equal(t, "label", label.Name)
	_, ok = st.Field("nope")
	assert.False(t, ok)

	u64, _ := v5.Var("u64")
	assert.Equal(t, []float64{0, 1, 1 << 40, 1 << 53}, u64.Real)
	i64, _ := v5.Var("i64")
	assert.Equal(t, []float64{-(1 << 53), -5, 6, 1 << 53}, i64.Real)

	vec, _ := v5.Var("vec")
	_, err = vec.Scalar()
	assert.ErrorContains(t, err, "37×1")
	str, _ := v5.Var("str")
	_, err = str.Scalar()
	assert.ErrorContains(t, err, "char, not numeric")
	cplx, _ := v5.Var("cplx")
	assert.True(t, cplx.Complex)
}

func TestClassString(t *testing.T) {
	assert.Equal(t, "double", ClassDouble.String())
	assert.Equal(t, "uint16", ClassUint16.String())
	assert.Equal(t, "struct", ClassStruct.String())
	assert.Equal(t, "class(99)", Class(99).String())
	assert.True(t, ClassInt64.Numeric())
	assert.False(t, ClassChar.Numeric())
}
