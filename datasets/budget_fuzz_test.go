package datasets_test

import (
	"bytes"
	"errors"
	"runtime"
	"testing"
	"testing/fstest"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/internal/recfixture"
)

// allocatedBy returns the bytes f allocates (runtime.MemStats.TotalAlloc,
// so every allocation counts, not only the live heap).
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// FuzzOpenBudget: whatever the bytes (compressed MAT-file elements with
// any declared or actual inflated size, text, WAV) and whatever the
// budget, Open refuses more than MaxBytes of input with datasets.ErrTooLarge,
// returns at most MaxSamples samples, and allocates no more than a fixed
// multiple of its budget: 8 bytes per sample decoded and a few times the
// bytes read or inflated. Run with
//
//	go test ./datasets -run '^$' -fuzz FuzzOpenBudget
func FuzzOpenBudget(f *testing.F) {
	f.Add(compressedMATInt8(1<<16), uint32(32<<10), uint32(1<<12))
	f.Add(compressedMATInt8(100), uint32(64<<10), uint32(1<<12))
	f.Add(bytes.Repeat([]byte("1\n"), 5000), uint32(4<<10), uint32(1000))
	f.Add([]byte("9,39,39,65664,0.552,-0.146\n9,39,39,65703,0.501,-0.48\n"), uint32(1<<10), uint32(100))
	f.Fuzz(func(t *testing.T, data []byte, maxBytes, maxSamples uint32) {
		opt := datasets.OpenOptions{MaxBytes: int64(maxBytes%(1<<20)) + 1, MaxSamples: int(maxSamples%(1<<16)) + 1}
		var rec *datasets.Recording
		var err error
		alloc := allocatedBy(func() { rec, err = datasets.Open(bytes.NewReader(data), "130.mat", opt) })
		if int64(len(data)) > opt.MaxBytes && !errors.Is(err, datasets.ErrTooLarge) {
			t.Fatalf("%d bytes over a %d-byte budget: err %v", len(data), opt.MaxBytes, err)
		}
		if err == nil {
			total := 0
			for _, c := range rec.Channels {
				total += len(c.Samples)
			}
			if total > opt.MaxSamples {
				t.Fatalf("%d samples over a budget of %d", total, opt.MaxSamples)
			}
		}
		// Reading and inflating at most MaxBytes each, with buffer growth,
		// plus float64 samples decoded from at most 2·MaxBytes bytes of
		// int8 data before the sample check.
		if limit := 64*uint64(opt.MaxBytes) + 8*uint64(opt.MaxSamples) + 1<<20; alloc > limit {
			t.Fatalf("allocated %d bytes on a budget of %d bytes, %d samples (limit %d)", alloc, opt.MaxBytes, opt.MaxSamples, limit)
		}
	})
}

// compressedMATInt8 is a MAT-file whose one CWRU-named variable, n int8
// zeros (8n bytes as float64), sits in a miCOMPRESSED element.
func compressedMATInt8(n int) []byte {
	return recfixture.MATFile(recfixture.MATCompressed(recfixture.MATInt8Column("X130_DE_time", make([]byte, n))))
}

// FuzzFEMTOBudget: a datasets.FEMTODecoder never reads more than MaxFileBytes of a
// file: a larger one is refused with datasets.ErrTooLarge, and the bytes allocated
// stay within a fixed multiple of the bound whatever the file holds. Run
// with
//
//	go test ./datasets -run '^$' -fuzz FuzzFEMTOBudget
func FuzzFEMTOBudget(f *testing.F) {
	f.Add([]byte("9,39,39,65664,0.552,-0.146\n9,39,39,65703,0.501,-0.48\n"), uint32(1<<10))
	f.Add(bytes.Repeat([]byte("9,39,39,65664,0.552,-0.146\n"), 4000), uint32(8<<10))
	f.Fuzz(func(t *testing.T, data []byte, limit uint32) {
		d := datasets.FEMTODecoder{MaxFileBytes: int64(limit%(1<<20)) + 1}
		fsys := fstest.MapFS{"Bearing1_1/acc_00001.csv": {Data: data}}
		var s datasets.Snapshot
		var err error
		alloc := allocatedBy(func() { err = d.Load(&s, fsys, "Bearing1_1/acc_00001.csv") })
		if int64(len(data)) > d.MaxFileBytes && !errors.Is(err, datasets.ErrTooLarge) {
			t.Fatalf("%d bytes over a %d-byte bound: err %v", len(data), d.MaxFileBytes, err)
		}
		// The file's bytes, and 6 float64 columns of at most one value per
		// 2 bytes, with growth.
		if bound := 64*uint64(d.MaxFileBytes) + 1<<20; alloc > bound {
			t.Fatalf("allocated %d bytes reading at most %d", alloc, d.MaxFileBytes)
		}
	})
}
