package main

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/spindle-pdm/spindle/datasets"
)

// imsRPM is the shaft speed of the IMS rig (rev/min).
const imsRPM = 2000

// femtoRPM is the shaft speed of FEMTO-ST PRONOSTIA's operating
// conditions 1, 2 and 3 (rev/min).
var femtoRPM = map[int]float64{1: 1800, 2: 1650, 3: 1500}

var (
	// femtoFolder matches a PRONOSTIA bearing folder, Bearing<condition>_<n>.
	femtoFolder = regexp.MustCompile(`^Bearing([0-9]+)_[0-9]+$`)
	// xjtuFolder matches an XJTU-SY condition folder such as 35Hz12kN or
	// 37.5Hz11kN: shaft rate in Hz, then radial load.
	xjtuFolder = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)Hz[0-9.]+kN$`)
)

// loadIMS reads an IMS snapshot; channels are numbered from 1.
func loadIMS(fsys fs.FS, name string, o *options) (*recording, error) {
	s, err := datasets.LoadIMSSnapshot(fsys, name)
	if err != nil {
		return nil, err
	}
	rec := &recording{Format: "ims", RateSource: "format", RPM: imsRPM, RPMSource: "format", Bearing: mustBearing("ZA-2115")}
	return rec, rec.numberedChannel(s, o.channel)
}

// loadFEMTO reads a FEMTO-ST acc file. The shaft speed comes from the
// operating condition in a Bearing<condition>_<n> folder above the file.
func loadFEMTO(fsys fs.FS, name, path string, o *options) (*recording, error) {
	s, err := datasets.LoadFEMTOAcc(fsys, name)
	if err != nil {
		return nil, err
	}
	rec := &recording{Format: "femto", RateSource: "format", Bearing: mustBearing("PRONOSTIA")}
	if m := folderMatch(path, femtoFolder); m != nil {
		c, _ := strconv.Atoi(m[1])
		if rpm, ok := femtoRPM[c]; ok {
			rec.RPM, rec.RPMSource = rpm, "folder"
		}
	}
	return rec, rec.namedChannel(s, o.channel)
}

// loadXJTU reads an XJTU-SY file. The shaft speed comes from a condition
// folder such as 35Hz12kN above the file.
func loadXJTU(fsys fs.FS, name, path string, o *options) (*recording, error) {
	s, err := datasets.LoadXJTUSnapshot(fsys, name)
	if err != nil {
		return nil, err
	}
	rec := &recording{Format: "xjtu", RateSource: "format", Bearing: mustBearing("UER204")}
	if m := folderMatch(path, xjtuFolder); m != nil {
		if hz, err := strconv.ParseFloat(m[1], 64); err == nil && hz > 0 {
			rec.RPM, rec.RPMSource = 60*hz, "folder"
		}
	}
	return rec, rec.namedChannel(s, o.channel)
}

// numberedChannel selects channel (1-based; "" for 1) of s into r.
func (r *recording) numberedChannel(s *datasets.Snapshot, channel string) error {
	c, err := channelNumber(channel, len(s.Channels))
	if err != nil {
		return err
	}
	r.Channel, r.Signal, r.Rate = strconv.Itoa(c), s.Channels[c-1], s.SampleRate
	return nil
}

// channelNumber parses a 1-based channel number of n channels; ""
// selects channel 1.
func channelNumber(channel string, n int) (int, error) {
	if channel == "" {
		return 1, nil
	}
	c, err := strconv.Atoi(channel)
	if err != nil || c < 1 || c > n {
		return 0, fmt.Errorf("-channel %q: want a channel number from 1 to %d", channel, n)
	}
	return c, nil
}

// namedChannel selects horizontal (1, the default) or vertical (2) of a
// two-channel FEMTO or XJTU-SY snapshot into r.
func (r *recording) namedChannel(s *datasets.Snapshot, channel string) error {
	switch strings.ToLower(channel) {
	case "", "horizontal", "h", "1":
		r.Channel, r.Signal = "horizontal", s.Channels[0]
	case "vertical", "v", "2":
		r.Channel, r.Signal = "vertical", s.Channels[1]
	default:
		return fmt.Errorf("-channel %q: want horizontal or vertical", channel)
	}
	r.Rate = s.SampleRate
	return nil
}

// folderMatch returns re's submatches for the nearest folder above path
// that it matches, or nil.
func folderMatch(path string, re *regexp.Regexp) []string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if m := re.FindStringSubmatch(filepath.Base(dir)); m != nil {
			return m
		}
		if parent := filepath.Dir(dir); parent == dir {
			return nil
		}
	}
}
