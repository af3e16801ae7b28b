package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spindle-pdm/spindle/features"
)

// options are the command-line settings shared by every file.
type options struct {
	channel string            // -channel: "" for each format's natural channel
	rate    float64           // -fs in Hz; 0 to take the file's
	rpm     float64           // -rpm in rev/min; 0 to take the file's
	bearing *features.Bearing // -bearing or the geometry flags; nil for each format's default
	table   bool              // -format table
	files   []string
}

// errUsage marks a command-line error (exit status 2); the flag package
// has already printed the usage or the message has yet to be.
var errUsage = errors.New("usage")

const usageText = `usage: diagnose [flags] FILE|DIR...

Diagnoses bearing faults in vibration recordings: CWRU or MFPT .mat, IMS
snapshot (2003.10.22.12.06.24), FEMTO acc_NNNNN.csv, XJTU-SY N.csv, a CSV
column or a WAV file. Prints one JSON object per file (-format json) or a
table (-format table). Defaults per format (flags override them):

  format   channel        rate Hz          rpm                       bearing
  CWRU     DE             catalogue        file's RPM, else table    DE 6205-2RS, FE 6203-2RS
  MFPT     gs             file's sr        file's shaft rate         MFPT
  IMS      1              20000            2000                      ZA-2115
  FEMTO    horizontal     25600            Bearing1_*: 1800,         PRONOSTIA
                                           2_*: 1650, 3_*: 1500
  XJTU-SY  horizontal     25600            35Hz12kN folder: 2100     UER204
  CSV      first numeric  time column      required                  required
  WAV      1              file's           required                  required

Flags:
`

// parseArgs parses the command line. It returns errUsage after writing
// the problem to stderr.
func parseArgs(args []string, stderr io.Writer) (*options, error) {
	fl := flag.NewFlagSet("diagnose", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fl.PrintDefaults()
	}
	o := &options{}
	var (
		bearing, format string
		g               features.Bearing
	)
	fl.StringVar(&o.channel, "channel", "", "channel: DE, FE or BA (CWRU); 1-based number (IMS, WAV); number or column name (CSV); horizontal or vertical (FEMTO, XJTU-SY)")
	fl.Float64Var(&o.rate, "fs", 0, "sample rate in Hz, overriding the file's")
	fl.Float64Var(&o.rpm, "rpm", 0, "shaft speed in rev/min, overriding the file's")
	fl.StringVar(&bearing, "bearing", "", "bearing designation: "+strings.Join(bearingNames(), ", "))
	fl.IntVar(&g.Elements, "elements", 0, "explicit geometry: number of rolling elements per row")
	fl.Float64Var(&g.ElementDiameter, "element-diameter", 0, "explicit geometry: ball or roller diameter (any unit, same as -pitch-diameter)")
	fl.Float64Var(&g.PitchDiameter, "pitch-diameter", 0, "explicit geometry: pitch diameter")
	fl.Float64Var(&g.ContactAngle, "contact-angle", 0, "explicit geometry: contact angle in degrees")
	fl.StringVar(&format, "format", "json", "output: json (one object per line) or table")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, flag.ErrHelp
		}
		return nil, errUsage
	}
	fail := func(format string, a ...any) (*options, error) {
		fmt.Fprintf(stderr, "diagnose: "+format+"\n", a...)
		return nil, errUsage
	}
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, p := range []struct {
		name string
		v    float64
	}{{"fs", o.rate}, {"rpm", o.rpm}} {
		if set[p.name] && (!(p.v > 0) || math.IsInf(p.v, 0)) {
			return fail("-%s %v: need a finite value > 0", p.name, p.v)
		}
	}
	switch format {
	case "json":
	case "table":
		o.table = true
	default:
		return fail("-format %q: want json or table", format)
	}
	geometry := set["elements"] || set["element-diameter"] || set["pitch-diameter"] || set["contact-angle"]
	switch {
	case geometry && bearing != "":
		return fail("give either -bearing or the geometry flags (-elements, -element-diameter, -pitch-diameter, -contact-angle), not both")
	case geometry:
		if !set["elements"] || !set["element-diameter"] || !set["pitch-diameter"] {
			return fail("explicit geometry needs -elements, -element-diameter and -pitch-diameter (-contact-angle defaults to 0)")
		}
		g.Name = "custom"
		if err := g.Validate(); err != nil {
			return fail("%v", err)
		}
		o.bearing = &g
	case bearing != "":
		b, ok := lookupBearing(bearing)
		if !ok {
			return fail("-bearing %q is not catalogued (known: %s); give the geometry with -elements, -element-diameter, -pitch-diameter and -contact-angle",
				bearing, strings.Join(bearingNames(), ", "))
		}
		o.bearing = &b
	}
	o.files = fl.Args()
	if len(o.files) == 0 {
		fl.Usage()
		return nil, errUsage
	}
	return o, nil
}
