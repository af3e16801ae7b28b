package datasets

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/datasets/matfile"
)

// CWRURecord is one CWRU Bearing Data Center record: acceleration in g from
// the drive-end (DE), fan-end (FE) and base (BA) accelerometers.
type CWRURecord struct {
	// Info is the record's catalogue entry.
	Info CWRUInfo
	// SampleRate is the sampling rate in Hz, from the catalogue.
	SampleRate float64
	// RPM is the shaft speed in rev/min: the file's RPM variable when it
	// has one (RPMFromFile), otherwise the catalogue's nominal speed.
	RPM         float64
	RPMFromFile bool
	// DE, FE and BA are the accelerometer channels in g; nil when the file
	// lacks that channel (records 3001-3008 hold DE only, the normal
	// baseline DE and FE).
	DE, FE, BA []float64
}

// LoadCWRU reads a CWRU record from fsys. The record number comes from the
// base name ("12k_drive_end/130.mat" is record 130) and must be in
// CWRUCatalog, which supplies the sampling rate and fault. Channels are the
// variables named X<number>_DE_time, _FE_time, _BA_time; when the record's
// own number is absent a single variable with the suffix is used, as in
// 3001.mat, whose channel is X056_DE_time. Values must be finite.
func LoadCWRU(fsys fs.FS, name string) (*CWRURecord, error) {
	base := strings.TrimSuffix(path.Base(name), ".mat")
	number, err := strconv.Atoi(base)
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: %w: CWRU file names are record numbers, like 105.mat", name, ErrInvalid)
	}
	info, ok := LookupCWRU(number)
	if !ok {
		return nil, fmt.Errorf("datasets: %s: %w: record %d is not in the CWRU catalogue", name, ErrInvalid, number)
	}
	f, err := matfile.Open(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", fromMatfile(err))
	}
	rec := &CWRURecord{Info: info, SampleRate: info.SampleRate, RPM: info.NominalRPM}
	prefix := fmt.Sprintf("X%03d", number)
	for _, ch := range []struct {
		suffix string
		dst    *[]float64
	}{{"_DE_time", &rec.DE}, {"_FE_time", &rec.FE}, {"_BA_time", &rec.BA}} {
		v, err := f.Lookup(prefix+ch.suffix, ch.suffix)
		if err != nil {
			return nil, fmt.Errorf("datasets: %s: %w", name, fromMatfile(err))
		}
		if v == nil {
			continue
		}
		if *ch.dst, err = signal(v); err != nil {
			return nil, fmt.Errorf("datasets: %s: %w", name, fromMatfile(err))
		}
	}
	if rec.DE == nil && rec.FE == nil && rec.BA == nil {
		return nil, fmt.Errorf("datasets: %s: %w: no *_DE_time, *_FE_time or *_BA_time variable", name, ErrCorrupt)
	}
	v, err := f.Lookup(prefix+"RPM", "RPM")
	if err != nil {
		return nil, fmt.Errorf("datasets: %s: %w", name, fromMatfile(err))
	}
	if v != nil {
		rpm, err := v.Positive()
		if err != nil {
			return nil, fmt.Errorf("datasets: %s: %w", name, fromMatfile(err))
		}
		rec.RPM, rec.RPMFromFile = rpm, true
	}
	return rec, nil
}

// signal returns the values of a real, non-empty, finite numeric vector.
func signal(v *matfile.Var) ([]float64, error) {
	x, err := v.Vector()
	if err != nil {
		return nil, err
	}
	for i, xi := range x {
		if math.IsNaN(xi) || math.IsInf(xi, 0) {
			return nil, kindErrorf(ErrNonFinite, "variable %q: sample %d is %v", v.Name, i, xi)
		}
	}
	return x, nil
}
