package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/fault"
)

// recording is one channel of a file, ready to diagnose, with where each
// parameter came from.
type recording struct {
	Format     string    // datasets.Recording.Format: cwru, mfpt, ims, femto, xjtu, csv, wav
	Channel    string    // the channel read, by its name (IMS, WAV: its 0-based index)
	Signal     []float64 // acceleration, the file's unit
	Rate       float64   // Hz; 0 when the file does not say
	RateSource string    // file, catalogue, format, time column or flag
	RPM        float64   // shaft speed in rev/min; 0 when unknown
	RPMSource  string    // file, catalogue, folder, format or flag
	Bearing    *features.Bearing
	// Tacho is the -tacho channel's samples and TachoChannel its name; nil
	// and "" without -tacho.
	Tacho        []float64
	TachoChannel string
	// Label is the data set's own fault label for the bearing under this
	// channel, as a verdict name, where the file carries one (CWRU
	// catalogue, MFPT file name). It is reported, never used to diagnose.
	Label string
}

// The command's read budget, far tighter than datasets.Open's defaults so
// that no input, compressed MAT-file bombs included, takes it past 512 MB:
// at most openMaxBytes read plus openMaxBytes inflated, and at most
// openMaxSamples samples in all channels decoded (as float64) and
// analysed. The envelope analysis costs about 260 bytes per sample
// (measured peak RSS: 551 MB for 2 Mi samples), hence 1 Mi. Real
// recordings are smaller: an MFPT file holds 0.59 M samples, a CWRU
// record two or three channels of at most 0.5 M, an IMS snapshot 0.16 M.
const (
	openMaxBytes   = 16 << 20 // 16 MiB
	openMaxSamples = 1 << 20  // 1 Mi samples: 41 s at 25.6 kHz
)

// openOptions is the budget load passes to datasets.OpenFile.
var openOptions = datasets.OpenOptions{MaxBytes: openMaxBytes, MaxSamples: openMaxSamples}

// load reads path with datasets.OpenFile, selects the channel and applies
// the options' overrides; it fails when the rate, shaft speed or bearing
// is still unknown, naming every one that is.
func load(path string, o *options) (*recording, error) {
	r, err := datasets.OpenFile(path, openOptions)
	if err != nil {
		return nil, err
	}
	if r.Format == "femto-temp" {
		return nil, fmt.Errorf("a FEMTO temperature file, not a vibration recording")
	}
	sel := o.channel
	if sel == "" {
		sel = "0"
		if r.Format == "cwru" {
			sel = "DE" // the faulted drive end of most records, whatever else the file holds
		}
	}
	i, err := r.Channel(sel)
	if err != nil {
		return nil, fmt.Errorf("-channel: %w", err)
	}
	ch := r.Channels[i]
	rec := &recording{
		Format: r.Format, Channel: ch.Name, Signal: ch.Samples,
		Rate: r.SampleRate, RateSource: r.SampleRateFrom,
		RPM: r.RPM(), RPMSource: r.ShaftHzFrom,
	}
	// ShaftHz×60 of a whole rev/min (2000/60×60) may miss it by an ulp.
	if w := math.Round(rec.RPM); math.Abs(rec.RPM-w) <= 1e-12*w {
		rec.RPM = w
	}
	if o.tacho != "" {
		j, err := r.Channel(o.tacho)
		if err != nil {
			return nil, fmt.Errorf("-tacho: %w", err)
		}
		if j == i {
			return nil, fmt.Errorf("-tacho %s is the vibration channel %s: give the tachometer's channel", o.tacho, ch.Name)
		}
		rec.Tacho, rec.TachoChannel = r.Channels[j].Samples, r.Channels[j].Name
	}
	if ch.Fault != fault.Unknown {
		rec.Label = ch.Fault.String()
	}
	switch {
	case r.Orders != nil:
		b, err := bearingFromOrders(*r.Orders, "file orders")
		if err != nil {
			return nil, fmt.Errorf("the file's defect orders: %w", err)
		}
		rec.Bearing = &b
	case ch.Bearing != "":
		b, ok := features.LookupBearing(ch.Bearing)
		if !ok {
			return nil, fmt.Errorf("the data set's bearing %q is not in the catalogue: give -bearing", ch.Bearing)
		}
		rec.Bearing = &b
	}
	return rec, rec.override(o)
}

// override applies -fs, -rpm and -bearing (or -orders, or the geometry)
// and checks that nothing needed is missing.
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
	var missing []string
	if r.Rate == 0 {
		what := "no sample rate: give -fs"
		if r.Format == "csv" {
			what = "no sample rate (the file has no time column, a header named time, t or seconds): give -fs"
		}
		missing = append(missing, what)
	}
	if r.RPM == 0 && !o.tracked() {
		missing = append(missing, "no shaft speed: give -rpm, -tacho, -speed or -speed-range")
	}
	if r.Bearing == nil {
		missing = append(missing, "no bearing: give -bearing, -orders or the geometry flags")
	}
	if missing != nil {
		return fmt.Errorf("%s file, channel %s: %s", r.Format, r.Channel, strings.Join(missing, "; "))
	}
	return nil
}
