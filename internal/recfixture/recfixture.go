// Package recfixture writes synthetic recordings in every format
// datasets.Open reads (CWRU- and MFPT-shaped MAT-files, IMS, FEMTO and
// XJTU-SY snapshots, CSV, WAV) for the tests of datasets and
// examples/diagnose.
package recfixture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spindle-pdm/spindle/datasets"
	"github.com/spindle-pdm/spindle/features"
	"github.com/stretchr/testify/require"
)

// The tests write their fixtures into t.TempDir(): synthetic outer-race
// fault signals (datasets.SimulateBearing) in each supported format, long
// enough for the diagnoser (≥ 4096 samples, ≥ 20 shaft revolutions).
// Nothing is copied from the real data sets.

// OuterRace simulates seconds of an outer-race fault of bearing b at rpm,
// sampled at rate Hz: impacts at BPFO (1 % jitter) ringing a resonance at
// rate/4, shaft harmonics, noise at 6 dB SNR.
func OuterRace(t testing.TB, b features.Bearing, rpm, rate, seconds float64, seed uint64) []float64 {
	t.Helper()
	df, err := b.DefectFrequencies(rpm / 60)
	require.NoError(t, err)
	x, _, err := datasets.SimulateBearing(datasets.BearingSim{
		SampleRate: rate, Duration: seconds,
		DefectFreq: df.BPFO, Jitter: 0.01, ImpactAmp: 1,
		Resonances:     []datasets.Resonance{{Freq: rate / 4, Damping: 0.05}},
		ShaftHz:        rpm / 60,
		ShaftHarmonics: []float64{0.05, 0.02},
		SNR:            6, Seed: seed,
	})
	require.NoError(t, err)
	return x
}

// CatalogBearing returns a catalogued bearing.
func CatalogBearing(t testing.TB, name string) features.Bearing {
	t.Helper()
	b, ok := features.LookupBearing(name)
	require.True(t, ok, name)
	return b
}

// WriteFile writes data to dir/name, creating folders, and returns the path.
func WriteFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// MAT-file Level 5 writer: just enough for CWRU- and MFPT-shaped files.
const (
	miINT8, miUINT16, miINT32, miUINT32, miDOUBLE, miMATRIX = 1, 4, 5, 6, 9, 14
	mxSTRUCT, mxDOUBLE                                      = 2, 6
)

// matElement is a tagged data element, padded to 8 bytes.
func matElement(typ uint32, data []byte) []byte {
	b := binary.LittleEndian.AppendUint32(nil, typ)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	return append(b, make([]byte, (8-len(data)%8)%8)...)
}

// matSmall is a small data element (at most 4 bytes in the tag's word),
// the form in which CWRU files store their RPM.
func matSmall(typ uint16, data []byte) []byte {
	b := binary.LittleEndian.AppendUint16(nil, typ)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(data)))
	return append(b, append(data, make([]byte, 4-len(data))...)...)
}

// matArray is a miMATRIX element of the given class, dims and name.
func matArray(name string, class uint32, dims []int32, body ...[]byte) []byte {
	flags := binary.LittleEndian.AppendUint32(nil, class)
	flags = binary.LittleEndian.AppendUint32(flags, 0)
	d := []byte{}
	for _, v := range dims {
		d = binary.LittleEndian.AppendUint32(d, uint32(v))
	}
	b := append(matElement(miUINT32, flags), matElement(miINT32, d)...)
	b = append(b, matElement(miINT8, []byte(name))...)
	return matElement(miMATRIX, append(b, bytes.Join(body, nil)...))
}

// MATColumn is a double column vector.
func MATColumn(name string, x []float64) []byte {
	data := make([]byte, 0, 8*len(x))
	for _, v := range x {
		data = binary.LittleEndian.AppendUint64(data, math.Float64bits(v))
	}
	return matArray(name, mxDOUBLE, []int32{int32(len(x)), 1}, matElement(miDOUBLE, data))
}

// MATScalar is a double scalar.
func MATScalar(name string, v float64) []byte { return MATColumn(name, []float64{v}) }

// MATRPM is a double scalar stored as miUINT16 in a small element, as
// CWRU's X###RPM variables are.
func MATRPM(name string, rpm uint16) []byte {
	return matArray(name, mxDOUBLE, []int32{1, 1}, matSmall(miUINT16, binary.LittleEndian.AppendUint16(nil, rpm)))
}

