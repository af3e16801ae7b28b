package main

import (
	"io/fs"
	"strconv"

	"github.com/spindle-pdm/spindle/datasets"
)

// loadWAV reads one channel (1-based, default 1) of a WAV file. Integer
// PCM is scaled to [-1, 1); the diagnosis does not depend on the scale.
func loadWAV(fsys fs.FS, name string, o *options) (*recording, error) {
	chans, info, err := datasets.LoadWAV(fsys, name)
	if err != nil {
		return nil, err
	}
	c, err := channelNumber(o.channel, len(chans))
	if err != nil {
		return nil, err
	}
	return &recording{Format: "wav", Channel: strconv.Itoa(c), Signal: chans[c-1], Rate: info.SampleRate, RateSource: "file"}, nil
}
