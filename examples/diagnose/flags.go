package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/spindle-pdm/spindle/features/order"
)

// options are the command-line settings shared by every file.
type options struct {
	channel string              // -channel: "" for each format's natural channel
	rate    float64             // -fs in Hz; 0 to take the file's
	rpm     float64             // -rpm in rev/min; 0 to take the file's
	rpmTol  float64             // -rpm-tolerance: the speed is read from the signal within this fraction; 0 to use it as given
	bearing *features.Bearing   // -bearing, -orders or the geometry flags; nil for the file's
	table   bool                // -format table
	tacho   string              // -tacho: channel of a tachometer; "" for none
	ppr     int                 // -ppr: tachometer pulses per revolution
	speed   *order.SpeedProfile // -speed: the file's speed profile, Hz; nil for none
	vibRPM  [2]float64          // -speed-range: bounds of the speed read from the vibration, rpm; zero for none
	ref     string              // -reference: a healthy recording of the same machine; "" for none
	supply  float64             // -supply-hz: the motor's supply frequency, Hz; 0 for none
	files   []string
}

// errUsage marks a command-line error (exit status 2); the problem has
// been written to stderr.
var errUsage = errors.New("usage")

const usageText = `usage: diagnose [flags] FILE|DIR...

Diagnoses bearing faults in vibration recordings: CWRU or MFPT .mat, IMS
snapshot, FEMTO acc_NNNNN.csv, XJTU-SY N.csv, a CSV column or a WAV file
(the format is detected from the content by datasets.Open). Prints one
JSON object per file (-format json) or a table (-format table). Defaults
per format (flags override them):

  format   channel (0-based)  rate Hz       rpm                       bearing
  CWRU     DE                 catalogue     file's RPM, else table    DE 6205-2RS, FE 6203-2RS
  MFPT     gs (0)             file's sr     file's shaft rate         the file's defect orders, else MFPT
  IMS      0                  20000         2000                      ZA-2115
  FEMTO    horizontal (0)     25600         Bearing1_*: 1800,         PRONOSTIA
                                            2_*: 1650, 3_*: 1500
  XJTU-SY  horizontal (0)     25600         35Hz12kN folder: 2100     UER204
  CSV      0 (first numeric)  time column   required                  required
  WAV      0                  file's        required                  required

A machine whose speed changes is diagnosed by order tracking (the signal
resampled to shaft angle) when given its speed profile: -tacho, a
tachometer channel of the same file (with -ppr), -speed, a CSV of time
in s and rpm, or -speed-range, the bounds within which to read the speed
from the vibration itself. The output then says order_tracked (JSON) or "tracked" in
the speed column (table), and the frequencies in Hz are at the mean speed.

Flags (every problem with them is reported at once):
`

const examplesText = `
Examples:
  diagnose data/cwru/12k_drive_end/130.mat
  diagnose -format table data/cwru/12k_drive_end
  diagnose -channel FE data/cwru/12k_drive_end/130.mat
  diagnose -channel 2 data/ims/1st_test/2003.10.22.12.06.24
  diagnose -fs 10000 -rpm 1750 -bearing 6205-2RS -channel accel_x probe.csv
  diagnose -rpm 1750 -orders 3.5848,5.4152,2.357,0.39828 probe.wav
  diagnose -rpm 1750 -bearing 6205-2RS -reference baseline.wav probe.wav
  diagnose -tacho 1 -ppr 1 -bearing 6205-2RS runup.csv
  diagnose -speed runup_rpm.csv -bearing 6205-2RS runup.wav
  diagnose -rpm 1750 -elements 9 -element-diameter 0.3126 -pitch-diameter 1.537 probe.wav
`

// textFlag is a flag whose value is checked after parsing, so that every
// bad value is reported together.
type textFlag struct{ s *string }

func (f textFlag) String() string {
	if f.s == nil {
		return ""
	}
	return *f.s
}
func (f textFlag) Set(s string) error { *f.s = s; return nil }

