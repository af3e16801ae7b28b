package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spindle-pdm/spindle/features"
)

// recording is one channel of a file, ready to diagnose, with where each
// parameter came from.
type recording struct {
	Format     string    // cwru, mfpt, ims, femto, xjtu, csv, wav
	Channel    string    // the channel read, as -channel would name it
	Signal     []float64 // acceleration, the file's unit
	Rate       float64   // Hz; 0 when the file does not say
	RateSource string    // file, catalogue, format, time column or flag
	RPM        float64   // shaft speed in rev/min; 0 when unknown
	RPMSource  string    // file, catalogue, folder, format or flag
	Bearing    *features.Bearing
	// Label is the data set's own fault label for the bearing under this
	// channel, as a verdict name, where the file carries one (CWRU
	// catalogue, MFPT file name). It is reported, never used to diagnose.
	Label string
}

// load reads path, detects its format and returns the selected channel
// with the options' overrides applied; it fails when the rate, shaft
// speed or bearing is still unknown.
func load(path string, o *options) (*recording, error) {
	kind, err := detect(path)
	if err != nil {
		return nil, err
	}
	fsys, name := os.DirFS(filepath.Dir(path)), filepath.Base(path)
	var rec *recording
	switch kind {
	case kindMAT:
		rec, err = loadMAT(fsys, name, o)
	case kindWAV:
		rec, err = loadWAV(fsys, name, o)
	case kindIMS:
		rec, err = loadIMS(fsys, name, o)
	case kindFEMTO:
		rec, err = loadFEMTO(fsys, name, path, o)
	case kindXJTU:
		rec, err = loadXJTU(fsys, name, path, o)
	default:
		rec, err = loadCSV(fsys, name, o)
	}
	if err != nil {
		return nil, err
	}
	return rec, rec.override(o)
}

// override applies -fs, -rpm and -bearing and checks that nothing needed
// is missing.
func (r *recording) override(o *options) error {
	if o.rate > 0 {
		r.Rate, r.RateSource = o.rate, "flag"
	}
	if o.rpm > 0 {
		r.RPM, r.RPMSource = o.rpm, "flag"
	}
	if o.bearing != nil {
		r.Bearing = o.bearing
	}
	switch {
	case r.Rate == 0:
		return fmt.Errorf("%s file records no sample rate: give -fs", r.Format)
	case r.RPM == 0:
		return fmt.Errorf("%s file records no shaft speed: give -rpm", r.Format)
	case r.Bearing == nil:
		return fmt.Errorf("no default bearing for a %s file (channel %s): give -bearing or the geometry flags", r.Format, r.Channel)
	}
	return nil
}
