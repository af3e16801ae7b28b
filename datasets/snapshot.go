package datasets

import "time"

// Snapshot is one multichannel vibration record of a run-to-failure data set
// (an IMS file, a FEMTO acc or temp file, an XJTU-SY file).
type Snapshot struct {
	// Name is the file's path within the fs.FS it was read from.
	Name string
	// Index is the snapshot's position in its run: the file number for
	// FEMTO and XJTU-SY, the 0-based time order for IMS runs, 0 for a file
	// loaded on its own where the name carries no number.
	Index int
	// Time is when the snapshot was taken, as far as the data set records
	// it; see each loader for what it holds (the zero Time when unknown).
	Time time.Time
	// SampleRate is the sample rate in Hz.
	SampleRate float64
	// Channels holds the samples, Channels[c][i] for channel c and sample
	// i; each loader documents its channel order and units.
	Channels [][]float64
}

// Clone returns a deep copy of s, for keeping a snapshot that a streaming
// loader is about to reuse.
func (s *Snapshot) Clone() *Snapshot {
	c := *s
	c.Channels = make([][]float64, len(s.Channels))
	for i, ch := range s.Channels {
		c.Channels[i] = append([]float64(nil), ch...)
	}
	return &c
}

// Len returns the number of samples per channel (0 without channels).
func (s *Snapshot) Len() int {
	if len(s.Channels) == 0 {
		return 0
	}
	return len(s.Channels[0])
}
