package matfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBothByteOrders(t *testing.T) {
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		t.Run(order.String(), func(t *testing.T) {
			f, err := Decode(bytes.NewReader(cwruLike(order)))
			require.NoError(t, err)
			assert.Equal(t, order == binary.BigEndian, f.BigEndian)
			assert.Equal(t, "MATLAB 5.0 MAT-file, built by matfile tests", f.Header)
			require.Len(t, f.Vars, 3)

			de, ok := f.Var("X105_DE_time")
			require.True(t, ok)
			assert.Equal(t, []float64{0.5, -1.25, 3}, de.Real)
			assert.Equal(t, []int{3, 1}, de.Dims)

			// Declared double, stored as miUINT16 in the small element form.
			rpm, ok := f.Var("X105RPM")
			require.True(t, ok)
			assert.Equal(t, ClassDouble, rpm.Class)
			x, err := rpm.Scalar()
			require.NoError(t, err)
			assert.Equal(t, 1797.0, x)

			b, ok := f.Var("bearing")
			require.True(t, ok)
			assert.Equal(t, []string{"sr", "load"}, b.FieldNames)
			sr, _ := b.Field("sr")
			x, err = sr.Scalar()
			require.NoError(t, err)
			assert.Equal(t, 48828.0, x)
			load, _ := b.Field("load")
			assert.Equal(t, "25", load.Text)
		})
	}
}

func TestHeaderKinds(t *testing.T) {
	le := binary.LittleEndian
	v73 := header(le, "MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00 .")
	le.PutUint16(v73[124:], 0x0200)
	v73 = append(v73, make([]byte, 512-len(v73))...)
	v73 = append(v73, hdf5Signature...)

	v2 := header(le, "MATLAB 5.0 MAT-file")
	le.PutUint16(v2[124:], 0x0200)
	v9 := header(le, "MATLAB 5.0 MAT-file")
	le.PutUint16(v9[124:], 0x0900)

	badEndian := header(le, "MATLAB 5.0 MAT-file")
	copy(badEndian[126:], "XX")

	v4 := append(u32s(le, 0, 3, 1, 0, 2), 'x', 0) // MOPT 0: double, 3×1, name "x"

	cases := []struct {
		name string
		in   []byte
		is   error
		msg  string
	}{
		{"v7.3 text", v73, ErrUnsupported, "7.3"},
		{"bare HDF5", append(append([]byte{}, hdf5Signature...), make([]byte, 200)...), ErrUnsupported, "HDF5"},
		{"version 0x0200", v2, ErrUnsupported, "7.3"},
		{"version 0x0900", v9, ErrUnsupported, "0x0900"},
		{"level 4", v4, ErrUnsupported, "Level 4"},
		{"bad endian", badEndian, ErrNotMAT, "endian"},
		{"text file", []byte(strings.Repeat("timestamp,value\n", 20)), ErrNotMAT, "endian"},
		{"short", []byte("MATLAB 5.0"), ErrNotMAT, "shorter"},
		{"empty", nil, ErrNotMAT, "shorter"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(c.in))
			require.Error(t, err)
			assert.ErrorIs(t, err, c.is)
			assert.ErrorContains(t, err, c.msg)
			var fe *FormatError
			assert.ErrorAs(t, err, &fe)
		})
	}
}

func TestHeaderOnlyFileIsEmpty(t *testing.T) {
	f, err := Decode(bytes.NewReader(header(binary.BigEndian, "MATLAB 5.0 MAT-file")))
	require.NoError(t, err)
	assert.Empty(t, f.Vars)
	assert.True(t, f.BigEndian)
}

