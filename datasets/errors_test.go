package datasets

import (
	"bytes"
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/spindle-pdm/spindle/datasets/matfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrorsWrapSentinels: the errors of every loader, reader and
// simulator, on bad input, wrap one of the package's sentinels (or an fs
// error of the file system given).
func TestErrorsWrapSentinels(t *testing.T) {
	fsys := fstest.MapFS{
		"nums.csv":                  {Data: []byte("a,b\n1,2\n3,4\n")},
		"bad.csv":                   {Data: []byte("a,b\n1,x\n")},
		"nan.csv":                   {Data: []byte("a\n1\nNaN\n")},
		"2003.10.22.12.06.24":       {Data: []byte("1\t2\n3\n")},
		"acc_00001.csv":             {Data: []byte("9,39,39,1,0.5\n")},
		"x.wav":                     {Data: []byte("RIFF\x04\x00\x00\x00WAVE")},
		"rf64.wav":                  {Data: []byte("RF64\x04\x00\x00\x00WAVE")},
		"105.mat":                   {Data: []byte("MATLAB 5.0 MAT-file")},
		"OuterRaceFault_1.mat":      {Data: []byte("not a mat file at all, not at all, not at all, not at all, not at all, not at all, not at all, not at all, not at all!")},
		"runs/empty/readme.txt":     {Data: []byte("no snapshots")},
		"Bearing1_1/temp_00001.csv": {Data: []byte("9,39,39,1\n")},
	}
	nan := &BearingSim{}
	_ = nan
	cases := map[string]func() error{
		"csv bad number": func() error {
			_, _, err := LoadCSVColumn(fsys, "bad.csv", ColumnNamed("b"), &CSVOptions{SampleRate: 1})
			return err
		},
		"csv non-finite": func() error {
			_, _, err := LoadCSVColumn(fsys, "nan.csv", ColumnAt(0), &CSVOptions{SampleRate: 1})
			return err
		},
		"csv no column": func() error {
			_, _, err := LoadCSVColumn(fsys, "nums.csv", ColumnNamed("z"), &CSVOptions{SampleRate: 1})
			return err
		},
		"csv no rate": func() error { _, _, err := LoadCSVColumn(fsys, "nums.csv", ColumnAt(0), nil); return err },
		"csv missing file": func() error {
			_, _, err := LoadCSVColumn(fsys, "none.csv", ColumnAt(0), &CSVOptions{SampleRate: 1})
			return err
		},
		"ims ragged":         func() error { _, err := LoadIMSSnapshot(fsys, "2003.10.22.12.06.24"); return err },
		"ims time":           func() error { _, err := ParseIMSTime("yesterday"); return err },
		"femto fields":       func() error { _, err := LoadFEMTOAcc(fsys, "acc_00001.csv"); return err },
		"femto temp fields":  func() error { _, err := LoadFEMTOTemp(fsys, "Bearing1_1/temp_00001.csv"); return err },
		"xjtu no files":      func() error { _, err := XJTUFiles(fsys, "runs/empty"); return err },
		"wav truncated":      func() error { _, _, err := LoadWAV(fsys, "x.wav"); return err },
		"wav rf64":           func() error { _, _, err := LoadWAV(fsys, "rf64.wav"); return err },
		"cwru name":          func() error { _, err := LoadCWRU(fsys, "x.mat"); return err },
		"cwru truncated":     func() error { _, err := LoadCWRU(fsys, "105.mat"); return err },
		"mfpt not mat":       func() error { _, err := LoadMFPT(fsys, "OuterRaceFault_1.mat"); return err },
		"mfpt name":          func() error { _, err := LoadMFPT(fsys, "x.mat"); return err },
		"cmapss":             func() error { _, err := ReadCMAPSS(strings.NewReader("1 1 x\n")); return err },
		"cmapss empty":       func() error { _, err := ReadCMAPSS(strings.NewReader("")); return err },
		"cmapss rul":         func() error { _, err := ReadCMAPSSRUL(strings.NewReader("x\n")); return err },
		"ims summary":        func() error { _, err := ReadIMSSummary(strings.NewReader("")); return err },
		"ims summary header": func() error { _, err := ReadIMSSummary(strings.NewReader("x\n")); return err },
		"nab empty":          func() error { _, err := ReadNAB(strings.NewReader("")); return err },
		"nab row": func() error {
			_, err := ReadNAB(strings.NewReader("timestamp,value\n2014-01-01 00:00:00\n"))
			return err
		},
		"nab value": func() error {
			f := &NABFrame{Names: []string{"x"}}
			_, err := f.Value()
			return err
		},
		"sim bearing":        func() error { _, _, err := SimulateBearing(BearingSim{}); return err },
		"sim run to failure": func() error { _, err := SimulateRunToFailure(RunToFailureSim{}); return err },
		"sim thermal":        func() error { _, err := SimulateThermal(ThermalSim{}); return err },
		"fetch path": func() error {
			_, err := (&Fetcher{CacheDir: t.TempDir(), Manifest: []ManifestEntry{{Name: "../x"}}}).Fetch(context.Background(), "../x")
			return err
		},
		"fetch unknown": func() error {
			_, err := (&Fetcher{CacheDir: t.TempDir()}).Fetch(context.Background(), "no/such/file.mat")
			return err
		},
		"open unknown": func() error { _, err := Open(bytes.NewReader([]byte{0, 1, 2}), "x", OpenOptions{}); return err },
		"open channel": func() error {
			r, err := Open(strings.NewReader("a\n1\n2\n"), "x.csv", OpenOptions{})
			require.NoError(t, err)
			_, err = r.Channel("b")
			return err
		},
	}
	for name, f := range cases {
		err := f()
		require.Error(t, err, name)
		found := false
		for _, s := range sentinels {
			found = found || errors.Is(err, s)
		}
		assert.True(t, found, "%s: %v wraps no sentinel", name, err)
	}
	// Which sentinel, for some.
	for name, want := range map[string]error{
		"csv bad number": ErrCorrupt, "csv non-finite": ErrNonFinite, "csv no column": ErrNoChannel, "csv no rate": ErrInvalid,
		"csv missing file": fs.ErrNotExist, "ims ragged": ErrCorrupt, "wav truncated": ErrCorrupt, "wav rf64": ErrUnsupported,
		"sim bearing": ErrInvalid, "fetch path": ErrInvalid, "fetch unknown": ErrNotInManifest, "open unknown": ErrUnknownFormat,
		"open channel": ErrNoChannel, "nab value": ErrNoChannel,
	} {
		assert.ErrorIs(t, cases[name](), want, name)
	}
	assert.NotErrorIs(t, cases["wav rf64"](), ErrCorrupt, "unsupported is not corrupt")
}

// TestMatfileErrorsWrapSentinels: matfile's errors wrap its sentinels.
func TestMatfileErrorsWrapSentinels(t *testing.T) {
	_, err := matfile.Decode(strings.NewReader("hello"))
	assert.ErrorIs(t, err, matfile.ErrNotMAT)
	b, err := os.ReadFile("testdata/mat/cwru/12k_drive_end/130.mat")
	require.NoError(t, err)
	_, err = matfile.Decode(bytes.NewReader(b[:len(b)-10]))
	assert.ErrorIs(t, err, matfile.ErrCorrupt)
	f, err := matfile.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	v, ok := f.Var("X130_DE_time")
	require.True(t, ok)
	_, err = v.Scalar()
	assert.ErrorIs(t, err, matfile.ErrType)
	_, err = matfile.Open(fstest.MapFS{}, "x.mat")
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// TestErrorConstructionsWrap is a static guard: in the non-test sources of
// datasets and datasets/matfile, every fmt.Errorf wraps an error (%w) or
// builds the Err of a *TextError or *WAVError (whose Unwrap adds
// ErrCorrupt), or is in one of the helpers that build those; every
// errors.New is a package-level sentinel.
func TestErrorConstructionsWrap(t *testing.T) {
	helpers := map[string]bool{"textErrorf": true, "errorf": true, "errf": true, "kindErrorf": true}
	for _, dir := range []string{".", "matfile"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			af, err := parser.ParseFile(fset, file, nil, 0)
			require.NoError(t, err)
			for _, decl := range af.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok {
					continue // package-level var sentinels
				}
				if helpers[fd.Name.Name] {
					continue
				}
				ast.Inspect(fd, func(n ast.Node) bool {
					if kv, ok := n.(*ast.KeyValueExpr); ok {
						if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Err" {
							return false // the Err of a TextError or WAVError
						}
					}
					call, ok := n.(*ast.CallExpr)
					if !ok {
						return true
					}
					sel, ok := call.Fun.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					pkg, _ := sel.X.(*ast.Ident)
					if pkg == nil {
						return true
					}
					switch {
					case pkg.Name == "errors" && sel.Sel.Name == "New":
						t.Errorf("%s: errors.New inside %s: use a sentinel", fset.Position(call.Pos()), fd.Name.Name)
					case pkg.Name == "fmt" && sel.Sel.Name == "Errorf":
						lit, ok := call.Args[0].(*ast.BasicLit)
						if !ok {
							t.Errorf("%s: fmt.Errorf with a non-literal format", fset.Position(call.Pos()))
							break
						}
						s, _ := strconv.Unquote(lit.Value)
						if !strings.Contains(s, "%w") {
							t.Errorf("%s: fmt.Errorf(%q) in %s wraps no error", fset.Position(call.Pos()), s, fd.Name.Name)
						}
					}
					return true
				})
			}
		}
	}
}
