package datasets

import (
	"cmp"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strings"
)

// runFile is one snapshot file of a run: its path and its index in the run.
type runFile struct {
	name  string
	index int
}

// numberedFiles lists the files of dir named prefix+N+suffix (N a decimal
// number, any zero-padding) in increasing N, without opening them. Other
// names are ignored. An empty listing is an error naming what was expected.
func numberedFiles(fsys fs.FS, dir, prefix, suffix string) ([]runFile, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	files := make([]runFile, 0, len(entries))
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		if n, ok := fileNumber(e.Name(), prefix, suffix); ok {
			files = append(files, runFile{name: path.Join(dir, e.Name()), index: n})
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("datasets: no %sN%s files in %s: %w", prefix, suffix, dir, fs.ErrNotExist)
	}
	slices.SortFunc(files, func(a, b runFile) int {
		if c := cmp.Compare(a.index, b.index); c != 0 {
			return c
		}
		return cmp.Compare(a.name, b.name)
	})
	return files, nil
}

// fileNumber returns N from a base name prefix+N+suffix.
func fileNumber(base, prefix, suffix string) (int, bool) {
	if len(prefix)+len(suffix) >= len(base) || !strings.HasPrefix(base, prefix) || !strings.HasSuffix(base, suffix) {
		return 0, false
	}
	digits := base[len(prefix) : len(base)-len(suffix)]
	if len(digits) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		c := digits[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int(c)
	}
	return n, true
}

// fileNames returns the paths of files.
func fileNames(files []runFile) []string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	return names
}

// snapshotStream yields one reused Snapshot per file of list(), loaded by
// load and then given its index. A listing error is yielded once and ends
// the sequence; a load error is yielded with a nil snapshot and the
// sequence goes on if the consumer continues.
func snapshotStream(list func() ([]runFile, error), load func(dst *Snapshot, name string) error) iter.Seq2[*Snapshot, error] {
	return func(yield func(*Snapshot, error) bool) {
		files, err := list()
		if err != nil {
			yield(nil, err)
			return
		}
		s := new(Snapshot)
		for _, f := range files {
			if err := load(s, f.name); err != nil {
				if !yield(nil, err) {
					return
				}
				continue
			}
			s.Index = f.index
			if !yield(s, nil) {
				return
			}
		}
	}
}
