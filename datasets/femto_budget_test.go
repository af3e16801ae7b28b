package datasets

import (
	"archive/zip"
	"bytes"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// femtoZipBomb is a zip, as the Learning_set.zip is read in place, whose
// Bearing1_1/acc_00001.csv inflates to size bytes of valid FEMTO rows.
func femtoZipBomb(t testing.TB, size int) *zip.Reader {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("Learning_set/Bearing1_1/acc_00001.csv")
	require.NoError(t, err)
	row := []byte("9,39,39,65664,0.552,-0.146\n")
	block := bytes.Repeat(row, 1<<15)
	for n := 0; n < size; n += len(block) {
		_, err = w.Write(block)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	require.NoError(t, err)
	return zr
}

// TestFEMTOZipBomb: a FEMTO acc file that inflates to 255 MB inside a zip
// of under 1 MB (the bomb took 1.54 GB) is refused with
// ErrTooLarge after reading DefaultFEMTOMaxFileBytes, whether loaded
// alone or in a run, and allocating little.
func TestFEMTOZipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("deflates 255 MB: run without -short")
	}
	zr := femtoZipBomb(t, 255e6)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var d FEMTODecoder
	var s Snapshot
	err := d.Load(&s, zr, "Learning_set/Bearing1_1/acc_00001.csv")
	assert.ErrorIs(t, err, ErrTooLarge)
	for _, err := range d.AccRun(zr, "Learning_set/Bearing1_1") {
		assert.ErrorIs(t, err, ErrTooLarge)
	}
	runtime.ReadMemStats(&after)
	alloc := float64(after.TotalAlloc-before.TotalAlloc) / 1e6
	t.Logf("allocated %.1f MB", alloc)
	assert.Less(t, alloc, 16.0, "MB allocated refusing the bomb")

	// A file within the bound still decodes.
	small := femtoZipBomb(t, 1<<15)
	require.NoError(t, d.Load(&s, small, "Learning_set/Bearing1_1/acc_00001.csv"))
	assert.Len(t, s.Channels[0], 1<<15)
}