// MATStruct is a 1×1 struct whose fields are the given unnamed arrays.
func MATStruct(name string, fields []string, values ...[]byte) []byte {
	const width = 32
	names := make([]byte, width*len(fields))
	for i, f := range fields {
		copy(names[i*width:], f)
	}
	body := [][]byte{matSmall(miINT32, binary.LittleEndian.AppendUint32(nil, width)), matElement(miINT8, names)}
	return matArray(name, mxSTRUCT, []int32{1, 1}, append(body, values...)...)
}

// MATFile is a little-endian Level 5 MAT-file holding elems.
func MATFile(elems ...[]byte) []byte {
	text := fmt.Sprintf("%-116s", "MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: spindle diagnose test fixture")
	b := append([]byte(text), make([]byte, 8)...)
	b = binary.LittleEndian.AppendUint16(b, 0x0100)
	b = append(b, 'I', 'M')
	return append(b, bytes.Join(elems, nil)...)
}

// WAVPCM16 is a 16-bit PCM WAV file of the given channels, each scaled by
// the largest magnitude of all so that nothing clips.
func WAVPCM16(rate int, chans ...[]float64) []byte {
	peak := 0.0
	for _, c := range chans {
		for _, v := range c {
			peak = math.Max(peak, math.Abs(v))
		}
	}
	n, nc := len(chans[0]), len(chans)
	data := make([]byte, 0, 2*n*nc)
	for i := 0; i < n; i++ {
		for _, c := range chans {
			data = binary.LittleEndian.AppendUint16(data, uint16(int16(math.Round(c[i]/peak*30000))))
		}
	}
	le32 := binary.LittleEndian.AppendUint32
	le16 := binary.LittleEndian.AppendUint16
	b := append([]byte("RIFF"), le32(nil, uint32(36+len(data)))...)
	b = append(b, "WAVEfmt "...)
	b = le32(b, 16)
	b = le16(b, 1)
	b = le16(b, uint16(nc))
	b = le32(b, uint32(rate))
	b = le32(b, uint32(rate*2*nc))
	b = le16(b, uint16(2*nc))
	b = le16(b, 16)
	b = append(b, "data"...)
	b = le32(b, uint32(len(data)))
	return append(b, data...)
}

// Delimited joins rows of columns into text with sep, values with %.6g.
func Delimited(header []string, sep string, cols ...[]float64) []byte {
	var sb strings.Builder
	if header != nil {
		sb.WriteString(strings.Join(header, sep) + "\n")
	}
	for i := range cols[0] {
		for j, c := range cols {
			if j > 0 {
				sb.WriteString(sep)
			}
			fmt.Fprintf(&sb, "%.6g", c[i])
		}
		sb.WriteByte('\n')
	}
	return []byte(sb.String())
}

// Set holds the paths of the generated files, one per case.
type Set struct {
	CWRU, CWRUOdd, CWRUFEOnly, MFPT, MFPTOrders, NoVars, Corrupt string
	IMS, FEMTO, FEMTOTemp, XJTU, CSV, CSVNoTime, WAV             string
	Unknown, Empty, Words, TimeOnly                              string
	Dir                                                          string
}

