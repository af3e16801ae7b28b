package matfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"math"
)

// The helpers below hand-build MAT-file bytes in either byte order, for the
// cases scipy cannot write: big-endian files, small data elements in odd
// places, truncated and hostile headers.

func header(order binary.ByteOrder, text string) []byte {
	h := bytes.Repeat([]byte{' '}, headerLen)
	copy(h, text)
	copy(h[116:124], make([]byte, 8))
	order.PutUint16(h[124:], 0x0100)
	if order == binary.LittleEndian {
		copy(h[126:], "IM")
	} else {
		copy(h[126:], "MI")
	}
	return h
}

// el encodes a data element with an 8-byte tag, padded to 8 bytes.
func el(order binary.ByteOrder, typ uint32, data []byte) []byte {
	out := make([]byte, 8, 8+len(data)+7)
	order.PutUint32(out, typ)
	order.PutUint32(out[4:], uint32(len(data)))
	out = append(out, data...)
	for len(out)%8 != 0 {
		out = append(out, 0)
	}
	return out
}

// small encodes a small data element (at most 4 bytes of data).
func small(order binary.ByteOrder, typ uint32, data []byte) []byte {
	out := make([]byte, 8)
	order.PutUint32(out, uint32(len(data))<<16|typ)
	copy(out[4:], data)
	return out
}

func u32s(order binary.ByteOrder, v ...uint32) []byte {
	out := make([]byte, 4*len(v))
	for i, x := range v {
		order.PutUint32(out[4*i:], x)
	}
	return out
}

func f64s(order binary.ByteOrder, v ...float64) []byte {
	out := make([]byte, 8*len(v))
	for i, x := range v {
		order.PutUint64(out[8*i:], math.Float64bits(x))
	}
	return out
}

func u16s(order binary.ByteOrder, v ...uint16) []byte {
	out := make([]byte, 2*len(v))
	for i, x := range v {
		order.PutUint16(out[2*i:], x)
	}
	return out
}

// matrix encodes a miMATRIX element: flags word, dims, name and the given
// already-encoded sub-elements.
func matrix(order binary.ByteOrder, flags uint32, dims []uint32, name string, parts ...[]byte) []byte {
	var body []byte
	body = append(body, el(order, miUINT32, u32s(order, flags, 0))...)
	body = append(body, el(order, miINT32, u32s(order, dims...))...)
	if len(name) <= 4 && len(name) > 0 {
		body = append(body, small(order, miINT8, []byte(name))...)
	} else {
		body = append(body, el(order, miINT8, []byte(name))...)
	}
	for _, p := range parts {
		body = append(body, p...)
	}
	return el(order, miMATRIX, body)
}

func compress(order binary.ByteOrder, element []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(element)
	w.Close()
	out := make([]byte, 8)
	order.PutUint32(out, miCOMPRESSED)
	order.PutUint32(out[4:], uint32(z.Len()))
	return append(out, z.Bytes()...)
}

func file(order binary.ByteOrder, elements ...[]byte) []byte {
	out := header(order, "MATLAB 5.0 MAT-file, built by matfile tests")
	for _, e := range elements {
		out = append(out, e...)
	}
	return out
}

// cwruLike builds a file shaped like a CWRU record in the given order: a
// double column vector and an RPM declared double but stored as miUINT16
// in the small element form, then a compressed struct with a char field.
func cwruLike(order binary.ByteOrder) []byte {
	de := matrix(order, uint32(ClassDouble), []uint32{3, 1}, "X105_DE_time",
		el(order, miDOUBLE, f64s(order, 0.5, -1.25, 3)))
	rpm := matrix(order, uint32(ClassDouble), []uint32{1, 1}, "X105RPM",
		small(order, miUINT16, u16s(order, 1797)))
	nameLen := el(order, miINT32, u32s(order, 8))
	names := el(order, miINT8, []byte("sr\x00\x00\x00\x00\x00\x00load\x00\x00\x00\x00"))
	sr := matrix(order, uint32(ClassDouble), []uint32{1, 1}, "", small(order, miUINT16, u16s(order, 48828)))
	load := matrix(order, uint32(ClassChar), []uint32{1, 2}, "", small(order, miUINT16, u16s(order, '2', '5')))
	st := matrix(order, uint32(ClassStruct), []uint32{1, 1}, "bearing", nameLen, names, sr, load)
	return file(order, de, rpm, compress(order, st))
}
