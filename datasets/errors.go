package datasets

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spindle-pdm/spindle/datasets/matfile"
)

// The sentinel errors of this package. Every error a datasets function
// returns wraps one of them, or is the error of the fs.FS, io.Reader or
// HTTP client it was given, wrapped with where it happened (errors.Is
// finds fs.ErrNotExist, io.ErrUnexpectedEOF, context.Canceled, ...). Test
// for them with errors.Is; *TextError, *WAVError and matfile.FormatError
// say where in a file the problem lies.
var (
	// ErrUnknownFormat reports input that no format Open knows claims:
	// not a MAT-file, a WAV file or delimited text, or a MAT-file that is
	// neither CWRU's nor MFPT's.
	ErrUnknownFormat = errors.New("unknown recording format")
	// ErrCorrupt reports content that is malformed, truncated or not what
	// the data set's files hold: a bad number or field count, a missing
	// variable or header, a time column that does not increase.
	ErrCorrupt = errors.New("corrupt data")
	// ErrUnsupported reports valid content that this package does not
	// read (RF64 or compressed WAV files, for example).
	ErrUnsupported = errors.New("unsupported content")
	// ErrNonFinite reports a NaN or infinite value in the data where the
	// loader's options do not allow one.
	ErrNonFinite = errors.New("non-finite value")
	// ErrTooLarge reports input beyond a loader's size limit
	// (DefaultMaxFileBytes, OpenOptions.MaxBytes or MaxSamples).
	ErrTooLarge = errors.New("input exceeds the size limit")
	// ErrNoChannel reports a channel or column selection that names none
	// of the file's (Recording.Channel, CSVColumn, NABFrame.Value).
	ErrNoChannel = errors.New("no such channel")
	// ErrInvalid reports an invalid argument: an option, a simulator
	// configuration, or a file name that does not carry the fields its
	// loader reads from it (a CWRU record number, an MFPT fault label).
	ErrInvalid = errors.New("invalid argument")
	// ErrDownload reports an HTTP failure while fetching (a status other
	// than 200 or 206, a body longer than the manifest says).
	ErrDownload = errors.New("download failed")
	// ErrChecksum reports a fetched or cached file whose SHA-256 differs
	// from the manifest's.
	ErrChecksum = errors.New("SHA-256 mismatch")
	// ErrNotInManifest reports a Fetch of a name the manifest lacks.
	ErrNotInManifest = errors.New("not in the manifest")
)

// sentinels are the errors above; a *TextError or *WAVError whose Err
// wraps none of them (nor an fs error) reports corrupt content.
var sentinels = []error{ErrUnknownFormat, ErrCorrupt, ErrUnsupported, ErrNonFinite, ErrTooLarge, ErrNoChannel, ErrInvalid, ErrDownload, ErrChecksum, ErrNotInManifest,
	fs.ErrNotExist, fs.ErrPermission, fs.ErrClosed, fs.ErrInvalid}

// withCorrupt returns err, plus ErrCorrupt when err wraps no sentinel.
func withCorrupt(err error) []error {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return []error{err}
		}
	}
	return []error{err, ErrCorrupt}
}

// kindError is an error whose message is err's alone but which also wraps
// the sentinel kind, for messages that already say what is wrong.
type kindError struct {
	err  error
	kind error
}

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return []error{e.err, e.kind} }

// kindErrorf formats an error that wraps kind without naming it.
func kindErrorf(kind error, format string, args ...any) error {
	return &kindError{fmt.Errorf(format, args...), kind}
}

// fromMatfile returns a matfile error (or a datasets one) wrapping also
// the datasets sentinel for its kind: ErrUnsupported, ErrTooLarge, or
// ErrCorrupt for malformed content, a non-MAT-file and a variable of the
// wrong class or shape. Other errors (the fs.FS's) are returned as they are.
func fromMatfile(err error) error {
	var kind error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, matfile.ErrUnsupported):
		kind = ErrUnsupported
	case errors.Is(err, matfile.ErrTooLarge):
		kind = ErrTooLarge
	case errors.Is(err, matfile.ErrCorrupt), errors.Is(err, matfile.ErrNotMAT), errors.Is(err, matfile.ErrType), errors.Is(err, matfile.ErrAmbiguous):
		kind = ErrCorrupt
	default:
		return err
	}
	return &kindError{err, kind}
}
