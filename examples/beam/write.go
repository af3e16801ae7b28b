package spindlebeam

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// writeSorted writes the lines of a small PCollection<string> to one file
// at path, sorted, and always writes the file, empty when there are no
// lines (textio.Write writes nothing for an empty collection). The lines
// are gathered by one worker as a side input: use it for per-channel
// outputs, not per-snapshot ones.
func writeSorted(s beam.Scope, path string, lines beam.PCollection) {
	s = s.Scope("WriteSorted")
	beam.ParDo0(s, &WriteSortedFn{Path: path}, beam.Impulse(s), beam.SideInput{Input: lines})
}

// WriteSortedFn is the DoFn of writeSorted.
type WriteSortedFn struct {
	Path string
}

// ProcessElement writes every line of the side input, sorted, to fn.Path.
func (fn *WriteSortedFn) ProcessElement(ctx context.Context, _ []byte, lines func(*string) bool) (err error) {
	var all []string
	var l string
	for lines(&l) {
		all = append(all, l)
	}
	slices.Sort(all)
	fs, err := filesystem.New(ctx, fn.Path)
	if err != nil {
		return fmt.Errorf("spindlebeam: write %s: %w", fn.Path, err)
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, fn.Path)
	if err != nil {
		return fmt.Errorf("spindlebeam: write %s: %w", fn.Path, err)
	}
	defer func() { err = errors.Join(err, w.Close()) }()
	for _, l := range all {
		if _, err := fmt.Fprintln(w, l); err != nil {
			return fmt.Errorf("spindlebeam: write %s: %w", fn.Path, err)
		}
	}
	return nil
}
