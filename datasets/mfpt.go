package datasets

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/datasets/matfile"
)

// MFPTRecord is one record of the MFPT Society's bearing fault data.
type MFPTRecord struct {
	// Name is the file's base name without ".mat", e.g.
	// "OuterRaceFault_vload_1".
	Name string
	// Fault comes from the file name: baseline, OuterRaceFault or
	// InnerRaceFault.
	Fault fault.Kind
	// Signal is the acceleration in g (the struct field gs).
	Signal []float64
	// SampleRate is the sampling rate in Hz (field sr).
	SampleRate float64
	// ShaftHz is the shaft speed in Hz (field rate).
	ShaftHz float64
	// Load is the applied load in pounds (field load, stored as text in
	// the variable-load files).
	Load float64
}

// LoadMFPT reads an MFPT record: a MAT-file holding a struct "bearing" with
// fields gs, sr, rate and load.
func LoadMFPT(fsys fs.FS, name string) (*MFPTRecord, error) {
	base := strings.TrimSuffix(path.Base(name), ".mat")
	rec := &MFPTRecord{Name: base}
	switch lower := strings.ToLower(base); {
	case strings.Contains(lower, "baseline"):
		rec.Fault = fault.Healthy
	case strings.Contains(lower, "outerrace"):
		rec.Fault = fault.OuterRace
	case strings.Contains(lower, "innerrace"):
		rec.Fault = fault.InnerRace
	default:
		return nil, fmt.Errorf("datasets: %s: %w: cannot tell the fault from the name (want baseline, OuterRaceFault or InnerRaceFault)", name, ErrInvalid)
	}
	f, err := matfile.Open(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("datasets: %w", fromMatfile(err))
	}
	b, ok := f.Var("bearing")
	if !ok || b.Class != matfile.ClassStruct {
		return nil, fmt.Errorf("datasets: %s: %w: no struct variable \"bearing\"", name, ErrCorrupt)
	}
	field := func(fname string) (*matfile.Var, error) {
		v, ok := b.Field(fname)
		if !ok {
			return nil, fmt.Errorf("datasets: %s: %w: struct bearing has no field %q (fields %v)", name, ErrCorrupt, fname, b.FieldNames)
		}
		v.Name = "bearing." + fname
		return v, nil
	}
	gs, err := field("gs")
	if err != nil {
		return nil, err
	}
	if rec.Signal, err = signal(gs); err != nil {
		return nil, fmt.Errorf("datasets: %s: %w", name, fromMatfile(err))
	}
	for _, p := range []struct {
		field string
		dst   *float64
	}{{"sr", &rec.SampleRate}, {"rate", &rec.ShaftHz}} {
		v, err := field(p.field)
		if err != nil {
			return nil, err
		}
		if *p.dst, err = v.Positive(); err != nil {
			return nil, fmt.Errorf("datasets: %s: %w", name, fromMatfile(err))
		}
	}
	load, err := field("load")
	if err != nil {
		return nil, err
	}
	if rec.Load, err = loadValue(load); err != nil {
		return nil, fmt.Errorf("datasets: %s: %w", name, fromMatfile(err))
	}
	return rec, nil
}

// loadValue reads a load stored as a number or as text ("25"); it must be
// finite and not negative.
func loadValue(v *matfile.Var) (float64, error) {
	var x float64
	var err error
	if v.Class == matfile.ClassChar {
		x, err = strconv.ParseFloat(strings.TrimSpace(v.Text), 64)
	} else {
		x, err = v.Scalar()
	}
	if err != nil || !(x >= 0) || math.IsInf(x, 1) {
		return 0, fmt.Errorf("%w: variable %q (%s %q) is not a load in pounds", ErrCorrupt, v.Name, v.Class, describe(v))
	}
	return x, nil
}

func describe(v *matfile.Var) string {
	if v.Class == matfile.ClassChar {
		return v.Text
	}
	return fmt.Sprint(v.Real)
}
