package spindlebeam

import (
	"context"
	"fmt"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
)

// FileRef is one snapshot file of the input folder, listed when the
// pipeline is built.
type FileRef struct {
	Root  string // the input folder (local path or Beam filesystem URL)
	Name  string // file name within Root
	Index int    // position in time order, from 0
	Unix  int64  // acquisition time from the file name, Unix seconds (UTC)
}

// Point is the features of one channel of one snapshot.
type Point struct {
	Index    int     `json:"index"`
	Unix     int64   `json:"unix"`
	File     string  `json:"file"`
	RMS      float64 `json:"rms_g"`
	Peak     float64 `json:"peak_g"`
	MeanAbs  float64 `json:"mean_abs_g"` // mean |x|, the IMS summary's indicator
	Kurtosis float64 `json:"kurtosis"`
	Crest    float64 `json:"crest"`
}

// ChannelKey names channel c (0-based) of a snapshot with n channels by
// bearing: IMS test 1 records two channels per bearing (x and y), tests 2
// and 3 one.
func ChannelKey(c, n int) string {
	if n == 8 {
		return fmt.Sprintf("bearing%d/ch%d", c/2+1, c+1)
	}
	return fmt.Sprintf("bearing%d/ch%d", c+1, c+1)
}

// ExtractFn loads one snapshot and emits the features of each of its
// channels keyed by ChannelKey. Each instance reuses one decoder and
// snapshot buffer across the files of its bundles.
type ExtractFn struct {
	dec  datasets.IMSDecoder
	snap datasets.Snapshot
}

// ProcessElement reads f and emits (channel key, Point) per channel. A
// file that cannot be read or parsed, or a channel whose features are
// undefined (NaN, constant), fails the pipeline with an error naming the
// file and channel.
func (fn *ExtractFn) ProcessElement(ctx context.Context, f FileRef, emit func(string, Point)) error {
	if err := fn.dec.Load(&fn.snap, openFS(ctx, f.Root), f.Name); err != nil {
		return fmt.Errorf("spindlebeam: %s/%s: %w", f.Root, f.Name, err)
	}
	n := len(fn.snap.Channels)
	for c, x := range fn.snap.Channels {
		tf, err := features.ComputeTimeFeatures(x)
		if err != nil {
			return fmt.Errorf("spindlebeam: %s/%s channel %d: %w", f.Root, f.Name, c+1, err)
		}
		emit(ChannelKey(c, n), Point{Index: f.Index, Unix: f.Unix, File: f.Name, RMS: tf.RMS, Peak: tf.Peak,
			MeanAbs: tf.RMS / tf.ShapeFactor, Kurtosis: tf.Kurtosis, Crest: tf.CrestFactor})
	}
	return nil
}
