package matfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"unicode/utf16"
	"unicode/utf8"
)

// maxElements bounds the element count an array header may claim (10^12);
// larger claims are rejected before any other check.
const maxElements = 1_000_000_000_000

// maxDepth bounds the nesting of structs and cells.
const maxDepth = 128

// deflateMaxRatio is the largest expansion DEFLATE can achieve (1032:1);
// it caps the memory reserved ahead for a compressed element.
const deflateMaxRatio = 1032

// Decode reads a Level 5 MAT-file from r. The input is read to its end;
// errors are *FormatError values (or the reader's own error).
func Decode(r io.Reader) (*File, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, fmt.Errorf("matfile: reading input: %w", err)
	}
	return decodeBytes("", b)
}

// readAll reads r to its end, sizing the buffer once when r can tell its
// length (bytes.Reader, strings.Reader, os.File, fs.File).
func readAll(r io.Reader) ([]byte, error) {
	size := int64(-1)
	switch s := r.(type) {
	case interface{ Len() int }:
		size = int64(s.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := s.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if size < 0 || size > 1<<30 {
		return io.ReadAll(r)
	}
	buf := make([]byte, size)
	n, err := io.ReadFull(r, buf)
	switch err {
	case nil: // the input may have grown since: read any rest
		rest, err := io.ReadAll(r)
		return append(buf, rest...), err
	case io.EOF, io.ErrUnexpectedEOF: // shorter than its stated size
		return buf[:n], nil
	}
	return nil, err
}

// Open reads the MAT-file name from fsys. Errors name the file.
func Open(fsys fs.FS, name string) (*File, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("matfile: %w", err)
	}
	return decodeBytes(name, b)
}

// DecodeLimited decodes the MAT-file held in b; name names it in errors.
// It inflates at most maxInflated bytes from compressed elements in all (0
// or less: no limit beyond the 4 GiB an element tag can declare); a file
// needing more fails with an error wrapping ErrTooLarge before the excess
// is allocated.
func DecodeLimited(name string, b []byte, maxInflated int64) (*File, error) {
	return decodeBytesLimit(name, b, maxInflated)
}

func decodeBytes(name string, b []byte) (*File, error) { return decodeBytesLimit(name, b, 0) }

func decodeBytesLimit(name string, b []byte, maxInflated int64) (*File, error) {
	text, order, ferr := parseHeader(b)
	if ferr != nil {
		ferr.File = name
		return nil, ferr
	}
	budget := int64(-1)
	if maxInflated > 0 {
		budget = maxInflated
	}
	d := &decoder{file: name, order: order, buf: b, comp: -1, budget: &budget}
	f := &File{Header: text, BigEndian: order == binary.BigEndian}
	for off := headerLen; off < len(b); {
		t, err := d.tag(off, len(b), "")
		if err != nil {
			return nil, err
		}
		switch t.typ {
		case miMATRIX:
			v, err := d.matrix(t.data, t.end, "", 0)
			if err != nil {
				return nil, err
			}
			f.Vars = append(f.Vars, v)
		case miCOMPRESSED:
			vs, err := d.compressed(t)
			if err != nil {
				return nil, err
			}
			f.Vars = append(f.Vars, vs...)
		default:
			return nil, d.errf(off, "", nil, "top-level element of %s; want miMATRIX or miCOMPRESSED", typeName(t.typ))
		}
		off = t.next
	}
	return f, nil
}

// decoder parses data elements from buf. For the contents of a compressed
// element buf is the inflated data and comp the compressed element's file
// offset; otherwise comp is -1 and offsets in buf are file offsets.
type decoder struct {
	file  string
	order binary.ByteOrder
	buf   []byte
	comp  int64
	zr    io.ReadCloser // reused across compressed elements
	// budget is the number of bytes compressed elements may still inflate
	// to, shared by the decoders of one file; -1 for no limit.
	budget *int64
}

func (d *decoder) errf(off int, path string, err error, format string, args ...any) *FormatError {
	e := &FormatError{File: d.file, Offset: int64(off), Inflated: -1, Var: path, Msg: fmt.Sprintf(format, args...), Err: err}
	if d.comp >= 0 {
		e.Offset, e.Inflated = d.comp, int64(off)
	}
	return e
}

// elem is one data element: its type, the byte range [data, end) of its
// data and the offset of the element after it.
type elem struct {
	typ            uint32
	off, data, end int
	next           int
}

// tag reads the tag of the element at off, which must lie before limit.
func (d *decoder) tag(off, limit int, path string) (elem, error) {
	if limit-off < 8 {
		return elem{}, d.errf(off, path, nil, "truncated: %d bytes left where an 8-byte element tag is due", limit-off)
	}
	w := d.order.Uint32(d.buf[off:])
	if w>>16 != 0 {
		// Small data element: type and byte count share the first four
		// bytes and up to four bytes of data follow.
		n := int(w >> 16)
		if n > 4 {
			return elem{}, d.errf(off, path, nil, "small data element claims %d bytes; at most 4 fit", n)
		}
		return elem{typ: w & 0xffff, off: off, data: off + 4, end: off + 4 + n, next: off + 8}, nil
	}
	n := uint64(d.order.Uint32(d.buf[off+4:]))
	if n > uint64(limit-off-8) {
		return elem{}, d.errf(off, path, nil, "%s element declares %d bytes but only %d remain", typeName(w), n, limit-off-8)
	}
	e := elem{typ: w, off: off, data: off + 8, end: off + 8 + int(n)}
	e.next = e.end
	if w != miCOMPRESSED {
		// Elements are padded to 8 bytes; tolerate a missing final pad.
		e.next = min(e.data+(int(n)+7)&^7, limit)
	}
	return e, nil
}

// compressed inflates a miCOMPRESSED element and decodes the elements in it.
func (d *decoder) compressed(t elem) ([]*Var, error) {
	src := d.buf[t.data:t.end]
	var err error
	if d.zr == nil {
		d.zr, err = zlib.NewReader(bytes.NewReader(src))
	} else {
		err = d.zr.(zlib.Resetter).Reset(bytes.NewReader(src), nil)
	}
	if err != nil {
		d.zr = nil
		return nil, d.errf(t.off, "", err, "compressed element: bad zlib header")
	}
	zr := d.zr
	var head [8]byte
	if _, err := io.ReadFull(zr, head[:]); err != nil {
		return nil, d.errf(t.off, "", err, "compressed element: cannot inflate its first tag")
	}
	// The inflated data hold one element; its tag bounds the total size.
	total := uint64(8)
	if w := d.order.Uint32(head[:]); w>>16 == 0 {
		total += uint64(d.order.Uint32(head[4:]))
	}
	if b := *d.budget; b >= 0 {
		if total > uint64(b) {
			return nil, d.errf(t.off, "", ErrTooLarge, "compressed element declares %d inflated bytes, more than the %d left of the limit", total, b)
		}
		*d.budget = b - int64(total)
	}
	hint := min(total, uint64(len(src))*deflateMaxRatio+8)
	out := bytes.NewBuffer(make([]byte, 0, int(hint)))
	out.Write(head[:])
	if _, err := out.ReadFrom(io.LimitReader(zr, int64(total-8))); err != nil {
		return nil, d.errf(t.off, "", err, "compressed element: inflating")
	}
	if uint64(out.Len()) < total {
		return nil, d.errf(t.off, "", io.ErrUnexpectedEOF, "compressed element inflates to %d bytes; its tag declares %d", out.Len(), total)
	}
	sub := &decoder{file: d.file, order: d.order, buf: out.Bytes(), comp: int64(t.off), budget: d.budget}
	var vars []*Var
	for off := 0; off < len(sub.buf); {
		it, err := sub.tag(off, len(sub.buf), "")
		if err != nil {
			return nil, err
		}
		if it.typ != miMATRIX {
			return nil, sub.errf(off, "", nil, "compressed element holds %s; want miMATRIX", typeName(it.typ))
		}
		v, err := sub.matrix(it.data, it.end, "", 0)
		if err != nil {
			return nil, err
		}
		vars = append(vars, v)
		off = it.next
	}
	return vars, nil
}

// matrix decodes the miMATRIX data in [off, end). path names the enclosing
// variable for error messages.
func (d *decoder) matrix(off, end int, path string, depth int) (*Var, error) {
	if depth > maxDepth {
		return nil, d.errf(off, path, nil, "structs and cells nested deeper than %d", maxDepth)
	}
	if off == end {
		// MATLAB writes empty cell elements as an empty miMATRIX.
		return &Var{Class: ClassDouble, Dims: []int{0, 0}}, nil
	}
	v := &Var{}
	// Array flags.
	t, err := d.tag(off, end, path)
	if err != nil {
		return nil, err
	}
	if t.typ != miUINT32 || t.end-t.data != 8 {
		return nil, d.errf(off, path, nil, "array flags: %s of %d bytes; want 8-byte miUINT32", typeName(t.typ), t.end-t.data)
	}
	flags := d.order.Uint32(d.buf[t.data:])
	v.Class = Class(flags & 0xff)
	v.Complex, v.Global, v.Logical = flags&0x800 != 0, flags&0x400 != 0, flags&0x200 != 0
	// Dimensions.
	off = t.next
	if t, err = d.tag(off, end, path); err != nil {
		return nil, err
	}
	nd := (t.end - t.data) / 4
	if t.typ != miINT32 || (t.end-t.data)%4 != 0 || nd < 2 {
		return nil, d.errf(off, path, nil, "dimensions: %s of %d bytes; want miINT32 with at least 2 values", typeName(t.typ), t.end-t.data)
	}
	v.Dims = make([]int, nd)
	count := uint64(1)
	for i := range v.Dims {
		dim := int32(d.order.Uint32(d.buf[t.data+4*i:]))
		if dim < 0 {
			return nil, d.errf(off, path, nil, "negative dimension %d", dim)
		}
		v.Dims[i] = int(dim)
		if count *= uint64(dim); count >= maxElements {
			// Later dims may be 0, but no real file claims this much.
			return nil, d.errf(off, path, nil, "dimensions claim 10^12 or more elements")
		}
	}
	// Name.
	off = t.next
	if t, err = d.tag(off, end, path); err != nil {
		return nil, err
	}
	if t.typ != miINT8 && t.typ != miUINT8 {
		return nil, d.errf(off, path, nil, "array name: %s; want miINT8", typeName(t.typ))
	}
	v.Name = string(d.buf[t.data:t.end])
	if path == "" {
		path = v.Name
	}
	off = t.next
	// Every element of every class takes at least one byte, so a claim
	// beyond the bytes left is false; checking here also keeps counts
	// within int on 32-bit platforms.
	if count > uint64(end-off) {
		return nil, d.errf(off, path, nil, "dimensions claim %d elements but only %d bytes remain", count, end-off)
	}
	n := int(count)

	switch {
	case v.Class.Numeric():
		err = d.numeric(v, off, end, n, path)
	case v.Class == ClassChar:
		err = d.char(v, off, end, n, path)
	case v.Class == ClassCell:
		err = d.cell(v, off, end, n, path, depth)
	case v.Class == ClassStruct:
		err = d.structure(v, off, end, n, path, depth)
	case v.Class == ClassSparse || v.Class == ClassObject || v.Class == ClassFunction || v.Class == ClassOpaque:
		err = d.errf(off, path, ErrUnsupported, "%s arrays are not supported", v.Class)
	default:
		err = d.errf(off, path, nil, "unknown array class %d", uint8(v.Class))
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

// numeric reads the real and, for complex arrays, imaginary part.
func (d *decoder) numeric(v *Var, off, end, n int, path string) error {
	t, err := d.tag(off, end, path)
	if err != nil {
		return err
	}
	if v.Real, err = d.values(t, n, path, "real part"); err != nil {
		return err
	}
	if !v.Complex {
		return nil
	}
	if t, err = d.tag(t.next, end, path); err != nil {
		return err
	}
	v.Imag, err = d.values(t, n, path, "imaginary part")
	return err
}

// values converts the numeric element t, which must hold n values, to
// float64.
func (d *decoder) values(t elem, n int, path, what string) ([]float64, error) {
	size := elemSize(t.typ)
	if size == 0 || t.typ == miUTF8 || t.typ == miUTF16 || t.typ == miUTF32 {
		return nil, d.errf(t.off, path, nil, "%s stored as %s, not a numeric type", what, typeName(t.typ))
	}
	nb := t.end - t.data
	if nb%size != 0 || nb/size != n {
		return nil, d.errf(t.off, path, nil, "%s holds %d bytes of %s; the dimensions need %d values (%d bytes)", what, nb, typeName(t.typ), n, n*size)
	}
	dst := make([]float64, n)
	convert(dst, d.buf[t.data:t.end], t.typ, d.order)
	return dst, nil
}

// char reads a char array's data into v.Text.
func (d *decoder) char(v *Var, off, end, n int, path string) error {
	t, err := d.tag(off, end, path)
	if err != nil {
		return err
	}
	src := d.buf[t.data:t.end]
	var runes []rune
	switch t.typ {
	case miUTF8:
		if !utf8.Valid(src) {
			return d.errf(t.off, path, nil, "char data are not valid UTF-8")
		}
		runes = []rune(string(src))
	case miUINT8, miINT8:
		runes = make([]rune, len(src))
		for i, c := range src {
			runes[i] = rune(c) // Latin-1
		}
	case miUINT16, miUTF16:
		if len(src)%2 != 0 {
			return d.errf(t.off, path, nil, "odd byte count %d for 16-bit char data", len(src))
		}
		u := make([]uint16, len(src)/2)
		for i := range u {
			u[i] = d.order.Uint16(src[2*i:])
		}
		if t.typ == miUTF16 {
			runes = utf16.Decode(u)
		} else {
			runes = make([]rune, len(u))
			for i, c := range u {
				runes[i] = rune(c)
			}
		}
	case miUTF32, miINT32, miUINT32:
		if len(src)%4 != 0 {
			return d.errf(t.off, path, nil, "byte count %d for 32-bit char data is not a multiple of 4", len(src))
		}
		runes = make([]rune, len(src)/4)
		for i := range runes {
			runes[i] = rune(d.order.Uint32(src[4*i:]))
		}
	default:
		return d.errf(t.off, path, nil, "char data stored as %s", typeName(t.typ))
	}
	if len(runes) != n {
		return d.errf(t.off, path, nil, "char data hold %d characters; the dimensions need %d", len(runes), n)
	}
	rows := v.Dims[0]
	if rows <= 1 || rows == n {
		v.Text = string(runes)
		return nil
	}
	// Column-major m×k: row i is runes[i], runes[i+m], ...
	cols := n / rows
	out := make([]rune, 0, n+rows-1)
	for i := 0; i < rows; i++ {
		if i > 0 {
			out = append(out, '\n')
		}
		for j := 0; j < cols; j++ {
			out = append(out, runes[i+j*rows])
		}
	}
	v.Text = string(out)
	return nil
}

// cell reads n miMATRIX elements.
func (d *decoder) cell(v *Var, off, end, n int, path string, depth int) error {
	if uint64(n)*8 > uint64(end-off) {
		return d.errf(off, path, nil, "cell array of %d elements cannot fit in the %d bytes left", n, end-off)
	}
	v.Cells = make([]*Var, n)
	for i := range v.Cells {
		c, err := d.child(&off, end, fmt.Sprintf("%s{%d}", path, i+1), depth)
		if err != nil {
			return err
		}
		v.Cells[i] = c
	}
	return nil
}

// structure reads the field names and n×fields miMATRIX elements.
func (d *decoder) structure(v *Var, off, end, n int, path string, depth int) error {
	t, err := d.tag(off, end, path)
	if err != nil {
		return err
	}
	if t.typ != miINT32 || t.end-t.data != 4 {
		return d.errf(off, path, nil, "field name length: %s of %d bytes; want one miINT32", typeName(t.typ), t.end-t.data)
	}
	nameLen := int(int32(d.order.Uint32(d.buf[t.data:])))
	off = t.next
	if t, err = d.tag(off, end, path); err != nil {
		return err
	}
	nb := t.end - t.data
	if nameLen <= 0 || (t.typ != miINT8 && t.typ != miUINT8) || nb%nameLen != 0 {
		return d.errf(off, path, nil, "field names: %s of %d bytes with name length %d", typeName(t.typ), nb, nameLen)
	}
	nf := nb / nameLen
	// Each field value is at least an 8-byte miMATRIX tag.
	if nf > 0 && n > (end-t.next)/8/nf {
		return d.errf(off, path, nil, "struct array of %d elements × %d fields cannot fit in the %d bytes left", n, nf, end-t.next)
	}
	v.FieldNames = make([]string, nf)
	v.Fields = make(map[string][]*Var, nf)
	for i := range v.FieldNames {
		raw := d.buf[t.data+i*nameLen : t.data+(i+1)*nameLen]
		if z := bytes.IndexByte(raw, 0); z >= 0 {
			raw = raw[:z]
		}
		name := string(raw)
		if _, dup := v.Fields[name]; dup {
			return d.errf(off, path, nil, "duplicate field name %q", name)
		}
		v.FieldNames[i] = name
		v.Fields[name] = nil
	}
	off = t.next
	for _, name := range v.FieldNames {
		v.Fields[name] = make([]*Var, n)
	}
	for i := 0; i < n; i++ {
		for _, name := range v.FieldNames {
			fp := path + "." + name
			if n > 1 {
				fp = fmt.Sprintf("%s(%d).%s", path, i+1, name)
			}
			c, err := d.child(&off, end, fp, depth)
			if err != nil {
				return err
			}
			c.Name = name
			v.Fields[name][i] = c
		}
	}
	return nil
}

// child reads the miMATRIX element at *off and advances *off past it.
func (d *decoder) child(off *int, end int, path string, depth int) (*Var, error) {
	t, err := d.tag(*off, end, path)
	if err != nil {
		return nil, err
	}
	if t.typ != miMATRIX {
		return nil, d.errf(*off, path, nil, "element of %s; want miMATRIX", typeName(t.typ))
	}
	c, err := d.matrix(t.data, t.end, path, depth+1)
	if err != nil {
		return nil, err
	}
	*off = t.next
	return c, nil
}
