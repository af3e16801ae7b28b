package datasets_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/datasets/matfile"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/internal/recfixture"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenFormats(t *testing.T) {
	f := recfixture.Make(t)
	mfptOrders, err := recfixture.CatalogBearing(t, "MFPT").Multiples()
	require.NoError(t, err)
	for _, c := range []struct {
		file, format  string
		channels      []string
		units         string
		bearings      []string
		rate, shaftHz float64
		rateFrom      string
		shaftFrom     string
		fault         fault.Kind
		channelFaults []fault.Kind
		n             int
		orders        bool
	}{
		{f.CWRU, "cwru", []string{"DE", "FE"}, "g", []string{"6205-2RS", "6203-2RS"}, 12000, 1796.0 / 60, "catalogue", "file",
			fault.OuterRace, []fault.Kind{fault.OuterRace, fault.Unknown}, 12000, false},
		{f.CWRUOdd, "cwru", []string{"DE"}, "g", []string{"6205-2RS"}, 0, 1796.0 / 60, "", "file", fault.Unknown, []fault.Kind{fault.Unknown}, 12000, false},
		// 131 is catalogued (outer race at the drive end, 1 hp, 1772 rpm):
		// its FE channel watches a bearing the catalogue does not label.
		{f.CWRUFEOnly, "cwru", []string{"FE"}, "g", []string{"6203-2RS"}, 12000, 1772.0 / 60, "catalogue", "catalogue", fault.OuterRace, []fault.Kind{fault.Unknown}, 12000, false},
		{f.MFPT, "mfpt", []string{"gs"}, "g", []string{"MFPT"}, 48828, 25, "file", "file", fault.OuterRace, []fault.Kind{fault.OuterRace}, 48828, false},
		{f.MFPTOrders, "mfpt", []string{"gs"}, "g", []string{"MFPT"}, 48828, 25, "file", "file", fault.OuterRace, []fault.Kind{fault.OuterRace}, 48828, true},
		{f.IMS, "ims", []string{"0", "1", "2", "3"}, "g", []string{"ZA-2115", "ZA-2115", "ZA-2115", "ZA-2115"}, 20000, 2000.0 / 60, "format", "format", fault.Unknown, nil, 20480, false},
		{f.FEMTO, "femto", []string{"horizontal", "vertical"}, "g", []string{"PRONOSTIA", "PRONOSTIA"}, 25600, 1650.0 / 60, "format", "folder", fault.Unknown, nil, 2560, false},
		{f.FEMTOTemp, "femto-temp", []string{"temperature"}, "°C", []string{"PRONOSTIA"}, 10, 1650.0 / 60, "format", "folder", fault.Unknown, nil, 1, false},
		{f.XJTU, "xjtu", []string{"horizontal", "vertical"}, "g", []string{"UER204", "UER204"}, 25600, 35, "format", "folder", fault.Unknown, nil, 32768, false},
		{f.CSV, "csv", []string{"accel_x", "accel_y"}, "", []string{"", ""}, 10000, 0, "time column", "", fault.Unknown, nil, 10000, false},
		{f.CSVNoTime, "csv", []string{"accel"}, "", []string{""}, 0, 0, "", "", fault.Unknown, nil, 10000, false},
		{f.WAV, "wav", []string{"0", "1"}, "FS", []string{"", ""}, 16000, 0, "file", "", fault.Unknown, nil, 16000, false},
	} {
		t.Run(c.format+" "+filepath.Base(c.file), func(t *testing.T) {
			rec, err := datasets.OpenFile(c.file, datasets.OpenOptions{})
			require.NoError(t, err)
			assert.Equal(t, c.format, rec.Format)
			require.Len(t, rec.Channels, len(c.channels))
			for i, ch := range rec.Channels {
				assert.Equal(t, c.channels[i], ch.Name)
				assert.Equal(t, c.units, ch.Unit, ch.Name)
				assert.Equal(t, c.bearings[i], ch.Bearing, ch.Name)
				assert.Len(t, ch.Samples, c.n, ch.Name)
				want := fault.Unknown
				if c.channelFaults != nil {
					want = c.channelFaults[i]
				}
				assert.Equal(t, want, ch.Fault, ch.Name)
				j, err := rec.Channel(strings.ToUpper(ch.Name))
				require.NoError(t, err)
				assert.Equal(t, i, j)
			}
			assert.Equal(t, c.n, rec.Len())
			assert.InDelta(t, c.rate, rec.SampleRate, 1e-9)
			assert.InDelta(t, c.shaftHz, rec.ShaftHz, 1e-9)
			assert.InDelta(t, c.shaftHz*60, rec.RPM(), 1e-9)
			assert.Equal(t, c.rateFrom, rec.SampleRateFrom)
			assert.Equal(t, c.shaftFrom, rec.ShaftHzFrom)
			assert.Equal(t, c.fault, rec.Fault)
			if c.orders {
				require.NotNil(t, rec.Orders)
				assert.Equal(t, datasets.DefectOrders{BPFO: mfptOrders.BPFO, BPFI: mfptOrders.BPFI, BSF: mfptOrders.BSF, FTF: mfptOrders.FTF}, *rec.Orders)
			} else {
				assert.Nil(t, rec.Orders)
			}
			// Open on a reader gives the same recording as OpenFile on
			// the same name.
			abs, err := filepath.Abs(c.file)
			require.NoError(t, err)
			again, err := datasets.Open(bytes.NewReader(recfixture.MustRead(t, c.file)), filepath.ToSlash(abs), datasets.OpenOptions{})
			require.NoError(t, err)
			assert.Equal(t, rec, again)
		})
	}
}

