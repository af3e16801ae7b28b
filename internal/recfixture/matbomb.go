package recfixture

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
)

// MATInt8Column is a double-class column vector stored as miINT8: each
// byte becomes one float64 sample, the most expansive encoding a decoder
// meets (8 bytes of memory per byte of data).
func MATInt8Column(name string, data []byte) []byte {
	return matArray(name, mxDOUBLE, []int32{int32(len(data)), 1}, matElement(miINT8, data))
}

// MATCompressed wraps elements in one miCOMPRESSED element (zlib at its
// best compression; unpadded, as MATLAB writes it). Zeros compress about
// 1000:1, which is how MAT-file bombs are made.
func MATCompressed(elems ...[]byte) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression) // the level is valid
	for _, e := range elems {
		w.Write(e) // writes to a bytes.Buffer do not fail
	}
	w.Close()
	b := binary.LittleEndian.AppendUint32(nil, 15)
	b = binary.LittleEndian.AppendUint32(b, uint32(z.Len()))
	return append(b, z.Bytes()...)
}
