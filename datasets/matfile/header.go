package matfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

const headerLen = 128

var hdf5Signature = []byte("\x89HDF\r\n\x1a\n")

// parseHeader checks the 128-byte Level 5 header and returns its text and
// the file's byte order. It recognises Level 4 and version 7.3 (HDF5) files
// to say so instead of reporting garbage.
func parseHeader(b []byte) (string, binary.ByteOrder, *FormatError) {
	fail := func(msg string, err error) (string, binary.ByteOrder, *FormatError) {
		return "", nil, &FormatError{Inflated: -1, Msg: msg, Err: err}
	}
	if bytes.HasPrefix(b, hdf5Signature) || bytes.HasPrefix(b, []byte("MATLAB 7.3")) ||
		(len(b) >= 512+len(hdf5Signature) && bytes.Equal(b[512:512+len(hdf5Signature)], hdf5Signature)) {
		return fail("MATLAB 7.3 MAT-files are HDF5 files; save with -v7 or read them with an HDF5 library", ErrUnsupported)
	}
	if len(b) >= 4 && bytes.IndexByte(b[:4], 0) >= 0 && !bytes.HasPrefix(b, []byte("MATLAB")) {
		// A Level 4 file starts with a 4-byte type code whose high bytes
		// are zero; Level 5 headers start with text.
		return fail("looks like a Level 4 MAT-file (no text header), which is not supported", ErrUnsupported)
	}
	if len(b) < headerLen {
		return fail(fmt.Sprintf("%d bytes is shorter than the 128-byte MAT-file header", len(b)), ErrNotMAT)
	}
	var order binary.ByteOrder
	switch string(b[126:128]) {
	case "IM":
		order = binary.LittleEndian
	case "MI":
		order = binary.BigEndian
	default:
		return fail(fmt.Sprintf("endian indicator %q at offset 126 is neither \"IM\" nor \"MI\"", b[126:128]), ErrNotMAT)
	}
	switch v := order.Uint16(b[124:]); v {
	case 0x0100:
	case 0x0200:
		return fail("version 0x0200 header: a MATLAB 7.3 (HDF5) MAT-file", ErrUnsupported)
	default:
		return fail(fmt.Sprintf("header version 0x%04x, want 0x0100", v), ErrUnsupported)
	}
	text := string(bytes.TrimRight(b[:116], " \x00"))
	return text, order, nil
}