// TestOpenSamples checks that Open's samples are those of the format's
// own loader.
func TestOpenSamples(t *testing.T) {
	f := recfixture.Make(t)
	rec, err := datasets.OpenFile(f.CWRU, datasets.OpenOptions{})
	require.NoError(t, err)
	cw, err := datasets.LoadCWRU(os.DirFS(filepath.Dir(f.CWRU)), filepath.Base(f.CWRU))
	require.NoError(t, err)
	assert.Equal(t, cw.DE, rec.Channels[0].Samples)
	assert.Equal(t, cw.FE, rec.Channels[1].Samples)

	rec, err = datasets.OpenFile(f.IMS, datasets.OpenOptions{})
	require.NoError(t, err)
	s, err := datasets.LoadIMSSnapshot(os.DirFS(filepath.Dir(f.IMS)), filepath.Base(f.IMS))
	require.NoError(t, err)
	for i := range s.Channels {
		assert.Equal(t, s.Channels[i], rec.Channels[i].Samples)
	}

	rec, err = datasets.OpenFile(f.CSV, datasets.OpenOptions{})
	require.NoError(t, err)
	y, rate, err := datasets.LoadCSVColumn(os.DirFS(filepath.Dir(f.CSV)), filepath.Base(f.CSV), datasets.ColumnNamed("accel_y"), &datasets.CSVOptions{Time: datasets.ColumnNamed("time")})
	require.NoError(t, err)
	assert.Equal(t, y, rec.Channels[1].Samples)
	assert.Equal(t, rate, rec.SampleRate)
}

// TestOpenByContent: a file's name does not decide its format.
func TestOpenByContent(t *testing.T) {
	f := recfixture.Make(t)
	dir := t.TempDir()
	for file, format := range map[string]string{f.CWRU: "cwru", f.MFPT: "mfpt", f.WAV: "wav", f.IMS: "ims", f.FEMTO: "femto", f.XJTU: "xjtu", f.CSV: "csv"} {
		p := recfixture.WriteFile(t, dir, "renamed_"+format+".txt", recfixture.MustRead(t, file))
		rec, err := datasets.OpenFile(p, datasets.OpenOptions{})
		require.NoError(t, err, format)
		assert.Equal(t, format, rec.Format)
	}
	// A 4-column tab-separated table that is neither 20 480 rows long nor
	// named by a timestamp is generic text.
	rec, err := datasets.Open(strings.NewReader("1\t2\t3\t4\n5\t6\t7\t8\n"), "probe.tsv", datasets.OpenOptions{})
	require.NoError(t, err)
	assert.Equal(t, "csv", rec.Format)
	assert.Equal(t, []float64{2, 6}, rec.Channels[1].Samples)
	rec, err = datasets.Open(strings.NewReader("1\t2\t3\t4\n5\t6\t7\t8\n"), "2004.02.12.10.32.39", datasets.OpenOptions{})
	require.NoError(t, err)
	assert.Equal(t, "ims", rec.Format)
}

// compressedMAT is a MAT-file whose one variable, n zeros, is stored in a
// miCOMPRESSED element.
func compressedMAT(t testing.TB, n int) []byte {
	plain := recfixture.MATFile(recfixture.MATColumn("X130_DE_time", make([]float64, n)))[128:]
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	_, err := w.Write(plain)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	el := binary.LittleEndian.AppendUint32(nil, 15)
	el = binary.LittleEndian.AppendUint32(el, uint32(z.Len()))
	return append(recfixture.MATFile(), append(el, z.Bytes()...)...)
}