// Make writes every fixture into a new temporary folder.
func Make(t testing.TB) *Set {
	t.Helper()
	dir := t.TempDir()
	f := &Set{Dir: dir}
	de := CatalogBearing(t, "6205-2RS")

	// CWRU record 130 (outer race, 0 hp): 1 s at the catalogue's 12 kHz,
	// with its RPM stored as miUINT16 like the originals.
	x := OuterRace(t, de, 1796, 12000, 1, 1)
	fe := OuterRace(t, CatalogBearing(t, "6203-2RS"), 1796, 12000, 1, 2)
	f.CWRU = WriteFile(t, dir, "cwru/130.mat", MATFile(
		MATColumn("X130_DE_time", x), MATColumn("X130_FE_time", fe), MATRPM("X130RPM", 1796)))
	// A CWRU-shaped file not named after a catalogued record: no rate.
	f.CWRUOdd = WriteFile(t, dir, "cwru/rig7.mat", MATFile(MATColumn("X999_DE_time", x), MATRPM("X999RPM", 1796)))
	// A CWRU-shaped file with only a fan-end channel.
	f.CWRUFEOnly = WriteFile(t, dir, "cwru/131.mat", MATFile(MATColumn("X131_FE_time", fe)))

	// MFPT: struct bearing{sr, gs, load, rate} at 48 828 Hz, 25 Hz shaft.
	m := OuterRace(t, CatalogBearing(t, "MFPT"), 1500, 48828, 1, 3)
	f.MFPT = WriteFile(t, dir, "mfpt/OuterRaceFault_test.mat", MATFile(MATStruct("bearing",
		[]string{"sr", "gs", "load", "rate"},
		MATScalar("", 48828), MATColumn("", m), MATScalar("", 270), MATScalar("", 25))))
	// The same MFPT record carrying its bearing's defect orders.
	mo, err := CatalogBearing(t, "MFPT").Multiples()
	require.NoError(t, err)
	f.MFPTOrders = WriteFile(t, dir, "mfpt/OuterRaceFault_orders.mat", MATFile(MATStruct("bearing",
		[]string{"sr", "gs", "load", "rate", "BPFO", "BPFI", "BSF", "FTF"},
		MATScalar("", 48828), MATColumn("", m), MATScalar("", 270), MATScalar("", 25),
		MATScalar("", mo.BPFO), MATScalar("", mo.BPFI), MATScalar("", mo.BSF), MATScalar("", mo.FTF))))
	f.NoVars = WriteFile(t, dir, "bad/other.mat", MATFile(MATScalar("answer", 42)))
	f.Corrupt = WriteFile(t, dir, "bad/corrupt.mat", MATFile(MATColumn("X130_DE_time", x))[:700])

	// IMS: four tab-separated channels, one second at 20 kHz, 2000 rpm;
	// the fault on channel 3.
	za := CatalogBearing(t, "ZA-2115")
	quiet := func(seed uint64) []float64 {
		y := OuterRace(t, za, 2000, 20000, 1.024, seed)
		for i := range y {
			y[i] *= 1e-3
		}
		return y
	}
	f.IMS = WriteFile(t, dir, "ims/2004.02.12.10.32.39", Delimited(nil, "\t",
		quiet(4), quiet(5), OuterRace(t, za, 2000, 20000, 1.024, 6), quiet(7)))

	// FEMTO: acc file of condition 2 (1650 rpm), 0.1 s at 25.6 kHz.
	h := OuterRace(t, CatalogBearing(t, "PRONOSTIA"), 1650, 25600, 0.1, 8)
	clock := func(v float64) []float64 {
		c := make([]float64, len(h))
		for i := range c {
			c[i] = v
		}
		return c
	}
	us := make([]float64, len(h))
	for i := range us {
		us[i] = float64(i) * 39.0625
	}
	f.FEMTO = WriteFile(t, dir, "femto/Bearing2_1/acc_00001.csv",
		Delimited(nil, ",", clock(9), clock(39), clock(39), us, h, h))
	f.FEMTOTemp = WriteFile(t, dir, "femto/Bearing2_1/temp_00001.csv", []byte("9,39,39,1,75.5\n"))

	// XJTU-SY: condition 35Hz12kN (2100 rpm), 1.28 s at 25.6 kHz.
	xj := OuterRace(t, CatalogBearing(t, "UER204"), 2100, 25600, 1.28, 9)
	f.XJTU = WriteFile(t, dir, "xjtu/35Hz12kN/Bearing1_1/1.csv",
		Delimited([]string{"Horizontal_vibration_signals", "Vertical_vibration_signals"}, ",", xj, xj))

	// Generic CSV: time in seconds, then two channels; and one without a
	// time column.
	c := OuterRace(t, de, 1750, 10000, 1, 10)
	tm := make([]float64, len(c))
	for i := range tm {
		tm[i] = float64(i) / 10000
	}
	f.CSV = WriteFile(t, dir, "csv/probe.csv", Delimited([]string{"time", "accel_x", "accel_y"}, ",", tm, c, c))
	f.CSVNoTime = WriteFile(t, dir, "csv/notime.csv", Delimited([]string{"accel"}, ",", c))

	// WAV: stereo 16-bit, the fault on channel 1.
	w := OuterRace(t, de, 1750, 16000, 1, 11)
	f.WAV = WriteFile(t, dir, "wav/probe.wav", WAVPCM16(16000, w, w))

	f.Unknown = WriteFile(t, dir, "bad/blob.bin", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3})
	f.Empty = WriteFile(t, dir, "bad/empty.csv", nil)
	f.Words = WriteFile(t, dir, "bad/notes.csv", []byte("date,operator\n2024-01-02,alice\n"))
	f.TimeOnly = WriteFile(t, dir, "bad/times.csv", []byte("time\n0\n0.1\n"))
	return f
}

// MustRead returns the contents of path.
func MustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
