package matfile

import (
	"fmt"
	"math"
	"strings"
)

// File is a decoded MAT-file.
type File struct {
	// Header is the descriptive text of the 128-byte file header with
	// trailing spaces and NULs removed, e.g. "MATLAB 5.0 MAT-file,
	// Platform: PCWIN, Created on: Mon Jan 31 13:49:59 2000".
	Header string
	// BigEndian reports the file's byte order.
	BigEndian bool
	// Vars holds the variables in file order.
	Vars []*Var
}

// Var returns the top-level variable called name.
func (f *File) Var(name string) (*Var, bool) {
	for _, v := range f.Vars {
		if v.Name == name {
			return v, true
		}
	}
	return nil, false
}

// Lookup returns the variable called name or, when there is none, the
// only variable whose name ends in suffix (CWRU's 3001.mat names its
// drive-end channel X056_DE_time, not X3001_DE_time). It returns nil and
// no error when nothing matches, and an error when several variables end
// in suffix.
func (f *File) Lookup(name, suffix string) (*Var, error) {
	if v, ok := f.Var(name); ok {
		return v, nil
	}
	var found *Var
	for _, v := range f.Vars {
		if strings.HasSuffix(v.Name, suffix) {
			if found != nil {
				return nil, fmt.Errorf("matfile: %w: variables %q and %q both end in %q and neither is %s", ErrAmbiguous, found.Name, v.Name, suffix, name)
			}
			found = v
		}
	}
	return found, nil
}

// Var is one MATLAB array. Which fields are set depends on Class:
//
//   - numeric classes and logical arrays: Real (and Imag when Complex), in
//     MATLAB's column-major order, converted to float64 whatever the stored
//     type;
//   - ClassChar: Text;
//   - ClassStruct: FieldNames and Fields;
//   - ClassCell: Cells.
type Var struct {
	// Name is the variable or field name; "" for cell elements and struct
	// field values.
	Name  string
	Class Class
	// Dims are the array dimensions (at least two).
	Dims []int
	// Complex, Global and Logical are the array flags.
	Complex, Global, Logical bool
	// Real and Imag hold numeric values, column-major. Imag is nil unless
	// Complex.
	Real, Imag []float64
	// Text holds a char array. A 1×n or n×1 array is one string; an m×n
	// array with m > 1 is its m rows joined by "\n".
	Text string
	// FieldNames lists a struct's fields in file order. Fields maps each
	// name to one value per struct element, column-major, so a 1×1
	// struct's field f is Fields[f][0].
	FieldNames []string
	Fields     map[string][]*Var
	// Cells holds a cell array's elements, column-major.
	Cells []*Var
}

// Len returns the number of elements, the product of Dims.
func (v *Var) Len() int {
	n := 1
	for _, d := range v.Dims {
		n *= d
	}
	return n
}

// Numeric reports whether v holds numbers in Real: a numeric class or a
// logical array.
func (v *Var) Numeric() bool { return v.Class.Numeric() }

// Scalar returns the value of a real numeric 1×1 array. A char array is
// not a number; use Text.
func (v *Var) Scalar() (float64, error) {
	switch {
	case !v.Numeric():
		return 0, fmt.Errorf("matfile: %w: variable %q is %s, not numeric", ErrType, v.Name, v.Class)
	case len(v.Real) != 1:
		return 0, fmt.Errorf("matfile: %w: variable %q has %s elements, not 1", ErrType, v.Name, v.dimString())
	case v.Complex && v.Imag[0] != 0:
		return 0, fmt.Errorf("matfile: %w: variable %q is complex", ErrType, v.Name)
	}
	return v.Real[0], nil
}

// Vector returns the values of a real, non-empty numeric vector (1×n or
// n×1). The slice is v.Real itself; values are not checked for NaN.
func (v *Var) Vector() ([]float64, error) {
	if !v.Numeric() || v.Complex {
		return nil, fmt.Errorf("matfile: %w: variable %q is %s, not a real numeric vector", ErrType, v.Name, v.Class)
	}
	if len(v.Real) == 0 || len(v.Dims) != 2 || (v.Dims[0] != 1 && v.Dims[1] != 1) {
		return nil, fmt.Errorf("matfile: %w: variable %q has dims %v, not a non-empty vector", ErrType, v.Name, v.Dims)
	}
	return v.Real, nil
}

// Positive returns the value of a real numeric 1×1 array that is finite
// and greater than zero, such as a sample rate or a shaft speed.
func (v *Var) Positive() (float64, error) {
	x, err := v.Scalar()
	if err != nil {
		return 0, err
	}
	if !(x > 0) || math.IsInf(x, 0) {
		return 0, fmt.Errorf("matfile: %w: variable %q is %v, not a positive number", ErrType, v.Name, x)
	}
	return x, nil
}

// Field returns field name of the first element of a struct, which for
// the usual 1×1 struct is the field's value.
func (v *Var) Field(name string) (*Var, bool) {
	vals, ok := v.Fields[name]
	if !ok || len(vals) == 0 {
		return nil, false
	}
	return vals[0], true
}

func (v *Var) dimString() string {
	s := make([]string, len(v.Dims))
	for i, d := range v.Dims {
		s[i] = fmt.Sprint(d)
	}
	return strings.Join(s, "×")
}