// TestMalformed feeds hand-built broken elements; each must fail with a
// FormatError that says what was wrong.
func TestMalformed(t *testing.T) {
	le := binary.LittleEndian
	dbl := uint32(ClassDouble)
	data := el(le, miDOUBLE, f64s(le, 1, 2))
	cases := []struct {
		name string
		el   []byte
		msg  string
	}{
		{"element larger than file", func() []byte {
			e := el(le, miMATRIX, nil)
			le.PutUint32(e[4:], 0xFFFFFFF0)
			return e
		}(), "declares 4294967280 bytes"},
		{"small element over 4 bytes", append(u32s(le, 7<<16|miMATRIX), 0, 0, 0, 0), "small data element claims 7"},
		{"dims 10^12", matrix(le, dbl, []uint32{1_000_000, 1_000_000}, "x", data), "10^12"},
		{"dims past data", matrix(le, dbl, []uint32{100000, 3}, "x", data), "claim 300000 elements"},
		{"wrong count", matrix(le, dbl, []uint32{3, 1}, "x", data), "need 3 values"},
		{"negative dim", matrix(le, dbl, []uint32{0xFFFFFFFF, 1}, "x", data), "negative dimension"},
		{"one dim", el(le, miMATRIX, append(el(le, miUINT32, u32s(le, dbl, 0)), el(le, miINT32, u32s(le, 2))...)), "at least 2"},
		{"bad flags", el(le, miMATRIX, el(le, miDOUBLE, f64s(le, 1))), "array flags"},
		{"char data as matrix", matrix(le, dbl, []uint32{1, 1}, "x", small(le, miUTF8, []byte("a"))), "not a numeric type"},
		{"sparse", matrix(le, uint32(ClassSparse), []uint32{2, 2}, "sp", data), "sparse arrays are not supported"},
		{"object", matrix(le, uint32(ClassObject), []uint32{1, 1}, "ob", data), "object arrays"},
		{"unknown class", matrix(le, 42, []uint32{1, 1}, "x", data), "unknown array class 42"},
		{"bad top-level type", el(le, miDOUBLE, f64s(le, 1)), "top-level element of miDOUBLE"},
		{"cell claims too many", matrix(le, uint32(ClassCell), []uint32{1000, 1000}, "c"), "claim 1000000 elements"},
		{"struct without names", matrix(le, uint32(ClassStruct), []uint32{1, 1}, "s", el(le, miINT32, u32s(le, 0)), el(le, miINT8, []byte("ab"))), "name length 0"},
		{"struct fields past data", matrix(le, uint32(ClassStruct), []uint32{1, 1}, "s",
			el(le, miINT32, u32s(le, 4)), el(le, miINT8, []byte("abc\x00def\x00gh\x00\x00"))), "1 elements × 3 fields cannot fit"},
		{"utf8 count", matrix(le, uint32(ClassChar), []uint32{1, 3}, "c", el(le, miUTF8, []byte("µs"))), "2 characters; the dimensions need 3"},
		{"bad zlib", func() []byte {
			e := el(le, miCOMPRESSED, []byte("not zlib at all"))
			le.PutUint32(e[4:], 15)
			return e[:8+15]
		}(), "bad zlib header"},
		{"compressed short", func() []byte {
			inner := matrix(le, dbl, []uint32{2, 1}, "x", data)
			le.PutUint32(inner[4:], 4096) // claims more than it holds
			return compress(le, inner)
		}(), "inflates to"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(fstest.MapFS{"bad.mat": {Data: file(le, c.el)}}, "bad.mat")
			require.Error(t, err)
			assert.ErrorContains(t, err, c.msg)
			assert.ErrorContains(t, err, "bad.mat: offset ")
			var fe *FormatError
			require.ErrorAs(t, err, &fe)
			assert.GreaterOrEqual(t, fe.Offset, int64(headerLen))
		})
	}
}

func TestUnsupportedNamesVariable(t *testing.T) {
	le := binary.LittleEndian
	sp := matrix(le, uint32(ClassSparse), []uint32{2, 2}, "K", el(le, miINT32, u32s(le, 0, 1)))
	_, err := Decode(bytes.NewReader(file(le, sp)))
	assert.ErrorIs(t, err, ErrUnsupported)
	assert.ErrorContains(t, err, `variable "K"`)
}

