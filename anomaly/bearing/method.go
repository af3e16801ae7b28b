package bearing

import (
	"fmt"
)

// Method is a way of preparing the signal before its squared-envelope
// spectrum (SES) is searched for fault lines.
type Method int

// The envelope methods. Text forms: "raw", "kurtogram", "cpw", "med".
const (
	// MethodRaw is the SES of the whole band 0 to rate/2.
	MethodRaw Method = iota
	// MethodKurtogram is the SES of the band of greatest spectral
	// kurtosis in a fast kurtogram (Antoni 2007): the resonance the
	// impacts excite.
	MethodKurtogram
	// MethodCPW is the SES of the cepstrum pre-whitened signal (Borghesani
	// et al. 2013), which removes discrete components and the resonance
	// colouring alike.
	MethodCPW
	// MethodMED is the SES of the kurtogram band of the cepstrum
	// pre-whitened, minimum-entropy-deconvolved signal (features.MEDFilter;
	// Endo & Randall 2007; the third method of Smith & Randall 2015): the
	// filter that makes the signal most impulsive undoes the transmission
	// path's smearing of the impacts. Not among DefaultMethods: on the 60
	// CWRU 12 kHz drive-end records adding it as a fourth method changes
	// no verdict (MED before pre-whitening turns one into Unknown), since
	// the records the three methods leave Unknown hold conflicting series,
	// not weak ones.
	MethodMED
	numMethods
)

var methodNames = [numMethods]string{"raw", "kurtogram", "cpw", "med"}

// Methods returns every envelope method, in the order of the constants.
func Methods() []Method { return []Method{MethodRaw, MethodKurtogram, MethodCPW, MethodMED} }

// DefaultMethods returns the methods a DiagnoserConfig with nil Methods
// runs: MethodRaw, MethodKurtogram and MethodCPW.
func DefaultMethods() []Method { return []Method{MethodRaw, MethodKurtogram, MethodCPW} }

// String returns "raw", "kurtogram", "cpw" or "med", or "Method(n)".
func (m Method) String() string {
	if m >= 0 && m < numMethods {
		return methodNames[m]
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// MarshalText implements encoding.TextMarshaler with the names of String.
func (m Method) MarshalText() ([]byte, error) {
	if m < 0 || m >= numMethods {
		return nil, errorf(ErrConfig, "cannot marshal invalid method %d", int(m))
	}
	return []byte(methodNames[m]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler for the names of String.
func (m *Method) UnmarshalText(b []byte) error {
	for i, n := range methodNames {
		if string(b) == n {
			*m = Method(i)
			return nil
		}
	}
	return errorf(ErrConfig, "unknown envelope method %q (want raw, kurtogram, cpw or med)", b)
}
