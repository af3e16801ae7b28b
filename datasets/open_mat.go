package datasets

import (
	"bytes"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/datasets/matfile"
	"github.com/spindle-pdm/spindle/features/fault"
)

// cwruEnds are CWRU's accelerometer channels, each variable named
// X###_<end>_time, and the bearing each one watches.
var cwruEnds = []struct{ name, bearing string }{{"DE", "6205-2RS"}, {"FE", "6203-2RS"}, {"BA", ""}}

// isMAT reports whether head starts a MATLAB MAT-file (Level 5, or the
// HDF5-based version 7.3, which the decoder refuses as unsupported).
func isMAT(head []byte) bool {
	return bytes.HasPrefix(head, []byte("MATLAB ")) && bytes.Contains(head[:min(len(head), 116)], []byte("MAT-file"))
}

// decodeMATRecording reads a MAT-file as MFPT when it holds the struct
// "bearing", as CWRU when it holds a *_DE_time, *_FE_time or *_BA_time
// variable.
func decodeMATRecording(data []byte, name string, opt OpenOptions) (*Recording, error) {
	f, err := matfile.DecodeLimited(name, data, opt.maxBytes())
	if err != nil {
		return nil, fromMatfile(err)
	}
	if b, ok := f.Var("bearing"); ok && b.Class == matfile.ClassStruct {
		return mfptRecording(b, name)
	}
	for _, v := range f.Vars {
		for _, e := range cwruEnds {
			if strings.HasSuffix(v.Name, "_"+e.name+"_time") {
				return cwruRecording(f, name)
			}
		}
	}
	names := make([]string, len(f.Vars))
	for i, v := range f.Vars {
		names[i] = v.Name
	}
	return nil, fmt.Errorf("%w: MAT-file holds neither CWRU channels (X###_DE_time, _FE_time, _BA_time) nor MFPT's struct \"bearing\"; its variables: %s",
		ErrUnknownFormat, strings.Join(names, ", "))
}

// cwruRecording reads a CWRU record's channels, in the order DE, FE, BA.
// A file named after a catalogued record (130.mat) takes its sample rate
// from the catalogue, and its nominal speed when the file has no RPM
// variable.
func cwruRecording(f *matfile.File, name string) (*Recording, error) {
	base := path.Base(name)
	number, err := strconv.Atoi(strings.TrimSuffix(base, path.Ext(base)))
	info, known := CWRUInfo{}, false
	if err == nil {
		info, known = LookupCWRU(number)
	}
	prefix := fmt.Sprintf("X%03d", number)
	rec := &Recording{Format: "cwru", Fault: fault.Unknown}
	for _, e := range cwruEnds {
		v, err := f.Lookup(prefix+"_"+e.name+"_time", "_"+e.name+"_time")
		if err != nil {
			return nil, fromMatfile(err)
		}
		if v == nil {
			continue
		}
		x, err := v.Vector()
		if err != nil {
			return nil, fromMatfile(err)
		}
		if len(rec.Channels) > 0 && len(x) != rec.Len() {
			return nil, fmt.Errorf("%w: channel %s has %d samples, %s %d", ErrCorrupt, e.name, len(x), rec.Channels[0].Name, rec.Len())
		}
		// The accelerometer watches its end's bearing; the base one the
		// record's faulted bearing, when the catalogue says which.
		c := Channel{Name: e.name, Samples: x, Unit: "g", Bearing: e.bearing, Fault: fault.Unknown}
		end := e.name
		if end == "BA" && known {
			end = info.End
			c.Bearing = map[string]string{"DE": "6205-2RS", "FE": "6203-2RS"}[end]
		}
		if known && (info.Fault == fault.Healthy || info.End == end) {
			c.Fault = info.Fault
		}
		rec.Channels = append(rec.Channels, c)
	}
	if known {
		rec.Fault = info.Fault
		rec.SampleRate, rec.SampleRateFrom = info.SampleRate, FromCatalogue
		rec.ShaftHz, rec.ShaftHzFrom = info.NominalRPM/60, FromCatalogue
	}
	rpm, err := f.Lookup(prefix+"RPM", "RPM")
	if err != nil {
		return nil, fromMatfile(err)
	}
	if rpm != nil {
		v, err := rpm.Positive()
		if err != nil {
			return nil, fromMatfile(err)
		}
		rec.ShaftHz, rec.ShaftHzFrom = v/60, FromFile
	}
	return rec, nil
}

