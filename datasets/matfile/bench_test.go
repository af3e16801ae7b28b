package matfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/spindle-pdm/spindle/internal/testenv"
)

func benchDecode(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeCWRU reads a real 12 kHz CWRU record: three 121 265-sample
// double channels, uncompressed, 2.9 MB.
func BenchmarkDecodeCWRU(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(testenv.DataDir(b, "cwru"), "12k_drive_end", "105.mat"))
	if err != nil {
		b.Fatal(err)
	}
	benchDecode(b, data)
}

// BenchmarkDecodeMFPT reads a real MFPT record: a zlib-compressed struct
// holding 146 484 doubles.
func BenchmarkDecodeMFPT(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(testenv.DataDir(b, "mfpt"), "InnerRaceFault_vload_1.mat"))
	if err != nil {
		b.Fatal(err)
	}
	benchDecode(b, data)
}

// BenchmarkDecodeFixture reads the committed scipy fixtures: many small
// variables of every class, uncompressed and compressed.
func BenchmarkDecodeFixture(b *testing.B) {
	for _, name := range []string{"v5_mixed.mat", "v7z_mixed.mat"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) { benchDecode(b, data) })
	}
}
