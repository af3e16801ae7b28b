package datasets

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/features/fault"
)

// imsShaftHz is the shaft speed of the IMS rig (2000 rev/min).
const imsShaftHz = 2000.0 / 60

// imsRows is the number of rows of an IMS snapshot (one second at IMSRate).
const imsRows = 20480

// femtoShaftHz is the shaft speed of FEMTO-ST PRONOSTIA's operating
// conditions 1, 2 and 3 (1800, 1650 and 1500 rev/min).
var femtoShaftHz = map[int]float64{1: 1800.0 / 60, 2: 1650.0 / 60, 3: 1500.0 / 60}

var (
	// femtoFolder matches a PRONOSTIA bearing folder, Bearing<condition>_<n>.
	femtoFolder = regexp.MustCompile(`^Bearing([0-9]+)_[0-9]+$`)
	// xjtuFolder matches an XJTU-SY condition folder such as 35Hz12kN or
	// 37.5Hz11kN: shaft rate in Hz, then radial load.
	xjtuFolder = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)Hz[0-9.]+kN$`)
)

// xjtuHeader is the first line of every XJTU-SY file.
const xjtuHeader = "Horizontal_vibration_signals,Vertical_vibration_signals"

// isXJTU reports whether head starts with the XJTU-SY header.
func isXJTU(head []byte) bool {
	return bytes.HasPrefix(bytes.TrimPrefix(head, []byte("\ufeff")), []byte(xjtuHeader))
}

// femtoShape reports whether head's first line has n comma- or
// semicolon-separated numeric fields, the first three an hour, minute and
// second of the day, as FEMTO files' rows do.
func femtoShape(head []byte, n int) bool {
	line := string(firstLine(head))
	sep := ","
	if strings.Contains(line, ";") {
		sep = ";"
	}
	f := strings.Split(line, sep)
	if len(f) != n {
		return false
	}
	for i, s := range f {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return false
		}
		if i < 3 && (v != float64(int(v)) || v < 0 || v >= [3]float64{24, 60, 61}[i]) {
			return false
		}
	}
	return true
}

func isFEMTOAcc(head []byte) bool  { return femtoShape(head, femtoAcc.fields) }
func isFEMTOTemp(head []byte) bool { return femtoShape(head, femtoTemp.fields) }

// isIMS reports whether head's first line holds 4 or 8 tab-separated
// numbers, as IMS snapshots' rows do (decodeIMSRecording checks the rest).
func isIMS(head []byte) bool {
	f := strings.Split(string(firstLine(head)), "\t")
	if len(f) != 4 && len(f) != 8 {
		return false
	}
	for _, s := range f {
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return false
		}
	}
	return true
}

// decodeXJTURecording reads an XJTU-SY file; the shaft speed comes from a
// condition folder such as 35Hz12kN above it.
func decodeXJTURecording(data []byte, name string, _ OpenOptions) (*Recording, error) {
	var s Snapshot
	var d XJTUDecoder
	if err := d.Decode(&s, name, data); err != nil {
		return nil, err
	}
	rec := snapshotRecording(&s, "xjtu", "UER204", []string{"horizontal", "vertical"}, "g")
	if m := folderMatch(name, xjtuFolder); m != nil {
		if hz, err := strconv.ParseFloat(m[1], 64); err == nil && hz > 0 {
			rec.ShaftHz, rec.ShaftHzFrom = hz, FromFolder
		}
	}
	return rec, nil
}

// decodeFEMTOAccRecording reads a FEMTO-ST acc file; the shaft speed comes
// from the operating condition of a Bearing<condition>_<n> folder above it.
func decodeFEMTOAccRecording(data []byte, name string, _ OpenOptions) (*Recording, error) {
	var s Snapshot
	var d FEMTODecoder
	if err := d.DecodeAcc(&s, name, data); err != nil {
		return nil, err
	}
	rec := snapshotRecording(&s, "femto", "PRONOSTIA", []string{"horizontal", "vertical"}, "g")
	femtoCondition(rec, name)
	return rec, nil
}

// decodeFEMTOTempRecording reads a FEMTO-ST temp file: one channel of
// temperature in °C at 10 Hz.
func decodeFEMTOTempRecording(data []byte, name string, _ OpenOptions) (*Recording, error) {
	var s Snapshot
	var d FEMTODecoder
	if err := d.DecodeTemp(&s, name, data); err != nil {
		return nil, err
	}
	rec := snapshotRecording(&s, "femto-temp", "PRONOSTIA", []string{"temperature"}, "°C")
	femtoCondition(rec, name)
	return rec, nil
}

// femtoCondition sets rec's shaft speed from a Bearing<c>_<n> folder.
func femtoCondition(rec *Recording, name string) {
	if m := folderMatch(name, femtoFolder); m != nil {
		c, _ := strconv.Atoi(m[1])
		if hz, ok := femtoShaftHz[c]; ok {
			rec.ShaftHz, rec.ShaftHzFrom = hz, FromFolder
		}
	}
}

// decodeIMSRecording reads an IMS snapshot, its channels named "0", "1",
// ... It must have the data set's 20 480 rows or a timestamp name
// (2003.10.22.12.06.24); other tab-separated tables are read as generic
// text.
func decodeIMSRecording(data []byte, name string, opt OpenOptions) (*Recording, error) {
	var s Snapshot
	var d IMSDecoder
	err := d.Decode(&s, name, data)
	if _, terr := ParseIMSTime(path.Base(name)); terr != nil && (err != nil || s.Len() != imsRows) {
		return decodeCSVRecording(data, name, opt)
	}
	if err != nil {
		return nil, err
	}
	names := make([]string, len(s.Channels))
	for i := range names {
		names[i] = strconv.Itoa(i)
	}
	rec := snapshotRecording(&s, "ims", "ZA-2115", names, "g")
	rec.ShaftHz, rec.ShaftHzFrom = imsShaftHz, FromFormat
	return rec, nil
}

// snapshotRecording turns a decoded snapshot into a recording whose
// channels have the given names, unit and bearing.
func snapshotRecording(s *Snapshot, format, bearing string, names []string, unit string) *Recording {
	rec := &Recording{Format: format, SampleRate: s.SampleRate, SampleRateFrom: FromFormat, Fault: fault.Unknown}
	for i, x := range s.Channels {
		rec.Channels = append(rec.Channels, Channel{Name: names[i], Samples: x, Unit: unit, Bearing: bearing, Fault: fault.Unknown})
	}
	return rec
}

// folderMatch returns re's submatches for the nearest folder above the
// slash- or backslash-separated path name that re matches, or nil.
func folderMatch(name string, re *regexp.Regexp) []string {
	parts := strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == '\\' })
	for i := len(parts) - 2; i >= 0; i-- {
		if m := re.FindStringSubmatch(parts[i]); m != nil {
			return m
		}
	}
	return nil
}

// decodeWAVRecording reads a WAV file, its channels named "0", "1", ...;
// integer PCM is scaled to [-1, 1) (unit "FS"), floats kept as stored.
func decodeWAVRecording(data []byte, name string, opt OpenOptions) (*Recording, error) {
	d := WAVDecoder{MaxDataBytes: opt.maxBytes()}
	chans, info, err := d.Decode(bytes.NewReader(data), name)
	if err != nil {
		return nil, err
	}
	unit := "FS"
	if info.Float {
		unit = ""
	}
	rec := &Recording{Format: "wav", SampleRate: info.SampleRate, SampleRateFrom: FromFile, Fault: fault.Unknown}
	for i, x := range chans {
		rec.Channels = append(rec.Channels, Channel{Name: strconv.Itoa(i), Samples: x, Unit: unit, Fault: fault.Unknown})
	}
	if len(rec.Channels) == 0 || rec.Len() == 0 {
		return nil, fmt.Errorf("%w: WAV file holds no samples", ErrCorrupt)
	}
	return rec, nil
}

// isWAV reports whether head starts a RIFF WAVE file.
func isWAV(head []byte) bool {
	return len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WAVE"
}