// mfptRecording reads an MFPT record's struct bearing: signal gs (g),
// sample rate sr and shaft rate rate (Hz), and, where present, defect
// orders in fields BPFO, BPFI, BSF and FTF (any case). The fault label
// comes from the file name: baseline, OuterRace…, InnerRace….
func mfptRecording(b *matfile.Var, name string) (*Recording, error) {
	field := func(f string) (*matfile.Var, error) {
		v, ok := b.Field(f)
		if !ok {
			return nil, fmt.Errorf("%w: struct bearing has no field %q (fields %s)", ErrCorrupt, f, strings.Join(b.FieldNames, ", "))
		}
		v.Name = "bearing." + f
		return v, nil
	}
	rec := &Recording{Format: "mfpt", SampleRateFrom: FromFile, ShaftHzFrom: FromFile, Fault: fault.Unknown}
	gs, err := field("gs")
	if err != nil {
		return nil, fromMatfile(err)
	}
	x, err := gs.Vector()
	if err != nil {
		return nil, fromMatfile(err)
	}
	for _, p := range []struct {
		field string
		dst   *float64
	}{{"sr", &rec.SampleRate}, {"rate", &rec.ShaftHz}} {
		v, err := field(p.field)
		if err != nil {
			return nil, fromMatfile(err)
		}
		if *p.dst, err = v.Positive(); err != nil {
			return nil, fromMatfile(err)
		}
	}
	if rec.Orders, err = mfptOrders(b); err != nil {
		return nil, fromMatfile(err)
	}
	switch lower := strings.ToLower(path.Base(name)); {
	case strings.Contains(lower, "baseline"):
		rec.Fault = fault.Healthy
	case strings.Contains(lower, "outerrace"):
		rec.Fault = fault.OuterRace
	case strings.Contains(lower, "innerrace"):
		rec.Fault = fault.InnerRace
	}
	rec.Channels = []Channel{{Name: "gs", Samples: x, Unit: "g", Bearing: "MFPT", Fault: rec.Fault}}
	return rec, nil
}

// mfptOrders reads the defect orders of an MFPT struct bearing: nil when
// it has none of the fields BPFO, BPFI, BSF, FTF; an error when it has
// some but not all, or one is not a positive finite scalar.
func mfptOrders(b *matfile.Var) (*DefectOrders, error) {
	var o DefectOrders
	found := 0
	for _, p := range []struct {
		field string
		dst   *float64
	}{{"bpfo", &o.BPFO}, {"bpfi", &o.BPFI}, {"bsf", &o.BSF}, {"ftf", &o.FTF}} {
		for _, fn := range b.FieldNames {
			if !strings.EqualFold(fn, p.field) {
				continue
			}
			v, _ := b.Field(fn)
			v.Name = "bearing." + fn
			x, err := v.Positive()
			if err != nil {
				return nil, fromMatfile(err)
			}
			*p.dst = x
			found++
			break
		}
	}
	switch found {
	case 0:
		return nil, nil
	case 4:
		if math.IsInf(o.BPFO+o.BPFI+o.BSF+o.FTF, 0) {
			return nil, fmt.Errorf("%w: struct bearing's defect orders %+v are not finite", ErrCorrupt, o)
		}
		return &o, nil
	}
	return nil, fmt.Errorf("%w: struct bearing has %d of the defect-order fields BPFO, BPFI, BSF, FTF (fields %s); want all four or none", ErrCorrupt, found, strings.Join(b.FieldNames, ", "))
}