func TestCompressedErrorOffsets(t *testing.T) {
	le := binary.LittleEndian
	ok := matrix(le, uint32(ClassDouble), []uint32{1, 1}, "a", el(le, miDOUBLE, f64s(le, 1)))
	bad := matrix(le, uint32(ClassDouble), []uint32{2, 1}, "b", el(le, miDOUBLE, f64s(le, 1)))
	_, err := Decode(bytes.NewReader(file(le, ok, compress(le, bad))))
	var fe *FormatError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, int64(headerLen+len(ok)), fe.Offset, "offset of the compressed element")
	assert.Positive(t, fe.Inflated)
	assert.Equal(t, "b", fe.Var)
	assert.ErrorContains(t, err, "of its decompressed data")
}

// TestTruncatedEverywhere cuts both scipy fixtures at every length: each
// prefix must fail cleanly (or, at element boundaries, decode a prefix of
// the variables), never panic.
func TestTruncatedEverywhere(t *testing.T) {
	for _, name := range []string{"v5_mixed.mat", "v7z_mixed.mat"} {
		full, err := os.ReadFile("testdata/" + name)
		require.NoError(t, err)
		whole, err := Decode(bytes.NewReader(full))
		require.NoError(t, err)
		fails := 0
		for n := 0; n < len(full); n++ {
			f, err := Decode(bytes.NewReader(full[:n]))
			if err != nil {
				fails++
				var fe *FormatError
				require.ErrorAs(t, err, &fe, "cut at %d", n)
				continue
			}
			require.Less(t, len(f.Vars), len(whole.Vars), "cut at %d", n)
			for i, v := range f.Vars {
				require.Equal(t, whole.Vars[i], v, "cut at %d", n)
			}
		}
		assert.Greater(t, fails, len(full)*9/10, name)
	}
}

// TestHostileSizesDoNotAllocate checks that claims of huge sizes are
// refused before memory is reserved for them.
func TestHostileSizesDoNotAllocate(t *testing.T) {
	le := binary.LittleEndian
	// A compressed element whose inner tag claims 4 GiB but inflates to a
	// few bytes, and one that really inflates far (1 MiB of zeros) while
	// claiming 4 GiB: neither may reserve the claimed size.
	claim := append(u32s(le, miMATRIX, 0xFFFFFFF0), make([]byte, 1<<20)...)
	inputs := map[string][]byte{
		"compressed claim": compress(le, append(u32s(le, miMATRIX, 0xFFFFFFF0), 1, 2, 3)),
		"compressed bomb":  compress(le, claim),
		"dims 2^31":        matrix(le, uint32(ClassDouble), []uint32{0x7FFFFFFF, 0x7FFFFFFF}, "x"),
		"cell 2^31":        matrix(le, uint32(ClassCell), []uint32{0x7FFFFFFF, 1}, "x"),
		"struct 2^20 × 2^20 fields": matrix(le, uint32(ClassStruct), []uint32{1 << 20, 1}, "s",
			el(le, miINT32, u32s(le, 1)), el(le, miINT8, bytes.Repeat([]byte{'a'}, 1<<20))),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			data := file(le, in)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := Decode(bytes.NewReader(data))
			runtime.ReadMemStats(&after)
			require.Error(t, err)
			allocated := after.TotalAlloc - before.TotalAlloc
			assert.Less(t, allocated, uint64(8*len(data)+4<<20), "allocated %d bytes for %d input bytes", allocated, len(data))
		})
	}
}

func TestDecodeReaderError(t *testing.T) {
	_, err := Decode(errReader{})
	assert.ErrorContains(t, err, "boom")
	_, err = Open(fstest.MapFS{}, "missing.mat")
	assert.ErrorIs(t, err, os.ErrNotExist)
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("boom") }
