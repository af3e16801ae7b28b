package matfile

import (
	"errors"
	"fmt"
)

// ErrUnsupported is wrapped by the errors for valid MAT-file content this
// package does not read: Level 4 and version 7.3 (HDF5) files, sparse
// arrays, objects and function handles.
var ErrUnsupported = errors.New("unsupported MAT-file content")

// ErrNotMAT is wrapped by the error for input that is not a MAT-file at all.
var ErrNotMAT = errors.New("not a MAT-file")

// ErrCorrupt is wrapped by the errors for malformed or truncated MAT-file
// content: every *FormatError whose cause is not ErrUnsupported, ErrNotMAT
// or ErrTooLarge.
var ErrCorrupt = errors.New("malformed MAT-file")

// ErrType is wrapped by the errors of Var's accessors (Scalar, Vector,
// Positive) for a variable of another class, shape or value.
var ErrType = errors.New("variable of another class, shape or value")

// ErrAmbiguous is wrapped by File.Lookup's error when several variables
// match a suffix.
var ErrAmbiguous = errors.New("ambiguous variable name")

// ErrTooLarge is wrapped by the error for a file whose compressed elements
// inflate beyond the limit given to DecodeLimited.
var ErrTooLarge = errors.New("MAT-file exceeds the size limit")

// A FormatError describes malformed or unsupported content: which file,
// where, and what was wrong.
type FormatError struct {
	// File is the name given to Open, or "" for Decode.
	File string
	// Offset is the byte offset in the file of the element at fault. Inside
	// a compressed element it is the offset of that compressed element, and
	// Inflated is the offset within its decompressed bytes.
	Offset   int64
	Inflated int64 // -1 outside compressed elements
	// Var is the (dotted) path of the variable being read, when known.
	Var string
	// Msg says what was wrong.
	Msg string
	// Err is an underlying cause (ErrUnsupported, ErrNotMAT, an I/O or zlib
	// error), or nil.
	Err error
}

// Error says what is wrong and at which byte offset.
func (e *FormatError) Error() string {
	s := "matfile: "
	if e.File != "" {
		s += e.File + ": "
	}
	s += fmt.Sprintf("offset %d", e.Offset)
	if e.Inflated >= 0 {
		s += fmt.Sprintf(" (byte %d of its decompressed data)", e.Inflated)
	}
	if e.Var != "" {
		s += fmt.Sprintf(": variable %q", e.Var)
	}
	s += ": " + e.Msg
	if e.Err != nil && e.Err != ErrUnsupported && e.Err != ErrNotMAT && e.Err != ErrTooLarge {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying cause, and ErrCorrupt unless the cause is
// ErrUnsupported, ErrNotMAT or ErrTooLarge: every FormatError wraps one of
// the four.
func (e *FormatError) Unwrap() []error {
	switch {
	case e.Err == nil:
		return []error{ErrCorrupt}
	case errors.Is(e.Err, ErrUnsupported), errors.Is(e.Err, ErrNotMAT), errors.Is(e.Err, ErrTooLarge):
		return []error{e.Err}
	}
	return []error{e.Err, ErrCorrupt}
}
