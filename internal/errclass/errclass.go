// Package errclass builds the errors of Spindle's packages: an error whose
// message is a package-prefixed formatted text and which wraps the
// package's class sentinel (ErrInput, ErrConfig, ...) besides any %w
// argument, so that errors.Is finds both while the sentinel adds nothing
// to the message.
package errclass

import (
	"errors"
	"fmt"
)

// Errorf returns the error prefix+fmt.Sprintf(format, args...) wrapping
// class and every %w argument of format.
func Errorf(prefix string, class error, format string, args ...any) error {
	return &classError{fmt.Errorf(prefix+format, args...), class}
}

// classError is an error whose message is err's and which wraps both err
// and the class sentinel.
type classError struct {
	err   error
	class error
}

func (e *classError) Error() string   { return e.err.Error() }
func (e *classError) Unwrap() []error { return []error{e.class, e.err} }

// New returns a sentinel of its own, with message text, that also wraps
// class: a finer class (features.ErrConstant within features.ErrInput).
func New(text string, class error) error {
	return &classError{errors.New(text), class}
}
