package main

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// A minimal MATLAB Level 5 writer (uncompressed, little-endian) for the
// cwru and mfpt fixtures: double arrays and a struct of them, enough for
// datasets.LoadCWRU and datasets.LoadMFPT.

const (
	miInt8, miInt32, miUint32, miDouble, miMatrix = 1, 5, 6, 9, 14
	mxStruct, mxDouble                            = 2, 6
)

// matElem encodes a data element: 8-byte tag, data, padding to 8 bytes.
func matElem(typ uint32, data []byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, typ)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	return b
}

// matArray encodes a named matrix of class cls with dims and body
// (the elements after the name).
func matArray(name string, cls uint32, dims [2]int32, body ...[]byte) []byte {
	flags := binary.LittleEndian.AppendUint32(nil, cls)
	flags = binary.LittleEndian.AppendUint32(flags, 0)
	var d []byte
	d = binary.LittleEndian.AppendUint32(d, uint32(dims[0]))
	d = binary.LittleEndian.AppendUint32(d, uint32(dims[1]))
	b := append(matElem(miUint32, flags), matElem(miInt32, d)...)
	b = append(b, matElem(miInt8, []byte(name))...)
	for _, e := range body {
		b = append(b, e...)
	}
	return matElem(miMatrix, b)
}

// matDouble encodes a column vector (a scalar when len(x) is 1).
func matDouble(name string, x ...float64) []byte {
	var data []byte
	for _, v := range x {
		data = binary.LittleEndian.AppendUint64(data, math.Float64bits(v))
	}
	return matArray(name, mxDouble, [2]int32{int32(len(x)), 1}, matElem(miDouble, data))
}

// matStruct encodes a 1×1 struct whose fields are the unnamed arrays of
// fields (built with matDouble("", ...)), named by names.
func matStruct(name string, names []string, fields ...[]byte) []byte {
	nameLen := binary.LittleEndian.AppendUint32(nil, 32)
	var fn []byte
	for _, n := range names {
		f := make([]byte, 32)
		copy(f, n)
		fn = append(fn, f...)
	}
	body := [][]byte{matElem(miInt32, nameLen), matElem(miInt8, fn)}
	return matArray(name, mxStruct, [2]int32{1, 1}, append(body, fields...)...)
}

// writeMAT writes a MAT-file holding the encoded variables at path.
func writeMAT(t *testing.T, path string, vars ...[]byte) {
	t.Helper()
	h := bytes.Repeat([]byte{' '}, 116)
	copy(h, "MATLAB 5.0 MAT-file, spindle benchmark test fixture")
	h = append(h, make([]byte, 8)...)
	h = binary.LittleEndian.AppendUint16(h, 0x0100)
	h = append(h, 'I', 'M')
	for _, v := range vars {
		h = append(h, v...)
	}
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, h, 0o644))
}
