package datasets

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/spindle-pdm/spindle/internal/testenv"
)

// imsBenchFile returns the bytes of the first real IMS test-1 snapshot.
func imsBenchFile(b *testing.B) (string, []byte) {
	dir := filepath.Join(testenv.DataDir(b, "ims"), "1st_test")
	name := "2003.10.22.12.06.24"
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		b.Fatal(err)
	}
	return name, data
}

// BenchmarkIMSDecode measures the IMS ASCII parse of one real 8-channel
// snapshot (1.1 MB, 163 840 values) into a reused Snapshot.
func BenchmarkIMSDecode(b *testing.B) {
	name, data := imsBenchFile(b)
	var d IMSDecoder
	var s Snapshot
	if err := d.Decode(&s, name, data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := d.Decode(&s, name, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIMSDecodeStrconv is the baseline beside BenchmarkIMSDecode: the
// same file split with bytes.Split/bytes.Fields and parsed with
// strconv.ParseFloat into reused columns.
func BenchmarkIMSDecodeStrconv(b *testing.B) {
	_, data := imsBenchFile(b)
	cols := make([][]float64, 8)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range cols {
			cols[j] = cols[j][:0]
		}
		for _, line := range bytes.Split(data, []byte{'\n'}) {
			if len(line) == 0 {
				continue
			}
			for j, f := range bytes.Split(line, []byte{'\t'}) {
				v, err := strconv.ParseFloat(string(f), 64)
				if err != nil {
					b.Fatal(err)
				}
				cols[j] = append(cols[j], v)
			}
		}
	}
}

// BenchmarkIMSRun streams the ten real test-1 snapshots (11 MB of text) per
// op with IMSRun, listing, reading and parsing included. Memory stays flat
// along a run: the file buffer and the channels are allocated once per run
// and reused, so B/snapshot and allocs/snapshot (the op's totals divided by
// the file count) shrink as runs get longer (TestIMSRunConstantMemory
// measures the marginal cost of a further snapshot).
func BenchmarkIMSRun(b *testing.B) {
	fsys := os.DirFS(testenv.DataDir(b, "ims"))
	files, err := IMSFiles(fsys, "1st_test")
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, f := range files {
		st, err := fs.Stat(fsys, f.Name)
		if err != nil {
			b.Fatal(err)
		}
		total += st.Size()
	}
	n := len(files)
	b.SetBytes(total)
	b.ReportAllocs()
	b.ResetTimer()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for i := 0; i < b.N; i++ {
		for _, err := range IMSRun(fsys, "1st_test") {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	per := float64(b.N * n)
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/per, "B/snapshot")
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/per, "allocs/snapshot")
}

// BenchmarkFEMTOAccDecode measures the parse of one real FEMTO acc file
// (Bearing1_1/acc_00001.csv, 78 kB, microseconds in exponent form), read
// from the zip once beforehand.
func BenchmarkFEMTOAccDecode(b *testing.B) {
	zr := openFEMTOZip(b)
	name := "Learning_set/Bearing1_1/acc_00001.csv"
	data, err := fs.ReadFile(zr, name)
	if err != nil {
		b.Fatal(err)
	}
	var d FEMTODecoder
	var s Snapshot
	if err := d.DecodeAcc(&s, name, data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := d.DecodeAcc(&s, name, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFEMTOAccRunZip streams the first 100 acc files of Bearing1_1
// straight from the zip (inflate included) per op.
func BenchmarkFEMTOAccRunZip(b *testing.B) {
	zr := openFEMTOZip(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		n := 0
		for _, err := range FEMTOAccRun(zr, "Learning_set/Bearing1_1") {
			if err != nil {
				b.Fatal(err)
			}
			if n++; n == 100 {
				break
			}
		}
	}
}
