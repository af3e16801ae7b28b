// Package matfile reads MATLAB Level 5 MAT-files (the format MATLAB writes
// with save -v6 and save -v7), the container of many public vibration data
// sets.
//
// Decode and Open return every variable of a file as a Var: numeric and
// logical arrays of all classes (double, single, int8 … uint64) converted to
// float64 whatever their storage type, complex parts, char arrays as Go
// strings, structs (1×1 and arrays, nested) and cell arrays. Both byte orders
// are read, as are the 4-byte small data element form and zlib-compressed
// (miCOMPRESSED) elements.
//
// Not supported, each reported by an error wrapping ErrUnsupported: Level 4
// MAT-files, version 7.3 MAT-files (which are HDF5 files), sparse arrays,
// objects, and function handles.
//
// The reader is bounded: every count and size in the file is checked against
// the bytes that remain before anything is allocated for it, so a hostile or
// truncated file fails with a *FormatError naming the byte offset of the
// problem instead of exhausting memory. A compressed element can expand only
// as far as its data really inflate (at most about 1032 times the compressed
// size, the limit of DEFLATE), and never past the size its tag declares.
//
// DecodeLimited also bounds the total bytes compressed elements may inflate
// to; past it the error wraps ErrTooLarge before the excess is allocated.
//
// Every error wraps one of the sentinels ErrNotMAT, ErrCorrupt (malformed
// or truncated content), ErrUnsupported, ErrTooLarge, ErrType (Var's
// accessors: a variable of another class, shape or value) or ErrAmbiguous
// (File.Lookup), or is the error of the io.Reader or fs.FS given; test for
// them with errors.Is. *FormatError says where in the file the problem
// lies.
//
// Integer classes are exact in float64 up to 2^53 in magnitude; larger int64
// and uint64 values are rounded to the nearest float64.
//
// Reference: MathWorks, "MAT-File Format", version 7 (2006/2013), chapter 1
// (Level 5 MAT-files).
package matfile