// parseArgs parses the command line. It returns errUsage after writing
// every problem to stderr in one message, flag.ErrHelp for -h.
func parseArgs(args []string, stderr io.Writer) (*options, error) {
	fl := flag.NewFlagSet("diagnose", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(stderr, usageText)
		fl.PrintDefaults()
		fmt.Fprint(stderr, examplesText)
	}
	o := &options{}
	var supply string
	var fs, rpm, rpmTol, bearing, orders, elements, elemDiam, pitchDiam, angle, ppr, speed, speedRange string
	format := "json"
	text := func(p *string, name, usage string) { fl.Var(textFlag{p}, name, usage) }
	fl.StringVar(&o.channel, "channel", "", "channel, by name or 0-based index: DE, FE or BA (CWRU); 0.. (IMS, WAV); a header name or 0.. among the numeric columns (CSV); horizontal (0) or vertical (1) (FEMTO, XJTU-SY); e.g. -channel FE\n(default: DE for CWRU, else 0)")
	text(&fs, "fs", "sample rate in `Hz`, overriding the file's; e.g. -fs 12000\n(default: the file's, see the table above)")
	text(&rpm, "rpm", "shaft speed in `rev/min`, overriding the file's; e.g. -rpm 1797\n(default: the file's, see the table above)")
	text(&rpmTol, "rpm-tolerance", "the speed (-rpm or the file's) is known only to this `fraction`, e.g. a nameplate speed: read the shaft speed from the vibration's shaft harmonics within it (bearing.DiagnoserConfig.SpeedTolerance, at most 0.2); e.g. -rpm 1800 -rpm-tolerance 0.05\n(default 0: the speed as given)")
	text(&bearing, "bearing", "catalogued bearing `designation`: "+strings.Join(bearingNames(), ", ")+"; e.g. -bearing 6205-2RS\n(default: the data set's, see the table above)")
	text(&orders, "orders", "defect frequencies as multiples of shaft speed, `BPFO,BPFI,BSF,FTF`, instead of -bearing; e.g. -orders 3.5848,5.4152,2.357,0.39828\n(default: the file's own orders where it carries them, else the bearing's)")
	text(&elements, "elements", "explicit geometry instead of -bearing: `number` of rolling elements per row; e.g. -elements 9 (default: none)")
	text(&elemDiam, "element-diameter", "explicit geometry: ball or roller `diameter`, any unit, the same as -pitch-diameter; e.g. -element-diameter 0.3126 (default: none)")
	text(&pitchDiam, "pitch-diameter", "explicit geometry: pitch `diameter`; e.g. -pitch-diameter 1.537 (default: none)")
	text(&angle, "contact-angle", "explicit geometry: contact angle in `degrees`; e.g. -contact-angle 15 (default 0)")
	fl.StringVar(&o.tacho, "tacho", "", "tachometer `channel` of the file, by name or 0-based index, for order tracking instead of -rpm; e.g. -tacho 1\n(default: none, one speed)")
	text(&ppr, "ppr", "tachometer `pulses` per revolution, with -tacho; e.g. -ppr 60 (default 1)")
	text(&speed, "speed", "speed profile `file` for order tracking instead of -rpm: CSV of time in s and rpm, one point a line, an optional header; e.g. -speed runup_rpm.csv\n(default: none, one speed)")
	text(&speedRange, "speed-range", "order tracking without a tachometer: the shaft speed is read from the vibration's shaft line (order.SpeedFromVibration) between `MIN-MAX` rpm, instead of -rpm; e.g. -speed-range 500-2000\n(default: none, one speed)")
	fl.StringVar(&o.ref, "reference", "", "a healthy recording `file` of the same machine, sensor and rate (read as the files are, the same -channel and -fs): a healthy verdict then also needs every band's level within its spread (bearing.HealthyReference, 1 s segments, a third of the file when it is shorter than 3 s); e.g. -reference baseline.wav\n(default: none)")
	text(&supply, "supply-hz", "the electrical supply `frequency` of the machine's motor, Hz (50 or 60): lines on its harmonics and their shaft sidebands are explained as electrical and count for no fault (bearing.DiagnoserConfig.SupplyHz); e.g. -supply-hz 60\n(default: none)")
	fl.StringVar(&format, "format", format, "output: json (one object per line) or table; e.g. -format table")
	if len(args) == 0 {
		fl.Usage()
		return nil, errUsage
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, flag.ErrHelp
		}
		return nil, errUsage
	}
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var problems []string
	bad := func(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }
	positive := func(name, s string) float64 {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) {
			bad("-%s %s: need a finite value > 0", name, s)
			return 0
		}
		return v
	}
	if set["fs"] {
		o.rate = positive("fs", fs)
	}
	if set["rpm"] {
		o.rpm = positive("rpm", rpm)
	}
	if set["rpm-tolerance"] {
		v, err := strconv.ParseFloat(strings.TrimSpace(rpmTol), 64)
		if err != nil || !(v >= 0 && v <= 0.2) {
			bad("-rpm-tolerance %s: need a fraction in [0, 0.2]", rpmTol)
		}
		o.rpmTol = v
	}
	o.ppr = 1
	if set["ppr"] {
		n, err := strconv.Atoi(strings.TrimSpace(ppr))
		if err != nil || n < 1 {
			bad("-ppr %s: need a whole number ≥ 1", ppr)
		}
		o.ppr = n
		if !set["tacho"] {
			bad("-ppr needs -tacho")
		}
	}
	if set["tacho"] && strings.TrimSpace(o.tacho) == "" {
		bad("-tacho: need a channel name or 0-based index")
	}
	if set["speed"] {
		if p, err := readSpeedFile(speed); err != nil {
			bad("-speed %s: %v", speed, err)
		} else {
			o.speed = &p
		}
	}
	if set["speed-range"] {
		lo, hi, ok := strings.Cut(speedRange, "-")
		a, errA := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		b, errB := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if !ok || errA != nil || errB != nil || !(a > 0 && a < b) || math.IsInf(b, 0) {
			bad("-speed-range %s: need MIN-MAX rpm, 0 < MIN < MAX", speedRange)
		} else {
			o.vibRPM = [2]float64{a, b}
		}
	}
	if set["supply-hz"] {
		o.supply = positive("supply-hz", supply)
		if o.supply > 1000 {
			bad("-supply-hz %s: need a frequency of at most 1000 Hz", supply)
		}
	}
	if set["reference"] && strings.TrimSpace(o.ref) == "" {
		bad("-reference: need a file")
	}
	for _, c := range []string{"rpm-tolerance", "reference", "supply-hz"} {
		for _, f := range []string{"tacho", "speed", "speed-range"} {
			if set[c] && set[f] {
				bad("-%s is for one constant speed, not with -%s", c, f)
			}
		}
	}
	var speeds []string
	for _, f := range []string{"rpm", "tacho", "speed", "speed-range"} {
		if set[f] {
			speeds = append(speeds, "-"+f)
		}
	}
	if len(speeds) > 1 {
		bad("give one of -rpm, -tacho, -speed or -speed-range, not %s", strings.Join(speeds, " and "))
	}
	switch format {
	case "json":
	case "table":
		o.table = true
	default:
		bad("-format %q: want json or table", format)
	}
	geometry := set["elements"] || set["element-diameter"] || set["pitch-diameter"] || set["contact-angle"]
	var given []string
	for _, f := range []string{"bearing", "orders"} {
		if set[f] {
			given = append(given, "-"+f)
		}
	}
	if geometry {
		given = append(given, "the geometry flags")
	}
	// Each way of giving the bearing is checked, so that every bad value
	// is reported, then that only one was used.
	var chosen []*features.Bearing
	if geometry {
		chosen = append(chosen, parseGeometry(set, elements, elemDiam, pitchDiam, angle, bad, positive))
	}
	if set["bearing"] {
		if b, err := lookupBearing(bearing); err != nil {
			bad("%v", err)
		} else {
			chosen = append(chosen, &b)
		}
	}
	if set["orders"] {
		if b, err := parseOrders(orders); err != nil {
			bad("-orders %s: %v", orders, err)
		} else {
			chosen = append(chosen, &b)
		}
	}
	switch {
	case len(given) > 1:
		bad("give one of -bearing, -orders or the geometry flags (-elements, -element-diameter, -pitch-diameter, -contact-angle), not %s", strings.Join(given, " and "))
	case len(chosen) == 1:
		o.bearing = chosen[0]
	}
	o.files = fl.Args()
	if len(o.files) == 0 {
		bad("no FILE or DIR given")
	}
	if problems != nil {
		fmt.Fprintf(stderr, "diagnose: %d problem(s) with the command line (see diagnose -h):\n  %s\n", len(problems), strings.Join(problems, "\n  "))
		return nil, errUsage
	}
	return o, nil
}

