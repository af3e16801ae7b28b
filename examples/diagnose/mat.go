package main

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/features/fault"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/datasets/matfile"
)

// cwruChannels are the accelerometer channels of a CWRU record, the
// variable suffix of each being "_"+name+"_time".
var cwruChannels = []string{"DE", "FE", "BA"}

// loadMAT reads a MAT-file as MFPT when it holds the struct "bearing",
// as CWRU when it holds a *_DE_time, *_FE_time or *_BA_time variable.
func loadMAT(fsys fs.FS, name string, o *options) (*recording, error) {
	f, err := matfile.Open(fsys, name)
	if err != nil {
		return nil, err
	}
	if b, ok := f.Var("bearing"); ok && b.Class == matfile.ClassStruct {
		return mfpt(b, name, o)
	}
	for _, v := range f.Vars {
		for _, ch := range cwruChannels {
			if strings.HasSuffix(v.Name, "_"+ch+"_time") {
				return cwru(f, name, o)
			}
		}
	}
	names := make([]string, len(f.Vars))
	for i, v := range f.Vars {
		names[i] = v.Name
	}
	return nil, fmt.Errorf("MAT-file holds neither CWRU channels (X###_DE_time, _FE_time, _BA_time) nor MFPT's struct \"bearing\"; its variables: %s",
		strings.Join(names, ", "))
}

// cwru reads a CWRU record. A file named after a catalogued record
// (130.mat) takes its sample rate from the catalogue, and its nominal
// speed when the file has no RPM variable.
func cwru(f *matfile.File, name string, o *options) (*recording, error) {
	ch := strings.ToUpper(o.channel)
	if ch == "" {
		ch = "DE"
	}
	if !slices.Contains(cwruChannels, ch) {
		return nil, fmt.Errorf("-channel %q: CWRU channels are DE, FE and BA", o.channel)
	}
	number, err := strconv.Atoi(strings.TrimSuffix(name, path.Ext(name)))
	info, known := datasets.CWRUInfo{}, false
	if err == nil {
		info, known = datasets.LookupCWRU(number)
	}
	prefix := fmt.Sprintf("X%03d", number)
	v, err := f.Lookup(prefix+"_"+ch+"_time", "_"+ch+"_time")
	if err != nil {
		return nil, err
	}
	if v == nil {
		var have []string
		for _, c := range cwruChannels {
			if w, _ := f.Lookup(prefix+"_"+c+"_time", "_"+c+"_time"); w != nil {
				have = append(have, c)
			}
		}
		return nil, fmt.Errorf("no %s channel (*_%s_time) in the file; it has %s", ch, ch, strings.Join(have, ", "))
	}
	rec := &recording{Format: "cwru", Channel: ch}
	if rec.Signal, err = v.Vector(); err != nil {
		return nil, err
	}
	if known {
		rec.Rate, rec.RateSource = info.SampleRate, "catalogue"
		rec.RPM, rec.RPMSource = info.NominalRPM, "catalogue"
	}
	rpm, err := f.Lookup(prefix+"RPM", "RPM")
	if err != nil {
		return nil, err
	}
	if rpm != nil {
		if rec.RPM, err = rpm.Positive(); err != nil {
			return nil, err
		}
		rec.RPMSource = "file"
	}
	// The accelerometer sits on its end's bearing; the base one sees the
	// faulted bearing of the record, when the catalogue says which.
	end := ch
	if ch == "BA" && known {
		end = info.End
	}
	switch end {
	case "DE":
		rec.Bearing = mustBearing("6205-2RS")
	case "FE":
		rec.Bearing = mustBearing("6203-2RS")
	}
	if known && (info.Fault == fault.Healthy || info.End == end) {
		rec.Label = info.Fault.String()
	}
	return rec, nil
}

// mfpt reads an MFPT record's struct bearing: signal gs, sample rate sr
// and shaft rate rate (Hz).
func mfpt(b *matfile.Var, name string, o *options) (*recording, error) {
	switch strings.ToLower(o.channel) {
	case "", "1", "gs":
	default:
		return nil, fmt.Errorf("-channel %q: an MFPT file has one channel, gs (1)", o.channel)
	}
	field := func(f string) (*matfile.Var, error) {
		v, ok := b.Field(f)
		if !ok {
			return nil, fmt.Errorf("struct bearing has no field %q (fields %s)", f, strings.Join(b.FieldNames, ", "))
		}
		v.Name = "bearing." + f
		return v, nil
	}
	rec := &recording{Format: "mfpt", Channel: "gs", RateSource: "file", RPMSource: "file", Bearing: mustBearing("MFPT")}
	gs, err := field("gs")
	if err != nil {
		return nil, err
	}
	if rec.Signal, err = gs.Vector(); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		field string
		dst   *float64
	}{{"sr", &rec.Rate}, {"rate", &rec.RPM}} {
		v, err := field(p.field)
		if err != nil {
			return nil, err
		}
		if *p.dst, err = v.Positive(); err != nil {
			return nil, err
		}
	}
	rec.RPM *= 60
	switch lower := strings.ToLower(name); {
	case strings.Contains(lower, "baseline"):
		rec.Label = fault.Healthy.String()
	case strings.Contains(lower, "outerrace"):
		rec.Label = fault.OuterRace.String()
	case strings.Contains(lower, "innerrace"):
		rec.Label = fault.InnerRace.String()
	}
	return rec, nil
}
