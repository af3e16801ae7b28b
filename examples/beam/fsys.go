package spindlebeam

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// openFS returns an fs.FS rooted at root, so that Spindle's dataset
// loaders (datasets.IMSFiles, datasets.LoadIMSSnapshot) read through it: a
// local folder is os.DirFS; a URL with a scheme (gs://bucket/ims/1st_test,
// s3://..., memfs://...) goes through Beam's filesystem registry, so the
// same code reads from wherever the runner's workers can reach.
func openFS(ctx context.Context, root string) fs.FS {
	if !strings.Contains(root, "://") {
		return os.DirFS(root)
	}
	return beamFS{ctx: ctx, root: strings.TrimSuffix(root, "/")}
}

// beamFS is an fs.FS and fs.ReadDirFS over a Beam filesystem. Its listing
// is flat: Beam filesystems list objects, so every entry is a file.
type beamFS struct {
	ctx  context.Context
	root string
}

func (b beamFS) full(name string) string {
	if name == "." {
		return b.root
	}
	return b.root + "/" + name
}

// Open opens name for reading.
func (b beamFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := b.full(name)
	bfs, err := filesystem.New(b.ctx, full)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: full, Err: err}
	}
	rc, err := bfs.OpenRead(b.ctx, full)
	if err != nil {
		bfs.Close()
		return nil, &fs.PathError{Op: "open", Path: full, Err: err}
	}
	return &beamFile{ReadCloser: rc, fs: bfs, name: path.Base(name)}, nil
}

// ReadDir lists the files directly under name, sorted by name.
func (b beamFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	dir := b.full(name)
	bfs, err := filesystem.New(b.ctx, dir)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: dir, Err: err}
	}
	defer bfs.Close()
	list, err := bfs.List(b.ctx, dir+"/*")
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: dir, Err: err}
	}
	var out []fs.DirEntry
	for _, p := range list {
		rest, ok := strings.CutPrefix(p, dir+"/")
		if ok && rest != "" && !strings.Contains(rest, "/") {
			out = append(out, fileEntry(rest))
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// beamFile is an open Beam file.
type beamFile struct {
	io.ReadCloser
	fs   filesystem.Interface
	name string
}

func (f *beamFile) Stat() (fs.FileInfo, error) { return fileEntry(f.name), nil }

func (f *beamFile) Close() error { return errors.Join(f.ReadCloser.Close(), f.fs.Close()) }

// fileEntry describes a file by name only; its size is unknown, reported
// as 0, which Spindle's loaders take as "read to the end".
type fileEntry string

func (e fileEntry) Name() string               { return string(e) }
func (e fileEntry) IsDir() bool                { return false }
func (e fileEntry) Type() fs.FileMode          { return 0 }
func (e fileEntry) Info() (fs.FileInfo, error) { return e, nil }
func (e fileEntry) Size() int64                { return 0 }
func (e fileEntry) Mode() fs.FileMode          { return 0o444 }
func (e fileEntry) ModTime() time.Time         { return time.Time{} }
func (e fileEntry) Sys() any                   { return nil }
