package datasets

import (
	"cmp"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strings"
	"time"
)

// IMSFile is one snapshot file of an IMS test folder.
type IMSFile struct {
	Name string    // path within the fs.FS
	Time time.Time // acquisition time parsed from the file name (UTC)
}

// IMSFiles lists the snapshot files of the IMS test folder dir in time order
// (ties by name), without reading them. Time order is not name order when
// names are not zero-padded. Sub-folders and names starting with a dot are
// ignored; any other name that is not a timestamp is an error.
func IMSFiles(fsys fs.FS, dir string) ([]IMSFile, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	files := make([]IMSFile, 0, len(entries))
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		t, err := ParseIMSTime(e.Name())
		if err != nil {
			return nil, fmt.Errorf("datasets: IMS folder %s: %w", dir, err)
		}
		files = append(files, IMSFile{Name: path.Join(dir, e.Name()), Time: t})
	}
	slices.SortFunc(files, func(a, b IMSFile) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return files, nil
}

// IMSRun streams the snapshots of the IMS test folder dir with a default
// IMSDecoder; see IMSDecoder.Run.
func IMSRun(fsys fs.FS, dir string) iter.Seq2[*Snapshot, error] {
	return new(IMSDecoder).Run(fsys, dir)
}

// Run streams the snapshots of the IMS test folder dir in time order,
// reading each file only when the loop reaches it: a 6000-file run never
// sits in memory. Once the first file has sized the read buffer and the
// channels, a further file allocates only what opening it through fsys
// costs (with os.DirFS about 6 allocations and 0.5 kB per file, measured
// by TestIMSRunConstantMemory), never its text or samples; the buffer and
// the channels (about 2.6 MB for 8-channel test-1 files) are allocated
// once per Run.
//
// The yielded *Snapshot and its Channels are reused by the next iteration;
// call Clone to keep one. Index counts snapshots in time order from 0. A
// listing error is yielded once, with a nil snapshot, and ends the
// sequence; a file that fails to parse yields (nil, err) and the sequence
// goes on with the next file if the loop continues. The decoder d must not
// be used elsewhere while the loop runs.
func (d *IMSDecoder) Run(fsys fs.FS, dir string) iter.Seq2[*Snapshot, error] {
	list := func() ([]runFile, error) {
		files, err := IMSFiles(fsys, dir)
		if err != nil {
			return nil, err
		}
		run := make([]runFile, len(files))
		for i, f := range files {
			run[i] = runFile{name: f.Name, index: i}
		}
		return run, nil
	}
	return snapshotStream(list, func(dst *Snapshot, name string) error {
		return d.Load(dst, fsys, name)
	})
}
