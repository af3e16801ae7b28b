package datasets

import (
	"bytes"
	"os"
	"path/filepath"
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
