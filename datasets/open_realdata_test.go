package datasets_test

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features/fault"
	"github.com/spindle-pdm/spindle/internal/testenv"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOpenRealData opens the shared data sets' originals (skipped when
// absent) and checks them against what their publishers document (see
// the data folder's README): CWRU 130 and MFPT's first outer-race record,
// an IMS test-1 snapshot and a FEMTO acc file read from inside the zip.
func TestOpenRealData(t *testing.T) {
	if testing.Short() {
		t.Skip("real data: skipped under -short")
	}
	t.Run("cwru", func(t *testing.T) {
		rec, err := datasets.OpenFile(filepath.Join(testenv.DataDir(t, "cwru"), "12k_drive_end", "130.mat"), datasets.OpenOptions{})
		require.NoError(t, err)
		assert.Equal(t, "cwru", rec.Format)
		assert.Equal(t, 12000.0, rec.SampleRate)
		assert.Equal(t, fault.OuterRace, rec.Fault)
		assert.Equal(t, datasets.FromFile, rec.ShaftHzFrom)
		require.NotEmpty(t, rec.Channels)
		assert.Equal(t, "DE", rec.Channels[0].Name)
		assert.Equal(t, fault.OuterRace, rec.Channels[0].Fault)
		// The file's own loader agrees.
		cw, err := datasets.LoadCWRU(os.DirFS(filepath.Join(testenv.DataDir(t, "cwru"), "12k_drive_end")), "130.mat")
		require.NoError(t, err)
		assert.Equal(t, cw.DE, rec.Channels[0].Samples)
		assert.Equal(t, cw.RPM, rec.RPM())
	})
	t.Run("mfpt", func(t *testing.T) {
		rec, err := datasets.OpenFile(filepath.Join(testenv.DataDir(t, "mfpt"), "OuterRaceFault_vload_1.mat"), datasets.OpenOptions{})
		require.NoError(t, err)
		assert.Equal(t, "mfpt", rec.Format)
		assert.Equal(t, 48828.0, rec.SampleRate)
		assert.Equal(t, 25.0, rec.ShaftHz)
		assert.Equal(t, 146484, rec.Len())
		assert.Equal(t, fault.OuterRace, rec.Fault)
		assert.Nil(t, rec.Orders, "the published MFPT files carry no defect orders (fields rate, load, gs, sr)")
		assert.Equal(t, "MFPT", rec.Channels[0].Bearing)
	})
	t.Run("ims", func(t *testing.T) {
		rec, err := datasets.OpenFile(filepath.Join(testenv.DataDir(t, "ims"), "1st_test", "2003.10.22.12.06.24"), datasets.OpenOptions{})
		require.NoError(t, err)
		assert.Equal(t, "ims", rec.Format)
		assert.Len(t, rec.Channels, 8)
		assert.Equal(t, 20480, rec.Len())
		assert.Equal(t, 20000.0, rec.SampleRate)
		assert.InDelta(t, 2000, rec.RPM(), 1e-9)
	})
	t.Run("femto in zip", func(t *testing.T) {
		zr, err := zip.OpenReader(filepath.Join(testenv.DataDir(t, "femto"), "Learning_set.zip"))
		require.NoError(t, err)
		defer zr.Close()
		const name = "Learning_set/Bearing1_1/acc_00001.csv"
		f, err := zr.Open(name)
		require.NoError(t, err)
		defer f.Close()
		rec, err := datasets.Open(f, name, datasets.OpenOptions{})
		require.NoError(t, err)
		assert.Equal(t, "femto", rec.Format)
		assert.Equal(t, 2560, rec.Len())
		assert.Equal(t, 25600.0, rec.SampleRate)
		assert.InDelta(t, 1800.0/60, rec.ShaftHz, 1e-12, "operating condition 1")
		assert.Equal(t, datasets.FromFolder, rec.ShaftHzFrom)
	})
}