// parseGeometry checks the geometry flags, reporting each problem with
// bad; it returns nil when any is missing or invalid.
func parseGeometry(set map[string]bool, elements, elemDiam, pitchDiam, angle string, bad func(string, ...any), positive func(string, string) float64) *features.Bearing {
	var missing []string
	for _, f := range []string{"elements", "element-diameter", "pitch-diameter"} {
		if !set[f] {
			missing = append(missing, "-"+f)
		}
	}
	if missing != nil {
		bad("explicit geometry needs -elements, -element-diameter and -pitch-diameter (-contact-angle defaults to 0); missing %s", strings.Join(missing, ", "))
		return nil
	}
	g := features.Bearing{Name: "custom"}
	n, err := strconv.Atoi(strings.TrimSpace(elements))
	ok := err == nil && n >= 1
	if !ok {
		bad("-elements %s: need a whole number ≥ 1", elements)
	}
	g.Elements = n
	g.ElementDiameter = positive("element-diameter", elemDiam)
	g.PitchDiameter = positive("pitch-diameter", pitchDiam)
	if set["contact-angle"] {
		a, err := strconv.ParseFloat(strings.TrimSpace(angle), 64)
		if err != nil || !(a >= 0 && a < 90) {
			bad("-contact-angle %s: need degrees, 0 ≤ angle < 90", angle)
			ok = false
		}
		g.ContactAngle = a
	}
	if !ok || g.ElementDiameter == 0 || g.PitchDiameter == 0 {
		return nil
	}
	if err := g.Validate(); err != nil {
		bad("%v", err)
		return nil
	}
	return &g
}

// parseOrders parses -orders BPFO,BPFI,BSF,FTF into a bearing with those
// orders.
func parseOrders(s string) (features.Bearing, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return features.Bearing{}, fmt.Errorf("want four comma-separated multiples of shaft speed, BPFO,BPFI,BSF,FTF; got %d", len(f))
	}
	var v [4]float64
	for i, x := range f {
		var err error
		if v[i], err = strconv.ParseFloat(strings.TrimSpace(x), 64); err != nil {
			return features.Bearing{}, fmt.Errorf("%q is not a number", x)
		}
	}
	return bearingFromOrders(datasets.DefectOrders{BPFO: v[0], BPFI: v[1], BSF: v[2], FTF: v[3]}, "orders")
}

// tracked reports whether the options ask for order tracking (-tacho,
// -speed or -speed-range).
func (o *options) tracked() bool { return o.tacho != "" || o.speed != nil || o.vibRPM[1] > 0 }