func TestOpenErrors(t *testing.T) {
	f := recfixture.Make(t)
	for _, c := range []struct {
		file     string
		opt      datasets.OpenOptions
		sentinel error
		msg      string
	}{
		{f.Unknown, datasets.OpenOptions{}, datasets.ErrUnknownFormat, "not a MAT-file, a WAV file or delimited text"},
		{f.Empty, datasets.OpenOptions{}, datasets.ErrUnknownFormat, "empty file"},
		{f.NoVars, datasets.OpenOptions{}, datasets.ErrUnknownFormat, "neither CWRU channels"},
		{f.Corrupt, datasets.OpenOptions{}, datasets.ErrCorrupt, "matfile"},
		{f.Words, datasets.OpenOptions{}, datasets.ErrCorrupt, `no numeric column in the first data record ["2024-01-02" "alice"]`},
		{f.TimeOnly, datasets.OpenOptions{}, datasets.ErrCorrupt, "no numeric column besides the time column"},
		{f.CWRU, datasets.OpenOptions{MaxBytes: 1000}, datasets.ErrTooLarge, "OpenOptions.MaxBytes"},
		{f.IMS, datasets.OpenOptions{MaxSamples: 4*20480 - 1}, datasets.ErrTooLarge, "81920 samples"},
	} {
		_, err := datasets.OpenFile(c.file, c.opt)
		require.Error(t, err, c.file)
		assert.ErrorIs(t, err, c.sentinel, c.file)
		assert.ErrorContains(t, err, filepath.Base(c.file))
		assert.ErrorContains(t, err, c.msg)
	}
	_, err := datasets.OpenFile(filepath.Join(f.Dir, "no/such.mat"), datasets.OpenOptions{})
	assert.ErrorIs(t, err, os.ErrNotExist)

	// A corrupt MAT-file also wraps matfile's own error.
	_, err = datasets.OpenFile(f.Corrupt, datasets.OpenOptions{})
	var fe *matfile.FormatError
	assert.ErrorAs(t, err, &fe)

	// A compressed element inflating past the budget is refused before it
	// is inflated; within the budget it reads.
	bomb := compressedMAT(t, 1<<20) // 8 MiB of zeros in a few kB
	require.Less(t, len(bomb), 64<<10)
	_, err = datasets.Open(bytes.NewReader(bomb), "130.mat", datasets.OpenOptions{MaxBytes: 1 << 20})
	assert.ErrorIs(t, err, datasets.ErrTooLarge)
	assert.ErrorIs(t, err, matfile.ErrTooLarge)
	rec, err := datasets.Open(bytes.NewReader(bomb), "130.mat", datasets.OpenOptions{MaxBytes: 16 << 20})
	require.NoError(t, err)
	assert.Equal(t, 1<<20, rec.Len())

	// Reader errors are wrapped.
	boom := errors.New("boom")
	_, err = datasets.Open(errReader{boom}, "x", datasets.OpenOptions{})
	assert.ErrorIs(t, err, boom)
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

func TestOpenChannel(t *testing.T) {
	f := recfixture.Make(t)
	rec, err := datasets.OpenFile(f.XJTU, datasets.OpenOptions{})
	require.NoError(t, err)
	for sel, want := range map[string]int{"horizontal": 0, "Vertical": 1, "0": 0, "1": 1} {
		i, err := rec.Channel(sel)
		require.NoError(t, err, sel)
		assert.Equal(t, want, i, sel)
	}
	for _, sel := range []string{"2", "-1", "diagonal", ""} {
		_, err := rec.Channel(sel)
		assert.ErrorIs(t, err, datasets.ErrNoChannel, sel)
		assert.ErrorContains(t, err, "from 0 to 1 or a name (horizontal, vertical)")
	}
}

func TestRegisterFormat(t *testing.T) {
	datasets.RegisterFormat(datasets.Format{
		Name:  "spindle-test",
		Match: func(head []byte) bool { return bytes.HasPrefix(head, []byte("SPNDLTEST")) },
		Decode: func(data []byte, name string, opt datasets.OpenOptions) (*datasets.Recording, error) {
			x := make([]float64, len(data))
			for i, b := range data {
				x[i] = float64(b)
			}
			return &datasets.Recording{SampleRate: 1, Channels: []datasets.Channel{{Name: "bytes", Samples: x}}}, nil
		},
	})
	assert.Contains(t, datasets.Formats(), "spindle-test")
	assert.Equal(t, "csv", datasets.Formats()[len(datasets.Formats())-1])
	rec, err := datasets.Open(strings.NewReader("SPNDLTEST!"), "x", datasets.OpenOptions{})
	require.NoError(t, err)
	assert.Equal(t, "spindle-test", rec.Format)
	assert.Equal(t, "x", rec.Name)
	assert.Equal(t, 10, rec.Len())
	// The format's result is held to MaxSamples too.
	_, err = datasets.Open(strings.NewReader("SPNDLTEST!"), "x", datasets.OpenOptions{MaxSamples: 9})
	assert.ErrorIs(t, err, datasets.ErrTooLarge)
	assert.Panics(t, func() { datasets.RegisterFormat(datasets.Format{Name: "x"}) })
}
