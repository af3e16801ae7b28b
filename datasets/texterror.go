package datasets

import (
	"fmt"
)

// TextError locates a problem in a delimited text file (IMS, FEMTO, XJTU-SY
// and generic CSV): the file, the 1-based line, the 1-based column (field
// number, 0 when the problem concerns the whole line or file) and what was
// wrong.
type TextError struct {
	File   string // file name as given to the loader
	Line   int    // 1-based line number; 0 when not tied to a line
	Column int    // 1-based field number; 0 when not tied to a field
	Err    error  // what was wrong
}

// Error formats the error as "datasets: FILE:LINE: column C: what".
func (e *TextError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("datasets: %s:%d: column %d: %v", e.File, e.Line, e.Column, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("datasets: %s:%d: %v", e.File, e.Line, e.Err)
	default:
		return fmt.Sprintf("datasets: %s: %v", e.File, e.Err)
	}
}

// Unwrap returns the underlying error, and ErrCorrupt when that wraps
// none of the package's sentinel errors.
func (e *TextError) Unwrap() []error { return withCorrupt(e.Err) }

// textErrorf builds a *TextError with a formatted message.
func textErrorf(file string, line, col int, format string, args ...any) *TextError {
	return &TextError{File: file, Line: line, Column: col, Err: fmt.Errorf(format, args...)}
}
